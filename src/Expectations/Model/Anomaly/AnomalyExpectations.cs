using System.Runtime.Serialization;

namespace Expectations;

/// <summary>How an anomaly expectation decides that a metric's value is anomalous (Deequ's strategies, docs/history.md).</summary>
public enum AnomalyStrategy
{
    /// <summary>The <c>order</c>-th difference ending at this run (order 1: this − previous) lies within [<c>max_rate_decrease</c>, <c>max_rate_increase</c>].</summary>
    [EnumMember(Value = "absolute_change")] AbsoluteChange,
    /// <summary>The ratio to the run <c>order</c> runs back lies within [<c>max_rate_decrease</c>, <c>max_rate_increase</c>] (1 = unchanged).</summary>
    [EnumMember(Value = "relative_change")] RelativeChange,
    /// <summary>The value lies within [<c>lower_bound</c>, <c>upper_bound</c>]; needs no history.</summary>
    [EnumMember(Value = "simple_threshold")] SimpleThreshold,
    /// <summary>Running mean ± k·σ (Welford), earlier anomalies left out (the default strategy).</summary>
    [EnumMember(Value = "online_normal")] OnlineNormal,
    /// <summary>Mean ± k·σ (sample) of the history window.</summary>
    [EnumMember(Value = "batch_normal")] BatchNormal,
    /// <summary>Additive Holt-Winters forecast ± 1.96 σ of its one-step residuals, weekly or daily seasonality.</summary>
    [EnumMember(Value = "holt_winters")] HoltWinters,
}

/// <summary>Which earlier runs an anomaly expectation compares with.</summary>
public enum AnomalyComparison
{
    /// <summary>Every earlier run (the default).</summary>
    [EnumMember(Value = "previous")] Previous,
    /// <summary>Only earlier runs on the same weekday (UTC) as this one.</summary>
    [EnumMember(Value = "same_weekday")] SameWeekday,
}

/// <summary>The season of <see cref="AnomalyStrategy.HoltWinters"/>: how many runs make one cycle.</summary>
public enum AnomalySeasonality
{
    /// <summary>Daily runs, a weekly cycle: 7 runs (the default).</summary>
    [EnumMember(Value = "weekly")] Weekly,
    /// <summary>Hourly runs, a daily cycle: 24 runs.</summary>
    [EnumMember(Value = "daily")] Daily,
}

/// <summary>
/// The strategy and its parameters, shared by the anomaly expectations; their kwargs are written at the top level. A null
/// parameter takes Deequ's default: change bounds unbounded, <c>order</c> 1, deviation factors 3, <c>ignore_start_percentage</c>
/// 0.1, <c>ignore_anomalies</c> true, <c>seasonality</c> weekly.
/// </summary>
public readonly record struct AnomalyDetection
{
    /// <summary>The strategy; null means <see cref="AnomalyStrategy.OnlineNormal"/>.</summary>
    [Kwarg("strategy")] public AnomalyStrategy? Strategy { get; init; }

    /// <summary>Change strategies: the lowest change allowed (negative for a decrease; a ratio below 1 for relative change).</summary>
    [Kwarg("max_rate_decrease")] public double? MaxRateDecrease { get; init; }

    /// <summary>Change strategies: the highest change allowed.</summary>
    [Kwarg("max_rate_increase")] public double? MaxRateIncrease { get; init; }

    /// <summary>Change strategies: absolute change, the order of the difference (1: this − previous); relative change, compare with the run this many runs back.</summary>
    [Kwarg("order")] public int? Order { get; init; }

    /// <summary>Simple threshold: the lowest value allowed.</summary>
    [Kwarg("lower_bound")] public double? LowerBound { get; init; }

    /// <summary>Simple threshold: the highest value allowed.</summary>
    [Kwarg("upper_bound")] public double? UpperBound { get; init; }

    /// <summary>Normal strategies: how many σ below the mean are allowed (3).</summary>
    [Kwarg("lower_deviation_factor")] public double? LowerDeviationFactor { get; init; }

    /// <summary>Normal strategies: how many σ above the mean are allowed (3).</summary>
    [Kwarg("upper_deviation_factor")] public double? UpperDeviationFactor { get; init; }

    /// <summary>Online normal: the fraction of the first runs never flagged while the estimate settles (0.1).</summary>
    [Kwarg("ignore_start_percentage")] public double? IgnoreStartPercentage { get; init; }

    /// <summary>Online normal: whether runs found anomalous are left out of the running mean and variance (true).</summary>
    [Kwarg("ignore_anomalies")] public bool? IgnoreAnomalies { get; init; }

    /// <summary>Holt-Winters: the season (weekly).</summary>
    [Kwarg("seasonality")] public AnomalySeasonality? Seasonality { get; init; }

    /// <summary>Use only the last this many earlier runs; null means all.</summary>
    [Kwarg("history_window")] public int? HistoryWindow { get; init; }

    /// <summary>Which earlier runs to compare with; null means <see cref="AnomalyComparison.Previous"/>.</summary>
    [Kwarg("compare_to")] public AnomalyComparison? CompareTo { get; init; }

    /// <summary>The strategy in effect.</summary>
    public AnomalyStrategy EffectiveStrategy => Strategy ?? AnomalyStrategy.OnlineNormal;

    /// <summary>How many earlier runs the strategy needs at least: <c>order</c> for change strategies, none for a simple threshold, 2 for the normal strategies, two seasons for Holt-Winters.</summary>
    public int MinimumHistory => EffectiveStrategy switch
    {
        AnomalyStrategy.AbsoluteChange or AnomalyStrategy.RelativeChange => Order ?? 1,
        AnomalyStrategy.SimpleThreshold => 0,
        AnomalyStrategy.HoltWinters => 2 * Period,
        _ => 2,
    };

    /// <summary>Runs per season for Holt-Winters: 7 (weekly) or 24 (daily).</summary>
    public int Period => Seasonality == AnomalySeasonality.Daily ? 24 : 7;

    internal void Check(ArgumentErrors errors)
    {
        var strategy = EffectiveStrategy;
        bool change = strategy is AnomalyStrategy.AbsoluteChange or AnomalyStrategy.RelativeChange;
        bool normal = strategy is AnomalyStrategy.OnlineNormal or AnomalyStrategy.BatchNormal;
        void Only(bool applies, object? value, string name, string which)
        {
            if (!applies && value is not null)
            {
                errors.Add(name, $"applies only to the {which} strategies, not to {Name(strategy)}");
            }
        }

        Only(change, MaxRateDecrease, "max_rate_decrease", "absolute_change and relative_change");
        Only(change, MaxRateIncrease, "max_rate_increase", "absolute_change and relative_change");
        Only(change, Order, "order", "absolute_change and relative_change");
        Only(strategy == AnomalyStrategy.SimpleThreshold, LowerBound, "lower_bound", "simple_threshold");
        Only(strategy == AnomalyStrategy.SimpleThreshold, UpperBound, "upper_bound", "simple_threshold");
        Only(normal, LowerDeviationFactor, "lower_deviation_factor", "online_normal and batch_normal");
        Only(normal, UpperDeviationFactor, "upper_deviation_factor", "online_normal and batch_normal");
        Only(strategy == AnomalyStrategy.OnlineNormal, IgnoreStartPercentage, "ignore_start_percentage", "online_normal");
        Only(strategy == AnomalyStrategy.OnlineNormal, IgnoreAnomalies, "ignore_anomalies", "online_normal");
        Only(strategy == AnomalyStrategy.HoltWinters, Seasonality, "seasonality", "holt_winters");
        if (MaxRateDecrease is { } d && MaxRateIncrease is { } i && d > i)
        {
            errors.Add("max_rate_decrease", $"({d}) must not be greater than max_rate_increase ({i})");
        }

        if (LowerBound is { } lo && UpperBound is { } hi && lo > hi)
        {
            errors.Add("lower_bound", $"({lo}) must not be greater than upper_bound ({hi})");
        }

        if (strategy == AnomalyStrategy.SimpleThreshold && LowerBound is null && UpperBound is null)
        {
            errors.Add("upper_bound", "or lower_bound is required by the simple_threshold strategy");
        }

        if (change && MaxRateDecrease is null && MaxRateIncrease is null)
        {
            errors.Add("max_rate_increase", $"or max_rate_decrease is required by the {Name(strategy)} strategy");
        }

        if (Order is < 1)
        {
            errors.Add("order", $"must be 1 or more, got {Order}");
        }

        if (LowerDeviationFactor is { } l && !(l >= 0 && double.IsFinite(l)))
        {
            errors.Add("lower_deviation_factor", $"must be a number, 0 or more, got {l}");
        }

        if (UpperDeviationFactor is { } u && !(u >= 0 && double.IsFinite(u)))
        {
            errors.Add("upper_deviation_factor", $"must be a number, 0 or more, got {u}");
        }

        if (IgnoreStartPercentage is { } p && !(p >= 0 && p <= 1))
        {
            errors.Add("ignore_start_percentage", $"must be in [0, 1], got {p}");
        }

        if (HistoryWindow is < 1)
        {
            errors.Add("history_window", $"must be 1 or more, got {HistoryWindow}");
        }
        else if (HistoryWindow is { } w && w < MinimumHistory)
        {
            errors.Add("history_window", $"({w}) is below the {MinimumHistory} runs the {Name(strategy)} strategy needs");
        }
    }

    /// <summary>The wire name of <paramref name="strategy"/>.</summary>
    public static string Name(AnomalyStrategy strategy) => strategy switch
    {
        AnomalyStrategy.AbsoluteChange => "absolute_change",
        AnomalyStrategy.RelativeChange => "relative_change",
        AnomalyStrategy.SimpleThreshold => "simple_threshold",
        AnomalyStrategy.OnlineNormal => "online_normal",
        AnomalyStrategy.BatchNormal => "batch_normal",
        _ => "holt_winters",
    };
}

/// <summary>
/// An expectation that a metric of this run is not anomalous given the same metric in earlier runs of the dataset, read
/// from the run's metric history (<see cref="ValidationOptions.History"/>). The result's <c>observed_value</c> is the
/// metric; <c>details</c> hold the predicted interval, the strategy and the history length. Too little history fails
/// with "not enough history (N of M runs)".
/// </summary>
public interface IAnomalyExpectation
{
    /// <summary>The metric's name in the history (<see cref="MetricPoint.Metric"/>).</summary>
    string MetricName { get; }

    /// <summary>The column of the metric, or null for a table metric.</summary>
    string? MetricColumn { get; }

    /// <summary>The strategy and its parameters.</summary>
    AnomalyDetection Detection { get; }
}

/// <summary>
/// <c>expect_table_row_count_to_not_be_anomalous</c> (Deequ's anomaly check on Size): the row count is not anomalous
/// given the earlier runs (<see cref="IAnomalyExpectation"/>). Example:
/// <c>t =&gt; t.RowCountNotAnomalous(new AnomalyDetection { Strategy = AnomalyStrategy.RelativeChange, MaxRateDecrease = 0.5, MaxRateIncrease = 2 })</c>.
/// </summary>
public sealed record TableRowCountToNotBeAnomalous : Expectation, IAnomalyExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_row_count_to_not_be_anomalous";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <inheritdoc />
    [KwargGroup]
    public AnomalyDetection Detection { get; init; }

    /// <inheritdoc />
    public string MetricName => "row_count";

    /// <inheritdoc />
    public string? MetricColumn => null;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        Detection.Check(errors);
    }
}

/// <summary>
/// <c>expect_column_metric_to_not_be_anomalous</c>: the column's <c>metric</c> — <c>row_count</c>, <c>null_fraction</c>,
/// <c>mean</c>, <c>stdev</c>, <c>min</c>, <c>max</c>, <c>sum</c> (numeric columns) or <c>distinct_count</c> — is not anomalous
/// given the earlier runs (<see cref="IAnomalyExpectation"/>).
/// </summary>
public sealed record ColumnMetricToNotBeAnomalous : ColumnExpectation, IAnomalyExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_metric_to_not_be_anomalous";

    /// <summary>The metrics this expectation can watch.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["row_count", "null_fraction", "mean", "stdev", "min", "max", "sum", "distinct_count"];

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The metric watched.</summary>
    [Kwarg("metric", Required = true)]
    public string Metric { get; init; } = "";

    /// <inheritdoc />
    [KwargGroup]
    public AnomalyDetection Detection { get; init; }

    /// <inheritdoc />
    public string MetricName => Metric;

    /// <inheritdoc />
    public string? MetricColumn => Column;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Metrics.Contains(Metric))
        {
            errors.Add("metric", $"'{Metric}' is not one of {string.Join(", ", Metrics)}");
        }

        Detection.Check(errors);
    }
}
