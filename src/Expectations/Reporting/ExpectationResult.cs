using System.Text.Json;

namespace Expectations;

/// <summary>The outcome of one expectation, in Great Expectations' result shape.</summary>
public sealed record ExpectationResult
{
    /// <summary>Whether the expectation held (false when it raised an exception).</summary>
    public required bool Success { get; init; }

    /// <summary>The expectation that was checked.</summary>
    public required Expectation Expectation { get; init; }

    /// <summary>Observed values and counts; which fields are set depends on the result format.</summary>
    public ResultDetails Result { get; init; } = ResultDetails.Empty;

    /// <summary>Set when checking raised an error (missing column, wrong type, bad data): the reason.</summary>
    public ExceptionInfo? ExceptionInfo { get; init; }

    /// <summary>Whether this result fails the validation: unsuccessful and of severity error (or warning when <paramref name="failOn"/> is warning).</summary>
    public bool Fails(Severity failOn = Severity.Error) => !Success && Expectation.Severity <= failOn;

    /// <summary>The failed result of <paramref name="expectation"/> whose check raised <paramref name="exception"/>.</summary>
    /// <param name="expectation">The expectation.</param>
    /// <param name="exception">What it raised.</param>
    /// <param name="traceback">Whether the stack trace helps (an unexpected error); false for problems the message fully explains.</param>
    public static ExpectationResult Raised(Expectation expectation, Exception exception, bool traceback) => new()
    {
        Success = false,
        Expectation = expectation,
        ExceptionInfo = new ExceptionInfo(exception.Message, exception.GetType().Name, traceback ? exception.ToString() : null),
    };
}

/// <summary>An error raised while checking one expectation; the rest of the suite still ran.</summary>
/// <param name="ExceptionMessage">What went wrong and where (column, file, row group).</param>
/// <param name="ExceptionType">The error's type name.</param>
/// <param name="ExceptionTraceback">The stack trace, when useful for a bug report.</param>
public sealed record ExceptionInfo(string ExceptionMessage, string ExceptionType, string? ExceptionTraceback = null)
{
    /// <summary>Always true for a recorded exception (GX's <c>raised_exception</c>).</summary>
    public bool RaisedException => true;
}

/// <summary>How often one unexpected value occurred (GX's <c>partial_unexpected_counts</c> entries).</summary>
/// <param name="Value">The value.</param>
/// <param name="Count">How many of the sampled unexpected rows hold it.</param>
public sealed record UnexpectedValueCount(JsonElement Value, long Count);

/// <summary>
/// The <c>result</c> object of a GX validation result. Every field is optional: map expectations fill the
/// counts and samples, aggregate ones <see cref="ObservedValue"/>; the result format decides how many are kept.
/// </summary>
public sealed record ResultDetails
{
    /// <summary>No details (BOOLEAN_ONLY, or an expectation that raised).</summary>
    public static ResultDetails Empty { get; } = new();

    /// <summary>The observed statistic (a number, a list, an object), when the expectation has one.</summary>
    public JsonElement? ObservedValue { get; init; }

    /// <summary>Rows considered.</summary>
    public long? ElementCount { get; init; }

    /// <summary>Null (or ignored) rows.</summary>
    public long? MissingCount { get; init; }

    /// <summary>Missing rows as a percentage of <see cref="ElementCount"/>.</summary>
    public double? MissingPercent { get; init; }

    /// <summary>Rows that failed the check.</summary>
    public long? UnexpectedCount { get; init; }

    /// <summary>Unexpected rows as a percentage of non-missing rows (GX's definition).</summary>
    public double? UnexpectedPercent { get; init; }

    /// <summary>Unexpected rows as a percentage of all rows.</summary>
    public double? UnexpectedPercentTotal { get; init; }

    /// <summary>Unexpected rows as a percentage of non-missing rows.</summary>
    public double? UnexpectedPercentNonmissing { get; init; }

    /// <summary>The first unexpected values (capped by <c>partial_unexpected_count</c>).</summary>
    public IReadOnlyList<JsonElement>? PartialUnexpectedList { get; init; }

    /// <summary>
    /// The key columns that identify unexpected rows (the result format's <c>unexpected_index_column_names</c>), when
    /// set; <see cref="PartialUnexpectedIndexKeys"/> and <see cref="UnexpectedIndexKeys"/> then hold their values.
    /// </summary>
    public IReadOnlyList<string>? UnexpectedIndexColumnNames { get; init; }

    /// <summary>Global row indices of <see cref="PartialUnexpectedList"/>.</summary>
    public IReadOnlyList<long>? PartialUnexpectedIndexList { get; init; }

    /// <summary>
    /// With <see cref="UnexpectedIndexColumnNames"/>: for each row of <see cref="PartialUnexpectedIndexList"/>, an
    /// object of the checked column(s) and key columns, <c>{"amount": -3, "id": 7}</c> (only the key columns when
    /// values are excluded). The report's <c>partial_unexpected_index_list</c> shows these instead of row numbers.
    /// </summary>
    public IReadOnlyList<JsonElement>? PartialUnexpectedIndexKeys { get; init; }

    /// <summary>Counts of the distinct values in <see cref="PartialUnexpectedList"/>, most frequent first.</summary>
    public IReadOnlyList<UnexpectedValueCount>? PartialUnexpectedCounts { get; init; }

    /// <summary>Every unexpected value (COMPLETE only).</summary>
    public IReadOnlyList<JsonElement>? UnexpectedList { get; init; }

    /// <summary>Global row index of every unexpected value (COMPLETE only).</summary>
    public IReadOnlyList<long>? UnexpectedIndexList { get; init; }

    /// <summary>
    /// With <see cref="UnexpectedIndexColumnNames"/> at COMPLETE: the key object of every row of
    /// <see cref="UnexpectedIndexList"/>; the report's <c>unexpected_index_list</c> shows these instead of row numbers.
    /// </summary>
    public IReadOnlyList<JsonElement>? UnexpectedIndexKeys { get; init; }

    /// <summary>
    /// With the result format's <c>include_unexpected_rows</c>: the first unexpected rows (up to
    /// <c>partial_unexpected_count</c>), each an object of every column of the data.
    /// </summary>
    public IReadOnlyList<JsonElement>? UnexpectedRows { get; init; }

    /// <summary>Expectation-specific details (a JSON object).</summary>
    public JsonElement? Details { get; init; }
}
