using Expectations.Model;

namespace Expectations;

/// <summary>
/// <c>expect_table_time_range_to_precede_other_table</c> (not in GX): every row of this table is earlier, by at least
/// <see cref="Gap"/>, than every row of the table supplied as <see cref="OtherTableName"/> — a training split that
/// ends before its validation split begins. A row here at time <c>t</c> violates it when <c>t + gap &gt; min(other)</c>; a
/// row there at time <c>u</c> when <c>u &lt; max(this) + gap</c> (equal times are 0 apart, which the default gap of 0
/// allows: give a gap of <c>PT0.0000001S</c> for strictly earlier). Nulls are left out on both sides. The observed value is
/// the actual gap, <c>min(other) − max(this)</c>, in seconds (negative when the ranges overlap); the details give both
/// bounds and the violating rows of each side (counts and samples with row indices). An empty side passes vacuously,
/// and the details say so. A <c>row_condition</c> filters this table only.
/// </summary>
public sealed record TableTimeRangeToPrecedeOtherTable : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_time_range_to_precede_other_table";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The timestamp column, present in both tables.</summary>
    [Kwarg("time_column", Required = true)]
    public string TimeColumn { get; init; } = "";

    /// <summary>The name under which the later table is supplied.</summary>
    [Kwarg("other_table_name", Required = true)]
    public string OtherTableName { get; init; } = "";

    /// <summary>The least distance between this table's last row and the other's first, as an ISO-8601 duration (<c>P7D</c>, <c>PT36H</c>); null means 0.</summary>
    [Kwarg("gap")]
    public string? Gap { get; init; }

    /// <inheritdoc />
    public override string? ColumnName => TimeColumn;

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => [TimeColumn];

    /// <summary>The gap as a duration.</summary>
    internal TimeSpan GapValue => Gap is null ? TimeSpan.Zero : IsoDuration.Parse(Gap);

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        MultiColumnArguments.CheckColumn(errors, "time_column", TimeColumn);
        errors.CheckTableName(OtherTableName);

        if (Gap is not null && !IsoDuration.TryParse(Gap, out _, out var error))
        {
            errors.Add("gap", error);
        }
    }
}

/// <summary>
/// <c>expect_column_values_to_not_be_in_other_table</c> (not in GX): no key of this table occurs in the table supplied as
/// <see cref="OtherTableName"/> — the same <c>user_id</c> in train and test (entity leakage), or, with every feature
/// column as <see cref="ColumnList"/>, the same row in both (duplicate leakage). The key is <see cref="Column"/> or the
/// combination of <see cref="ColumnList"/>; keys compare exactly (integers of any width by value, floats by value with
/// NaN equal to NaN and −0 equal to 0, text by its exact bytes), and each column must be of the same kind in both
/// tables. Unexpected rows are the rows here whose key occurs there. With <see cref="Column"/>, null keys are missing
/// values, left out on both sides; with <see cref="ColumnList"/>, <see cref="IgnoreRowIf"/> decides (by default rows
/// whose listed values are all null), and null equals null in the others. The details list the leaked keys with their
/// row counts and first row on each side. Exact: the other table's distinct keys are held in a hash set (read once,
/// however many parts the data has), and this table streams past it. A <c>row_condition</c> filters this table only.
/// </summary>
public sealed record ColumnValuesToNotBeInOtherTable : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_be_in_other_table";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The key column (or give <see cref="ColumnList"/>).</summary>
    [Kwarg("column")]
    public string? Column { get; init; }

    /// <summary>The key columns, compared together (or give <see cref="Column"/>).</summary>
    [Kwarg("column_list")]
    public ValueList<string>? ColumnList { get; init; }

    /// <summary>The name under which the other table is supplied.</summary>
    [Kwarg("other_table_name", Required = true)]
    public string OtherTableName { get; init; } = "";

    /// <summary>With <see cref="ColumnList"/>: which rows with nulls are left out (default: rows whose listed values are all null).</summary>
    [Kwarg("ignore_row_if")]
    public MultiColumnIgnoreRowIf? IgnoreRowIf { get; init; }

    /// <summary>The fraction of checked rows whose key must not occur in the other table, in [0, 1]; null means 1.</summary>
    [Kwarg("mostly")]
    public double? Mostly { get; init; }

    /// <summary>The key columns: <see cref="Column"/> alone, or <see cref="ColumnList"/>.</summary>
    public IReadOnlyList<string> KeyColumns => Column is { } c ? [c] : ColumnList is { } list ? list : [];

    /// <inheritdoc />
    public override string? ColumnName => string.Join(", ", KeyColumns);

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => KeyColumns;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Column is null == ColumnList is null)
        {
            errors.Add("column", "or column_list is required, not both: give the key column, or the columns that form the key together");
        }
        else if (Column is not null)
        {
            MultiColumnArguments.CheckColumn(errors, "column", Column);
            if (IgnoreRowIf is not null)
            {
                errors.Add("ignore_row_if", "applies to column_list; with column, null keys are always left out");
            }
        }
        else if (ColumnList is { } list)
        {
            if (list.Count == 0)
            {
                errors.Add("column_list", "must name at least one column");
            }
            else if (list.Any(string.IsNullOrEmpty))
            {
                errors.Add("column_list", "must not contain empty column names");
            }
            else if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
            {
                errors.Add("column_list", "must not name a column twice");
            }
        }

        errors.CheckTableName(OtherTableName);

        MultiColumnArguments.CheckMostly(errors, Mostly);
    }
}
