using Expectations.Engine.Aggregate;

namespace Expectations.Engine.Checks;

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
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

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
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    private DistinctValuesMetric? _distinct;

    protected override void BindColumn(Binding binding, ColumnInfo column) => _distinct = binding.Require(new DistinctValuesMetric(column.Name));

    protected override Observation Observe(MetricResults metrics)
    {
        var d = metrics.Get(_distinct!);
        return new(Observed.Of(d.ValueCount > 0 ? (double)d.Count / d.ValueCount : 0.0), d.ElementCount, d.NullCount + d.NaNCount);
    }
}
