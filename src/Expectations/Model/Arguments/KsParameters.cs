using System.Runtime.Serialization;
using System.Text.Json;
using MathNet.Numerics.Distributions;

namespace Expectations.Model;

/// <summary>Positional parameters of a scipy distribution and its CDF (from MathNet.Numerics).</summary>
internal sealed record KsParameters(KsDistribution Distribution, double[] Positional)
{
    /// <summary>
    /// GX's <c>validate_distribution_parameters</c> plus <c>_scipy_distribution_positional_args_from_dict</c>: the
    /// positional arguments, or null with a reason.
    /// </summary>
    public static KsParameters? Resolve(KsDistribution distribution, JsonElement? parameters, out string? problem)
    {
        problem = null;
        double[] args;
        var name = Wire(distribution);
        if (parameters is not { } p || p.ValueKind == JsonValueKind.Null)
        {
            args = [];
        }
        else if (p.ValueKind == JsonValueKind.Array)
        {
            args = new double[p.GetArrayLength()];
            for (var i = 0; i < args.Length; i++)
            {
                if (!Partition.TryNumber(p[i], out args[i]))
                {
                    problem = $"[{i}] must be a number, found {p[i].GetRawText()}";
                    return null;
                }
            }
        }
        else if (p.ValueKind == JsonValueKind.Object)
        {
            var named = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var kv in p.EnumerateObject())
            {
                if (!Partition.TryNumber(kv.Value, out var v))
                {
                    problem = $"'{kv.Name}' must be a number, found {kv.Value.GetRawText()}";
                    return null;
                }

                named[kv.Name] = v;
            }

            double Get(string key, double fallback) => named.TryGetValue(key, out var v) ? v : fallback;
            if (Get("std_dev", 1) <= 0 || Get("scale", 1) <= 0)
            {
                problem = "std_dev and scale must be positive";
                return null;
            }

            var (loc, scale) = (Get("loc", 0), Get("scale", 1));
            args = distribution switch
            {
                KsDistribution.Normal => [Get("mean", loc), Get("std_dev", scale)],
                KsDistribution.Beta => [Get("alpha", -1), Get("beta", -1), loc, scale],
                KsDistribution.Gamma => [Get("alpha", -1), loc, scale],
                KsDistribution.Uniform => [Get("min", loc), Get("max", scale)],
                KsDistribution.ChiSquare => [Get("df", -1), loc, scale],
                _ => [loc, scale],
            };
        }
        else
        {
            problem = "must be a dict or list of the distribution's parameters";
            return null;
        }

        var (shapes, most) = distribution switch
        {
            KsDistribution.Beta => (2, 4),
            KsDistribution.Gamma or KsDistribution.ChiSquare => (1, 3),
            _ => (0, 2),
        };
        if (args.Length < shapes)
        {
            problem = $"missing required parameters: {name} needs {shapes} shape parameter(s) before loc and scale";
            return null;
        }

        if (args.Length > most)
        {
            problem = $"too many parameters provided: {name} takes at most {most}";
            return null;
        }

        if (args.Take(shapes).Any(a => !(a > 0)))
        {
            problem = $"invalid parameters: {name}'s shape parameters must be positive";
            return null;
        }

        if (args.Length == most && !(args[^1] > 0))
        {
            problem = "std_dev and scale must be positive";
            return null;
        }

        if (args.Any(double.IsNaN))
        {
            problem = "parameters must not be NaN";
            return null;
        }

        return new KsParameters(distribution, args);
    }

    /// <summary>scipy's name of the distribution.</summary>
    public static string Wire(KsDistribution d) =>
        typeof(KsDistribution).GetField(d.ToString())!.GetCustomAttributes(typeof(EnumMemberAttribute), false).Cast<EnumMemberAttribute>().Single().Value!;

    /// <summary>The CDF with scipy's loc/scale convention: F((x − loc) / scale) of the standard form.</summary>
    public Func<double, double> Cdf()
    {
        var a = Positional;
        var shapes = Distribution switch
        {
            KsDistribution.Beta => 2,
            KsDistribution.Gamma or KsDistribution.ChiSquare => 1,
            _ => 0,
        };
        var loc = a.Length > shapes ? a[shapes] : 0;
        var scale = a.Length > shapes + 1 ? a[shapes + 1] : 1;
        Func<double, double> standard = Distribution switch
        {
            KsDistribution.Normal => z => Normal.CDF(0, 1, z),
            KsDistribution.Beta => z => z <= 0 ? 0 : z >= 1 ? 1 : MathNet.Numerics.Distributions.Beta.CDF(a[0], a[1], z),
            KsDistribution.Gamma => z => z <= 0 ? 0 : MathNet.Numerics.Distributions.Gamma.CDF(a[0], 1, z),
            KsDistribution.Uniform => z => Math.Clamp(z, 0, 1),
            KsDistribution.ChiSquare => z => z <= 0 ? 0 : ChiSquared.CDF(a[0], z),
            _ => z => z <= 0 ? 0 : Exponential.CDF(1, z),
        };
        return x => standard((x - loc) / scale);
    }
}
