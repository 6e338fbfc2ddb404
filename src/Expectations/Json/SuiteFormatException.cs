namespace Expectations;

/// <summary>A suite file that cannot be read: the message names the JSON path (and line when the JSON itself is malformed).</summary>
public sealed class SuiteFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SuiteFormatException() { }

    /// <summary>Creates the exception with a message.</summary>
    public SuiteFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SuiteFormatException(string message, Exception innerException) : base(message, innerException) { }

    internal SuiteFormatException(string path, string message, Exception? inner = null)
        : base($"{path}: {message}", inner) => JsonPath = path;

    /// <summary>The JSON path of the bad element (for example <c>$.expectations[2].kwargs.mostly</c>), when known.</summary>
    public string? JsonPath { get; }

    /// <summary>The kwarg whose value is bad, when the problem is one kwarg's value.</summary>
    internal string? Argument { get; init; }

    /// <summary>What is wrong with <see cref="Argument"/>'s value (without the path), when known.</summary>
    internal string? Problem { get; init; }
}
