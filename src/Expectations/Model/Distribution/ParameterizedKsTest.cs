using System.Runtime.Serialization;
using System.Text.Json;
using Expectations.Model;

namespace Expectations;

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
