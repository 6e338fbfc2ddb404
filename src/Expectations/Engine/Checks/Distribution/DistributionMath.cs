using MathNet.Numerics;

namespace Expectations.Engine.Checks;

/// <summary>
/// The statistics behind the distributional expectations, with scipy's semantics: relative entropy
/// (<c>scipy.stats.entropy</c>), Pearson's chi-square test (<c>scipy.stats.chisquare</c>,
/// <c>chi2_contingency</c>) and the one-sample Kolmogorov–Smirnov test (<c>scipy.stats.kstest</c>).
/// Distribution functions come from MathNet.Numerics; MathNet has no Kolmogorov distribution, so that one is
/// computed here (Marsaglia, Tsang and Wang 2003).
/// </summary>
internal static class DistributionMath
{
    /// <summary>
    /// <c>scipy.stats.entropy(pk, qk)</c>: both normalised to sum 1, then Σ pk·ln(pk/qk), where a term with
    /// pk = 0 is 0 and a term with pk &gt; 0, qk = 0 is +∞. NaN when either sums to 0.
    /// </summary>
    public static double RelativeEntropy(ReadOnlySpan<double> pk, ReadOnlySpan<double> qk)
    {
        double sp = 0, sq = 0;
        foreach (var p in pk)
        {
            sp += p;
        }

        foreach (var q in qk)
        {
            sq += q;
        }

        double sum = 0;
        for (var i = 0; i < pk.Length; i++)
        {
            var p = pk[i] / sp;
            var q = qk[i] / sq;
            sum += p > 0 && q > 0 ? p * Math.Log(p / q)
                : p == 0 && q >= 0 ? 0
                : double.PositiveInfinity;
        }

        return sum;
    }

    /// <summary>
    /// <c>scipy.stats.chisquare(observed, expected)</c>'s p-value: Σ (o − e)² / e against a chi-square
    /// distribution with k − 1 degrees of freedom. An expected 0 with an observed count makes the statistic
    /// infinite (p = 0); NaN when the statistic is undefined or there is a single category.
    /// </summary>
    public static (double Statistic, double PValue) ChiSquareTest(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        double stat = 0;
        for (var i = 0; i < observed.Length; i++)
        {
            var d = observed[i] - expected[i];
            stat += d * d / expected[i];
        }

        return (stat, ChiSquareSurvival(stat, observed.Length - 1));
    }

    /// <summary>P(X ≥ <paramref name="statistic"/>) for X chi-square distributed with <paramref name="degrees"/> degrees of freedom.</summary>
    public static double ChiSquareSurvival(double statistic, int degrees) =>
        double.IsNaN(statistic) || degrees < 1 ? double.NaN
        : double.IsPositiveInfinity(statistic) ? 0
        : statistic <= 0 ? 1
        : SpecialFunctions.GammaUpperRegularized(degrees / 2.0, statistic / 2.0);

    /// <summary>
    /// The two-sided one-sample Kolmogorov–Smirnov statistic of <paramref name="sorted"/> (ascending) against
    /// <paramref name="cdf"/>: max over i of i/n − F(xᵢ) and F(xᵢ) − (i−1)/n.
    /// </summary>
    public static double KsStatistic(ReadOnlySpan<double> sorted, Func<double, double> cdf)
    {
        var n = (double)sorted.Length;
        double d = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(((i + 1) / n) - f, f - (i / n)));
        }

        return d;
    }

    /// <summary>
    /// P(Dₙ ≥ d): the exact two-sided Kolmogorov–Smirnov p-value, as scipy's <c>kstest</c> (method "exact")
    /// reports it. Marsaglia–Tsang–Wang's matrix method while its matrix stays small (n·d &lt; 100); beyond that
    /// their large-statistic approximation when n·d² is large (accurate to about 5 digits where it applies) and
    /// otherwise the asymptotic Kolmogorov distribution with Stephens' small-sample correction.
    /// </summary>
    public static double KolmogorovPValue(int n, double d)
    {
        if (n <= 0 || double.IsNaN(d))
        {
            return double.NaN;
        }

        if (d <= 0)
        {
            return 1;
        }

        if (d >= 1)
        {
            return 0;
        }

        // The exact method wherever it is cheap (n·d < 100): Marsaglia's quick large-statistic formula is only good
        // to about 1e-7, so switching to it inside that range made the p-value jump upwards as d grew.
        if (n * d < 100)
        {
            return Math.Clamp(1 - MarsagliaTsangWang(n, d), 0, 1);
        }

        var s = d * d * n;
        if (s > 7.24 || (s > 3.76 && n > 99))
        {
            return Math.Clamp(2 * Math.Exp(-(2.000071 + (.331 / Math.Sqrt(n)) + (1.409 / n)) * s), 0, 1);
        }

        var sq = Math.Sqrt(n);
        return KolmogorovSurvival((sq + 0.12 + (0.11 / sq)) * d);
    }

    /// <summary>The limiting Kolmogorov survival function Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²).</summary>
    private static double KolmogorovSurvival(double lambda)
    {
        if (lambda < 0.2)
        {
            return 1;
        }

        double sum = 0;
        var sign = 1.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = sign * Math.Exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-16)
            {
                break;
            }

            sign = -sign;
        }

        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>P(Dₙ &lt; d) by Marsaglia, Tsang and Wang, "Evaluating Kolmogorov's distribution" (J. Stat. Softw. 8(18), 2003).</summary>
    private static double MarsagliaTsangWang(int n, double d)
    {
        var k = (int)(n * d) + 1;
        var m = (2 * k) - 1;
        var h = k - (n * d);
        var H = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                H[(i * m) + j] = i - j + 1 < 0 ? 0 : 1;
            }
        }

        for (var i = 0; i < m; i++)
        {
            H[i * m] -= Math.Pow(h, i + 1);
            H[((m - 1) * m) + i] -= Math.Pow(h, m - i);
        }

        H[(m - 1) * m] += 2 * h - 1 > 0 ? Math.Pow((2 * h) - 1, m) : 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                if (i - j + 1 > 0)
                {
                    for (var g = 1; g <= i - j + 1; g++)
                    {
                        H[(i * m) + j] /= g;
                    }
                }
            }
        }

        var (q, exponent) = MatrixPower(H, m, n);
        var s = q[((k - 1) * m) + k - 1];
        for (var i = 1; i <= n; i++)
        {
            s = s * i / n;
            if (s < 1e-140)
            {
                s *= 1e140;
                exponent -= 140;
            }
        }

        return s * Math.Pow(10, exponent);
    }

    /// <summary>A^n with a decimal exponent kept aside so that entries stay in range.</summary>
    private static (double[] Matrix, int Exponent) MatrixPower(double[] a, int m, int n)
    {
        if (n == 1)
        {
            return ((double[])a.Clone(), 0);
        }

        var (half, e) = MatrixPower(a, m, n / 2);
        var result = Multiply(half, half, m);
        var exponent = 2 * e;
        if (n % 2 == 1)
        {
            result = Multiply(a, result, m);
        }

        if (result[((m / 2) * m) + (m / 2)] > 1e140)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] *= 1e-140;
            }

            exponent += 140;
        }

        return (result, exponent);
    }

    private static double[] Multiply(double[] a, double[] b, int m)
    {
        var c = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var x = a[(i * m) + l];
                if (x == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    c[(i * m) + j] += x * b[(l * m) + j];
                }
            }
        }

        return c;
    }

    /// <summary>
    /// The largest statistic d whose p-value is still ≥ <paramref name="p"/> for samples of <paramref name="n"/>
    /// (the p-value falls as d grows), found by bisection: a bootstrap then compares statistics, not p-values.
    /// </summary>
    public static double KolmogorovCriticalValue(int n, double p)
    {
        double lo = 0, hi = 1;
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (KolmogorovPValue(n, mid) >= p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The <paramref name="q"/>-quantile of ascending <paramref name="sorted"/> with a pandas interpolation.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q, string interpolation)
    {
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        var fraction = position - lo;
        return interpolation switch
        {
            "lower" => sorted[lo],
            "higher" => fraction > 0 ? sorted[hi] : sorted[lo],
            "midpoint" => fraction > 0 ? (sorted[lo] + sorted[hi]) / 2 : sorted[lo],
            "linear" => sorted[lo] + (fraction * (sorted[hi] - sorted[lo])),
            _ => sorted[NearestIndex(position)],
        };
    }

    /// <summary>Rounds half to even, as numpy's "nearest" quantile interpolation picks its index.</summary>
    public static int NearestIndex(double position) => (int)Math.Round(position, MidpointRounding.ToEven);
}
