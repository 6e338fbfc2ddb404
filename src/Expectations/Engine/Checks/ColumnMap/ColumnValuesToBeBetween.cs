using System.Numerics;
using Expectations.Data;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Engine.Checks;

internal sealed class BetweenEvaluator(ColumnValuesToBeBetween e) : ColumnMapEvaluator<ColumnValuesToBeBetween>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        RangeCheck.Create(Spec.Type, column, Spec.MinValue, Spec.MaxValue, Spec.StrictMin, Spec.StrictMax);
}

/// <summary>Values outside a range are unexpected; bounds are converted once to the column's own type.</summary>
internal abstract record RangeCheck : RowCheck
{
    /// <summary>GX's own wording, kept so GX users recognise it.</summary>
    internal const string MixedTypes = "TypeError: Column values, min_value, and max_value must either be None or of the same type.";

    public static RangeCheck Create(string type, ColumnInfo column, Scalar? min, Scalar? max, bool strictMin, bool strictMax)
    {
        var lo = min is { IsNull: false } a ? a : (Scalar?)null;
        var hi = max is { IsNull: false } b ? b : (Scalar?)null;
        switch (column.Kind)
        {
            case DataKind.Integer or DataKind.Float or DataKind.Decimal:
                if (lo is { IsNumeric: false } || hi is { IsNumeric: false })
                {
                    throw new ExpectationException($"{MixedTypes} Column '{column.Name}' is numeric ({column.PhysicalType}) but the bounds are {lo} and {hi}.");
                }

                return new NumericRange(lo?.AsDouble(), hi?.AsDouble(), strictMin, strictMax);
            case DataKind.Timestamp:
                // Ticks need 60 bits: kept as long, since a double would round them and lose strict bounds.
                var loTicks = Ticks(lo, "min_value") is { } l ? (strictMin ? l + 1 : l) : long.MinValue;
                var hiTicks = Ticks(hi, "max_value") is { } h ? (strictMax ? h - 1 : h) : long.MaxValue;
                return new TicksRange(loTicks, hiTicks);
            case DataKind.String:
                if (lo is { Kind: not ScalarKind.String } || hi is { Kind: not ScalarKind.String })
                {
                    throw new ExpectationException($"{MixedTypes} Column '{column.Name}' holds strings but the bounds are {lo} and {hi}.");
                }

                return new StringRange(lo?.AsString(), hi?.AsString(), strictMin, strictMax);
            default:
                throw new ExpectationException($"{type} cannot compare column '{column.Name}' of type {column.PhysicalType} with bounds.");
        }

        long? Ticks(Scalar? bound, string name)
        {
            if (bound is not { } s)
            {
                return null;
            }

            if (s.TryGetTimestamp(out var dt))
            {
                return dt.Ticks;
            }

            throw new ExpectationException($"{MixedTypes} Column '{column.Name}' holds timestamps but {name} {s} is not a date or time.");
        }
    }

    private sealed record NumericRange(double? Lo, double? Hi, bool StrictLo, bool StrictHi) : RangeCheck
    {
        /// <summary>Integers up to 2^53 convert to double exactly, so comparing bounds as doubles is then exact.</summary>
        private const long ExactInDouble = 1L << 53;

        public override bool ProvesNoneUnexpected(ColumnStatistics statistics, long rowCount)
        {
            // Only exact integer bounds are trusted (a source never offers float bounds: they leave NaN out).
            if (statistics is not { Min: { Kind: ScalarKind.Integer } min, Max: { Kind: ScalarKind.Integer } max }
                || min.AsInteger() is < -ExactInDouble or > ExactInDouble || max.AsInteger() is < -ExactInDouble or > ExactInDouble)
            {
                return false;
            }

            double lo = min.AsInteger(), hi = max.AsInteger();
            return (Lo is not { } l || (StrictLo ? lo > l : lo >= l)) && (Hi is not { } h || (StrictHi ? hi < h : hi <= h));
        }

        public override int CountUnexpected(ColumnBatch batch) =>
            batch is PrimitiveBatch<decimal> d ? CountDecimal(d)
            : NumericBatches.TryApply(batch, new CountOutside(this), out int n) ? n
            : throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} has no numeric range kernel.");

        public override bool IsUnexpected(ColumnBatch batch, int row) =>
            batch is PrimitiveBatch<decimal> d ? OutsideDecimal(d.Values.Span[row])
            : NumericBatches.TryApply(batch, new IsOutside(this, row), out bool outside) && outside;

        private readonly struct CountOutside(NumericRange range) : INumericBatchFunc<int>
        {
            public int Apply<T>(PrimitiveBatch<T> batch) where T : unmanaged, INumber<T>, IMinMaxValue<T> => range.Count(batch);
        }

        private readonly struct IsOutside(NumericRange range, int row) : INumericBatchFunc<bool>
        {
            public bool Apply<T>(PrimitiveBatch<T> batch) where T : unmanaged, INumber<T>, IMinMaxValue<T> => range.Outside(batch, row);
        }

        // Decimal has no vector kernel and no "next value" to make strict bounds inclusive: compare directly.
        private int CountDecimal(PrimitiveBatch<decimal> b)
        {
            var values = b.Values.Span;
            var n = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (b.IsValid(i) && OutsideDecimal(values[i]))
                {
                    n++;
                }
            }

            return n;
        }

        private bool OutsideDecimal(decimal v) =>
            (Lo is { } l && (StrictLo ? v <= ToDecimal(l) : v < ToDecimal(l)))
            || (Hi is { } h && (StrictHi ? v >= ToDecimal(h) : v > ToDecimal(h)));

        private static decimal ToDecimal(double x) =>
            x >= (double)decimal.MaxValue ? decimal.MaxValue : x <= (double)decimal.MinValue ? decimal.MinValue : (decimal)x;

        private int Count<T>(PrimitiveBatch<T> b) where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            if (!InclusiveBounds<T>(out var lo, out var hi))
            {
                return b.Length - b.NullCount;
            }

            return RangeKernel.CountOutside(b.Values.Span, b.Validity.Span, lo, hi);
        }

        private bool Outside<T>(PrimitiveBatch<T> b, int row) where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            if (!InclusiveBounds<T>(out var lo, out var hi))
            {
                return true;
            }

            var v = b.Values.Span[row];
            return !(v >= lo && v <= hi);
        }

        /// <summary>The bounds as inclusive values of <typeparamref name="T"/>; false when no value of T can be inside.</summary>
        private bool InclusiveBounds<T>(out T lo, out T hi) where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            lo = T.MinValue;
            hi = T.MaxValue;
            if (typeof(T) == typeof(double) || typeof(T) == typeof(float))
            {
                // Floating bounds: round toward the inside so that no value outside the double bound passes.
                lo = Lo is { } l ? FloatBound<T>(l, up: true, StrictLo) : T.CreateChecked(double.NegativeInfinity);
                hi = Hi is { } h ? FloatBound<T>(h, up: false, StrictHi) : T.CreateChecked(double.PositiveInfinity);
                return true;
            }

            // Integers: the smallest integer inside the lower bound and the largest inside the upper one.
            if (Lo is { } lower)
            {
                var c = StrictLo ? Math.Floor(lower) + 1 : Math.Ceiling(lower);
                if (c > double.CreateChecked(T.MaxValue))
                {
                    return false;
                }

                lo = c < double.CreateChecked(T.MinValue) ? T.MinValue : T.CreateSaturating(c);
            }

            if (Hi is { } upper)
            {
                var c = StrictHi ? Math.Ceiling(upper) - 1 : Math.Floor(upper);
                if (c < double.CreateChecked(T.MinValue))
                {
                    return false;
                }

                hi = c > double.CreateChecked(T.MaxValue) ? T.MaxValue : T.CreateSaturating(c);
            }

            return lo <= hi;
        }

        private static T FloatBound<T>(double bound, bool up, bool strict) where T : INumber<T>
        {
            if (typeof(T) == typeof(double))
            {
                var d = strict ? (up ? Math.BitIncrement(bound) : Math.BitDecrement(bound)) : bound;
                return T.CreateChecked(d);
            }

            var f = (float)bound;
            if (up && (f < bound || (strict && f == bound)))
            {
                f = MathF.BitIncrement(f);
            }
            else if (!up && (f > bound || (strict && f == bound)))
            {
                f = MathF.BitDecrement(f);
            }

            return T.CreateChecked(f);
        }
    }

    /// <summary>Timestamps as ticks against inclusive tick bounds.</summary>
    private sealed record TicksRange(long Lo, long Hi) : RangeCheck
    {
        /// <summary>Timestamp bounds a source offers are ticks it trusts (see the Parquet source for which writers).</summary>
        public override bool ProvesNoneUnexpected(ColumnStatistics statistics, long rowCount) =>
            statistics is { Min: { Kind: ScalarKind.Integer } min, Max: { Kind: ScalarKind.Integer } max }
            && min.AsInteger() >= Lo && max.AsInteger() <= Hi;

        public override int CountUnexpected(ColumnBatch batch)
        {
            var b = (PrimitiveBatch<long>)batch;
            return RangeKernel.CountOutside(b.Values.Span, b.Validity.Span, Lo, Hi);
        }

        public override bool IsUnexpected(ColumnBatch batch, int row)
        {
            var v = ((PrimitiveBatch<long>)batch).Values.Span[row];
            return v < Lo || v > Hi;
        }
    }

    private sealed record StringRange(string? Lo, string? Hi, bool StrictLo, bool StrictHi) : RangeCheck
    {
        private readonly byte[]? _lo = Lo is null ? null : System.Text.Encoding.UTF8.GetBytes(Lo);
        private readonly byte[]? _hi = Hi is null ? null : System.Text.Encoding.UTF8.GetBytes(Hi);

        public override int CountUnexpected(ColumnBatch batch)
        {
            var s = (StringBatch)batch;
            var n = 0;
            for (var i = 0; i < s.Length; i++)
            {
                if (s.IsValid(i) && Outside(s.GetBytes(i)))
                {
                    n++;
                }
            }

            return n;
        }

        public override bool IsUnexpected(ColumnBatch batch, int row) => Outside(((StringBatch)batch).GetBytes(row));

        // Ordinal UTF-8 byte order equals code point order, which is how Python compares strings.
        private bool Outside(ReadOnlySpan<byte> v) =>
            (_lo is not null && (StrictLo ? v.SequenceCompareTo(_lo) <= 0 : v.SequenceCompareTo(_lo) < 0))
            || (_hi is not null && (StrictHi ? v.SequenceCompareTo(_hi) >= 0 : v.SequenceCompareTo(_hi) > 0));
    }
}
