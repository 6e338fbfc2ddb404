namespace Expectations;

/// <summary>
/// GX <c>expect_table_row_count_to_be_between</c>: the number of rows lies within the bounds (inclusive unless strict).
/// A <c>min_value</c> above <c>max_value</c> is refused when the suite is read, as GX 1.x refuses it.
/// </summary>
public sealed record TableRowCountToBeBetween : TableCountBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_row_count_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);

        // GX 1.x refuses this one when the expectation is created (its other count and statistic checks run and fail).
        if (Bounds.MinValue is { Kind: ScalarKind.Integer } lo && Bounds.MaxValue is { Kind: ScalarKind.Integer } hi && lo.AsInt128() > hi.AsInt128())
        {
            errors.Add("min_value", $"({lo}) must not be greater than max_value ({hi})");
        }
    }
}

/// <summary>GX <c>expect_table_row_count_to_equal</c>: the table has exactly <see cref="TableCountEqual.Value"/> rows.</summary>
public sealed record TableRowCountToEqual : TableCountEqual
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_row_count_to_equal";

    /// <inheritdoc />
    public override string Type => TypeName;
}
