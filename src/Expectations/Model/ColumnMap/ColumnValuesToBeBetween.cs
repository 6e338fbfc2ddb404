namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_be_between</c>: each non-null value lies within the bounds. Numbers compare
/// numerically, timestamps against ISO-8601 bounds, strings lexicographically (by code point). NaN is never
/// within bounds. A <see cref="MinValue"/> above <see cref="MaxValue"/> loads, as in GX, and makes the result an
/// error (<c>exception_info</c>) when the expectation runs, as GX raises then.
/// </summary>
public sealed record ColumnValuesToBeBetween : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Lower bound, or null for none.</summary>
    [Kwarg("min_value")]
    public Scalar? MinValue { get; init; }

    /// <summary>Upper bound, or null for none.</summary>
    [Kwarg("max_value")]
    public Scalar? MaxValue { get; init; }

    /// <summary>Whether values equal to the lower bound are unexpected.</summary>
    [Kwarg("strict_min")]
    public bool StrictMin { get; init; }

    /// <summary>Whether values equal to the upper bound are unexpected.</summary>
    [Kwarg("strict_max")]
    public bool StrictMax { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (MinValue is not { IsNull: false } && MaxValue is not { IsNull: false })
        {
            errors.Add("min_value", "and max_value cannot both be null");
        }
    }

    /// <inheritdoc />
    private protected override void CheckRunArguments(ArgumentErrors errors) => errors.CheckOrdered(MinValue, MaxValue);
}
