namespace Expectations;

/// <summary>GX <c>expect_column_values_to_be_in_set</c>: each non-null value is one of <see cref="ValueSet"/>.</summary>
public sealed record ColumnValuesToBeInSet : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The allowed values. Timestamps are given as ISO-8601 strings. An empty set allows nothing (as in GX).</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; }
}

/// <summary>GX <c>expect_column_values_to_not_be_in_set</c>: no non-null value is one of <see cref="ValueSet"/>.</summary>
public sealed record ColumnValuesToNotBeInSet : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The forbidden values. An empty set forbids nothing (as in GX).</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; }
}
