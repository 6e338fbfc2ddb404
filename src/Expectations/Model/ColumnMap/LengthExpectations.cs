namespace Expectations;

/// <summary>
/// GX <c>expect_column_value_lengths_to_be_between</c>: each non-null string has a length (in Unicode code
/// points, as Python's <c>len</c>) within the bounds, inclusive unless <see cref="StrictMin"/>/<see cref="StrictMax"/>.
/// A <see cref="MinValue"/> above <see cref="MaxValue"/> is accepted, as GX accepts it: every non-null value is then unexpected.
/// </summary>
public sealed record ColumnValueLengthsToBeBetween : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_value_lengths_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Smallest allowed length, or null for none.</summary>
    [Kwarg("min_value")]
    public int? MinValue { get; init; }

    /// <summary>Largest allowed length, or null for none.</summary>
    [Kwarg("max_value")]
    public int? MaxValue { get; init; }

    /// <summary>Whether a length equal to <see cref="MinValue"/> is unexpected.</summary>
    [Kwarg("strict_min")]
    public bool StrictMin { get; init; }

    /// <summary>Whether a length equal to <see cref="MaxValue"/> is unexpected.</summary>
    [Kwarg("strict_max")]
    public bool StrictMax { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (MinValue is null && MaxValue is null)
        {
            errors.Add("min_value", "and max_value cannot both be null");
        }

        if (MinValue < 0)
        {
            errors.Add("min_value", $"must not be negative, got {MinValue}");
        }

        if (MaxValue < 0)
        {
            errors.Add("max_value", $"must not be negative, got {MaxValue}");
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

    /// <summary>The required length.</summary>
    [Kwarg("value", Required = true)]
    public int Value { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Value < 0)
        {
            errors.Add("value", $"must not be negative, got {Value}");
        }
    }
}
