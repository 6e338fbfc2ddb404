namespace Expectations;

/// <summary>Options of <see cref="MarkdownReport"/>, <see cref="JUnitReport"/> and <see cref="HtmlReport"/>.</summary>
public sealed record ReportRenderOptions
{
    /// <summary>Failing on errors, five samples per failure.</summary>
    public static ReportRenderOptions Default { get; } = new();

    /// <summary>
    /// The severity from which a failed expectation fails the run: it decides the verdict a report shows, and which
    /// results are JUnit failures, so every format agrees with <see cref="ValidationReport.Failures"/> and the CLI's exit code.
    /// </summary>
    public Severity FailOn { get; init; } = Severity.Error;

    /// <summary>How many unexpected values (with their row indices) to show per result in summaries (HTML lists up to 200 per result).</summary>
    public int MaxSamples { get; init; } = 5;
}
