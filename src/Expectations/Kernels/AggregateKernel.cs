using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Expectations.Kernels;

/// <summary>
/// Moments of floating-point values (double, float, decimal read as double): count, NaN count, min, max, a
/// compensated sum and the mean and sum of squared deviations (M2). States of disjoint parts of a column
/// merge (<see cref="Merge"/>), in any grouping, so row groups and files can run in parallel.
/// </summary>
internal struct FloatMoments
{
    /// <summary>Valid values that are not NaN.</summary>
    public long Count;

    /// <summary>Valid values that are NaN (skipped by every statistic, as pandas does).</summary>
    public long NaNCount;

    /// <summary>Smallest value; +∞ while <see cref="Count"/> is 0.</summary>
    public double Min;

    /// <summary>Largest value; −∞ while <see cref="Count"/> is 0.</summary>
    public double Max;

    /// <summary>The plain running sum (Neumaier's "big" part); exact for ±∞ and NaN propagation.</summary>
    public double SumHigh;

    /// <summary>The accumulated rounding error of <see cref="SumHigh"/> (Kahan–Babuška/Neumaier compensation).</summary>
    public double SumLow;

    /// <summary>Running mean (Chan et al.).</summary>
    public double Mean;

    /// <summary>Sum of squared deviations from <see cref="Mean"/> (Chan et al.).</summary>
    public double M2;

    /// <summary>The identity state.</summary>
    public static FloatMoments Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    /// <summary>Writes every field, bit for bit.</summary>
    public readonly void Save(StateWriter w)
    {
        w.Long(Count);
        w.Long(NaNCount);
        w.Double(Min);
        w.Double(Max);
        w.Double(SumHigh);
        w.Double(SumLow);
        w.Double(Mean);
        w.Double(M2);
    }

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    public static FloatMoments Load(StateReader r) => new()
    {
        Count = r.Long(),
        NaNCount = r.Long(),
        Min = r.Double(),
        Max = r.Double(),
        SumHigh = r.Double(),
        SumLow = r.Double(),
        Mean = r.Double(),
        M2 = r.Double(),
    };

    /// <summary>The compensated sum; when the plain sum overflowed to ±∞ or is NaN, that is the answer.</summary>
    public readonly double Sum => double.IsFinite(SumHigh) ? SumHigh + SumLow : SumHigh;

    /// <summary>Folds <paramref name="other"/> into this state.</summary>
    public void Merge(in FloatMoments other)
    {
        if (other.Count == 0)
        {
            NaNCount += other.NaNCount;
            return;
        }

        MergeMoments(ref Count, ref Mean, ref M2, other.Count, other.Mean, other.M2);
        NaNCount += other.NaNCount;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        AddCompensated(ref SumHigh, ref SumLow, other.SumHigh);
        SumLow += other.SumLow;
    }

    /// <summary>Neumaier's step: adds <paramref name="x"/> to <paramref name="sum"/> keeping the lost low-order bits in <paramref name="compensation"/>.</summary>
    internal static void AddCompensated(ref double sum, ref double compensation, double x)
    {
        var t = sum + x;
        compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }

    /// <summary>Chan, Golub and LeVeque's pairwise update of count, mean and M2.</summary>
    internal static void MergeMoments(ref long count, ref double mean, ref double m2, long otherCount, double otherMean, double otherM2)
    {
        if (otherCount == 0)
        {
            return;
        }

        if (count == 0)
        {
            count = otherCount;
            mean = otherMean;
            m2 = otherM2;
            return;
        }

        var n = count + otherCount;
        var delta = otherMean - mean;
        mean += delta * otherCount / n;
        m2 += otherM2 + (delta * delta * ((double)count * otherCount / n));
        count = n;
    }
}

/// <summary>
/// Moments of integer values (any width, booleans as 0/1, timestamps as ticks): exact count, min, max and
/// sum (128-bit, so no column of 64-bit values can overflow it), plus mean and M2 in double. Mergeable.
/// </summary>
internal struct IntegerMoments
{
    /// <summary>Valid values.</summary>
    public long Count;

    /// <summary>Smallest value (meaningless while <see cref="Count"/> is 0).</summary>
    public Int128 Min;

    /// <summary>Largest value (meaningless while <see cref="Count"/> is 0).</summary>
    public Int128 Max;

    /// <summary>Exact sum.</summary>
    public Int128 Sum;

    /// <summary>Running mean (Chan et al.).</summary>
    public double Mean;

    /// <summary>Sum of squared deviations from <see cref="Mean"/>.</summary>
    public double M2;

    /// <summary>The identity state.</summary>
    public static IntegerMoments Empty => new() { Min = Int128.MaxValue, Max = Int128.MinValue };

    /// <summary>Writes every field, bit for bit.</summary>
    public readonly void Save(StateWriter w)
    {
        w.Long(Count);
        w.Int128(Min);
        w.Int128(Max);
        w.Int128(Sum);
        w.Double(Mean);
        w.Double(M2);
    }

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    public static IntegerMoments Load(StateReader r) => new()
    {
        Count = r.Long(),
        Min = r.Int128(),
        Max = r.Int128(),
        Sum = r.Int128(),
        Mean = r.Double(),
        M2 = r.Double(),
    };

    /// <summary>Folds <paramref name="other"/> into this state.</summary>
    public void Merge(in IntegerMoments other)
    {
        if (other.Count == 0)
        {
            return;
        }

        FloatMoments.MergeMoments(ref Count, ref Mean, ref M2, other.Count, other.Mean, other.M2);
        Min = Int128.Min(Min, other.Min);
        Max = Int128.Max(Max, other.Max);
        Sum += other.Sum;
    }

    /// <summary>
    /// <paramref name="floating"/> with these integer moments folded in: the moments of all numeric values of a column
    /// delivered partly as integers and partly as floats (min, max and sum lose exactness in double).
    /// </summary>
    public readonly FloatMoments FoldInto(FloatMoments floating)
    {
        if (Count > 0)
        {
            floating.Merge(new FloatMoments { Count = Count, Min = (double)Min, Max = (double)Max, SumHigh = (double)Sum, Mean = Mean, M2 = M2 });
        }

        return floating;
    }
}

/// <summary>
/// One-pass-per-block moment kernels over a values span and an Arrow validity bitmap (LSB first; empty = no
/// nulls). The column is cut into blocks of <see cref="BlockRows"/> rows that stay in L1 cache: each block
/// is read twice, once for count/min/max/sum and once for the squared deviations from its own mean, and the
/// block is folded into the state with Chan's merge. That is as accurate as a two-pass algorithm and still
/// reads memory once. The Vector256 versions for <see cref="double"/> and <see cref="long"/> must agree with
/// the scalar references (<see cref="AccumulateFloatScalar{T}"/>, <see cref="AccumulateIntegerScalar{T}"/>):
/// counts, min, max and integer sums exactly, floating sums and M2 up to rounding (lane order differs).
/// </summary>
internal static class AggregateKernel
{
    /// <summary>Rows per block: a multiple of 32 so that blocks start on a 32-bit word of the bitmap.</summary>
    public const int BlockRows = 2048;

    /// <summary>Accumulates doubles; Vector256 when the hardware has it.</summary>
    [ScalarReference(nameof(AccumulateFloatScalar))]
    public static void AccumulateDouble(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, ref FloatMoments state)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            AccumulateFloatScalar(values, validity, ref state);
            return;
        }

        for (var start = 0; start < values.Length; start += BlockRows)
        {
            var length = Math.Min(BlockRows, values.Length - start);
            var block = DoubleBlockVector(values.Slice(start, length), validity.IsEmpty ? validity : validity[(start / 8)..]);
            state.Merge(block);
        }
    }

    /// <summary>Accumulates 64-bit integers (and timestamp ticks); Vector256 when the hardware has it.</summary>
    [ScalarReference(nameof(AccumulateIntegerScalar))]
    public static void AccumulateLong(ReadOnlySpan<long> values, ReadOnlySpan<byte> validity, ref IntegerMoments state)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            AccumulateIntegerScalar(values, validity, ref state);
            return;
        }

        for (var start = 0; start < values.Length; start += BlockRows)
        {
            var length = Math.Min(BlockRows, values.Length - start);
            var block = LongBlockVector(values.Slice(start, length), validity.IsEmpty ? validity : validity[(start / 8)..]);
            state.Merge(block);
        }
    }

    /// <summary>Accumulates booleans as 0/1 (pandas sums and averages them that way).</summary>
    public static void AccumulateBoolean(ReadOnlySpan<bool> values, ReadOnlySpan<byte> validity, ref IntegerMoments state) =>
        AccumulateIntegerScalar(MemoryMarshal.Cast<bool, byte>(values), validity, ref state);

    /// <summary>The scalar reference for floating-point values; also the path for float and decimal.</summary>
    public static void AccumulateFloatScalar<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, ref FloatMoments state)
        where T : unmanaged, INumberBase<T>
    {
        for (var start = 0; start < values.Length; start += BlockRows)
        {
            var length = Math.Min(BlockRows, values.Length - start);
            var block = values.Slice(start, length);
            var bits = validity.IsEmpty ? validity : validity[(start / 8)..];
            var m = FloatMoments.Empty;
            for (var i = 0; i < block.Length; i++)
            {
                if (!Bitmap.IsValid(bits, i))
                {
                    continue;
                }

                var x = double.CreateTruncating(block[i]);
                if (double.IsNaN(x))
                {
                    m.NaNCount++;
                    continue;
                }

                m.Count++;
                m.Min = Math.Min(m.Min, x);
                m.Max = Math.Max(m.Max, x);
                FloatMoments.AddCompensated(ref m.SumHigh, ref m.SumLow, x);
            }

            if (m.Count > 0)
            {
                m.Mean = m.Sum / m.Count;
                for (var i = 0; i < block.Length; i++)
                {
                    var x = double.CreateTruncating(block[i]);
                    if (Bitmap.IsValid(bits, i) && !double.IsNaN(x))
                    {
                        var d = x - m.Mean;
                        m.M2 += d * d;
                    }
                }
            }

            state.Merge(m);
        }
    }

    /// <summary>The scalar reference for integers; also the path for every integer width other than 64 bits.</summary>
    public static void AccumulateIntegerScalar<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, ref IntegerMoments state)
        where T : unmanaged, IBinaryInteger<T>
    {
        for (var start = 0; start < values.Length; start += BlockRows)
        {
            var length = Math.Min(BlockRows, values.Length - start);
            var block = values.Slice(start, length);
            var bits = validity.IsEmpty ? validity : validity[(start / 8)..];
            var m = IntegerMoments.Empty;
            for (var i = 0; i < block.Length; i++)
            {
                if (Bitmap.IsValid(bits, i))
                {
                    var x = Int128.CreateTruncating(block[i]);
                    m.Count++;
                    m.Min = Int128.Min(m.Min, x);
                    m.Max = Int128.Max(m.Max, x);
                    m.Sum += x;
                }
            }

            if (m.Count > 0)
            {
                m.Mean = (double)m.Sum / m.Count;
                for (var i = 0; i < block.Length; i++)
                {
                    if (Bitmap.IsValid(bits, i))
                    {
                        var d = double.CreateTruncating(block[i]) - m.Mean;
                        m.M2 += d * d;
                    }
                }
            }

            state.Merge(m);
        }
    }

    private static FloatMoments DoubleBlockVector(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity)
    {
        const int Lanes = 4;
        var laneBits = Vector256.Create(1L, 2L, 4L, 8L);
        var groups = values.Length / 32;
        var sum = Vector256<double>.Zero;
        var compensation = Vector256<double>.Zero;
        var min = Vector256.Create(double.PositiveInfinity);
        var max = Vector256.Create(double.NegativeInfinity);
        var positiveInfinity = Vector256.Create(double.PositiveInfinity);
        var negativeInfinity = Vector256.Create(double.NegativeInfinity);
        long count = 0;
        long nans = 0;
        for (var g = 0; g < groups; g++)
        {
            var word = validity.IsEmpty ? uint.MaxValue : Bitmap.Word32(validity, g);
            for (var k = 0; k < 32 / Lanes; k++)
            {
                var v = Vector256.Create(values.Slice((g * 32) + (k * Lanes), Lanes));
                var invalid = Vector256.Equals(Vector256.Create((long)((word >> (k * Lanes)) & 0xF)) & laneBits, Vector256<long>.Zero).AsDouble();
                var isNumber = Vector256.Equals(v, v);
                var take = Vector256.AndNot(isNumber, invalid);
                nans += BitOperations.PopCount(Vector256.AndNot(~isNumber, invalid).ExtractMostSignificantBits());
                count += BitOperations.PopCount(take.ExtractMostSignificantBits());
                var x = v & take;
                min = Vector256.Min(min, Vector256.ConditionalSelect(take, v, positiveInfinity));
                max = Vector256.Max(max, Vector256.ConditionalSelect(take, v, negativeInfinity));
                var t = sum + x;
                compensation += Vector256.ConditionalSelect(
                    Vector256.GreaterThanOrEqual(Vector256.Abs(sum), Vector256.Abs(x)),
                    (sum - t) + x,
                    (x - t) + sum);
                sum = t;
            }
        }

        var m = FloatMoments.Empty;
        m.Count = count;
        m.NaNCount = nans;
        for (var lane = 0; lane < Lanes; lane++)
        {
            m.Min = Math.Min(m.Min, min[lane]);
            m.Max = Math.Max(m.Max, max[lane]);
            FloatMoments.AddCompensated(ref m.SumHigh, ref m.SumLow, sum[lane]);
            m.SumLow += compensation[lane];
        }

        var tail = groups * 32;
        for (var i = tail; i < values.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var x = values[i];
            if (double.IsNaN(x))
            {
                m.NaNCount++;
                continue;
            }

            m.Count++;
            m.Min = Math.Min(m.Min, x);
            m.Max = Math.Max(m.Max, x);
            FloatMoments.AddCompensated(ref m.SumHigh, ref m.SumLow, x);
        }

        if (m.Count == 0)
        {
            return m;
        }

        m.Mean = m.Sum / m.Count;
        var mean = Vector256.Create(m.Mean);
        var m2 = Vector256<double>.Zero;
        for (var g = 0; g < groups; g++)
        {
            var word = validity.IsEmpty ? uint.MaxValue : Bitmap.Word32(validity, g);
            for (var k = 0; k < 32 / Lanes; k++)
            {
                var v = Vector256.Create(values.Slice((g * 32) + (k * Lanes), Lanes));
                var invalid = Vector256.Equals(Vector256.Create((long)((word >> (k * Lanes)) & 0xF)) & laneBits, Vector256<long>.Zero).AsDouble();
                var d = (v - mean) & Vector256.AndNot(Vector256.Equals(v, v), invalid);
                m2 += d * d;
            }
        }

        m.M2 = Vector256.Sum(m2);
        for (var i = tail; i < values.Length; i++)
        {
            if (Bitmap.IsValid(validity, i) && !double.IsNaN(values[i]))
            {
                var d = values[i] - m.Mean;
                m.M2 += d * d;
            }
        }

        return m;
    }

    private static IntegerMoments LongBlockVector(ReadOnlySpan<long> values, ReadOnlySpan<byte> validity)
    {
        const int Lanes = 4;
        var laneBits = Vector256.Create(1L, 2L, 4L, 8L);
        var groups = values.Length / 32;
        var sum = Vector256<long>.Zero;
        var overflow = Vector256<long>.Zero;
        var min = Vector256.Create(long.MaxValue);
        var max = Vector256.Create(long.MinValue);
        long count = 0;
        for (var g = 0; g < groups; g++)
        {
            var word = validity.IsEmpty ? uint.MaxValue : Bitmap.Word32(validity, g);
            for (var k = 0; k < 32 / Lanes; k++)
            {
                var v = Vector256.Create(values.Slice((g * 32) + (k * Lanes), Lanes));
                var take = ~Vector256.Equals(Vector256.Create((long)((word >> (k * Lanes)) & 0xF)) & laneBits, Vector256<long>.Zero);
                count += BitOperations.PopCount(take.ExtractMostSignificantBits());
                var x = v & take;
                min = Vector256.Min(min, Vector256.ConditionalSelect(take, v, Vector256.Create(long.MaxValue)));
                max = Vector256.Max(max, Vector256.ConditionalSelect(take, v, Vector256.Create(long.MinValue)));
                var r = sum + x;

                // Signed overflow happened when both operands have a sign the result lacks.
                overflow |= (sum ^ r) & (x ^ r);
                sum = r;
            }
        }

        var m = IntegerMoments.Empty;
        m.Count = count;
        if (overflow.ExtractMostSignificantBits() != 0)
        {
            // A lane wrapped: redo the block's sum exactly in 128 bits (rare: only for values near ±2^63).
            for (var i = 0; i < groups * 32; i++)
            {
                if (Bitmap.IsValid(validity, i))
                {
                    m.Sum += values[i];
                }
            }
        }
        else
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                m.Sum += sum[lane];
            }
        }

        for (var lane = 0; lane < Lanes; lane++)
        {
            m.Min = Int128.Min(m.Min, min[lane]);
            m.Max = Int128.Max(m.Max, max[lane]);
        }

        var tail = groups * 32;
        for (var i = tail; i < values.Length; i++)
        {
            if (Bitmap.IsValid(validity, i))
            {
                m.Count++;
                m.Min = Int128.Min(m.Min, values[i]);
                m.Max = Int128.Max(m.Max, values[i]);
                m.Sum += values[i];
            }
        }

        if (m.Count == 0)
        {
            return m;
        }

        m.Mean = (double)m.Sum / m.Count;
        var mean = Vector256.Create(m.Mean);
        var m2 = Vector256<double>.Zero;
        for (var g = 0; g < groups; g++)
        {
            var word = validity.IsEmpty ? uint.MaxValue : Bitmap.Word32(validity, g);
            for (var k = 0; k < 32 / Lanes; k++)
            {
                var v = Vector256.ConvertToDouble(Vector256.Create(values.Slice((g * 32) + (k * Lanes), Lanes)));
                var take = ~Vector256.Equals(Vector256.Create((long)((word >> (k * Lanes)) & 0xF)) & laneBits, Vector256<long>.Zero);
                var d = (v - mean) & take.AsDouble();
                m2 += d * d;
            }
        }

        m.M2 = Vector256.Sum(m2);
        for (var i = tail; i < values.Length; i++)
        {
            if (Bitmap.IsValid(validity, i))
            {
                var d = values[i] - m.Mean;
                m.M2 += d * d;
            }
        }

        return m;
    }
}
