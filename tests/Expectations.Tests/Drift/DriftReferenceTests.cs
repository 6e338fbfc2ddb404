using Expectations.Drift;
using Expectations.Profiling;

namespace Expectations.Tests.Drift;

/// <summary>
/// Drift statistics against reference values from an independent implementation:
/// reference/drift_reference.py (Python stdlib only; scipy is not installed on the build machines), whose
/// output is reference/reference_output.txt. The KS statistic there is computed in exact rational
/// arithmetic with bisect-based CDFs, the way scipy.stats.ks_2samp defines it.
/// </summary>
public class DriftReferenceTests
{
    // Data A and B as printed by drift_reference.py (random.seed(20240501), rounded to 3 decimals, with ties).
    internal static readonly double[] A = [11.36, 8.968, 9.379, 10.792, 7.737, 7.738, 12.463, 9.017, 9.409, 11.326, 10.299, 11.531, 10.822, 10.107, 4.351, 8.277, 10.082, 11.963, 10.506, 6.747, 11.244, 10.489, 10.923, 10.364, 9.88, 8.755, 7.605, 7.827, 12.785, 11.243, 12.562, 7.572, 11.379, 10.574, 9.827, 8.893, 10.555, 12.789, 7.929, 10.608, 10.0, 10.0, 12.5];
    internal static readonly double[] B = [8.645, 13.214, 9.432, 8.93, 9.415, 13.563, 14.904, 5.594, 9.925, 10.938, 11.007, 11.989, 14.965, 11.802, 10.937, 11.017, 18.655, 9.138, 6.155, 11.693, 8.303, 13.758, 10.914, 7.213, 9.243, 13.454, 12.65, 13.795, 7.316, 13.871, 9.83, 10.0, 12.5];

    // Reference constants (reference_output.txt).
    private const double KsStatistic = 0.284707540521494;
    private const double KsPValue = 0.07878583972860714;
    private const double Wasserstein = 1.1961296687808316;
    private const double Psi = 0.7908299033974288;
    private const double JensenShannon = 0.06807156600391134;
    private const double ChiSquare3 = 10.729179910998093;
    private const double ChiSquare3P = 0.00467937860068816;
    private const double ChiSquare4 = 10.415426573426576;
    private const double ChiSquare4P = 0.015345720413655246;

    internal static WeightedSample Exact(double[] values)
    {
        var sorted = values.Order().ToArray();
        return new WeightedSample(sorted, [.. sorted.Select(_ => 1L)]);
    }

    [Fact]
    public void Exact_ks_statistic_equals_the_reference_to_1e_12()
    {
        DriftStatistics.KolmogorovSmirnov(Exact(A), Exact(B)).Should().BeApproximately(KsStatistic, 1e-12);
        DriftStatistics.KolmogorovSmirnov(Exact(B), Exact(A)).Should().BeApproximately(KsStatistic, 1e-12);
    }

    [Fact]
    public void Ks_p_value_matches_the_asymptotic_reference()
    {
        DriftStatistics.KolmogorovSmirnovPValue(KsStatistic, A.Length, B.Length).Should().BeApproximately(KsPValue, 1e-12);
    }

    [Theory]
    // Published critical values of the Kolmogorov distribution (e.g. Smirnov 1948 tables): P(K > λ) = α.
    [InlineData(1.2239, 0.10)]
    [InlineData(1.3581, 0.05)]
    [InlineData(1.6276, 0.01)]
    [InlineData(1.9495, 0.001)]
    public void Kolmogorov_survival_matches_published_critical_values(double lambda, double alpha) =>
        DriftStatistics.KolmogorovSurvival(lambda).Should().BeApproximately(alpha, alpha * 0.002);

    [Fact]
    public void Kolmogorov_survival_is_continuous_where_the_two_series_meet()
    {
        DriftStatistics.KolmogorovSurvival(Math.BitDecrement(1.18)).Should().BeApproximately(DriftStatistics.KolmogorovSurvival(1.18), 1e-12);
        DriftStatistics.KolmogorovSurvival(0.1).Should().BeApproximately(1, 1e-12);
        DriftStatistics.KolmogorovSurvival(0).Should().Be(1);
    }

    [Fact]
    public void Wasserstein_matches_the_reference() =>
        DriftStatistics.Wasserstein(Exact(A), Exact(B)).Should().BeApproximately(Wasserstein, 1e-12);

    [Fact]
    public void Psi_and_jensen_shannon_match_the_reference()
    {
        double[] p = [0.1, 0.2, 0.3, 0.4, 0.0];
        double[] q = [0.15, 0.25, 0.2, 0.3, 0.1];
        DriftStatistics.PopulationStabilityIndex(p, q, 1e-4, new double[5]).Should().BeApproximately(Psi, 1e-12);
        DriftStatistics.JensenShannon(p, q).Should().BeApproximately(JensenShannon, 1e-12);
        DriftStatistics.JensenShannon(p, p).Should().Be(0);
        DriftStatistics.JensenShannon([1, 0], [0, 1]).Should().BeApproximately(1, 1e-15, "disjoint supports are 1 bit apart with log base 2");
    }

    [Fact]
    public void Chi_square_matches_the_reference_statistic_and_closed_form_p_values()
    {
        var (x3, dof3, p3) = DriftStatistics.ChiSquare([30, 50, 20], [25, 40, 45]);
        x3.Should().BeApproximately(ChiSquare3, 1e-10);
        dof3.Should().Be(2);
        p3.Should().BeApproximately(ChiSquare3P, 1e-12);
        var (x4, dof4, p4) = DriftStatistics.ChiSquare([12, 7, 30, 1], [10, 15, 22, 9]);
        x4.Should().BeApproximately(ChiSquare4, 1e-10);
        dof4.Should().Be(3);
        p4.Should().BeApproximately(ChiSquare4P, 1e-12);
    }

    [Fact]
    public void Chi_square_with_one_category_is_no_evidence()
    {
        DriftStatistics.ChiSquare([5, 0], [7, 0]).Should().Be((0.0, 0, 1.0));
    }

    [Fact]
    public void Drift_detector_reports_the_reference_ks_on_exact_profiles()
    {
        var baseline = Profile("x", A);
        var current = Profile("x", B);
        var drift = DriftDetector.CompareColumn(baseline.Columns[0], current.Columns[0]);
        var ks = drift.Test(DriftMethods.KolmogorovSmirnov)!;
        ks.Statistic.Should().BeApproximately(KsStatistic, 1e-12);
        ks.PValue.Should().BeApproximately(KsPValue, 1e-12);
        ks.ErrorBound.Should().Be(0);
        ks.Drifted.Should().BeFalse("p ≈ 0.079 is above 0.05");
        var w = drift.Test(DriftMethods.Wasserstein)!;
        w.Statistic.Should().BeApproximately(Wasserstein / baseline.Columns[0].StandardDeviation!.Value, 1e-12);
    }

    internal static DatasetProfile Profile(string column, double[] values, ProfileOptions? options = null)
    {
        var table = InMemoryTable.Builder("t").Add(column, values.Select(v => (double?)v).ToArray()).Build();
        return DatasetProfile.BuildAsync(table, options).GetAwaiter().GetResult();
    }
}
