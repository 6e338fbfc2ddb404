using System.Text.Json;
using Expectations.Engine.Aggregate;
using Expectations.Engine.ColumnMap;
using Expectations.Engine.Checks;
using Expectations.Engine;
using Expectations.Model;

namespace Expectations;

/// <summary>What a row-level (column-map) check found: counts plus the first unexpected rows (global index and value).</summary>
/// <param name="ElementCount">Rows seen.</param>
/// <param name="MissingCount">Rows not checked (nulls, or rows ignored by <c>ignore_row_if</c>).</param>
/// <param name="UnexpectedCount">Checked rows that failed.</param>
/// <param name="SampleIndices">Global row indices of the first unexpected rows, ascending.</param>
/// <param name="SampleValues">Their values, as reports show them.</param>
/// <param name="SampleRows">
/// When row columns were asked for (<see cref="ExpectationResults.SampleRowColumns"/>): for each sample, a JSON object
/// of those columns' values in that row, in the order asked for; otherwise null.
/// </param>
public sealed record ColumnMapCounts(
    long ElementCount,
    long MissingCount,
    long UnexpectedCount,
    IReadOnlyList<long> SampleIndices,
    IReadOnlyList<JsonElement> SampleValues,
    IReadOnlyList<JsonElement>? SampleRows = null);

/// <summary>
/// Builds expectation results from computed counts and statistics, for every backend: the in-memory engine builds its
/// results through these same methods, so a backend that computes the same counts (a SQL engine) reports the same
/// fields and numbers (<c>mostly</c>, percentages, partial lists, <c>partial_unexpected_counts</c>, index keys).
/// </summary>
public static class ExpectationResults
{
    /// <summary>How many unexpected rows a backend must sample under <paramref name="format"/>: 0 for BOOLEAN_ONLY, all of them (<see cref="int.MaxValue"/>) for COMPLETE, else <see cref="ResultFormat.PartialUnexpectedCount"/>.</summary>
    /// <param name="format">The result format.</param>
    public static int SampleCap(ResultFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.SampleCap;
    }

    /// <summary>
    /// The columns whose values each unexpected-row sample must carry (<see cref="ColumnMapCounts.SampleRows"/>): every
    /// column of <paramref name="schema"/> for <see cref="ResultFormat.IncludeUnexpectedRows"/>, else the checked columns
    /// and <see cref="ResultFormat.UnexpectedIndexColumnNames"/>; empty when neither option is set.
    /// </summary>
    /// <param name="format">The result format.</param>
    /// <param name="schema">The data's column names, in order.</param>
    /// <param name="checkedColumns">The expectation's checked columns (<see cref="Expectation.CheckedColumns"/>).</param>
    public static IReadOnlyList<string> SampleRowColumns(ResultFormat format, IEnumerable<string> schema, IReadOnlyList<string> checkedColumns)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.SampleRowColumns(schema, checkedColumns);
    }

    /// <summary>GX's column-map result: success when at least <paramref name="mostly"/> of the non-missing rows pass (no rows pass).</summary>
    /// <param name="expectation">The expectation.</param>
    /// <param name="counts">The counts and samples (at least <see cref="SampleCap"/> samples when there are that many unexpected rows).</param>
    /// <param name="format">How much detail to report.</param>
    /// <param name="mostly">The fraction of checked rows that must pass.</param>
    /// <param name="countsMissing">
    /// False for checks that look at every row (the null expectations, GX's <c>nonnull_count=None</c>): the result then
    /// has no missing fields and <c>unexpected_percent</c> is taken over all rows.
    /// </param>
    /// <param name="domainColumns">The checked columns, shown first in <c>unexpected_index_list</c> objects; default <see cref="Expectation.CheckedColumns"/>.</param>
    public static ExpectationResult ColumnMap(Expectation expectation, ColumnMapCounts counts, ResultFormat format, double mostly = 1.0, bool countsMissing = true, IReadOnlyList<string>? domainColumns = null)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(format);
        var spec = expectation;
        var r = counts;
        var nonMissing = r.ElementCount - r.MissingCount;
        var success = nonMissing == 0 || (double)(nonMissing - r.UnexpectedCount) / nonMissing >= mostly - 1e-12;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return new ExpectationResult { Success = success, Expectation = spec };
        }

        var partialCount = Math.Min(format.PartialUnexpectedCount, r.SampleValues.Count);
        var values = !format.ExcludeUnexpectedValues;
        var partial = values ? r.SampleValues.Take(partialCount).ToArray() : null;
        var details = countsMissing
            ? new ResultDetails
            {
                ElementCount = r.ElementCount,
                MissingCount = r.MissingCount,
                MissingPercent = r.ElementCount > 0 ? 100.0 * r.MissingCount / r.ElementCount : null,
                UnexpectedCount = r.UnexpectedCount,
                UnexpectedPercent = nonMissing > 0 ? 100.0 * r.UnexpectedCount / nonMissing : null,
                UnexpectedPercentTotal = r.ElementCount > 0 ? 100.0 * r.UnexpectedCount / r.ElementCount : null,
                UnexpectedPercentNonmissing = nonMissing > 0 ? 100.0 * r.UnexpectedCount / nonMissing : null,
                PartialUnexpectedList = partial,
            }
            : new ResultDetails
            {
                ElementCount = r.ElementCount,
                UnexpectedCount = r.UnexpectedCount,
                UnexpectedPercent = r.ElementCount > 0 ? 100.0 * r.UnexpectedCount / r.ElementCount : null,
                PartialUnexpectedList = partial,
            };
        var keys = format.UnexpectedIndexColumnNames;
        if (keys.Count > 0)
        {
            details = details with { UnexpectedIndexColumnNames = keys };
        }

        if (format.IncludeUnexpectedRows && r.SampleRows is { } rows)
        {
            // GX keeps the head of the unexpected rows, partial_unexpected_count of them, at every level.
            details = details with { UnexpectedRows = rows.Take(partialCount).ToArray() };
        }

        if (format.Level == ResultFormatLevel.Basic)
        {
            return new ExpectationResult { Success = success, Expectation = spec, Result = details };
        }

        var indexKeys = keys.Count > 0 && r.SampleRows is { } sampleRows
            ? MapEvaluator<Expectation>.IndexKeys(sampleRows, keys, domainColumns ?? spec.CheckedColumns, values)
            : null;

        // As GX's _format_map_output: a partial_unexpected_count of 0 suppresses the counts and the partial index list.
        if (format.PartialUnexpectedCount > 0)
        {
            details = details with
            {
                PartialUnexpectedIndexList = r.SampleIndices.Take(partialCount).ToArray(),
                PartialUnexpectedIndexKeys = indexKeys?.Take(partialCount).ToArray(),
            };
            if (values)
            {
                // GX counts the values it holds: the partial list at SUMMARY, every unexpected value at COMPLETE.
                var counted = format.Level == ResultFormatLevel.Complete ? r.SampleValues : partial!;
                details = details with { PartialUnexpectedCounts = MapEvaluator<Expectation>.CountValues(counted, format.PartialUnexpectedCount) };
            }
        }

        if (format.Level == ResultFormatLevel.Complete)
        {
            details = details with
            {
                UnexpectedList = values ? r.SampleValues : null,
                UnexpectedIndexList = r.SampleIndices,
                UnexpectedIndexKeys = indexKeys,
            };
        }

        return new ExpectationResult { Success = success, Expectation = spec, Result = details };
    }

    /// <summary>
    /// The result of a "statistic between bounds" expectation (min, max, mean, median, sum, standard deviation, unique
    /// count, unique proportion): success when <paramref name="observed"/> lies within the bounds; a null statistic
    /// (no values) fails any bound. Under COMPLETE it also carries the element and missing counts.
    /// </summary>
    /// <param name="expectation">The expectation.</param>
    /// <param name="observed">The statistic: an integer (kept exact), a number, a string or a boolean; null when the column has no values.</param>
    /// <param name="kind">The column's kind: an integer statistic of a <see cref="DataKind.Timestamp"/> column is ticks, written as ISO-8601; of a <see cref="DataKind.Boolean"/> column, a boolean.</param>
    /// <param name="elementCount">Rows seen.</param>
    /// <param name="missingCount">Rows without a value.</param>
    /// <param name="format">How much detail to report.</param>
    /// <remarks>A bound that cannot be compared with the statistic (a string bound of a number) gives the failed result with that <c>exception_info</c>, as in memory.</remarks>
    public static ExpectationResult AggregateBetween(ColumnAggregateBetween expectation, Scalar observed, DataKind kind, long elementCount, long missingCount, ResultFormat format)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(format);
        var value = observed.Kind switch
        {
            ScalarKind.Null => Observed.None,
            ScalarKind.Integer => kind is DataKind.Timestamp or DataKind.Boolean ? Observed.OfInteger(observed.AsInt128(), kind) : Observed.OfInteger(observed.AsInt128()),
            ScalarKind.Number => Observed.Of(observed.AsDouble()),
            ScalarKind.String => Observed.OfText(observed.AsString()),
            ScalarKind.Boolean => Observed.OfInteger(observed.AsBoolean() ? 1 : 0, DataKind.Boolean),
            _ => throw new ArgumentException($"{observed} is not a statistic.", nameof(observed)),
        };
        try
        {
            return AggregateBetweenEvaluator<ColumnAggregateBetween>.BuildResult(expectation, new Observation(value, elementCount, missingCount), format);
        }
        catch (ExpectationException ex)
        {
            // A bound that cannot be compared with the statistic: the same exception_info the in-memory engine reports.
            return ExpectationResult.Raised(expectation, ex, traceback: false);
        }
    }

    /// <summary>
    /// The result of <c>expect_table_row_count_to_be_between</c> or <c>expect_table_row_count_to_equal</c> for
    /// <paramref name="rowCount"/> rows.
    /// </summary>
    /// <param name="expectation">A <see cref="TableRowCountToBeBetween"/> or <see cref="TableRowCountToEqual"/>.</param>
    /// <param name="rowCount">The rows counted.</param>
    /// <param name="format">How much detail to report.</param>
    /// <exception cref="ArgumentException">Another expectation type.</exception>
    public static ExpectationResult RowCount(Expectation expectation, long rowCount, ResultFormat format)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(format);
        var success = expectation switch
        {
            TableRowCountToBeBetween between => between.Bounds.Contains(rowCount),
            TableRowCountToEqual equal => rowCount == WholeNumbers.Of(equal.Value, "value"),
            _ => throw new ArgumentException($"{expectation.Type} is not a row-count expectation.", nameof(expectation)),
        };
        return new ExpectationResult { Success = success, Expectation = expectation, Result = ObservedDetails.Of(rowCount, format) };
    }

    /// <summary>
    /// The failed result of an expectation the data cannot be checked for (a missing column, a wrong type, a statistic
    /// the engine cannot compute): <c>exception_info</c> with <paramref name="message"/> and no traceback, exactly as the
    /// in-memory engine reports such problems.
    /// </summary>
    /// <param name="expectation">The expectation.</param>
    /// <param name="message">What is wrong and where (column, engine).</param>
    public static ExpectationResult Error(Expectation expectation, string message)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentException.ThrowIfNullOrEmpty(message);
        return ExpectationResult.Raised(expectation, new ExpectationException(message), traceback: false);
    }

    /// <summary>
    /// Whether <paramref name="expectation"/> judges only the schema (column names, their order and count) and so needs
    /// no query over the rows: <see cref="Schema"/> builds its result from the column list.
    /// </summary>
    /// <param name="expectation">The expectation.</param>
    public static bool IsSchemaOnly(Expectation expectation) =>
        expectation is ColumnToExist or TableColumnsToMatchOrderedList or TableColumnsToMatchSet or TableColumnCountToBeBetween or TableColumnCountToEqual;

    /// <summary>
    /// The result of a schema expectation (<see cref="IsSchemaOnly"/>) over <paramref name="columns"/>, built by the
    /// in-memory engine's own evaluator, so every backend reports the same observed value and details.
    /// </summary>
    /// <param name="expectation">A schema expectation.</param>
    /// <param name="columns">The data's columns, in order.</param>
    /// <param name="format">How much detail to report.</param>
    /// <exception cref="ArgumentException"><paramref name="expectation"/> is not a schema expectation.</exception>
    public static ExpectationResult Schema(Expectation expectation, IReadOnlyList<ColumnInfo> columns, ResultFormat format)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(format);
        if (!IsSchemaOnly(expectation))
        {
            throw new ArgumentException($"{expectation.Type} is not a schema expectation.", nameof(expectation));
        }

        var evaluator = BuiltInEvaluators.All().First(e => e.ModelType == expectation.GetType()).Create(expectation);
        evaluator.Bind(new Binding(new ColumnIndex(columns), format, key => throw new InvalidOperationException($"A schema expectation asked for the metric {key}.")));
        return evaluator.Evaluate(new MetricResults(), format);
    }

    /// <summary>
    /// The failed result of <paramref name="expectation"/> when <paramref name="column"/> is not among <paramref name="columns"/>,
    /// with the in-memory engine's message (naming the closest columns).
    /// </summary>
    /// <param name="expectation">The expectation.</param>
    /// <param name="column">The missing column.</param>
    /// <param name="columns">The data's columns.</param>
    public static ExpectationResult MissingColumn(Expectation expectation, string column, IReadOnlyList<ColumnInfo> columns)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(columns);
        try
        {
            _ = new ColumnIndex(columns).Get(column);
        }
        catch (ExpectationException ex)
        {
            return ExpectationResult.Raised(expectation, ex, traceback: false);
        }

        throw new ArgumentException($"Column '{column}' is in the data.", nameof(column));
    }
}
