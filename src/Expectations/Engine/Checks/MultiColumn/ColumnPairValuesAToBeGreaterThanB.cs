using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Engine.Checks;

internal sealed class PairGreaterThanEvaluator(ColumnPairValuesAToBeGreaterThanB e) : MapEvaluator<ColumnPairValuesAToBeGreaterThanB>(e)
{
    protected override double Mostly => Spec.Mostly ?? 1.0;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap) =>
        new PairCheckMetric(Spec.ColumnA, Spec.ColumnB, GreaterThanCheck.For(binding.Column(Spec.ColumnA), binding.Column(Spec.ColumnB), Spec.OrEqual), Spec.IgnoreRowIf, sampleCap);
}

/// <summary>a &gt; b (or a &gt;= b) on rows where both are present.</summary>
internal sealed record GreaterThanCheck(bool OrEqual, bool Strings) : PairCheck
{
    /// <summary>The check for these columns; throws <see cref="ExpectationException"/> when their kinds cannot be compared.</summary>
    public static GreaterThanCheck For(ColumnInfo a, ColumnInfo b, bool orEqual)
    {
        static bool Numeric(DataKind k) => k is DataKind.Integer or DataKind.Float or DataKind.Decimal;
        if ((Numeric(a.Kind) && Numeric(b.Kind)) || (a.Kind == b.Kind && a.Kind == DataKind.Timestamp))
        {
            return new GreaterThanCheck(orEqual, Strings: false);
        }

        return a.Kind == DataKind.String && b.Kind == DataKind.String
            ? new GreaterThanCheck(orEqual, Strings: true)
            : throw new ExpectationException($"{ColumnPairValuesAToBeGreaterThanB.TypeName} cannot compare column '{a.Name}' ({a.Kind}, {a.PhysicalType}) with column '{b.Name}' ({b.Kind}, {b.PhysicalType}): "
                + "numbers compare with numbers, timestamps with timestamps and strings with strings.");
    }

    public override int CountFailing(ColumnBatch a, ColumnBatch b)
    {
        if (Strings)
        {
            return StringScan((StringBatch)a, (StringBatch)b, null, 0);
        }

        var scan = new NumericScan(a, b, OrEqual, null, 0);
        NumericPairDispatch.Run(a, b, ref scan);
        return scan.Failing;
    }

    public override void FindFailing(ColumnBatch a, ColumnBatch b, List<int> rows, int limit)
    {
        if (Strings)
        {
            StringScan((StringBatch)a, (StringBatch)b, rows, limit);
            return;
        }

        var scan = new NumericScan(a, b, OrEqual, rows, limit);
        NumericPairDispatch.Run(a, b, ref scan);
    }

    /// <summary>Counts (or, with <paramref name="rows"/>, lists) rows where both strings are present and a is not greater; UTF-8 byte order is code-point order.</summary>
    private int StringScan(StringBatch a, StringBatch b, List<int>? rows, int limit)
    {
        var offA = a.Offsets.Span;
        var offB = b.Offsets.Span;
        var dataA = a.Data.Span;
        var dataB = b.Data.Span;
        var va = a.Validity.Span;
        var vb = b.Validity.Span;
        var failing = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!Bitmap.IsValid(va, i) || !Bitmap.IsValid(vb, i))
            {
                continue;
            }

            var order = dataA[offA[i]..offA[i + 1]].SequenceCompareTo(dataB[offB[i]..offB[i + 1]]);
            if (OrEqual ? order < 0 : order <= 0)
            {
                failing++;
                if (rows is not null)
                {
                    rows.Add(i);
                    if (rows.Count >= limit)
                    {
                        break;
                    }
                }
            }
        }

        return failing;
    }

    /// <summary>
    /// Compares two numeric spans in a common type chosen from their element types: the same type as is; any float
    /// makes it double (as pandas compares int64 with float64); decimal with integers stays decimal; other integer
    /// mixes compare as long, or Int128 when one side is ulong, so no value wraps.
    /// </summary>
    private struct NumericScan(ColumnBatch a, ColumnBatch b, bool orEqual, List<int>? rows, int limit) : NumericPairDispatch.IVisitor
    {
        public int Failing { get; private set; }

        public void Visit<TA, TB>(ReadOnlySpan<TA> x, ReadOnlySpan<TB> y)
            where TA : unmanaged, INumber<TA>
            where TB : unmanaged, INumber<TB>
        {
            if (typeof(TA) == typeof(TB))
            {
                var ySame = MemoryMarshal.Cast<TB, TA>(y);
                Failing = rows is null && a.NullCount == 0 && b.NullCount == 0
                    ? PairCompareKernel.CountNotGreater(x, ySame, orEqual)
                    : Scan<TA, TA, TA>(x, ySame);
            }
            else if (IsFloat<TA>() || IsFloat<TB>())
            {
                Failing = Scan<TA, TB, double>(x, y);
            }
            else if (typeof(TA) == typeof(decimal) || typeof(TB) == typeof(decimal))
            {
                Failing = Scan<TA, TB, decimal>(x, y);
            }
            else if (typeof(TA) == typeof(ulong) || typeof(TB) == typeof(ulong))
            {
                Failing = Scan<TA, TB, Int128>(x, y);
            }
            else
            {
                Failing = Scan<TA, TB, long>(x, y);
            }
        }

        private static bool IsFloat<T>() => typeof(T) == typeof(double) || typeof(T) == typeof(float);

        private readonly int Scan<TA, TB, TC>(ReadOnlySpan<TA> x, ReadOnlySpan<TB> y)
            where TA : unmanaged, INumber<TA>
            where TB : unmanaged, INumber<TB>
            where TC : INumber<TC>
        {
            var va = a.Validity.Span;
            var vb = b.Validity.Span;
            var failing = 0;
            for (var i = 0; i < x.Length; i++)
            {
                if (!Bitmap.IsValid(va, i) || !Bitmap.IsValid(vb, i))
                {
                    continue;
                }

                var l = TC.CreateTruncating(x[i]);
                var r = TC.CreateTruncating(y[i]);
                if (!(orEqual ? l >= r : l > r))
                {
                    failing++;
                    if (rows is not null)
                    {
                        rows.Add(i);
                        if (rows.Count >= limit)
                        {
                            break;
                        }
                    }
                }
            }

            return failing;
        }
    }
}

/// <summary>Counting rows where a is not greater than b over two same-typed spans without nulls: Vector256 plus a scalar reference.</summary>
internal static class PairCompareKernel
{
    /// <summary>Rows where <c>!(a &gt; b)</c> (or <c>!(a &gt;= b)</c>); NaN on either side counts.</summary>
    public static int CountNotGreater<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, bool orEqual) where T : unmanaged, INumber<T>
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || a.Length < Vector256<T>.Count)
        {
            return CountNotGreaterScalar(a, b, orEqual);
        }

        var lanes = Vector256<T>.Count;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var passing = 0;
        var i = 0;
        var last = a.Length - lanes;
        for (; i <= last; i += lanes)
        {
            var x = Vector256.LoadUnsafe(ref ra, (nuint)i);
            var y = Vector256.LoadUnsafe(ref rb, (nuint)i);
            var pass = orEqual ? Vector256.GreaterThanOrEqual(x, y) : Vector256.GreaterThan(x, y);
            passing += BitOperations.PopCount(pass.ExtractMostSignificantBits());
        }

        return (i - passing) + CountNotGreaterScalar(a[i..], b[i..], orEqual);
    }

    /// <summary>The scalar reference of <see cref="CountNotGreater{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CountNotGreaterScalar<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, bool orEqual) where T : unmanaged, INumber<T>
    {
        var failing = 0;
        for (var i = 0; i < a.Length; i++)
        {
            failing += (orEqual ? a[i] >= b[i] : a[i] > b[i]) ? 0 : 1;
        }

        return failing;
    }
}
