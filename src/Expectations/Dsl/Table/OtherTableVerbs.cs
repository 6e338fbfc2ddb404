namespace Expectations;

/// <summary>Table verbs that compare the data with another table.</summary>
public static partial class TableVerbs
{
    /// <summary>
    /// The data has as many rows as the table supplied at run time as <paramref name="otherTableName"/> in
    /// <see cref="ValidationOptions.OtherTables"/> (GX <c>expect_table_row_count_to_equal_other_table</c>).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="otherTableName">The name the other table is supplied under.</param>
    public static TableBuilder RowCountEqualsOtherTable(this TableBuilder t, string otherTableName) =>
        t.Add(new TableRowCountToEqualOtherTable { OtherTableName = otherTableName });
}
