namespace Expectations.Cli;

/// <summary>
/// The exit codes of the <c>expectations</c> tool: the one place they are defined (docs/cli.md describes them for users).
/// </summary>
internal static class ExitCodes
{
    /// <summary>The codes in one line, for the help text (a test checks it names every code below, as docs/cli.md does).</summary>
    public const string Summary = "Exit codes: 0 passed, 1 failed, 2 bad input, 3 internal error, 130 cancelled.";

    /// <summary>The data passed: no expectation of the failing severity (error, or warning with <c>--fail-on warning</c>) failed.</summary>
    public const int Success = 0;

    /// <summary>The data was read and at least one expectation of the failing severity failed (or raised an error while checking).</summary>
    public const int ValidationFailed = 1;

    /// <summary>
    /// Bad input, nothing validated: bad options, a missing or unreadable suite, invalid suite JSON, an unknown
    /// expectation type or invalid arguments, a missing, unreadable or corrupt data file.
    /// </summary>
    public const int InvalidInput = 2;

    /// <summary>A bug in the tool: an error it did not expect. The message asks for a bug report.</summary>
    public const int InternalError = 3;

    /// <summary>The run was cancelled (Ctrl+C or SIGTERM); 130 is what shells report for a SIGINT.</summary>
    public const int Cancelled = 130;
}
