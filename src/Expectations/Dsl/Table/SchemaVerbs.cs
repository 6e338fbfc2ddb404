namespace Expectations;

/// <summary>Table verbs about the schema: answered from the column list, without reading data.</summary>
public static partial class TableVerbs
{
    /// <summary>Column <paramref name="column"/> exists, at zero-based <paramref name="index"/> when given (GX <c>expect_column_to_exist</c>); the index may be a suite parameter.</summary>
    public static TableBuilder ColumnExists(this TableBuilder t, string column, Scalar? index = null) =>
        t.Add(new ColumnToExist { Column = column, ColumnIndex = index });

    /// <summary>The columns are exactly <paramref name="columns"/>, in this order (GX <c>expect_table_columns_to_match_ordered_list</c>).</summary>
    public static TableBuilder ColumnsMatchOrderedList(this TableBuilder t, params IEnumerable<string> columns) =>
        t.Add(new TableColumnsToMatchOrderedList { ColumnList = ValueList.From(columns) });

    /// <summary>
    /// The columns are <paramref name="columns"/> in any order; with <paramref name="exactMatch"/> false, other columns may
    /// exist too (GX <c>expect_table_columns_to_match_set</c>).
    /// </summary>
    public static TableBuilder ColumnsMatchSet(this TableBuilder t, IEnumerable<string> columns, bool exactMatch = true) =>
        t.Add(new TableColumnsToMatchSet { ColumnSet = ValueList.From(columns), ExactMatch = exactMatch });

    /// <summary>The number of columns lies within bounds (GX <c>expect_table_column_count_to_be_between</c>): whole numbers or suite parameters.</summary>
    public static TableBuilder ColumnCount(this TableBuilder t, Scalar? min = null, Scalar? max = null) =>
        t.Add(new TableColumnCountToBeBetween { Bounds = new(min, max) });

    /// <summary>The table has exactly <paramref name="columns"/> columns (GX <c>expect_table_column_count_to_equal</c>): a whole number or a suite parameter.</summary>
    public static TableBuilder ColumnCountEquals(this TableBuilder t, Scalar columns) => t.Add(new TableColumnCountToEqual { Value = columns });

    /// <summary>
    /// No row matches <paramref name="query"/>, GX's <c>unexpected_rows_expectation</c>:
    /// <c>SELECT * FROM {batch} WHERE &lt;condition&gt;</c> with SQL comparisons and AND / OR / NOT.
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="query">The query selecting the unexpected rows.</param>
    public static TableBuilder NoRowsMatching(this TableBuilder t, string query) => t.Add(new UnexpectedRowsExpectation { UnexpectedRowsQuery = query });
}
