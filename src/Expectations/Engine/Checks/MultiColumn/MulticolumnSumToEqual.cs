using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Expectations.Engine.ColumnMap;

namespace Expectations.Engine.Checks;

internal sealed class SumToEqualEvaluator(MulticolumnSumToEqual e) : MapEvaluator<MulticolumnSumToEqual>(e)
{
    protected override double Mostly => Spec.Mostly ?? 1.0;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        var columns = Spec.ColumnList.Select(binding.Column).ToArray();
        foreach (var c in columns.Where(c => c.Kind is not (DataKind.Integer or DataKind.Float or DataKind.Decimal)))
        {
            throw new ExpectationException($"{MulticolumnSumToEqual.TypeName} adds numbers, but column '{c.Name}' holds {c.Kind} values ({c.PhysicalType}).");
        }

        return new RowsCheckMetric(Spec.ColumnList, new SumCheck(Spec.SumTotal), Spec.IgnoreRowIf, sampleCap);
    }
}

/// <summary>
/// Rows whose sum differs from the total. Each chunk's sums are built column by column into a scratch array in one
/// type: double when any column is floating-point, else decimal when any is decimal, else long (Int128 when a column
/// is ulong or a long sum overflows). Columns already of the sum's type are added with Vector256.
/// </summary>
internal sealed record SumCheck(Scalar Total) : RowsCheck
{
    public override void MarkUnexpected(ColumnBatch[] batches, ReadOnlySpan<byte> anyMissing, byte[] unexpected)
    {
        var n = batches[0].Length;
        if (batches.Any(b => b.Kind == DataKind.Float))
        {
            Mark<double>(batches, n, unexpected, Total.AsDouble());
        }
        else if (batches.Any(b => b.Kind == DataKind.Decimal))
        {
            if (Total.Kind == ScalarKind.Integer && (Total.AsInt128() > (Int128)decimal.MaxValue || Total.AsInt128() < (Int128)decimal.MinValue))
            {
                // No decimal sum reaches a total beyond the decimal range.
                unexpected.AsSpan(0, anyMissing.Length).Fill(0xFF);
                ValueEquality.ClearTail(unexpected, n);
            }
            else
            {
                Mark<decimal>(batches, n, unexpected, Total.Kind == ScalarKind.Integer ? (decimal)Total.AsInt128() : (decimal)Total.AsDouble());
            }
        }
        else if (Total.Kind == ScalarKind.Number && Total.AsDouble() != Math.Floor(Total.AsDouble()))
        {
            // Integers never add up to a fraction.
            unexpected.AsSpan(0, anyMissing.Length).Fill(0xFF);
            ValueEquality.ClearTail(unexpected, n);
        }
        else if (batches.Any(b => b is PrimitiveBatch<ulong>) || !TryMarkLong(batches, n, unexpected))
        {
            Mark<Int128>(batches, n, unexpected, Total.Kind == ScalarKind.Integer ? Total.AsInt128() : (Int128)Total.AsDouble());
        }

        // A null makes pandas' row sum (skipna=False) NaN, which equals nothing.
        for (var i = 0; i < anyMissing.Length; i++)
        {
            unexpected[i] |= anyMissing[i];
        }
    }

    /// <summary>Long sums with vector adds; false when a sum overflowed (the caller redoes the chunk in Int128).</summary>
    private bool TryMarkLong(ColumnBatch[] batches, int n, byte[] unexpected)
    {
        if (Total.Kind == ScalarKind.Integer && (Total.AsInt128() > long.MaxValue || Total.AsInt128() < long.MinValue))
        {
            return false; // a total beyond the long range: compared in Int128
        }

        var total = Total.Kind == ScalarKind.Integer ? Total.AsInteger() : (long)Total.AsDouble();
        var sums = ArrayPool<long>.Shared.Rent(n);
        try
        {
            var span = sums.AsSpan(0, n);
            span.Clear();
            foreach (var batch in batches)
            {
                var overflow = batch is PrimitiveBatch<long> same
                    ? SumKernel.AddChecked(span, same.Values.Span)
                    : AddWidened(batch, span);
                if (overflow)
                {
                    return false;
                }
            }

            SumKernel.MarkNotEqual(span, total, unexpected);
            return true;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(sums);
        }
    }

    private static bool AddWidened(ColumnBatch batch, Span<long> sums) => batch switch
    {
        PrimitiveBatch<int> b => AddCheckedScalar(sums, b.Values.Span),
        PrimitiveBatch<uint> b => AddCheckedScalar(sums, b.Values.Span),
        PrimitiveBatch<short> b => AddCheckedScalar(sums, b.Values.Span),
        PrimitiveBatch<ushort> b => AddCheckedScalar(sums, b.Values.Span),
        PrimitiveBatch<sbyte> b => AddCheckedScalar(sums, b.Values.Span),
        PrimitiveBatch<byte> b => AddCheckedScalar(sums, b.Values.Span),
        _ => throw new ExpectationException($"Column '{batch.Name}' ({batch.Kind}, {batch.GetType().Name}) cannot be added as integers."),
    };

    private static bool AddCheckedScalar<T>(Span<long> sums, ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
    {
        var overflow = false;
        for (var i = 0; i < values.Length; i++)
        {
            var v = long.CreateTruncating(values[i]);
            var s = sums[i] + v;
            overflow |= ((sums[i] ^ s) & (v ^ s)) < 0;
            sums[i] = s;
        }

        return overflow;
    }

    /// <summary>Sums in <typeparamref name="TC"/>: vector adds for double columns, a widening loop for the others.</summary>
    private static void Mark<TC>(ColumnBatch[] batches, int n, byte[] unexpected, TC total) where TC : unmanaged, INumber<TC>
    {
        var sums = ArrayPool<TC>.Shared.Rent(n);
        try
        {
            var span = sums.AsSpan(0, n);
            span.Clear();
            foreach (var batch in batches)
            {
                if (typeof(TC) == typeof(double) && batch is PrimitiveBatch<double> same)
                {
                    SumKernel.Add(MemoryMarshal.Cast<TC, double>(span), same.Values.Span);
                    continue;
                }

                var adder = new Widen<TC>(sums, n);
                NumericBatch.Visit(batch, ref adder);
            }

            SumKernel.MarkNotEqual<TC>(span, total, unexpected);
        }
        finally
        {
            ArrayPool<TC>.Shared.Return(sums);
        }
    }

    private readonly struct Widen<TC>(TC[] sums, int n) : NumericBatch.IVisitor where TC : unmanaged, INumber<TC>
    {
        public void Visit<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>
        {
            var s = sums.AsSpan(0, n);
            for (var i = 0; i < s.Length; i++)
            {
                s[i] += TC.CreateTruncating(values[i]);
            }
        }
    }
}

/// <summary>Calls a generic visitor with the typed value span of one numeric batch: the type switch runs once per batch.</summary>
internal static class NumericBatch
{
    public interface IVisitor
    {
        void Visit<T>(ReadOnlySpan<T> values) where T : unmanaged, INumber<T>;
    }

    public static void Visit<TV>(ColumnBatch batch, ref TV visitor) where TV : struct, IVisitor
    {
        switch (batch)
        {
            case PrimitiveBatch<sbyte> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<byte> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<short> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<ushort> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<int> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<uint> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<long> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<ulong> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<float> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<double> b: visitor.Visit(b.Values.Span); break;
            case PrimitiveBatch<decimal> b: visitor.Visit(b.Values.Span); break;
            default: throw new ExpectationException($"Column '{batch.Name}' ({batch.Kind}, {batch.GetType().Name}) does not hold numbers.");
        }
    }
}

/// <summary>Row sums of same-typed spans and their comparison with a total: Vector256 plus scalar references.</summary>
internal static class SumKernel
{
    /// <summary><c>sums[i] += values[i]</c>.</summary>
    public static void Add(Span<double> sums, ReadOnlySpan<double> values)
    {
        var lanes = Vector256<double>.Count;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var rs = ref MemoryMarshal.GetReference(sums);
            ref var rv = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - lanes; i += lanes)
            {
                (Vector256.LoadUnsafe(ref rs, (nuint)i) + Vector256.LoadUnsafe(ref rv, (nuint)i)).StoreUnsafe(ref rs, (nuint)i);
            }
        }

        AddScalar(sums[i..], values[i..]);
    }

    /// <summary>The scalar reference of <see cref="Add"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddScalar(Span<double> sums, ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            sums[i] += values[i];
        }
    }

    /// <summary><c>sums[i] += values[i]</c> in wrapping arithmetic; returns whether any addition overflowed.</summary>
    public static bool AddChecked(Span<long> sums, ReadOnlySpan<long> values)
    {
        var lanes = Vector256<long>.Count;
        var i = 0;
        var overflow = false;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var rs = ref MemoryMarshal.GetReference(sums);
            ref var rv = ref MemoryMarshal.GetReference(values);
            var signs = Vector256<long>.Zero;
            for (; i <= values.Length - lanes; i += lanes)
            {
                var x = Vector256.LoadUnsafe(ref rs, (nuint)i);
                var y = Vector256.LoadUnsafe(ref rv, (nuint)i);
                var s = x + y;
                // Two's complement overflow: both operands differ in sign from the result.
                signs |= (x ^ s) & (y ^ s);
                s.StoreUnsafe(ref rs, (nuint)i);
            }

            overflow = signs.ExtractMostSignificantBits() != 0;
        }

        return AddCheckedScalar(sums[i..], values[i..]) | overflow;
    }

    /// <summary>The scalar reference of <see cref="AddChecked"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool AddCheckedScalar(Span<long> sums, ReadOnlySpan<long> values)
    {
        var overflow = false;
        for (var i = 0; i < values.Length; i++)
        {
            var s = sums[i] + values[i];
            overflow |= ((sums[i] ^ s) & (values[i] ^ s)) < 0;
            sums[i] = s;
        }

        return overflow;
    }

    /// <summary>Sets bit <c>i</c> of <paramref name="bits"/> where <c>sums[i] != total</c> (NaN differs from everything).</summary>
    public static void MarkNotEqual<T>(ReadOnlySpan<T> sums, T total, Span<byte> bits) where T : unmanaged, INumber<T>
    {
        // Count throws for element types Vector256 does not support (decimal, Int128), so test support first.
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || sums.Length < Vector256<T>.Count)
        {
            MarkNotEqualScalar(sums, total, bits);
            return;
        }

        var lanes = Vector256<T>.Count;

        ref var rs = ref MemoryMarshal.GetReference(sums);
        var t = Vector256.Create(total);
        var i = 0;
        for (; i <= sums.Length - lanes; i += lanes)
        {
            var mask = ~Vector256.Equals(Vector256.LoadUnsafe(ref rs, (nuint)i), t).ExtractMostSignificantBits() & (uint)((1UL << lanes) - 1);
            for (var k = 0; k < lanes && mask != 0; k += 8)
            {
                bits[(i + k) >> 3] |= (byte)((mask >> k) << ((i + k) & 7));
            }
        }

        MarkNotEqualScalar(sums[i..], total, bits, i);
    }

    /// <summary>The scalar reference of <see cref="MarkNotEqual{T}"/>; rows start at bit <paramref name="firstBit"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MarkNotEqualScalar<T>(ReadOnlySpan<T> sums, T total, Span<byte> bits, int firstBit = 0) where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < sums.Length; i++)
        {
            if (sums[i] != total)
            {
                var bit = firstBit + i;
                bits[bit >> 3] |= (byte)(1 << (bit & 7));
            }
        }
    }
}
