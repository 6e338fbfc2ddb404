using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Expectations.Data;

namespace Expectations.Engine.Checks;

/// <summary>
/// Row-by-row equality of two columns, written into a bitmap (one bit per row, least significant first, like
/// validity). Numbers compare by value across integer, floating-point and decimal columns; timestamps with
/// timestamps, booleans with booleans, strings by their UTF-8 bytes, binary values by their bytes (and with strings
/// by the string's UTF-8 bytes, as text stored as unannotated bytes). Values of kinds that cannot be equal
/// (a number and a text, a timestamp and a number) are never equal, as in Python, where <c>1 == "1"</c> is false.
/// </summary>
internal static class ValueEquality
{
    private static bool Numeric(DataKind k) => k is DataKind.Integer or DataKind.Float or DataKind.Decimal;

    /// <summary>Whether values of these kinds can ever be equal.</summary>
    public static bool CanBeEqual(DataKind a, DataKind b) => (Numeric(a) && Numeric(b)) || (a == b && a is not (DataKind.List or DataKind.Struct or DataKind.Map)) || NumberAndText(a, b) || TextAndBytes(a, b);

    private static bool TextAndBytes(DataKind a, DataKind b) =>
        (a == DataKind.String && b == DataKind.Binary) || (a == DataKind.Binary && b == DataKind.String);

    private static bool NumberAndText(DataKind a, DataKind b) =>
        (Numeric(a) && b == DataKind.String) || (a == DataKind.String && Numeric(b));

    /// <summary>Bytes of a bitmap of <paramref name="rows"/> rows.</summary>
    public static int BitmapBytes(int rows) => (rows + 7) >> 3;

    /// <summary>
    /// Sets, in <paramref name="equal"/> (a cleared bitmap of at least <c>a.Length</c> bits), the rows where both values
    /// are present and equal. With <paramref name="nanEqualsNaN"/>, NaN equals NaN (uniqueness: one NaN is one value);
    /// without, NaN equals nothing (IEEE comparison, as pandas' <c>==</c>).
    /// </summary>
    public static void MarkEqual(ColumnBatch a, ColumnBatch b, byte[] equal, bool nanEqualsNaN)
    {
        if (Numeric(a.Kind) && Numeric(b.Kind))
        {
            var marker = new NumericMarker(equal, nanEqualsNaN);
            NumericPairDispatch.Run(a, b, ref marker);
        }
        else if (NumberAndText(a.Kind, b.Kind))
        {
            var (numbers, texts) = a is StringBatch ta0 ? (b, ta0) : (a, (StringBatch)b);
            for (var i = 0; i < a.Length; i++)
            {
                if (numbers.IsValid(i) && texts.IsValid(i)
                    && System.Buffers.Text.Utf8Parser.TryParse(texts.GetBytes(i), out double parsed, out var used) && used == texts.GetBytes(i).Length
                    && parsed == NumericBatches.ValueAsDouble(numbers, i))
                {
                    equal[i >> 3] |= (byte)(1 << (i & 7));
                }
            }

            return;
        }
        else if (a is VariableLengthBatch va && b is VariableLengthBatch vb)
        {
            MarkEqualBytes(va, vb, equal);
        }
        else if (a.Kind != b.Kind)
        {
            return;
        }
        else if (a is PrimitiveBatch<long> ta && b is PrimitiveBatch<long> tb)
        {
            EqualityKernel.MarkEqual(ta.Values.Span, tb.Values.Span, equal, nanEqualsNaN: false);
        }
        else if (a is PrimitiveBatch<bool> ba && b is PrimitiveBatch<bool> bb)
        {
            var x = ba.Values.Span;
            var y = bb.Values.Span;
            for (var i = 0; i < x.Length; i++)
            {
                if (x[i] == y[i])
                {
                    equal[i >> 3] |= (byte)(1 << (i & 7));
                }
            }
        }
        else
        {
            return;
        }

        ClearMissing(equal, a, b);
    }

    /// <summary>Sets the rows where both values are null.</summary>
    public static void MarkBothMissing(ColumnBatch a, ColumnBatch b, byte[] bits)
    {
        if (a.NullCount == 0 || b.NullCount == 0)
        {
            return;
        }

        var va = a.Validity.Span;
        var vb = b.Validity.Span;
        var bytes = BitmapBytes(a.Length);
        for (var i = 0; i < bytes; i++)
        {
            bits[i] |= (byte)~(va[i] | vb[i]);
        }

        ClearTail(bits, a.Length);
    }

    /// <summary>Clears the bits at and after <paramref name="rows"/> in the last byte, which bitwise operations over whole bytes may set.</summary>
    public static void ClearTail(Span<byte> bits, int rows)
    {
        if ((rows & 7) != 0)
        {
            bits[rows >> 3] &= (byte)((1 << (rows & 7)) - 1);
        }
    }

    private static void ClearMissing(byte[] bits, ColumnBatch a, ColumnBatch b)
    {
        var bytes = BitmapBytes(a.Length);
        if (a.NullCount > 0)
        {
            var va = a.Validity.Span;
            for (var i = 0; i < bytes; i++)
            {
                bits[i] &= va[i];
            }
        }

        if (b.NullCount > 0)
        {
            var vb = b.Validity.Span;
            for (var i = 0; i < bytes; i++)
            {
                bits[i] &= vb[i];
            }
        }
    }

    private static void MarkEqualBytes(VariableLengthBatch a, VariableLengthBatch b, byte[] equal)
    {
        var offA = a.Offsets.Span;
        var offB = b.Offsets.Span;
        var dataA = a.Data.Span;
        var dataB = b.Data.Span;
        for (var i = 0; i < a.Length; i++)
        {
            if (dataA[offA[i]..offA[i + 1]].SequenceEqual(dataB[offB[i]..offB[i + 1]]))
            {
                equal[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }

    /// <summary>
    /// Same-typed spans go to the vector kernel; mixed types compare in a common type: any float makes it double
    /// (as pandas compares int64 with float64), decimal with integers stays decimal, other integer mixes compare as
    /// long, or Int128 when one side is ulong, so no value wraps.
    /// </summary>
    private readonly struct NumericMarker(byte[] equal, bool nanEqualsNaN) : NumericPairDispatch.IVisitor
    {
        public void Visit<TA, TB>(ReadOnlySpan<TA> x, ReadOnlySpan<TB> y)
            where TA : unmanaged, INumber<TA>
            where TB : unmanaged, INumber<TB>
        {
            if (typeof(TA) == typeof(TB))
            {
                EqualityKernel.MarkEqual(x, MemoryMarshal.Cast<TB, TA>(y), equal, nanEqualsNaN);
            }
            else if (IsFloat<TA>() || IsFloat<TB>())
            {
                Mark<TA, TB, double>(x, y);
            }
            else if (typeof(TA) == typeof(decimal) || typeof(TB) == typeof(decimal))
            {
                Mark<TA, TB, decimal>(x, y);
            }
            else if (typeof(TA) == typeof(ulong) || typeof(TB) == typeof(ulong))
            {
                Mark<TA, TB, Int128>(x, y);
            }
            else
            {
                Mark<TA, TB, long>(x, y);
            }
        }

        private static bool IsFloat<T>() => typeof(T) == typeof(double) || typeof(T) == typeof(float);

        private void Mark<TA, TB, TC>(ReadOnlySpan<TA> x, ReadOnlySpan<TB> y)
            where TA : unmanaged, INumber<TA>
            where TB : unmanaged, INumber<TB>
            where TC : INumber<TC>
        {
            for (var i = 0; i < x.Length; i++)
            {
                var l = TC.CreateTruncating(x[i]);
                var r = TC.CreateTruncating(y[i]);
                if (l == r || (nanEqualsNaN && TC.IsNaN(l) && TC.IsNaN(r)))
                {
                    equal[i >> 3] |= (byte)(1 << (i & 7));
                }
            }
        }
    }
}

/// <summary>Marking rows where two same-typed spans hold equal values: Vector256 plus a scalar reference.</summary>
internal static class EqualityKernel
{
    /// <summary>
    /// Sets bit <c>i</c> of <paramref name="bits"/> where <c>a[i] == b[i]</c> (or, with <paramref name="nanEqualsNaN"/>,
    /// both are NaN); leaves the other bits as they are.
    /// </summary>
    public static void MarkEqual<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<byte> bits, bool nanEqualsNaN) where T : unmanaged, INumber<T>
    {
        // Count throws for element types Vector256 does not support (decimal), so test support first.
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || a.Length < Vector256<T>.Count)
        {
            MarkEqualScalar(a, b, bits, nanEqualsNaN);
            return;
        }

        var lanes = Vector256<T>.Count;

        var floats = typeof(T) == typeof(double) || typeof(T) == typeof(float);
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var last = a.Length - lanes;
        for (; i <= last; i += lanes)
        {
            var x = Vector256.LoadUnsafe(ref ra, (nuint)i);
            var y = Vector256.LoadUnsafe(ref rb, (nuint)i);
            var eq = Vector256.Equals(x, y);
            if (nanEqualsNaN && floats)
            {
                // x != x only for NaN.
                eq |= ~Vector256.Equals(x, x) & ~Vector256.Equals(y, y);
            }

            var mask = eq.ExtractMostSignificantBits();
            if (mask != 0)
            {
                // i is a multiple of lanes: with 8 or more lanes whole bytes are written, with 2 or 4 part of one byte.
                for (var k = 0; k < lanes; k += 8)
                {
                    bits[(i + k) >> 3] |= (byte)((mask >> k) << ((i + k) & 7));
                }
            }
        }

        MarkEqualScalar(a[i..], b[i..], bits, nanEqualsNaN, i);
    }

    /// <summary>The scalar reference of <see cref="MarkEqual{T}"/>; rows start at bit <paramref name="firstBit"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MarkEqualScalar<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<byte> bits, bool nanEqualsNaN, int firstBit = 0) where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i] || (nanEqualsNaN && T.IsNaN(a[i]) && T.IsNaN(b[i])))
            {
                var bit = firstBit + i;
                bits[bit >> 3] |= (byte)(1 << (bit & 7));
            }
        }
    }
}
