namespace Expectations;

/// <summary>
/// GX <c>expect_column_pair_values_to_be_equal</c>: in each row, the value of <see cref="ColumnPairExpectation.ColumnA"/>
/// equals the value of <see cref="ColumnPairExpectation.ColumnB"/>, for example <c>billed_amount == paid_amount</c>.
/// Numbers compare by value across integer, floating-point and decimal columns (<c>1 == 1.0</c>); timestamps,
/// booleans and strings compare with their own kind, strings exactly. A number never equals a text, as in Python
/// (<c>1 == "1"</c> is false), so such rows are unexpected. NaN equals nothing. Unexpected values are reported as
/// <c>[a, b]</c> pairs; rows with a null are skipped or unexpected as <see cref="ColumnPairExpectation.IgnoreRowIf"/> says.
/// </summary>
public sealed record ColumnPairValuesToBeEqual : ColumnPairExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_pair_values_to_be_equal";

    /// <inheritdoc />
    public override string Type => TypeName;
}
