using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>A DataFrame split into valid and quarantined rows.</summary>
/// <param name="Report">The validation report (result format COMPLETE).</param>
/// <param name="InvalidRows">The invalid rows (indices into the input frame) and the expectations each failed.</param>
/// <param name="Valid">The rows that passed every row-level expectation, in input order, with the input's columns.</param>
/// <param name="Invalid">The other rows, in input order, with the input's columns plus <see cref="InvalidRows.FailedExpectationsColumn"/>.</param>
public sealed record DataFrameQuarantineResult(ValidationReport Report, InvalidRows InvalidRows, DataFrame Valid, DataFrame Invalid);

/// <summary>
/// Splits a <see cref="DataFrame"/> into valid and quarantined rows by the row-level expectations of a suite
/// (Pandera's <c>drop_invalid_rows</c>, keeping what was dropped and why). See <see cref="InvalidRows"/> for
/// which expectations make a row invalid: aggregate and table expectations never do.
/// </summary>
public static class DataFrameQuarantine
{
    /// <summary>Validates <paramref name="frame"/> against <paramref name="suite"/> and splits it.</summary>
    /// <param name="frame">The DataFrame (not changed; the results are new frames).</param>
    /// <param name="suite">The expectations.</param>
    /// <param name="options">Run options (parameters); the result format is always COMPLETE.</param>
    /// <returns>The report, the invalid rows and both frames.</returns>
    public static DataFrameQuarantineResult Quarantine(this DataFrame frame, ExpectationSuite suite, ValidationOptions? options = null) =>
        frame.QuarantineAsync(ValidationPlan.Compile(suite), options).AsTask().GetAwaiter().GetResult();

    /// <summary>Validates <paramref name="frame"/> with a compiled <paramref name="plan"/> and splits it.</summary>
    /// <param name="frame">The DataFrame (not changed; the results are new frames).</param>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="options">Run options (parameters); the result format is always COMPLETE.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report, the invalid rows and both frames.</returns>
    public static async ValueTask<DataFrameQuarantineResult> QuarantineAsync(this DataFrame frame, ValidationPlan plan, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(plan);
        if (frame.Columns.IndexOf(InvalidRows.FailedExpectationsColumn) >= 0)
        {
            throw new ArgumentException($"The DataFrame already has a column '{InvalidRows.FailedExpectationsColumn}'; the quarantine frame could not add it.", nameof(frame));
        }

        var verdict = await plan.FindInvalidRowsAsync(frame.AsDataSource(), options, cancellationToken).ConfigureAwait(false);
        var (valid, invalid) = Split(frame, verdict.InvalidRows);
        return new DataFrameQuarantineResult(verdict.Report, verdict.InvalidRows, valid, invalid);
    }

    /// <summary>Splits <paramref name="frame"/> by <paramref name="invalidRows"/> found over that same frame.</summary>
    /// <param name="frame">The validated DataFrame.</param>
    /// <param name="invalidRows">Its invalid rows (row indices of the frame).</param>
    /// <returns>The valid rows, and the invalid rows with <see cref="InvalidRows.FailedExpectationsColumn"/>.</returns>
    public static (DataFrame Valid, DataFrame Invalid) Split(DataFrame frame, InvalidRows invalidRows)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(invalidRows);
        var rows = invalidRows.Rows;
        if (rows.Length > 0 && rows[^1] >= frame.Rows.Count)
        {
            throw new ArgumentException($"Invalid row {rows[^1]} is outside the frame's {frame.Rows.Count} rows: the rows were found over other data.", nameof(invalidRows));
        }

        var keepValid = new BooleanDataFrameColumn("valid", frame.Rows.Count);
        var keepInvalid = new BooleanDataFrameColumn("invalid", frame.Rows.Count);
        keepValid.FillNulls(true, inPlace: true);
        keepInvalid.FillNulls(false, inPlace: true);
        foreach (var row in rows)
        {
            keepValid[row] = false;
            keepInvalid[row] = true;
        }

        var valid = frame.Filter(keepValid);
        var invalid = frame.Filter(keepInvalid);
        var labels = new StringDataFrameColumn(InvalidRows.FailedExpectationsColumn, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            labels[i] = invalidRows.Describe(rows[i]);
        }

        invalid.Columns.Add(labels);
        return (valid, invalid);
    }
}
