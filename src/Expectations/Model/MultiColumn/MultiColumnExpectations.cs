using Expectations.Model;

namespace Expectations;

/// <summary>
/// The arguments every GX column-pair expectation shares: two columns, which rows with nulls to skip, and
/// <c>mostly</c>. Rows with a null that are not skipped count as unexpected, as in GX.
/// </summary>
public abstract record ColumnPairExpectation : Expectation
{
    /// <summary>The first column of the pair.</summary>
    [Kwarg("column_A", Required = true)]
    public string ColumnA { get; init; } = "";

    /// <summary>The second column of the pair.</summary>
    [Kwarg("column_B", Required = true)]
    public string ColumnB { get; init; } = "";

    /// <summary>Which rows with nulls are skipped (default: rows where both are null); the others are unexpected.</summary>
    [Kwarg("ignore_row_if")]
    public PairIgnoreRowIf IgnoreRowIf { get; init; } = PairIgnoreRowIf.BothValuesAreMissing;

    /// <summary>The fraction of rows not skipped that must pass, in [0, 1]; null means 1.</summary>
    [Kwarg("mostly")]
    public double? Mostly { get; init; }

    /// <summary>Both columns, "A, B", as failure messages show them.</summary>
    public override string? ColumnName => $"{ColumnA}, {ColumnB}";

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => [ColumnA, ColumnB];

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        MultiColumnArguments.CheckColumn(errors, "column_A", ColumnA);
        MultiColumnArguments.CheckColumn(errors, "column_B", ColumnB);
        MultiColumnArguments.CheckMostly(errors, Mostly);
    }
}

/// <summary>
/// The arguments every GX multicolumn expectation shares: a list of columns, which rows with nulls to skip, and
/// <c>mostly</c>.
/// </summary>
public abstract record ColumnListExpectation : Expectation
{
    /// <summary>The columns the expectation looks at, together, row by row.</summary>
    [Kwarg("column_list", Required = true)]
    public ValueList<string> ColumnList { get; init; }

    /// <summary>Which rows with nulls are skipped (default: rows where every listed value is null).</summary>
    [Kwarg("ignore_row_if")]
    public MultiColumnIgnoreRowIf IgnoreRowIf { get; init; } = MultiColumnIgnoreRowIf.AllValuesAreMissing;

    /// <summary>The fraction of rows not skipped that must pass, in [0, 1]; null means 1.</summary>
    [Kwarg("mostly")]
    public double? Mostly { get; init; }

    /// <summary>The listed columns, "a, b", as failure messages show them.</summary>
    public override string? ColumnName => string.Join(", ", ColumnList);

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => ColumnList;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (ColumnList.Count == 0)
        {
            errors.Add("column_list", "must name at least one column");
        }
        else if (ColumnList.Any(string.IsNullOrEmpty))
        {
            errors.Add("column_list", "must not contain empty column names");
        }
        else if (ColumnList.Distinct(StringComparer.Ordinal).Count() != ColumnList.Count)
        {
            errors.Add("column_list", "must not name a column twice");
        }

        MultiColumnArguments.CheckMostly(errors, Mostly);
    }
}
