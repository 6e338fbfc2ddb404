using Expectations.Profiling;
using MathNet.Numerics;

namespace Expectations.Drift;

/// <summary>
/// The textbook drift statistics over weighted samples (exact samples have weight 1 per value; sketches
/// give their items' weights) and over frequency vectors. Pure functions; reference values in the tests
/// come from an independent Python implementation (tests/Expectations.Tests/Drift/reference/).
/// </summary>
internal static class DriftStatistics
{
    /// <summary>
    /// Two-sample Kolmogorov–Smirnov statistic D = sup |F_a(x) − F_b(x)| over the empirical CDFs. With exact
    /// samples this is scipy's <c>ks_2samp</c> statistic: the CDFs are integer counts divided by the sizes.
    /// </summary>
    public static double KolmogorovSmirnov(WeightedSample a, WeightedSample b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return double.NaN;
        }

        long ca = 0, cb = 0;
        int i = 0, j = 0;
        double na = a.Total, nb = b.Total, d = 0;
        while (i < a.Values.Length || j < b.Values.Length)
        {
            // Step both CDFs past every item equal to the next smallest value, then compare.
            var x = j >= b.Values.Length || (i < a.Values.Length && a.Values[i] <= b.Values[j]) ? a.Values[i] : b.Values[j];
            while (i < a.Values.Length && a.Values[i] == x)
            {
                ca += a.Weights[i++];
            }

            while (j < b.Values.Length && b.Values[j] == x)
            {
                cb += b.Weights[j++];
            }

            d = Math.Max(d, Math.Abs((ca / na) - (cb / nb)));
        }

        return d;
    }

    /// <summary>
    /// Asymptotic p-value of a two-sample KS statistic: Q_KS((√n_e + 0.12 + 0.11/√n_e)·D) with
    /// n_e = n·m/(n + m) (Stephens 1970; Numerical Recipes §14.3). Not scipy's exact small-sample p-value.
    /// </summary>
    public static double KolmogorovSmirnovPValue(double d, long n, long m)
    {
        if (n <= 0 || m <= 0 || double.IsNaN(d))
        {
            return double.NaN;
        }

        var en = Math.Sqrt((double)n * m / (n + m));
        return KolmogorovSurvival((en + 0.12 + (0.11 / en)) * d);
    }

    /// <summary>
    /// P(K &gt; λ) of the Kolmogorov distribution. MathNet.Numerics 5 has no Kolmogorov distribution, so this
    /// sums its two classical series: 1 − (√(2π)/λ)·Σ exp(−(2k−1)²π²/(8λ²)) for small λ, and
    /// 2·Σ (−1)^(k−1) exp(−2k²λ²) otherwise; each converges to double precision within a few terms.
    /// </summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (lambda <= 0)
        {
            return 1;
        }

        if (lambda < 1.18)
        {
            var y = -Math.PI * Math.PI / (8 * lambda * lambda);
            double sum = 0;
            for (var k = 1; k <= 20; k++)
            {
                var term = Math.Exp((2 * k - 1) * (2 * k - 1) * y);
                sum += term;
                if (term < 1e-17 * sum)
                {
                    break;
                }
            }

            return Math.Clamp(1 - (Math.Sqrt(2 * Math.PI) / lambda * sum), 0, 1);
        }

        double s = 0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            s += k % 2 == 1 ? term : -term;
            if (term < 1e-17)
            {
                break;
            }
        }

        return Math.Clamp(2 * s, 0, 1);
    }

    /// <summary>Wasserstein-1 (earth mover's) distance ∫|F_a − F_b| dx between the samples, as scipy's <c>wasserstein_distance</c>.</summary>
    public static double Wasserstein(WeightedSample a, WeightedSample b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return double.NaN;
        }

        long ca = 0, cb = 0;
        int i = 0, j = 0;
        double na = a.Total, nb = b.Total, area = 0;
        var previous = double.NaN;
        var gap = 0.0;
        while (i < a.Values.Length || j < b.Values.Length)
        {
            var x = j >= b.Values.Length || (i < a.Values.Length && a.Values[i] <= b.Values[j]) ? a.Values[i] : b.Values[j];
            if (!double.IsNaN(previous))
            {
                area += gap * (x - previous);
            }

            while (i < a.Values.Length && a.Values[i] == x)
            {
                ca += a.Weights[i++];
            }

            while (j < b.Values.Length && b.Values[j] == x)
            {
                cb += b.Weights[j++];
            }

            gap = Math.Abs((ca / na) - (cb / nb));
            previous = x;
        }

        return area;
    }

    /// <summary>Population stability index Σ (q − p)·ln(q / p) over bins, each proportion floored at <paramref name="epsilon"/> so empty bins stay finite.</summary>
    public static double PopulationStabilityIndex(ReadOnlySpan<double> baseline, ReadOnlySpan<double> current, double epsilon, Span<double> contributions)
    {
        double psi = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            var p = Math.Max(baseline[i], epsilon);
            var q = Math.Max(current[i], epsilon);
            contributions[i] = (q - p) * Math.Log(q / p);
            psi += contributions[i];
        }

        return psi;
    }

    /// <summary>Jensen–Shannon divergence with log base 2 (as TFDV), in [0, 1]; 0·log 0 = 0, so no epsilon is needed.</summary>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double js = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2;
            if (p[i] > 0)
            {
                js += 0.5 * p[i] * Math.Log2(p[i] / m);
            }

            if (q[i] > 0)
            {
                js += 0.5 * q[i] * Math.Log2(q[i] / m);
            }
        }

        return Math.Clamp(js, 0, 1);
    }

    /// <summary>L-infinity distance max |p − q| of two frequency vectors (TFDV's categorical drift measure).</summary>
    public static double LInfinity(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double d = 0;
        for (var i = 0; i < p.Length; i++)
        {
            d = Math.Max(d, Math.Abs(p[i] - q[i]));
        }

        return d;
    }

    /// <summary>
    /// Pearson's chi-square test of homogeneity on the 2×K table of counts (scipy's <c>chi2_contingency</c>
    /// with <c>correction=False</c>): categories empty in both are dropped, dof = K − 1, p from MathNet's
    /// regularised upper incomplete gamma. Fewer than two categories: statistic 0, p = 1.
    /// </summary>
    public static (double Statistic, int DegreesOfFreedom, double PValue) ChiSquare(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double na = 0, nb = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            na += a[i];
            nb += b[i];
            if (a[i] + b[i] > 0)
            {
                k++;
            }
        }

        if (k < 2 || na == 0 || nb == 0)
        {
            return (0, Math.Max(0, k - 1), 1);
        }

        var n = na + nb;
        double chi2 = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var column = a[i] + b[i];
            if (column == 0)
            {
                continue;
            }

            var ea = na * column / n;
            var eb = nb * column / n;
            chi2 += ((a[i] - ea) * (a[i] - ea) / ea) + ((b[i] - eb) * (b[i] - eb) / eb);
        }

        var dof = k - 1;
        return (chi2, dof, SpecialFunctions.GammaUpperRegularized(dof / 2.0, chi2 / 2));
    }
}
