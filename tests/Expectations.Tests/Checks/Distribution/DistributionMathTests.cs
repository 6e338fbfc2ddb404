using CsCheck;
using Expectations.Engine.Aggregate;
using Expectations.Engine.Checks;
using Expectations.Model;

namespace Expectations.Tests.Checks.Distribution;

public class DistributionMathTests
{
    [Fact]
    public void Kolmogorov_p_value_matches_the_published_exact_value()
    {
        // Marsaglia, Tsang and Wang (2003) give K(10, 0.274) = 0.6284796154565043.
        DistributionMath.KolmogorovPValue(10, 0.274).Should().BeApproximately(1 - 0.6284796154565043, 1e-12);
    }

    [Fact]
    public void Kolmogorov_p_value_for_one_value_is_the_closed_form()
    {
        // D_1 = max(U, 1 − U): P(D_1 ≥ d) = 2(1 − d) for d in [0.5, 1].
        DistributionMath.KolmogorovPValue(1, 0.75).Should().BeApproximately(0.5, 1e-12);
        DistributionMath.KolmogorovPValue(1, 0.5).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Kolmogorov_p_value_has_no_jump_where_the_method_changes()
    {
        // n·d crosses 100: exact matrix method on one side, Stephens-corrected asymptotics on the other.
        var exact = DistributionMath.KolmogorovPValue(5000, 0.01999);
        var asymptotic = DistributionMath.KolmogorovPValue(5000, 0.02);
        exact.Should().BeInRange(0.02, 0.05);
        asymptotic.Should().BeApproximately(exact, 5e-4);

        // The large-statistic shortcut starts at n·d² > 7.24.
        DistributionMath.KolmogorovPValue(50, Math.Sqrt(7.24 / 50) * 0.999).Should().BeApproximately(DistributionMath.KolmogorovPValue(50, Math.Sqrt(7.24 / 50) * 1.001), 2e-5);
    }

    [Fact]
    public void Kolmogorov_p_value_falls_as_the_statistic_grows()
    {
        Gen.Int[1, 400].Select(Gen.Double[0, 1], Gen.Double[0, 1]).Sample((n, a, b) =>
        {
            var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
            var (plo, phi) = (DistributionMath.KolmogorovPValue(n, lo), DistributionMath.KolmogorovPValue(n, hi));
            return plo >= phi - 1e-9 && plo is >= 0 and <= 1 && phi is >= 0 and <= 1;
        }, iter: 300);
    }

    [Theory]
    [InlineData(8, 0.9513, 0.95135)]
    [InlineData(27, 0.5178, 0.51785)]
    public void Kolmogorov_p_value_does_not_jump_where_the_large_statistic_shortcut_used_to_start(int n, double lower, double higher) =>
        DistributionMath.KolmogorovPValue(n, higher).Should().BeLessThanOrEqualTo(DistributionMath.KolmogorovPValue(n, lower));

    [Fact]
    public void Critical_value_separates_passing_from_failing_statistics()
    {
        var d = DistributionMath.KolmogorovCriticalValue(56, 0.05);
        DistributionMath.KolmogorovPValue(56, d).Should().BeGreaterThanOrEqualTo(0.05);
        DistributionMath.KolmogorovPValue(56, d + 1e-9).Should().BeLessThan(0.05);
        d.Should().BeApproximately(1.36 / Math.Sqrt(56), 0.01, "the classical 5% critical value is about 1.36/√n");
    }

    [Fact]
    public void Chi_square_survival_matches_tables()
    {
        DistributionMath.ChiSquareSurvival(3.841458820694124, 1).Should().BeApproximately(0.05, 1e-9);
        DistributionMath.ChiSquareSurvival(0, 3).Should().Be(1);
        DistributionMath.ChiSquareSurvival(double.PositiveInfinity, 3).Should().Be(0);
        DistributionMath.ChiSquareTest([10, 10], [10, 10]).PValue.Should().Be(1);
        DistributionMath.ChiSquareTest([5, 0], [5, 0]).PValue.Should().Be(double.NaN, "0/0 makes the statistic undefined, as in scipy");
    }

    [Fact]
    public void Relative_entropy_normalises_and_handles_zero_weights_as_scipy()
    {
        // GX's fixture "holdout_0_1": observed a, a, b, c against a 0.54, b 0.36, c (holdout) 0.1.
        DistributionMath.RelativeEntropy([0.5, 0.25, 0.25], [0.54, 0.36, 0.1]).Should().BeApproximately(0.09943138400349738, 1e-12);
        DistributionMath.RelativeEntropy([2, 1], [4, 2]).Should().Be(0);
        DistributionMath.RelativeEntropy([0, 1], [0, 1]).Should().Be(0);
        DistributionMath.RelativeEntropy([1, 1], [1, 0]).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void Ks_statistic_takes_both_sides_of_the_step()
    {
        // One value at the median of U(0, 1): the empirical CDF jumps from 0 to 1 there, 0.5 away on both sides.
        DistributionMath.KsStatistic([0.5], x => x).Should().Be(0.5);
        DistributionMath.KsStatistic([0.1, 0.2], x => x).Should().BeApproximately(0.8, 1e-12);
    }

    [Fact]
    public void Histogram_bins_agree_with_a_linear_scan_reference()
    {
        var edges = Gen.Double[-100, 100].Array[1, 12].Select(a => a.Distinct().Order().ToArray()).Where(a => a.Length >= 2);
        var infinite = Gen.Bool.Select(Gen.Bool);
        var value = Gen.OneOf(Gen.Double[-120, 120], Gen.Const(double.NaN), Gen.Double[-100, 100].Select(x => Math.Round(x)));
        Gen.Select(edges, infinite, value).Sample((e, inf, x) =>
        {
            var bins = (double[])e.Clone();
            if (inf.Item1)
            {
                bins[0] = double.NegativeInfinity;
            }

            if (inf.Item2)
            {
                bins[^1] = double.PositiveInfinity;
            }

            return BinCounts.BinOf(bins, x) == Reference(bins, x);
        }, iter: 2000);

        static int Reference(double[] bins, double x)
        {
            if (double.IsNaN(x))
            {
                return BinCounts.Missing;
            }

            for (var i = 0; i < bins.Length - 1; i++)
            {
                var last = i == bins.Length - 2;
                if (x >= bins[i] && (x < bins[i + 1] || (last && x == bins[i + 1])))
                {
                    return i;
                }
            }

            return x < bins[0] ? BinCounts.Below : BinCounts.Above;
        }
    }

    [Fact]
    public void Nearest_quantile_rounds_half_to_even_as_numpy()
    {
        double[] sorted = [1, 2, 3, 4];
        DistributionMath.Quantile(sorted, 0.5, "nearest").Should().Be(3, "index 1.5 rounds to 2");
        DistributionMath.Quantile([1, 2, 3, 4, 5, 6], 0.5, "nearest").Should().Be(3, "index 2.5 rounds to 2");
        DistributionMath.Quantile(sorted, 0.5, "linear").Should().Be(2.5);
        DistributionMath.Quantile(sorted, 0.5, "lower").Should().Be(2);
        DistributionMath.Quantile(sorted, 0.5, "higher").Should().Be(3);
        DistributionMath.Quantile(sorted, 0.5, "midpoint").Should().Be(2.5);
        DistributionMath.Quantile(sorted, 1, "midpoint").Should().Be(4);
    }
}
