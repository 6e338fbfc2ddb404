namespace Expectations;

/// <summary>
/// GX <c>expect_column_distinct_values_to_be_in_set</c>: every distinct non-null value is a member of
/// <see cref="ValueSet"/>; a null value_set is the universal set (vacuously true). Numbers compare by value
/// (1 == 1.0), timestamps by instant (members parsed as dates), strings exactly.
/// </summary>
public sealed record ColumnDistinctValuesToBeInSet : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_distinct_values_to_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The allowed values, or null for any.</summary>
    [Kwarg("value_set")]
    public ValueList<Scalar>? ValueSet { get; init; }
}

/// <summary>GX <c>expect_column_distinct_values_to_contain_set</c>: every member of <see cref="ValueSet"/> occurs in the column.</summary>
public sealed record ColumnDistinctValuesToContainSet : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_distinct_values_to_contain_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The values that must occur.</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; }
}

/// <summary>GX <c>expect_column_distinct_values_to_equal_set</c>: the distinct non-null values are exactly <see cref="ValueSet"/>.</summary>
public sealed record ColumnDistinctValuesToEqualSet : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_distinct_values_to_equal_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The exact set of distinct values.</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; }
}
