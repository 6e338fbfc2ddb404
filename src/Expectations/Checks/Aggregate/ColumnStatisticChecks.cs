using Expectations.Data;
using Expectations.Engine;
using Expectations.Engine.Aggregate;

namespace Expectations.Checks;

/// <summary>
/// A column statistic within bounds (GX's column-aggregate "between" expectations). Both bounds null is
/// vacuously true; a column without values has no statistic and fails any bound.
/// </summary>
public abstract record ColumnAggregateBetween : ColumnExpectation
{
    /// <summary>Lower bound, or null for none. Timestamps are given as ISO-8601 strings.</summary>
    [Kwarg("min_value")]
    public Scalar? MinValue { get; init; }

    /// <summary>Upper bound, or null for none.</summary>
    [Kwarg("max_value")]
    public Scalar? MaxValue { get; init; }

    /// <summary>Whether a statistic equal to <see cref="MinValue"/> fails.</summary>
    [Kwarg("strict_min")]
    public bool StrictMin { get; init; }

    /// <summary>Whether a statistic equal to <see cref="MaxValue"/> fails.</summary>
    [Kwarg("strict_max")]
    public bool StrictMax { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        errors.CheckOrdered(MinValue, MaxValue);
    }
}

/// <summary>GX <c>expect_column_min_to_be_between</c>: the smallest non-null value lies within the bounds. Numbers, timestamps (observed as ISO-8601) and strings (code-point order).</summary>
public sealed record ColumnMinToBeBetween : ColumnAggregateBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_min_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_max_to_be_between</c>: the largest non-null value lies within the bounds. Numbers, timestamps (observed as ISO-8601) and strings (code-point order).</summary>
public sealed record ColumnMaxToBeBetween : ColumnAggregateBetween
{
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
        if (MinValue is not { IsNull: false } && MaxValue is not { IsNull: false })
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

internal sealed class MinBetweenEvaluator(ColumnMinToBeBetween e) : ExtremeEvaluator<ColumnMinToBeBetween>(e, useMax: false);

internal sealed class MaxBetweenEvaluator(ColumnMaxToBeBetween e) : ExtremeEvaluator<ColumnMaxToBeBetween>(e, useMax: true);

/// <summary>Min or max: numeric, boolean and timestamp columns from the shared stats, strings from their own metric.</summary>
internal abstract class ExtremeEvaluator<T>(T e, bool useMax) : AggregateBetweenEvaluator<T>(e) where T : ColumnAggregateBetween
{
    private ColumnStatsMetric? _stats;
    private StringExtremesMetric? _strings;

    protected override void BindColumn(Binding binding, ColumnInfo column)
    {
        if (column.Kind == DataKind.String)
        {
            _strings = binding.Require(new StringExtremesMetric(column.Name));
        }
        else
        {
            _stats = binding.Require(new ColumnStatsMetric(column.Name));
        }
    }

    protected override Observation Observe(MetricResults metrics)
    {
        if (_strings is not null)
        {
            var s = metrics.Get(_strings);
            return new(Observed.OfText(useMax ? s.Max : s.Min), s.ElementCount, s.NullCount);
        }

        var stats = metrics.Get(_stats!);
        var value = stats.ValueCount == 0 ? Observed.None
            : stats.IsInteger ? Observed.OfInteger(useMax ? stats.IntegerMax : stats.IntegerMin, stats.Kind)
            : Observed.Of(useMax ? stats.Max : stats.Min);
        return new(value, stats.ElementCount, stats.MissingCount);
    }
}

/// <summary>A statistic of the shared numeric stats (mean, stdev, sum).</summary>
internal abstract class StatsEvaluator<T>(T e, string statistic) : AggregateBetweenEvaluator<T>(e) where T : ColumnAggregateBetween
{
    private ColumnStatsMetric? _stats;

    protected override void BindColumn(Binding binding, ColumnInfo column)
    {
        RequireNumeric(column, statistic);
        _stats = binding.Require(new ColumnStatsMetric(column.Name));
    }

    protected override Observation Observe(MetricResults metrics)
    {
        var stats = metrics.Get(_stats!);
        return new(stats.ValueCount == 0 ? Observed.None : Of(stats), stats.ElementCount, stats.MissingCount);
    }

    /// <summary>The statistic of a column with at least one value.</summary>
    protected abstract Observed Of(ColumnStats stats);
}

internal sealed class MeanBetweenEvaluator(ColumnMeanToBeBetween e) : StatsEvaluator<ColumnMeanToBeBetween>(e, "mean")
{
    protected override Observed Of(ColumnStats stats) => Observed.Of(stats.Mean);
}

internal sealed class StdevBetweenEvaluator(ColumnStdevToBeBetween e) : StatsEvaluator<ColumnStdevToBeBetween>(e, "standard deviation")
{
    protected override Observed Of(ColumnStats stats) => Observed.Of(stats.SampleStdev);
}

internal sealed class SumBetweenEvaluator(ColumnSumToBeBetween e) : StatsEvaluator<ColumnSumToBeBetween>(e, "sum")
{
    // Booleans sum to an integer count of trues, as in pandas.
    protected override Observed Of(ColumnStats stats) => stats.IsInteger ? Observed.OfInteger(stats.IntegerSum) : Observed.Of(stats.Sum);
}

internal sealed class MedianBetweenEvaluator(ColumnMedianToBeBetween e) : AggregateBetweenEvaluator<ColumnMedianToBeBetween>(e)
{
    private ColumnValuesMetric? _values;

    protected override void BindColumn(Binding binding, ColumnInfo column)
    {
        RequireNumeric(column, "median");
        _values = binding.Require(new ColumnValuesMetric(column.Name));
    }

    protected override Observation Observe(MetricResults metrics)
    {
        var values = metrics.Get(_values!);
        return new(Observed.Of(values.Median), values.ElementCount, values.MissingCount);
    }
}

internal sealed class UniqueValueCountBetweenEvaluator(ColumnUniqueValueCountToBeBetween e) : AggregateBetweenEvaluator<ColumnUniqueValueCountToBeBetween>(e)
{
    private DistinctValuesMetric? _distinct;

    protected override void BindColumn(Binding binding, ColumnInfo column) => _distinct = binding.Require(new DistinctValuesMetric(column.Name));

    protected override Observation Observe(MetricResults metrics)
    {
        var d = metrics.Get(_distinct!);
        return new(Observed.OfInteger(d.Count), d.ElementCount, d.NullCount + d.NaNCount);
    }
}

internal sealed class UniqueProportionBetweenEvaluator(ColumnProportionOfUniqueValuesToBeBetween e) : AggregateBetweenEvaluator<ColumnProportionOfUniqueValuesToBeBetween>(e)
{
    private DistinctValuesMetric? _distinct;

    protected override void BindColumn(Binding binding, ColumnInfo column) => _distinct = binding.Require(new DistinctValuesMetric(column.Name));

    protected override Observation Observe(MetricResults metrics)
    {
        var d = metrics.Get(_distinct!);
        return new(Observed.Of(d.ValueCount > 0 ? (double)d.Count / d.ValueCount : 0.0), d.ElementCount, d.NullCount + d.NaNCount);
    }
}
