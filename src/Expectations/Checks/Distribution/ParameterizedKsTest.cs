using System.Runtime.Serialization;
using System.Text.Json;
using Expectations.Data;
using Expectations.Engine;
using Expectations.Engine.Aggregate;
using Expectations.Reporting;
using MathNet.Numerics.Distributions;

namespace Expectations.Checks;

/// <summary>The continuous distributions a Kolmogorov–Smirnov test compares with, by their scipy names.</summary>
public enum KsDistribution
{
    /// <summary>Normal: params <c>{"mean", "std_dev"}</c> or <c>[loc, scale]</c>.</summary>
    [EnumMember(Value = "norm")]
    Normal,

    /// <summary>Beta: params <c>{"alpha", "beta", "loc", "scale"}</c> or <c>[a, b, loc, scale]</c>.</summary>
    [EnumMember(Value = "beta")]
    Beta,

    /// <summary>Gamma: params <c>{"alpha", "loc", "scale"}</c> or <c>[a, loc, scale]</c>.</summary>
    [EnumMember(Value = "gamma")]
    Gamma,

    /// <summary>Uniform on [loc, loc + scale]: params <c>{"min", "max"}</c> (GX passes them as loc and scale) or <c>[loc, scale]</c>.</summary>
    [EnumMember(Value = "uniform")]
    Uniform,

    /// <summary>Chi-square: params <c>{"df", "loc", "scale"}</c> or <c>[df, loc, scale]</c>.</summary>
    [EnumMember(Value = "chi2")]
    ChiSquare,

    /// <summary>Exponential: params <c>{"loc", "scale"}</c> or <c>[loc, scale]</c>.</summary>
    [EnumMember(Value = "expon")]
    Exponential,
}

/// <summary>
/// GX <c>expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than</c>: the two-sided one-sample
/// Kolmogorov–Smirnov test of the non-null, non-NaN values against <see cref="Distribution"/> with
/// <see cref="Params"/> (scipy's positional arguments as a list, or GX's named dict) has a p-value of at least
/// <see cref="PValue"/>. The p-value is exact (Marsaglia–Tsang–Wang), as scipy's <c>kstest</c> reports it.
/// observed_value is the p-value; details hold expected_params (positional) and observed_ks_result
/// [statistic, p-value]. Memory: every value (8 bytes a row).
/// Example: <c>{"column": "x", "distribution": "norm", "params": {"mean": 0, "std_dev": 1}, "p_value": 0.05}</c>.
/// </summary>
public sealed record ColumnParameterizedDistributionKsTestPValueToBeGreaterThan : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Value equality; JSON arguments compare by content.</summary>
    /// <param name="other">The other expectation.</param>
    public bool Equals(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan? other) =>
        other is not null
        && base.Equals(other)
        && Distribution == other.Distribution
        && PValue == other.PValue
        && JsonArguments.Same(Params, other.Params);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Distribution, PValue);

    /// <summary>The distribution.</summary>
    [Kwarg("distribution", Required = true)]
    public KsDistribution Distribution { get; init; }

    /// <summary>The distribution's parameters: a list (scipy's positional order) or a dict (GX's names); null for the defaults.</summary>
    [Kwarg("params")]
    public JsonElement? Params { get; init; }

    /// <summary>The p-value must be at least this, in (0, 1); default 0.05.</summary>
    [Kwarg("p_value")]
    public double PValue { get; init; } = 0.05;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (!(PValue > 0 && PValue < 1))
        {
            errors.Add("p_value", $"must be between 0 and 1 exclusive, got {PValue}");
        }

        if (KsParameters.Resolve(Distribution, Params, out var problem) is null)
        {
            errors.Add("params", problem!);
        }
    }
}

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

internal sealed class ParameterizedKsEvaluator(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan e) : Evaluator<ColumnParameterizedDistributionKsTestPValueToBeGreaterThan>(e)
{
    private ColumnValuesMetric? _values;

    public override void Bind(Binding binding) => _values = binding.Require(new ColumnValuesMetric(KsColumns.Numeric(binding, Spec.Column, Spec.Type)));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var parameters = KsParameters.Resolve(Spec.Distribution, Spec.Params, out var problem)
            ?? throw new ExpectationException($"{Spec.Type}: params {problem}.");
        var values = metrics.Get(_values!);
        var sorted = values.Sorted;
        var statistic = sorted.IsEmpty ? double.NaN : DistributionMath.KsStatistic(sorted, parameters.Cdf());
        var pValue = DistributionMath.KolmogorovPValue(sorted.Length, statistic);
        var success = pValue >= Spec.PValue;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var details = new ResultDetails
        {
            ObservedValue = DistributionResults.FiniteOrNull(pValue),
            Details = AggregateJson.Build(w =>
            {
                w.WriteStartObject();
                DistributionResults.WriteNumbers(w, "expected_params", parameters.Positional);
                DistributionResults.WriteNumbers(w, "observed_ks_result", [statistic, pValue]);
                w.WriteEndObject();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, values.ElementCount, values.MissingCount));
    }
}

/// <summary>Column checks shared by the KS expectations.</summary>
internal static class KsColumns
{
    /// <summary>The column's name; throws <see cref="ExpectationException"/> unless it is numeric.</summary>
    public static string Numeric(Binding binding, string name, string type)
    {
        var column = binding.Column(name);
        return column.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean
            ? column.Name
            : throw new ExpectationException($"{type}: a Kolmogorov–Smirnov test needs a numeric column, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}).");
    }
}
