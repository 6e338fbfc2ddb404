using System.Collections.Immutable;
using System.Text;

namespace Expectations;

/// <summary>The outcome of validating one dataset against one suite (GX's validation result shape).</summary>
public sealed record ValidationReport
{
    /// <summary>Whether no error-severity expectation failed.</summary>
    public bool Success => !Results.Any(r => r.Fails(Severity.Error));

    /// <summary>One result per expectation, in suite order.</summary>
    public required ImmutableArray<ExpectationResult> Results { get; init; }

    /// <summary>Counts of evaluated, successful and unsuccessful expectations.</summary>
    public ValidationStatistics Statistics => ValidationStatistics.From(Results);

    /// <summary>Suite name, data source, run time and engine version.</summary>
    public required ReportMeta Meta { get; init; }

    /// <summary>Results that fail at <paramref name="failOn"/> severity or worse.</summary>
    public IEnumerable<ExpectationResult> Failures(Severity failOn = Severity.Error) => Results.Where(r => r.Fails(failOn));

    /// <summary>
    /// Throws <see cref="ExpectationsFailedException"/> when an expectation of severity <paramref name="failOn"/>
    /// or worse failed; its message lists each failure with column, counts and sample values.
    /// </summary>
    /// <returns>This report, for chaining.</returns>
    public ValidationReport EnsureSuccess(Severity failOn = Severity.Error)
    {
        var failures = Failures(failOn).ToList();
        if (failures.Count == 0)
        {
            return this;
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfoInvariant($"Suite '{Meta.SuiteName}' failed on {Meta.DataSource}: {failures.Count} of {Results.Length} expectations failed."));
        foreach (var f in failures)
        {
            sb.AppendLine().Append("  - ").Append(FailureText.Describe(f));
        }

        throw new ExpectationsFailedException(sb.ToString(), this);
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);
}

/// <summary>GX's <c>statistics</c> block.</summary>
/// <param name="EvaluatedExpectations">Expectations run.</param>
/// <param name="SuccessfulExpectations">Expectations that held.</param>
/// <param name="UnsuccessfulExpectations">Expectations that failed or raised.</param>
/// <param name="SuccessPercent">Successful as a percentage of evaluated (100 when none ran).</param>
public sealed record ValidationStatistics(int EvaluatedExpectations, int SuccessfulExpectations, int UnsuccessfulExpectations, double SuccessPercent)
{
    internal static ValidationStatistics From(IReadOnlyCollection<ExpectationResult> results)
    {
        var ok = results.Count(r => r.Success);
        return new(results.Count, ok, results.Count - ok, results.Count == 0 ? 100 : 100.0 * ok / results.Count);
    }
}

/// <summary>Run metadata carried in the report's <c>meta</c>.</summary>
public sealed record ReportMeta
{
    /// <summary>The suite's name.</summary>
    public required string SuiteName { get; init; }

    /// <summary>What was validated (file path, "DataFrame", ...).</summary>
    public required string DataSource { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset RunTime { get; init; }

    /// <summary>How long the run took.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Rows read.</summary>
    public required long RowCount { get; init; }

    /// <summary>The default result format of the run.</summary>
    public required ResultFormatLevel ResultFormat { get; init; }

    /// <summary>What an incremental run (<see cref="ValidationOptions.StateStore"/>) recomputed and reused; null for other runs.</summary>
    public IncrementalRunInfo? Incremental { get; init; }

    /// <summary>Engine name and version, for example <c>expectations 0.1.0</c>.</summary>
    public string Engine { get; init; } = "expectations " + (typeof(ReportMeta).Assembly.GetName().Version?.ToString(3) ?? "0");
}

/// <summary>The <c>meta.incremental</c> of a report: how an incremental run used its saved partition states.</summary>
public sealed record IncrementalRunInfo
{
    /// <summary>Partitions read and computed in this run (new, changed, or whose saved state could not be used).</summary>
    public required int PartitionsRecomputed { get; init; }

    /// <summary>Partitions whose saved state was loaded instead of reading them.</summary>
    public required int PartitionsReused { get; init; }

    /// <summary>Saved states of partitions the source no longer has, deleted by this run.</summary>
    public required int PartitionsRemoved { get; init; }

    /// <summary>Bytes of state written by this run.</summary>
    public long StateBytesWritten { get; init; }

    /// <summary>Why saved states were not used (corrupt, of another plan, of an older format, ...), one line each.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];
}

/// <summary>Thrown by <see cref="ValidationReport.EnsureSuccess"/>: the message says what failed, where, and shows bad values.</summary>
public sealed class ExpectationsFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpectationsFailedException() { }

    /// <summary>Creates the exception with a message.</summary>
    public ExpectationsFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ExpectationsFailedException(string message, Exception innerException) : base(message, innerException) { }

    internal ExpectationsFailedException(string message, ValidationReport report) : base(message) => Report = report;

    /// <summary>The failed report.</summary>
    public ValidationReport? Report { get; }
}
