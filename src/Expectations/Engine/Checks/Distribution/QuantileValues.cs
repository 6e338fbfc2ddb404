using Expectations.Data;
using System.Text.Json;
using Expectations.Engine.Aggregate;
using Expectations.Json;
using Expectations.Reporting;

namespace Expectations.Engine.Checks;

/// <summary>Parsed quantile_ranges.</summary>
internal sealed record QuantileRangeSet(double[] Quantiles, double[] Lower, double[] Upper)
{
    /// <summary>pandas' interpolation names.</summary>
    public static readonly string[] Interpolations = ["linear", "lower", "higher", "midpoint", "nearest"];

    public static QuantileRangeSet? Parse(JsonElement e, out string? problem)
    {
        problem = null;
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("quantiles", out var qs) || !e.TryGetProperty("value_ranges", out var rs))
        {
            problem = "must be an object with \"quantiles\" and \"value_ranges\"";
            return null;
        }

        if (qs.ValueKind != JsonValueKind.Array || rs.ValueKind != JsonValueKind.Array)
        {
            problem = "quantiles and value_ranges must be lists";
            return null;
        }

        if (qs.GetArrayLength() != rs.GetArrayLength())
        {
            problem = $"has {qs.GetArrayLength()} quantiles but {rs.GetArrayLength()} value_ranges: give one range per quantile";
            return null;
        }

        var n = qs.GetArrayLength();
        var (quantiles, lower, upper) = (new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            if (!Partition.TryNumber(qs[i], out quantiles[i]) || !(quantiles[i] >= 0 && quantiles[i] <= 1))
            {
                problem = $"quantiles[{i}] must be a number between 0 and 1, found {qs[i].GetRawText()}";
                return null;
            }

            var r = rs[i];
            if (r.ValueKind != JsonValueKind.Array || r.GetArrayLength() != 2)
            {
                problem = $"value_ranges[{i}] must be a pair [min, max] (null for an open end), found {r.GetRawText()}";
                return null;
            }

            if (!Bound(r[0], double.NegativeInfinity, out lower[i]) || !Bound(r[1], double.PositiveInfinity, out upper[i]))
            {
                problem = $"value_ranges[{i}] bounds must be numbers or null, found {r.GetRawText()}";
                return null;
            }

            if (lower[i] > upper[i])
            {
                problem = $"value_ranges[{i}]: min ({lower[i]}) must not be greater than max ({upper[i]})";
                return null;
            }
        }

        return new QuantileRangeSet(quantiles, lower, upper);
    }

    private static bool Bound(JsonElement e, double open, out double value)
    {
        value = open;
        return e.ValueKind == JsonValueKind.Null || Partition.TryNumber(e, out value);
    }

    /// <summary>The <paramref name="q"/>-quantile of ascending <paramref name="sorted"/> with a pandas interpolation.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q, string interpolation)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var fraction = position - lo;
        return interpolation switch
        {
            "lower" => sorted[lo],
            "higher" => fraction > 0 ? sorted[hi] : sorted[lo],
            "midpoint" => fraction > 0 ? (sorted[lo] + sorted[hi]) / 2 : sorted[lo],
            "linear" => sorted[lo] + (fraction * (sorted[hi] - sorted[lo])),
            _ => sorted[DistributionMath.NearestIndex(position)],
        };
    }
}

internal sealed class QuantileValuesEvaluator(ColumnQuantileValuesToBeBetween e) : Evaluator<ColumnQuantileValuesToBeBetween>(e)
{
    private ColumnValuesMetric? _values;

    public override void Bind(Binding binding)
    {
        var column = binding.Column(Spec.Column);
        if (column.Kind is not (DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean))
        {
            throw new ExpectationException($"{Spec.Type}: quantiles need a numeric column, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}).");
        }

        _values = binding.Require(new ColumnValuesMetric(column.Name));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var ranges = Spec.QuantileRanges is { } q ? QuantileRangeSet.Parse(q, out _) : null;
        if (ranges is null)
        {
            throw new ExpectationException($"{Spec.Type}: quantile_ranges is required: give {{\"quantiles\": [...], \"value_ranges\": [[min, max], ...]}}.");
        }

        var values = metrics.Get(_values!);
        var interpolation = Spec.AllowRelativeError is { Kind: ScalarKind.String } s ? s.AsString() : "nearest";
        var sorted = values.Sorted;
        var observed = new double[ranges.Quantiles.Length];
        var passed = new bool[observed.Length];
        for (var i = 0; i < observed.Length; i++)
        {
            observed[i] = sorted.IsEmpty ? double.NaN : QuantileRangeSet.Quantile(sorted, ranges.Quantiles[i], interpolation);
            passed[i] = observed[i] >= ranges.Lower[i] && observed[i] <= ranges.Upper[i];
        }

        var success = passed.All(p => p);
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var details = new ResultDetails
        {
            ObservedValue = AggregateJson.Build(w =>
            {
                w.WriteStartObject();
                DistributionResults.WriteNumbers(w, "quantiles", ranges.Quantiles);
                w.WriteStartArray("values");
                foreach (var v in observed)
                {
                    if (double.IsNaN(v))
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        ScalarFormatting.WriteDouble(w, v);
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }),
            Details = AggregateJson.Build(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("success_details");
                foreach (var p in passed)
                {
                    w.WriteBooleanValue(p);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, values.ElementCount, values.MissingCount));
    }
}
