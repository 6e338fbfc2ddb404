namespace Expectations;

/// <summary>
/// GX <c>expect_select_column_values_to_be_unique_within_record</c>: in each row, the columns of
/// <see cref="ColumnListExpectation.ColumnList"/> hold pairwise different values, for example
/// <c>column_list: ["home_team", "away_team"]</c> (no team plays itself). A row where two of them are equal is unexpected.
/// Numbers compare by value across column types (1 equals 1.0), a number never equals a text, NaN equals NaN, and
/// two nulls in a row the <see cref="ColumnListExpectation.IgnoreRowIf"/> rule keeps count as the same value (pandas'
/// <c>nunique(dropna=False)</c>).
/// </summary>
public sealed record SelectColumnValuesToBeUniqueWithinRecord : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_select_column_values_to_be_unique_within_record";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// GX <c>expect_multicolumn_values_to_be_unique</c>, deprecated by GX in favour of
/// <c>expect_select_column_values_to_be_unique_within_record</c> and checked exactly like it: in each row, the
/// columns of <see cref="ColumnListExpectation.ColumnList"/> hold pairwise different values,
/// for example <c>column_list: ["primary_email", "backup_email"]</c>. Kept so that older suites run unchanged.
/// </summary>
public sealed record MulticolumnValuesToBeUnique : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_multicolumn_values_to_be_unique";

    /// <inheritdoc />
    public override string Type => TypeName;
}
