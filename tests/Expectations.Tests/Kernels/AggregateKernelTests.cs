using CsCheck;
using Expectations.Kernels;

namespace Expectations.Tests.Kernels;

public class AggregateKernelTests
{
    // Lengths cross the 32-row vector groups and the 2048-row blocks; values include nulls, NaN, ±0 and
    // large magnitudes so that compensation and masking both matter.
    private static readonly double[] Specials = [0.0, -0.0, 1e15, -1e15, 0.1];

    private static readonly Gen<double> Values = Gen.Frequency(
        (6, Gen.Double[-1e6, 1e6]),
        (1, Gen.Const(double.NaN)),
        (1, Gen.Int[0, 4].Select(i => Specials[i])));

    private static readonly Gen<(double[] Values, byte[] Validity)> DoubleColumns =
        Gen.Int[0, 4200].SelectMany(n => Gen.Select(Values.Array[n], Gen.Byte.Array[(n + 7) / 8], Gen.Bool))
            .Select(c => (c.Item1, c.Item3 ? c.Item2 : [])); // sometimes no bitmap at all (= no nulls)

    [Fact]
    public void Scalar_reference_matches_a_naive_two_pass_computation()
    {
        DoubleColumns.Sample(c =>
        {
            var (values, validity) = c;
            var kept = values.Where((_, i) => Bitmap.IsValid(validity, i) && !double.IsNaN(values[i])).ToArray();
            var m = FloatMoments.Empty;
            AggregateKernel.AccumulateFloatScalar<double>(values, validity, ref m);
            m.Count.Should().Be(kept.Length);
            m.NaNCount.Should().Be(values.Where((v, i) => Bitmap.IsValid(validity, i) && double.IsNaN(v)).Count());
            if (kept.Length > 0)
            {
                m.Min.Should().Be(kept.Min());
                m.Max.Should().Be(kept.Max());
                // decimal is exact enough here to be the referee for a compensated sum.
                var exactSum = (double)kept.Sum(x => (decimal)x);
                var scale = Math.Max(Math.Abs(m.Min), Math.Abs(m.Max));
                Math.Abs(m.Sum - exactSum).Should().BeLessThanOrEqualTo(1e-12 * scale * kept.Length + 1e-9);
                var mean = exactSum / kept.Length;
                Close(m.M2, kept.Sum(x => (x - mean) * (x - mean)), scale, kept.Length).Should().BeTrue();
            }
        });
    }

    [Fact]
    public void States_of_two_halves_merge_to_the_state_of_the_whole()
    {
        DoubleColumns.Select(Gen.Int[0, 100]).Sample((c, cutPercent) =>
        {
            var (values, _) = c;
            var cut = values.Length * cutPercent / 100 / 8 * 8;
            var whole = FloatMoments.Empty;
            var left = FloatMoments.Empty;
            var right = FloatMoments.Empty;
            AggregateKernel.AccumulateDouble(values, [], ref whole);
            AggregateKernel.AccumulateDouble(values.AsSpan(0, cut), [], ref left);
            AggregateKernel.AccumulateDouble(values.AsSpan(cut), [], ref right);
            left.Merge(right);
            AssertAgree(left, whole);
        });
    }

    [Fact]
    public void Compensated_sum_keeps_the_small_terms_that_plain_summation_loses()
    {
        var values = new double[64];
        values[0] = 1e16;
        for (var i = 1; i < 63; i++)
        {
            values[i] = 1.0;
        }

        values[63] = -1e16;
        var m = FloatMoments.Empty;
        AggregateKernel.AccumulateDouble(values, [], ref m);
        values.Sum().Should().NotBe(62, "plain summation loses the ones next to 1e16");
        m.Sum.Should().Be(62);
    }

    [Fact]
    public void Integer_sums_are_exact_beyond_64_bits()
    {
        var values = Enumerable.Repeat(long.MaxValue, 100).ToArray();
        var m = IntegerMoments.Empty;
        AggregateKernel.AccumulateLong(values, [], ref m);
        m.Sum.Should().Be((Int128)long.MaxValue * 100);
        m.Min.Should().Be(long.MaxValue);
    }

    private static void AssertAgree(FloatMoments a, FloatMoments b)
    {
        a.Count.Should().Be(b.Count);
        a.NaNCount.Should().Be(b.NaNCount);
        if (b.Count == 0)
        {
            return;
        }

        a.Min.Should().Be(b.Min);
        a.Max.Should().Be(b.Max);
        var scale = Math.Max(Math.Abs(b.Min), Math.Abs(b.Max));
        Close(a.Sum, b.Sum, scale, b.Count).Should().BeTrue($"sum {a.Sum} vs {b.Sum}");
        Close(a.Mean, b.Mean, scale, b.Count).Should().BeTrue($"mean {a.Mean} vs {b.Mean}");
        Close(a.M2, b.M2, scale, b.Count).Should().BeTrue($"M2 {a.M2} vs {b.M2}");
    }

    // Summation order (lanes, blocks, merge points) changes rounding. Errors scale with the largest magnitude
    // (cancellation against ±1e15 values), so agreement is judged relative to it as well as to the result.
    private static bool Close(double a, double b, double scale = 0, long count = 1) =>
        a == b || Math.Abs(a - b) <= (1e-9 * Math.Max(Math.Abs(a), Math.Abs(b))) + (1e-12 * scale * count) + 1e-9;
}
