namespace Expectations;

/// <summary>Table verbs about several columns at once.</summary>
public static partial class TableVerbs
{
    /// <summary>
    /// In each row, <paramref name="columnA"/> is greater than (or, with <paramref name="orEqual"/>, equal to)
    /// <paramref name="columnB"/> (GX <c>expect_column_pair_values_a_to_be_greater_than_b</c>).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columnA">The column whose values must be greater.</param>
    /// <param name="columnB">The column whose values must be smaller.</param>
    /// <param name="orEqual">Whether equal values pass.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped; the others count as unexpected.</param>
    /// <param name="mostly">The fraction of rows not skipped that must pass, or null for all.</param>
    public static TableBuilder ColumnGreaterThan(this TableBuilder t, string columnA, string columnB, bool orEqual = false,
        PairIgnoreRowIf ignoreRowIf = PairIgnoreRowIf.BothValuesAreMissing, double? mostly = null) =>
        t.Add(new ColumnPairValuesAToBeGreaterThanB { ColumnA = columnA, ColumnB = columnB, OrEqual = orEqual, IgnoreRowIf = ignoreRowIf, Mostly = mostly });

    /// <summary>No combination of values of <paramref name="columns"/> occurs twice (GX <c>expect_compound_columns_to_be_unique</c>).</summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columns">The columns whose combined values must be unique.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped.</param>
    /// <param name="mostly">The fraction of rows not skipped that must be unique, or null for all.</param>
    public static TableBuilder CompoundUnique(this TableBuilder t, IEnumerable<string> columns,
        MultiColumnIgnoreRowIf ignoreRowIf = MultiColumnIgnoreRowIf.AllValuesAreMissing, double? mostly = null) =>
        t.Add(new CompoundColumnsToBeUnique { ColumnList = ValueList.From(columns), IgnoreRowIf = ignoreRowIf, Mostly = mostly });

    /// <summary>
    /// No combination of values of <paramref name="columns"/> occurs twice once their texts are normalised (GX
    /// <c>expect_compound_columns_to_be_unique</c> with <c>normalize</c>); columns that do not hold text compare exactly.
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columns">The columns whose combined values must be unique; at least one must hold text.</param>
    /// <param name="normalize">The steps applied to the text columns' values before combinations compare.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped.</param>
    /// <param name="mostly">The fraction of rows not skipped that must be unique, or null for all.</param>
    public static TableBuilder CompoundUnique(this TableBuilder t, IEnumerable<string> columns, TextNormalization normalize,
        MultiColumnIgnoreRowIf ignoreRowIf = MultiColumnIgnoreRowIf.AllValuesAreMissing, double? mostly = null) =>
        t.Add(new CompoundColumnsToBeUnique { ColumnList = ValueList.From(columns), Normalize = normalize, IgnoreRowIf = ignoreRowIf, Mostly = mostly });

    /// <summary>In each row, <paramref name="columnA"/> equals <paramref name="columnB"/> (GX <c>expect_column_pair_values_to_be_equal</c>).</summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columnA">The first column.</param>
    /// <param name="columnB">The second column.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped; the others count as unexpected.</param>
    /// <param name="mostly">The fraction of rows not skipped that must pass, or null for all.</param>
    public static TableBuilder ColumnsEqual(this TableBuilder t, string columnA, string columnB,
        PairIgnoreRowIf ignoreRowIf = PairIgnoreRowIf.BothValuesAreMissing, double? mostly = null) =>
        t.Add(new ColumnPairValuesToBeEqual { ColumnA = columnA, ColumnB = columnB, IgnoreRowIf = ignoreRowIf, Mostly = mostly });

    /// <summary>
    /// In each row, the pair (<paramref name="columnA"/>, <paramref name="columnB"/>) is one of <paramref name="pairs"/>
    /// (GX <c>expect_column_pair_values_to_be_in_set</c>).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columnA">The first column.</param>
    /// <param name="columnB">The second column.</param>
    /// <param name="pairs">The allowed (A, B) pairs.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped; the others count as unexpected.</param>
    /// <param name="mostly">The fraction of rows not skipped that must pass, or null for all.</param>
    public static TableBuilder ColumnPairInSet(this TableBuilder t, string columnA, string columnB, IEnumerable<(Scalar A, Scalar B)> pairs,
        PairIgnoreRowIf ignoreRowIf = PairIgnoreRowIf.BothValuesAreMissing, double? mostly = null) =>
        t.Add(new ColumnPairValuesToBeInSet
        {
            ColumnA = columnA,
            ColumnB = columnB,
            ValuePairsSet = ValueList.From(pairs.Select(p => ValueList.Create([p.A, p.B]))),
            IgnoreRowIf = ignoreRowIf,
            Mostly = mostly,
        });

    /// <summary>In each row, the values of <paramref name="columns"/> add up to <paramref name="sumTotal"/> (GX <c>expect_multicolumn_sum_to_equal</c>).</summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columns">The numeric columns to add.</param>
    /// <param name="sumTotal">The sum every row must have.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped; the others count as unexpected.</param>
    /// <param name="mostly">The fraction of rows not skipped that must pass, or null for all.</param>
    public static TableBuilder ColumnsSumTo(this TableBuilder t, IEnumerable<string> columns, Scalar sumTotal,
        MultiColumnIgnoreRowIf ignoreRowIf = MultiColumnIgnoreRowIf.AllValuesAreMissing, double? mostly = null) =>
        t.Add(new MulticolumnSumToEqual { ColumnList = ValueList.From(columns), SumTotal = sumTotal, IgnoreRowIf = ignoreRowIf, Mostly = mostly });

    /// <summary>
    /// In each row, the values of <paramref name="columns"/> are pairwise different
    /// (GX <c>expect_select_column_values_to_be_unique_within_record</c>).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columns">The columns whose values must differ within each row.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped.</param>
    /// <param name="mostly">The fraction of rows not skipped that must pass, or null for all.</param>
    public static TableBuilder UniqueWithinRow(this TableBuilder t, IEnumerable<string> columns,
        MultiColumnIgnoreRowIf ignoreRowIf = MultiColumnIgnoreRowIf.AllValuesAreMissing, double? mostly = null) =>
        t.Add(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ValueList.From(columns), IgnoreRowIf = ignoreRowIf, Mostly = mostly });

    /// <summary>
    /// No two listed columns hold the same value in a row (GX's deprecated <c>expect_multicolumn_values_to_be_unique</c>,
    /// the same check as <see cref="UniqueWithinRow"/>; kept so that older suites round-trip through the DSL).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columns">The columns compared within each row.</param>
    /// <param name="ignoreRowIf">Which rows with nulls are skipped.</param>
    /// <param name="mostly">The fraction of rows not skipped that must pass, or null for all.</param>
    public static TableBuilder MulticolumnValuesUnique(this TableBuilder t, IEnumerable<string> columns,
        MultiColumnIgnoreRowIf ignoreRowIf = MultiColumnIgnoreRowIf.AllValuesAreMissing, double? mostly = null) =>
        t.Add(new MulticolumnValuesToBeUnique { ColumnList = ValueList.From(columns), IgnoreRowIf = ignoreRowIf, Mostly = mostly });
}
