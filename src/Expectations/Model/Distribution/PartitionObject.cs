using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// Builds GX partition objects, the <c>partition_object</c> argument of the distributional expectations:
/// continuous <c>{"bins": [...], "weights": [...], "tail_weights": [below, above]}</c> (one more bin edge than
/// weights; edges strictly increasing; weights plus tail weights summing to 1) or categorical
/// <c>{"values": [...], "weights": [...]}</c> (weights summing to 1).
/// </summary>
public static class PartitionObject
{
    /// <summary>A continuous partition: <paramref name="bins"/> edges (±infinity allowed at the ends), one weight per bin, optional tail weights.</summary>
    /// <param name="bins">The bin edges, ascending.</param>
    /// <param name="weights">The expected fraction of values in each bin.</param>
    /// <param name="tailWeights">The expected fractions below the first and above the last edge, or null.</param>
    public static JsonElement Continuous(IEnumerable<double> bins, IEnumerable<double> weights, (double Below, double Above)? tailWeights = null)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentNullException.ThrowIfNull(weights);
        return JsonElements.Build(w =>
        {
            w.WriteStartObject();
            WriteNumbers(w, "bins", bins);
            WriteNumbers(w, "weights", weights);
            if (tailWeights is { } t)
            {
                WriteNumbers(w, "tail_weights", [t.Below, t.Above]);
            }

            w.WriteEndObject();
        });
    }

    /// <summary>A categorical partition: each of <paramref name="expected"/>'s values with its expected fraction.</summary>
    /// <typeparam name="T">The value type (numbers, strings, booleans, timestamps).</typeparam>
    /// <param name="expected">Value → expected fraction, in the order the report should list them.</param>
    public static JsonElement Categorical<T>(IEnumerable<KeyValuePair<T, double>> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var pairs = expected.ToList();
        return JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("values");
            foreach (var (value, _) in pairs)
            {
                Scalar.FromValue(value).WriteTo(w);
            }

            w.WriteEndArray();
            WriteNumbers(w, "weights", pairs.Select(p => p.Value));
            w.WriteEndObject();
        });
    }

    private static void WriteNumbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            ScalarFormatting.WriteDouble(w, v);
        }

        w.WriteEndArray();
    }
}
