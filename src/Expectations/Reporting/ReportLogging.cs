using Microsoft.Extensions.Logging;

namespace Expectations;

/// <summary>
/// Writes a <see cref="ValidationReport"/> to a <c>Microsoft.Extensions.Logging</c> logger: one summary line,
/// then one structured entry per unsuccessful expectation.
/// </summary>
/// <remarks>
/// Levels: the summary is <see cref="LogLevel.Information"/> when every expectation held,
/// <see cref="LogLevel.Warning"/> when only expectations below <c>failOn</c> failed, and
/// <see cref="LogLevel.Error"/> when the validation fails. A failed expectation logs at
/// <see cref="LogLevel.Error"/> when it fails the validation, otherwise at the level of its severity
/// (warning → Warning, info → Information); an expectation that raised logs at Error.
/// Structured properties: <c>Suite</c>, <c>DataSource</c>, <c>Evaluated</c>, <c>Failed</c>, <c>RowCount</c>,
/// <c>DurationMs</c> on the summary; <c>ExpectationType</c>, <c>Column</c>, <c>Severity</c>,
/// <c>UnexpectedCount</c>, <c>Details</c> on each failure.
/// </remarks>
public static partial class ReportLogging
{
    /// <summary>Event id of the summary line.</summary>
    public static readonly EventId SummaryEvent = new(7100, "ValidationSummary");

    /// <summary>Event id of each unsuccessful expectation.</summary>
    public static readonly EventId FailureEvent = new(7101, "ExpectationFailed");

    /// <summary>Event id of each expectation that raised an error.</summary>
    public static readonly EventId ErrorEvent = new(7102, "ExpectationError");

    /// <summary>Logs the report's summary and each unsuccessful expectation to <paramref name="logger"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="failOn">The severity from which a failure fails the validation (decides Error vs Warning).</param>
    /// <param name="maxSamples">How many unexpected values each failure's <c>Details</c> shows.</param>
    /// <returns>The report, for chaining (<c>report.LogTo(logger).EnsureSuccess()</c>).</returns>
    public static ValidationReport LogTo(this ValidationReport report, ILogger logger, Severity failOn = Severity.Error, int maxSamples = 5)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(logger);
        var failed = report.Results.Count(r => !r.Success);
        var failing = report.Failures(failOn).Any();
        var level = failing ? LogLevel.Error : failed > 0 ? LogLevel.Warning : LogLevel.Information;
        var meta = report.Meta;
        if (logger.IsEnabled(level))
        {
            var durationMs = Math.Round(meta.Duration.TotalMilliseconds, 1);
            Summary(logger, level, meta.SuiteName, meta.DataSource, failing ? "failed" : "passed", report.Results.Length, failed, meta.RowCount, durationMs);
        }

        foreach (var result in report.Results.Where(r => !r.Success))
        {
            var e = result.Expectation;
            var column = e.ColumnName ?? "(table)";
            var severity = e.Severity.ToString().ToLowerInvariant();
            if (result.ExceptionInfo is { } error)
            {
                Error(logger, e.Type, column, severity, error.ExceptionType, error.ExceptionMessage);
                continue;
            }

            var failureLevel = result.Fails(failOn) ? LogLevel.Error : e.Severity == Severity.Warning ? LogLevel.Warning : LogLevel.Information;
            if (logger.IsEnabled(failureLevel))
            {
                var details = FailureText.Summary(result, maxSamples);
                Failure(logger, failureLevel, e.Type, column, severity, result.Result.UnexpectedCount, details);
            }
        }

        return report;
    }

    [LoggerMessage(EventId = 7100, EventName = "ValidationSummary",
        Message = "Suite {Suite} {Outcome} on {DataSource}: {Failed} of {Evaluated} expectations unsuccessful ({RowCount} rows, {DurationMs} ms)")]
    private static partial void Summary(ILogger logger, LogLevel level, string suite, string dataSource, string outcome, int evaluated, int failed, long rowCount, double durationMs);

    [LoggerMessage(EventId = 7101, EventName = "ExpectationFailed",
        Message = "{ExpectationType} on {Column} failed ({Severity}, {UnexpectedCount} unexpected): {Details}")]
    private static partial void Failure(ILogger logger, LogLevel level, string expectationType, string column, string severity, long? unexpectedCount, string details);

    [LoggerMessage(EventId = 7102, EventName = "ExpectationError", Level = LogLevel.Error,
        Message = "{ExpectationType} on {Column} raised {ErrorType} ({Severity}): {Error}")]
    private static partial void Error(ILogger logger, string expectationType, string column, string severity, string errorType, string error);
}
