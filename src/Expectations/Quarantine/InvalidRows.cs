using System.Collections.Immutable;
using System.Text;

namespace Expectations;

/// <summary>
/// The rows of a dataset that failed at least one row-level expectation, and which expectations each failed:
/// the basis for splitting a dataset into valid and quarantined rows.
/// </summary>
/// <remarks>
/// <para>
/// A row-level expectation is one whose result lists the unexpected rows (<c>unexpected_index_list</c> under
/// result format COMPLETE): the column-map expectations (between, in set, not null, regex, length, unique ...),
/// the column-pair and compound-uniqueness expectations. Every row such an expectation flags is invalid,
/// whatever the expectation's severity and even when it passed thanks to <c>mostly</c>: <c>mostly</c> decides
/// whether the dataset is acceptable, not whether a row is good.
/// </para>
/// <para>
/// Aggregate and table expectations (a mean, a row count, a column set) judge the whole dataset and make no row
/// invalid; an expectation that raised an error (a missing column) has no rows to flag either. Both show up in
/// the report, which is what a pipeline gate looks at.
/// </para>
/// </remarks>
public sealed class InvalidRows
{
    // Per row-level result, its unexpected rows ascending and without repeats.
    private readonly long[][] _rowsByResult;
    private readonly long[] _allRows;

    private InvalidRows(ImmutableArray<ExpectationResult> rowLevel, long[][] rowsByResult)
    {
        RowLevelResults = rowLevel;
        _rowsByResult = rowsByResult;
        _allRows = [.. rowsByResult.SelectMany(r => r).Distinct().Order()];
        Labels = [.. rowLevel.Select(r => Label(r.Expectation))];
    }

    /// <summary>The name of the column that lists, for each quarantined row, the expectations it failed.</summary>
    public const string FailedExpectationsColumn = "_failed_expectations";

    /// <summary>The results that flag rows: those with an <c>unexpected_index_list</c>, in report order.</summary>
    public ImmutableArray<ExpectationResult> RowLevelResults { get; }

    /// <summary>One label per <see cref="RowLevelResults"/> entry, e.g. <c>expect_column_values_to_be_between(amount)</c>.</summary>
    public ImmutableArray<string> Labels { get; }

    /// <summary>How many distinct rows are invalid.</summary>
    public long Count => _allRows.Length;

    /// <summary>The invalid rows' global indices, ascending.</summary>
    public ReadOnlySpan<long> Rows => _allRows;

    /// <summary>
    /// Collects the invalid rows from a report run with result format COMPLETE (see
    /// <see cref="RowQuarantine.FindInvalidRowsAsync"/>, which runs it so).
    /// </summary>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentException">A row-level result has unexpected rows but no <c>unexpected_index_list</c>: the report was not run with COMPLETE.</exception>
    public static InvalidRows FromReport(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rowLevel = ImmutableArray.CreateBuilder<ExpectationResult>();
        var rows = new List<long[]>();
        foreach (var result in report.Results)
        {
            if (result.Result.UnexpectedIndexList is { } indices)
            {
                rowLevel.Add(result);
                rows.Add([.. indices.Distinct().Order()]);
            }
            else if (result.ExceptionInfo is null && result.Result.UnexpectedCount is > 0)
            {
                throw new ArgumentException(
                    $"{FailureText.Describe(result, 0)} has no unexpected_index_list: run the suite with result format COMPLETE to quarantine rows.",
                    nameof(report));
            }
        }

        return new InvalidRows(rowLevel.ToImmutable(), [.. rows]);
    }

    /// <summary>Whether the row with global index <paramref name="row"/> is invalid.</summary>
    public bool Contains(long row) => Array.BinarySearch(_allRows, row) >= 0;

    /// <summary>
    /// The labels of the expectations row <paramref name="row"/> failed, joined with <c>"; "</c> in report order
    /// (the <see cref="FailedExpectationsColumn"/> value); empty for a valid row.
    /// </summary>
    public string Describe(long row)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _rowsByResult.Length; i++)
        {
            if (Array.BinarySearch(_rowsByResult[i], row) >= 0)
            {
                Append(sb, i);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Walks the rows of <paramref name="chunk"/> (global indices ascending, as every source yields them) and
    /// tells for each whether it is invalid and, if so, which expectations it failed.
    /// </summary>
    /// <param name="chunk">A chunk of the validated source, read in order.</param>
    /// <param name="invalid">Set per row: true when the row is invalid; length at least <c>chunk.RowCount</c>.</param>
    /// <param name="labels">Receives, for each invalid row in order, its <see cref="Describe"/> text.</param>
    /// <returns>The number of invalid rows in the chunk.</returns>
    public int Classify(DataChunk chunk, Span<bool> invalid, List<string> labels)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(labels);
        if (invalid.Length < chunk.RowCount)
        {
            throw new ArgumentException($"Needs room for {chunk.RowCount} rows.", nameof(invalid));
        }

        invalid[..chunk.RowCount].Clear();
        if (chunk.RowCount == 0 || _allRows.Length == 0)
        {
            return 0;
        }

        // One cursor per result, started at the chunk's first row: the chunk's rows are ascending, so each
        // cursor only moves forward and a chunk costs O(rows + flagged rows) binary-search-free steps.
        var first = chunk.GlobalIndex(0);
        var cursors = new int[_rowsByResult.Length];
        for (var i = 0; i < cursors.Length; i++)
        {
            var at = Array.BinarySearch(_rowsByResult[i], first);
            cursors[i] = at >= 0 ? at : ~at;
        }

        var count = 0;
        var sb = new StringBuilder();
        for (var row = 0; row < chunk.RowCount; row++)
        {
            var global = chunk.GlobalIndex(row);
            sb.Clear();
            for (var i = 0; i < cursors.Length; i++)
            {
                var list = _rowsByResult[i];
                var c = cursors[i];
                while (c < list.Length && list[c] < global)
                {
                    c++;
                }

                cursors[i] = c;
                if (c < list.Length && list[c] == global)
                {
                    Append(sb, i);
                }
            }

            if (sb.Length > 0)
            {
                invalid[row] = true;
                labels.Add(sb.ToString());
                count++;
            }
        }

        return count;
    }

    private void Append(StringBuilder sb, int result)
    {
        if (sb.Length > 0)
        {
            sb.Append("; ");
        }

        sb.Append(Labels[result]);
    }

    /// <summary>
    /// <c>type(column)</c>, <c>type(a, b)</c> for pair and multi-column expectations, or the bare type; an
    /// expectation with an id adds it (<c>type(column)#id</c>) so two checks of one type on one column stay apart.
    /// </summary>
    internal static string Label(Expectation expectation)
    {
        var columns = Columns(expectation);
        var label = columns.Length == 0 ? expectation.Type : $"{expectation.Type}({string.Join(", ", columns)})";
        return expectation.Id is { Length: > 0 } id ? label + "#" + id : label;
    }

    /// <summary>The columns a failed row is blamed on: the expectation's column, or the columns it checks.</summary>
    private static string[] Columns(Expectation expectation) =>
        expectation.ColumnName is { } column && expectation is ColumnExpectation ? [column] : [.. expectation.CheckedColumns];
}
