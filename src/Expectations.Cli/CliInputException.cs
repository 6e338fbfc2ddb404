namespace Expectations.Cli;

/// <summary>Bad input the tool detected itself (a missing file, an unsupported data format): exit code 2 with this message.</summary>
internal sealed class CliInputException(string message) : Exception(message);
