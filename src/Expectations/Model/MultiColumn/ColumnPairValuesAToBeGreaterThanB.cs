namespace Expectations;

/// <summary>
/// GX <c>expect_column_pair_values_a_to_be_greater_than_b</c>: in each row, the value of <see cref="ColumnPairExpectation.ColumnA"/> is
/// greater than (or, with <see cref="OrEqual"/>, equal to) the value of <see cref="ColumnPairExpectation.ColumnB"/>. Numbers compare by value
/// across integer and floating-point columns, timestamps with timestamps, strings by code point. Rows with a null
/// are skipped or unexpected as <see cref="ColumnPairExpectation.IgnoreRowIf"/> says; NaN is never greater nor equal.
/// </summary>
public sealed record ColumnPairValuesAToBeGreaterThanB : ColumnPairExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_pair_values_a_to_be_greater_than_b";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Whether equal values pass.</summary>
    [Kwarg("or_equal")]
    public bool OrEqual { get; init; }
}
