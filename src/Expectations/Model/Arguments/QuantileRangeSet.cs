using System.Text.Json;

namespace Expectations.Model;

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
}
