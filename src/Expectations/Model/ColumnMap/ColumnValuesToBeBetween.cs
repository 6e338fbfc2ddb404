namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_be_between</c>: each non-null value lies within the bounds. Numbers compare
/// numerically, timestamps against ISO-8601 bounds, strings lexicographically (by code point). NaN is never
/// within bounds. A minimum above the maximum loads, as in GX, and makes the result an
/// error (<c>exception_info</c>) when the expectation runs, as GX raises then.
/// </summary>
public sealed record ColumnValuesToBeBetween : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The range each value must lie in; at least one end is required.</summary>
    [KwargGroup]
    public Bounds Bounds { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        Bounds.RequireAnEnd(errors);
    }

    /// <inheritdoc />
    private protected override void CheckRunArguments(ArgumentErrors errors) => errors.CheckOrdered(Bounds.MinValue, Bounds.MaxValue);
}
