namespace Expectations;

/// <summary>
/// Thresholds of the drift tests; a column drifts when any test with a threshold crosses it. A null
/// threshold makes that test informational (reported, never decisive). Defaults follow common practice:
/// KS p &lt; 0.05, PSI ≥ 0.2, Jensen–Shannon ≥ 0.1, normalised Wasserstein ≥ 0.1, L∞ ≥ 0.1, chi-square
/// p &lt; 0.05, missing rate changed by ≥ 0.1 (absolute); mean and stdev changes informational.
/// </summary>
public sealed record DriftOptions
{
    /// <summary>The defaults.</summary>
    public static DriftOptions Default { get; } = new();

    /// <summary>KS drifts when its p-value is below this (default 0.05).</summary>
    public double? KsPValue { get; init; } = 0.05;

    /// <summary>PSI drifts at or above this (default 0.2; 0.1–0.2 is commonly read as "moderate").</summary>
    public double? Psi { get; init; } = 0.2;

    /// <summary>Jensen–Shannon divergence (log base 2, in [0, 1]) drifts at or above this (default 0.1).</summary>
    public double? JensenShannon { get; init; } = 0.1;

    /// <summary>Wasserstein-1 divided by the baseline's standard deviation drifts at or above this (default 0.1).</summary>
    public double? Wasserstein { get; init; } = 0.1;

    /// <summary>L∞ distance of category frequencies drifts at or above this (default 0.1).</summary>
    public double? LInfinity { get; init; } = 0.1;

    /// <summary>Chi-square homogeneity test drifts when its p-value is below this (default 0.05).</summary>
    public double? ChiSquarePValue { get; init; } = 0.05;

    /// <summary>Absolute change of the missing (null or NaN) rate that drifts (default 0.1).</summary>
    public double? MissingRateChange { get; init; } = 0.1;

    /// <summary>Relative change |μc − μb| / |μb| of the mean that drifts (default null: informational).</summary>
    public double? MeanChange { get; init; }

    /// <summary>Relative change of the standard deviation that drifts (default null: informational).</summary>
    public double? StdevChange { get; init; }

    /// <summary>Quantile bins of the baseline used by PSI and Jensen–Shannon on numeric columns (default 10: deciles).</summary>
    public int Bins { get; init; } = 10;

    /// <summary>The floor for empty bins' proportions in PSI, so ln(q/p) stays finite (default 1e-4, as Evidently).</summary>
    public double PsiEpsilon { get; init; } = 1e-4;

    /// <summary>
    /// Whether identifier-like columns have their distributions compared (default false): an integer, text or binary column
    /// whose values are (nearly) all distinct in the baseline, or text with more than 100 distinct values in more than half
    /// of its rows. New ids always "drift"; by default only their missing rate is compared, and the report says why.
    /// </summary>
    public bool CompareIdentifiers { get; init; }

    /// <summary>How many bins or categories a test lists as the worst (default 5).</summary>
    public int WorstCount { get; init; } = 5;

    /// <summary>
    /// Whether baseline columns missing from the current data pass (default false: a feature that disappeared fails
    /// the comparison). Either way they are listed, with status <see cref="DriftStatus.Missing"/>.
    /// </summary>
    public bool AllowMissingColumns { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> for thresholds out of range.</summary>
    public void ThrowIfInvalid()
    {
        static void InUnit(double? v, string name)
        {
            if (v is { } x && !(x > 0 && x <= 1))
            {
                throw new ArgumentException($"{name} must be in (0, 1], got {x}.", name);
            }
        }

        static void Positive(double? v, string name)
        {
            if (v is { } x && !(x > 0 && double.IsFinite(x)))
            {
                throw new ArgumentException($"{name} must be a positive number, got {x}.", name);
            }
        }

        InUnit(KsPValue, nameof(KsPValue));
        InUnit(ChiSquarePValue, nameof(ChiSquarePValue));
        InUnit(JensenShannon, nameof(JensenShannon));
        InUnit(LInfinity, nameof(LInfinity));
        InUnit(MissingRateChange, nameof(MissingRateChange));
        Positive(Psi, nameof(Psi));
        Positive(Wasserstein, nameof(Wasserstein));
        Positive(MeanChange, nameof(MeanChange));
        Positive(StdevChange, nameof(StdevChange));
        if (Bins < 2)
        {
            throw new ArgumentException($"Bins must be at least 2, got {Bins}.", nameof(Bins));
        }

        if (!(PsiEpsilon > 0 && PsiEpsilon < 0.01))
        {
            throw new ArgumentException($"PsiEpsilon must be in (0, 0.01), got {PsiEpsilon}.", nameof(PsiEpsilon));
        }
    }
}
