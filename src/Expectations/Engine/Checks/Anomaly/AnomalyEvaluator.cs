using System.Globalization;
using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>
/// The anomaly expectations: computes this run's metric, reads its series from the run's metric history
/// (<see cref="Binding.History"/>) and applies the strategy (<see cref="AnomalyStrategies"/>).
/// </summary>
internal sealed class AnomalyEvaluator(Expectation expectation) : Evaluator
{
    private readonly IAnomalyExpectation _spec = (IAnomalyExpectation)expectation;
    private MetricKey? _key;
    private HistorySnapshot? _history;

    public override Expectation Expectation { get; } = expectation;

    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat;

    public override void Bind(Binding binding)
    {
        _history = binding.History ?? throw new ExpectationException(
            $"{Expectation.Type} compares with earlier runs: give the run a metric history (ValidationOptions.History; CLI: --history FILE).");
        var metric = _spec.MetricName;
        if (_spec.MetricColumn is not { } column || metric == "row_count")
        {
            if (_spec.MetricColumn is { } c)
            {
                binding.Column(c);
            }

            _key = binding.Require(RowCountMetric.Instance);
            return;
        }

        var info = binding.Column(column);
        var numeric = info.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean or DataKind.Timestamp;
        if (metric is "distinct_count" || (metric is "null_fraction" && !numeric))
        {
            _key = binding.Require(new DistinctValuesMetric(column));
            return;
        }

        if (!numeric)
        {
            throw new ExpectationException($"Column '{column}' of type {info.PhysicalType} ({info.Kind}) has no {metric}; for it only null_fraction, distinct_count and row_count apply.");
        }

        _key = binding.Require(new ColumnStatsMetric(column));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var current = Current(metrics);
        if (current is not { } value)
        {
            return ExpectationResults.Error(Expectation, $"{_spec.MetricName} of column '{_spec.MetricColumn}' is undefined in this run (no values).");
        }

        var detection = _spec.Detection;
        var series = _history!.Series(_spec.MetricName, _spec.MetricName == "row_count" ? null : _spec.MetricColumn, detection.CompareTo == AnomalyComparison.SameWeekday);
        if (detection.HistoryWindow is { } window && series.Count > window)
        {
            series = series.GetRange(series.Count - window, window);
        }

        var needed = detection.MinimumHistory;
        var strategy = AnomalyDetection.Name(detection.EffectiveStrategy);
        if (series.Count < needed)
        {
            return Build(false, value, format, strategy, series, null, $"not enough history ({series.Count} of {needed} runs)");
        }

        var values = series.Select(p => p.Value).ToArray();
        var verdict = AnomalyStrategies.Detect(detection, values, value);
        return Build(!verdict.IsAnomaly, value, format, strategy, series, verdict, null);
    }

    private double? Current(MetricResults metrics)
    {
        switch (_key)
        {
            case RowCountMetric rows:
                return metrics.Get(rows);
            case DistinctValuesMetric distinct:
                var d = metrics.Get(distinct);
                return _spec.MetricName == "distinct_count" ? d.Count : d.ElementCount == 0 ? null : (double)d.NullCount / d.ElementCount;
            case ColumnStatsMetric statsKey:
                var s = metrics.Get(statsKey);
                return _spec.MetricName switch
                {
                    "null_fraction" => s.ElementCount == 0 ? null : (double)s.NullCount / s.ElementCount,
                    _ when s.ValueCount == 0 => null,
                    "mean" => s.Mean,
                    "stdev" => s.SampleStdev,
                    "min" => s.Min,
                    "max" => s.Max,
                    _ => s.Sum,
                };
            default:
                throw new InvalidOperationException("The anomaly evaluator was not bound.");
        }
    }

    private ExpectationResult Build(bool success, double value, ResultFormat format, string strategy, List<MetricPoint> series, AnomalyVerdict? verdict, string? reason)
    {
        var details = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("metric", _spec.MetricName);
            w.WriteString("strategy", strategy);
            w.WriteNumber("history_length", series.Count);
            w.WriteNumber("required_history", _spec.Detection.MinimumHistory);
            if (verdict is { } v)
            {
                WriteBound(w, "lower_bound", v.Lower);
                WriteBound(w, "upper_bound", v.Upper);
            }

            if (reason is not null)
            {
                w.WriteString("reason", reason);
            }

            // The last points of the series, for the HTML report's chart.
            w.WriteStartArray("history");
            foreach (var point in series.Skip(Math.Max(0, series.Count - 60)))
            {
                w.WriteStartObject();
                w.WriteString("timestamp", point.Timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                w.WritePropertyName("value");
                ScalarFormatting.WriteDouble(w, point.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return new ExpectationResult { Success = success, Expectation = Expectation, Result = ObservedDetails.Of(value, format, details) };
    }

    private static void WriteBound(System.Text.Json.Utf8JsonWriter w, string name, double bound)
    {
        if (bound is double.MinValue or double.MaxValue || !double.IsFinite(bound))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WritePropertyName(name);
            ScalarFormatting.WriteDouble(w, bound);
        }
    }
}

/// <summary>The earlier points of the run's dataset, read once per run, and the run's own identity (excluded).</summary>
internal sealed class HistorySnapshot(IReadOnlyList<MetricPoint> points, DateTimeOffset now, string runId)
{
    /// <summary>When this run happened.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>One value per earlier run (its first point) of <paramref name="metric"/> over <paramref name="column"/>, oldest first.</summary>
    public List<MetricPoint> Series(string metric, string? column, bool sameWeekday)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { runId };
        var series = new List<MetricPoint>();
        foreach (var point in points)
        {
            if (point.Metric == metric && point.Column == column && point.Expectation is null && point.Timestamp < Now
                && (!sameWeekday || point.Timestamp.UtcDateTime.DayOfWeek == Now.UtcDateTime.DayOfWeek)
                && seen.Add(point.RunId))
            {
                series.Add(point);
            }
        }

        return series;
    }
}
