namespace Expectations;

/// <summary>GX <c>expect_column_values_to_not_be_null</c>: every row (or <c>mostly</c> of them) holds a value.</summary>
public sealed record ColumnValuesToNotBeNull : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_be_null";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_values_to_be_null</c>: every row (or <c>mostly</c> of them) is null.</summary>
public sealed record ColumnValuesToBeNull : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_null";

    /// <inheritdoc />
    public override string Type => TypeName;
}
