namespace Expectations;

/// <summary>
/// GX <c>expect_compound_columns_to_be_unique</c>: no combination of values of <see cref="ColumnListExpectation.ColumnList"/> occurs in more
/// than one row. Every row whose combination repeats is unexpected (all of its occurrences, as in GX); null counts as a
/// value, equal to null, in rows <see cref="ColumnListExpectation.IgnoreRowIf"/> keeps.
/// </summary>
public sealed record CompoundColumnsToBeUnique : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_compound_columns_to_be_unique";

    /// <inheritdoc />
    public override string Type => TypeName;
}
