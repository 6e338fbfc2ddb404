

namespace Expectations;

/// <summary>A drift method, as the <c>method</c> kwarg of <c>expect_column_distribution_to_not_drift</c> names it.</summary>
public enum DriftMethod
{
    /// <summary>Population stability index (the default).</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.Psi)] Psi,
    /// <summary>Two-sample Kolmogorov–Smirnov; the threshold is a p-value level.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.KolmogorovSmirnov)] KolmogorovSmirnov,
    /// <summary>Jensen–Shannon divergence, log base 2.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.JensenShannon)] JensenShannon,
    /// <summary>Wasserstein-1 over the baseline's standard deviation.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.Wasserstein)] Wasserstein,
    /// <summary>L∞ distance of category frequencies.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.LInfinity)] LInfinity,
    /// <summary>Chi-square homogeneity test; the threshold is a p-value level.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.ChiSquare)] ChiSquare,
    /// <summary>Absolute change of the missing rate.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.MissingRate)] MissingRate,
    /// <summary>Relative change of the mean.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.Mean)] MeanChange,
    /// <summary>Relative change of the standard deviation.</summary>
    [System.Runtime.Serialization.EnumMember(Value = DriftMethods.Stdev)] StdevChange,
}

/// <summary>The names of the drift tests, as they appear in reports and the <c>method</c> kwarg.</summary>
internal static class DriftMethods
{
    /// <summary>Two-sample Kolmogorov–Smirnov (numeric): statistic D, p-value.</summary>
    public const string KolmogorovSmirnov = "ks";

    /// <summary>Population stability index (numeric over the baseline's quantile bins; categorical over categories).</summary>
    public const string Psi = "psi";

    /// <summary>Jensen–Shannon divergence, log base 2.</summary>
    public const string JensenShannon = "js";

    /// <summary>Wasserstein-1 distance divided by the baseline's standard deviation (numeric).</summary>
    public const string Wasserstein = "wasserstein";

    /// <summary>L∞ distance of category frequencies (categorical).</summary>
    public const string LInfinity = "linf";

    /// <summary>Chi-square homogeneity test (categorical): statistic, p-value.</summary>
    public const string ChiSquare = "chi2";

    /// <summary>Absolute change of the missing (null or NaN) rate.</summary>
    public const string MissingRate = "missing_rate";

    /// <summary>Relative change of the mean (numeric).</summary>
    public const string Mean = "mean_change";

    /// <summary>Relative change of the standard deviation (numeric).</summary>
    public const string Stdev = "stdev_change";

    /// <summary>Every method name.</summary>
    public static IReadOnlyList<string> All { get; } = [KolmogorovSmirnov, Psi, JensenShannon, Wasserstein, LInfinity, ChiSquare, MissingRate, Mean, Stdev];

    /// <summary>The report name of <paramref name="method"/>.</summary>
    public static string NameOf(DriftMethod method) => method switch
    {
        DriftMethod.Psi => Psi,
        DriftMethod.KolmogorovSmirnov => KolmogorovSmirnov,
        DriftMethod.JensenShannon => JensenShannon,
        DriftMethod.Wasserstein => Wasserstein,
        DriftMethod.LInfinity => LInfinity,
        DriftMethod.ChiSquare => ChiSquare,
        DriftMethod.MissingRate => MissingRate,
        DriftMethod.MeanChange => Mean,
        _ => Stdev,
    };
}
