namespace Expectations;

/// <summary>
/// GX <c>expect_column_value_lengths_to_be_between</c>: each non-null string has a length (in Unicode code
/// points, as Python's <c>len</c>) within the bounds, inclusive unless strict.
/// A minimum above the maximum is accepted, as GX accepts it: every non-null value is then unexpected.
/// </summary>
public sealed record ColumnValueLengthsToBeBetween : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_value_lengths_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The range each length must lie in: whole numbers or suite parameters (<c>{"$PARAMETER": "name"}</c>); at least one end is required.</summary>
    [KwargGroup(Integer = true)]
    public Bounds Bounds { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        Bounds.RequireAnEnd(errors);
        if (errors.WholeNumber(Bounds.MinValue, "min_value", int.MaxValue) is < 0 and var min)
        {
            errors.Add("min_value", $"must not be negative, got {min}");
        }

        if (errors.WholeNumber(Bounds.MaxValue, "max_value", int.MaxValue) is < 0 and var max)
        {
            errors.Add("max_value", $"must not be negative, got {max}");
        }
    }
}

/// <summary>GX <c>expect_column_value_lengths_to_equal</c>: each non-null string has exactly <see cref="Value"/> code points.</summary>
public sealed record ColumnValueLengthsToEqual : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_value_lengths_to_equal";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The required length: a whole number, or a suite parameter (<c>{"$PARAMETER": "name"}</c>) resolved when a validation runs.</summary>
    [Kwarg("value", Required = true, Integer = true)]
    public Scalar Value { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Value.IsNull)
        {
            errors.Add("value", "is required: give the length");
        }
        else if (errors.WholeNumber(Value, "value", int.MaxValue) is < 0 and var length)
        {
            errors.Add("value", $"must not be negative, got {length}");
        }
    }
}
