using System.Globalization;
using System.Text.Json;

namespace Expectations.Model;

/// <summary>
/// A parsed partition object with GX's validity rules (<c>is_valid_categorical_partition_object</c>,
/// <c>is_valid_continuous_partition_object</c>). Numbers may be the strings "Infinity", "-Infinity" and "NaN",
/// as Python's JSON writes them and Expectations writes non-finite numbers.
/// </summary>
internal sealed class Partition
{
    /// <summary>Why <paramref name="json"/> is not a valid categorical partition (GX raises "Invalid partition object"), or null.</summary>
    public static string? CategoricalProblem(JsonElement json)
    {
        var p = Partition.Parse(json, out var error);
        return p is null ? error
            : p.IsCategorical ? null
            : p.Values is null ? "is not a valid categorical partition object (ValueError: Invalid partition object): it needs \"values\" and \"weights\", not bins"
            : p.Problem();
    }

    /// <summary>Why <paramref name="json"/> cannot be bootstrapped against (GX's three errors), or null.</summary>
    public static string? ContinuousProblem(JsonElement json)
    {
        var p = Partition.Parse(json, out var error);
        if (p is null || p.Problem() is not null)
        {
            return error ?? p!.Problem();
        }

        if (p.Bins is null)
        {
            return "is not a valid partition object (ValueError: Invalid partition object): a KS test needs a continuous partition with bins";
        }

        if (double.IsInfinity(p.Bins[0]) || double.IsInfinity(p.Bins[^1]))
        {
            return "has infinite endpoints (ValueError: Partition endpoints must be finite.)";
        }

        return p.TailWeights is { } t && t.Sum() > 0
            ? "has tail weights (ValueError: Partition cannot have tail weights -- endpoints must be finite.)"
            : null;
    }

    private Partition(double[]? bins, Scalar[]? values, double[] weights, double[]? tailWeights)
    {
        Bins = bins;
        Values = values;
        Weights = weights;
        TailWeights = tailWeights;
    }

    /// <summary>Bin edges (continuous), or null.</summary>
    public double[]? Bins { get; }

    /// <summary>Category values (categorical), or null.</summary>
    public Scalar[]? Values { get; }

    /// <summary>The weights, one per bin or value.</summary>
    public double[] Weights { get; }

    /// <summary>The two tail weights (below the first edge, above the last), or null.</summary>
    public double[]? TailWeights { get; }

    /// <summary>GX's categorical validity: values and weights of equal length, weights summing to 1.</summary>
    public bool IsCategorical => Values is not null && Values.Length == Weights.Length && SumsToOne(Weights);

    /// <summary>GX's continuous validity: one more edge than weights, edges strictly increasing, weights (and tail weights) summing to 1.</summary>
    public bool IsContinuous =>
        Bins is not null
        && (TailWeights is null || TailWeights.Length == 2)
        && Bins.Length == Weights.Length + 1
        && StrictlyIncreasing(Bins)
        && SumsToOne([.. Weights, .. TailWeights ?? []]);

    /// <summary>GX's <c>is_valid_partition_object</c>.</summary>
    public bool IsValid => IsCategorical || IsContinuous;

    /// <summary>Parses a partition object; null with a reason when its shape is wrong (not an object, a list of non-numbers …).</summary>
    public static Partition? Parse(JsonElement element, out string? error)
    {
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"must be an object with \"bins\" or \"values\" and \"weights\", found {element.ValueKind.ToString().ToLowerInvariant()}";
            return null;
        }

        double[]? bins = null;
        double[]? weights = null;
        double[]? tails = null;
        Scalar[]? values = null;
        foreach (var p in element.EnumerateObject())
        {
            switch (p.Name)
            {
                case "bins": bins = Numbers(p.Value, "bins", ref error); break;
                case "weights": weights = Numbers(p.Value, "weights", ref error); break;
                case "tail_weights": tails = Numbers(p.Value, "tail_weights", ref error); break;
                case "values":
                    if (p.Value.ValueKind != JsonValueKind.Array)
                    {
                        error ??= "values must be a list";
                        break;
                    }

                    try
                    {
                        values = [.. p.Value.EnumerateArray().Select(Scalar.FromJson)];
                    }
                    catch (FormatException ex)
                    {
                        error ??= $"values: {ex.Message}";
                    }

                    break;
                default:
                    error ??= $"has an unknown key '{p.Name}' (expected bins, values, weights, tail_weights)";
                    break;
            }
        }

        if (error is not null)
        {
            return null;
        }

        if (weights is null || (bins is null && values is null))
        {
            error = "is not a valid partition object: it needs \"weights\" and either \"bins\" (continuous) or \"values\" (categorical)";
            return null;
        }

        return new Partition(bins, values, weights, tails);
    }

    /// <summary>Why a parsed partition is invalid, in GX's terms; null when valid.</summary>
    public string? Problem()
    {
        if (IsValid)
        {
            return null;
        }

        if (Bins is not null)
        {
            if (Bins.Length != Weights.Length + 1)
            {
                return $"is not a valid partition object: {Bins.Length} bin edges need {Bins.Length - 1} weights, found {Weights.Length}";
            }

            if (!StrictlyIncreasing(Bins))
            {
                return "is not a valid partition object: bin edges must be strictly increasing";
            }

            if (TailWeights is { Length: not 2 })
            {
                return "is not a valid partition object: tail_weights must hold two weights (below, above)";
            }
        }
        else if (Values!.Length != Weights.Length)
        {
            return $"is not a valid partition object: {Values.Length} values need as many weights, found {Weights.Length}";
        }

        return "is not a valid partition object: the weights (with tail_weights) must sum to 1";
    }

    /// <summary>numpy's <c>allclose(sum, 1)</c>: within 1e-8 + 1e-5.</summary>
    private static bool SumsToOne(double[] weights) => Math.Abs(weights.Sum() - 1.0) <= 1e-8 + 1e-5;

    private static bool StrictlyIncreasing(double[] bins)
    {
        for (var i = 1; i < bins.Length; i++)
        {
            if (!(bins[i] > bins[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static double[]? Numbers(JsonElement e, string name, ref string? error)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            error ??= $"{name} must be a list of numbers";
            return null;
        }

        var result = new double[e.GetArrayLength()];
        var i = 0;
        foreach (var x in e.EnumerateArray())
        {
            if (!TryNumber(x, out result[i++]))
            {
                error ??= $"{name}[{i - 1}] must be a number, found {x.GetRawText()}";
                return null;
            }
        }

        return result;
    }

    /// <summary>A JSON number, or one of the strings "Infinity", "-Infinity", "inf", "-inf", "NaN".</summary>
    public static bool TryNumber(JsonElement x, out double value)
    {
        value = 0;
        switch (x.ValueKind)
        {
            case JsonValueKind.Number:
                value = x.GetDouble();
                return true;
            case JsonValueKind.String:
                switch (x.GetString())
                {
                    case "Infinity" or "inf" or "+inf": value = double.PositiveInfinity; return true;
                    case "-Infinity" or "-inf": value = double.NegativeInfinity; return true;
                    case "NaN" or "nan": value = double.NaN; return true;
                    default: return double.TryParse(x.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
                }

            default:
                return false;
        }
    }
}
