namespace Expectations;

/// <summary>
/// A column statistic within bounds (GX's column-aggregate "between" expectations). Both bounds null is
/// vacuously true; a column without values has no statistic and fails any bound. A minimum above
/// the maximum is accepted, as GX accepts it: no statistic lies in the empty range, so the expectation
/// fails with its observed value.
/// </summary>
public abstract record ColumnAggregateBetween : ColumnExpectation
{
    /// <summary>The range the statistic must lie in; timestamps are given as ISO-8601 strings.</summary>
    [KwargGroup]
    public Bounds Bounds { get; init; }

    /// <summary>
    /// Whether the statistic is always a number (mean, stdev, sum, median, counts, proportions): a string or boolean
    /// bound can then never be compared, GX fails it on every run, so it is refused when the suite is read. Min and
    /// max also order strings and timestamps, and take any bound.
    /// </summary>
    internal virtual bool NumericStatistic => true;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (NumericStatistic)
        {
            errors.CheckNumber(Bounds.MinValue, "min_value");
            errors.CheckNumber(Bounds.MaxValue, "max_value");
        }
    }
}

/// <summary>GX <c>expect_column_min_to_be_between</c>: the smallest non-null value lies within the bounds. Numbers, timestamps (observed as ISO-8601) and strings (code-point order).</summary>
public sealed record ColumnMinToBeBetween : ColumnAggregateBetween
{
    internal override bool NumericStatistic => false;

    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_min_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_max_to_be_between</c>: the largest non-null value lies within the bounds. Numbers, timestamps (observed as ISO-8601) and strings (code-point order).</summary>
public sealed record ColumnMaxToBeBetween : ColumnAggregateBetween
{
    internal override bool NumericStatistic => false;

    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_max_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_mean_to_be_between</c>: the mean of the non-null, non-NaN values lies within the bounds (numeric and boolean columns).</summary>
public sealed record ColumnMeanToBeBetween : ColumnAggregateBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_mean_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_median_to_be_between</c>: the exact median of the non-null, non-NaN values (the mean of the two middle ones for an even count) lies within the bounds. Holds every value in memory while it runs.</summary>
public sealed record ColumnMedianToBeBetween : ColumnAggregateBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_median_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_stdev_to_be_between</c>: the sample standard deviation (ddof = 1, as pandas) of the non-null, non-NaN values lies within the bounds; fewer than two values have none.</summary>
public sealed record ColumnStdevToBeBetween : ColumnAggregateBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_stdev_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_sum_to_be_between</c>: the sum of the non-null, non-NaN values lies within the bounds; integer columns sum exactly and report an integer.</summary>
public sealed record ColumnSumToBeBetween : ColumnAggregateBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_sum_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);

        // Unlike the other statistics (whose fixtures pass vacuously), GX rejects a sum check without bounds.
        if (Bounds.IsUnbounded)
        {
            errors.Add("min_value", "and max_value cannot both be None (null): give at least one bound");
        }
    }
}

/// <summary>GX <c>expect_column_unique_value_count_to_be_between</c>: the number of distinct non-null values lies within the bounds.</summary>
public sealed record ColumnUniqueValueCountToBeBetween : ColumnAggregateBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_unique_value_count_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_proportion_of_unique_values_to_be_between</c>: distinct non-null values divided by non-null values lies within the bounds (0 for a column without values, as GX).</summary>
public sealed record ColumnProportionOfUniqueValuesToBeBetween : ColumnAggregateBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_proportion_of_unique_values_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}
