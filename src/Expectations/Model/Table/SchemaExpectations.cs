namespace Expectations;

/// <summary>
/// GX <c>expect_column_to_exist</c>: the column is in the data, and at position <see cref="ColumnIndex"/> when given.
/// Answered from the schema; no data is read. Unlike GX, which skips the position check when the index is 0, every
/// given index is checked.
/// </summary>
public sealed record ColumnToExist : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_to_exist";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The zero-based position the column must have (a whole number or a suite parameter), or null for anywhere.</summary>
    [Kwarg("column_index", Integer = true)]
    public Scalar? ColumnIndex { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (errors.WholeNumber(ColumnIndex, "column_index", int.MaxValue) is < 0)
        {
            errors.Add("column_index", "must not be negative");
        }
    }
}

/// <summary>
/// GX <c>expect_table_columns_to_match_ordered_list</c>: the data's columns are exactly <see cref="ColumnList"/>, in
/// that order. Answered from the schema; no data is read.
/// </summary>
public sealed record TableColumnsToMatchOrderedList : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_columns_to_match_ordered_list";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The expected column names in order; null passes vacuously (as in GX).</summary>
    [Kwarg("column_list")]
    public ValueList<string>? ColumnList { get; init; }

    /// <summary>The expected columns (reports show them as what the expectation is about).</summary>
    public override IReadOnlyList<string> CheckedColumns => ColumnList is { } list ? list : [];
}

/// <summary>
/// GX <c>expect_table_columns_to_match_set</c>: the data's columns are <see cref="ColumnSet"/> in any order; with
/// <see cref="ExactMatch"/> false, extra columns are allowed. Answered from the schema; no data is read.
/// </summary>
public sealed record TableColumnsToMatchSet : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_columns_to_match_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The expected column names; null means none (passes vacuously unless <see cref="ExactMatch"/>).</summary>
    [Kwarg("column_set")]
    public ValueList<string>? ColumnSet { get; init; }

    /// <summary>Whether columns beyond <see cref="ColumnSet"/> fail (default true); missing ones always fail.</summary>
    [Kwarg("exact_match")]
    public bool ExactMatch { get; init; } = true;
}

/// <summary>
/// GX <c>expect_table_column_count_to_be_between</c>: the number of columns lies within the bounds (inclusive unless
/// strict). Answered from the schema; no data is read. A <c>min_value</c> above <c>max_value</c> is accepted, as GX
/// accepts it, and fails.
/// </summary>
public sealed record TableColumnCountToBeBetween : TableCountBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_column_count_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// GX <c>expect_table_column_count_to_equal</c>: the data has exactly <see cref="TableCountEqual.Value"/> columns. Answered from the
/// schema; no data is read.
/// </summary>
public sealed record TableColumnCountToEqual : TableCountEqual
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_column_count_to_equal";

    /// <inheritdoc />
    public override string Type => TypeName;
}
