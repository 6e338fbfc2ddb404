namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_be_unique</c>: no non-null value occurs twice. Every occurrence of a repeated
/// value is unexpected, the first one included. Numbers compare by value, strings by exact text (ordinal),
/// NaN equals NaN (as pandas' <c>duplicated</c>) and 0.0 equals -0.0.
/// </summary>
public sealed record ColumnValuesToBeUnique : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_unique";

    /// <inheritdoc />
    public override string Type => TypeName;
}
