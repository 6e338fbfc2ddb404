using System.Numerics;
using Expectations.Data;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class BetweenEvaluator(ColumnValuesToBeBetween e) : ColumnMapEvaluator<ColumnValuesToBeBetween>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        RangeCheck.Create(Spec.Type, column, Spec.Bounds);
}

/// <summary>Values outside a range are unexpected; bounds are converted once to the column's own type.</summary>
internal abstract record RangeCheck : RowCheck
{
    /// <summary>GX's own wording, kept so GX users recognise it.</summary>
    internal const string MixedTypes = "TypeError: Column values, min_value, and max_value must either be None or of the same type.";

    public static RangeCheck Create(string type, ColumnInfo column, Bounds bounds)
    {
        var (min, max, strictMin, strictMax) = (bounds.MinValue, bounds.MaxValue, bounds.StrictMin, bounds.StrictMax);
        var lo = min is { IsNull: false } a ? a : (Scalar?)null;
        var hi = max is { IsNull: false } b ? b : (Scalar?)null;
        switch (column.Kind)
        {
            case DataKind.Integer or DataKind.Float or DataKind.Decimal:
                if (lo is { IsNumeric: false } || hi is { IsNumeric: false })
                {
                    throw new ExpectationException($"{MixedTypes} Column '{column.Name}' is numeric ({column.PhysicalType}) but the bounds are {lo} and {hi}.");
                }

                return new NumericRange(lo, hi, strictMin, strictMax, IntegerColumn: column.Kind == DataKind.Integer);
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

    /// <summary>
    /// Numeric bounds, kept as the suite's exact values. Integer columns compare exactly with any bound (an integer
    /// bound never goes through double); float columns compare with the bounds as doubles, as numpy does.
    /// </summary>
    private sealed record NumericRange(Scalar? Lo, Scalar? Hi, bool StrictLo, bool StrictHi, bool IntegerColumn) : RangeCheck
    {
        public override bool ProvesNoneUnexpected(ColumnStatistics statistics, long rowCount)
        {
            // Only exact integer bounds of an integer column are trusted (a source never offers float bounds: they leave
            // NaN out); they compare with the bounds exactly, as the rows would.
            if (!IntegerColumn || statistics is not { Min: { Kind: ScalarKind.Integer } min, Max: { Kind: ScalarKind.Integer } max }
                || Lo is { Kind: ScalarKind.Number } l0 && double.IsNaN(l0.AsDouble()) || Hi is { Kind: ScalarKind.Number } h0 && double.IsNaN(h0.AsDouble()))
            {
                return false;
            }

            return (Lo is not { } l || (StrictLo ? min > l : min >= l)) && (Hi is not { } h || (StrictHi ? max < h : max <= h));
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
            (Lo is { } l && (StrictLo ? CompareDecimal(v, l) <= 0 : CompareDecimal(v, l) < 0))
            || (Hi is { } h && (StrictHi ? CompareDecimal(v, h) >= 0 : CompareDecimal(v, h) > 0));

        /// <summary>A decimal against a bound: integer bounds exactly, others through the nearest decimal.</summary>
        private static int CompareDecimal(decimal v, Scalar bound)
        {
            if (bound.Kind == ScalarKind.Integer)
            {
                var i = bound.AsInt128();
                return i > (Int128)decimal.MaxValue ? -1 : i < (Int128)decimal.MinValue ? 1 : v.CompareTo((decimal)i);
            }

            var x = bound.AsDouble();
            return v.CompareTo(x >= (double)decimal.MaxValue ? decimal.MaxValue : x <= (double)decimal.MinValue ? decimal.MinValue : (decimal)x);
        }

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
                // Floating bounds: round toward the inside so that no value outside the double bound passes. Integer
                // bounds become their nearest double first, as numpy compares a float64 column with a Python int.
                lo = Lo is { } l ? FloatBound<T>(l.AsDouble(), up: true, StrictLo) : T.CreateChecked(double.NegativeInfinity);
                hi = Hi is { } h ? FloatBound<T>(h.AsDouble(), up: false, StrictHi) : T.CreateChecked(double.PositiveInfinity);
                return true;
            }

            // Integers: the smallest integer inside the lower bound and the largest inside the upper one, exactly.
            Int128 min = Int128.CreateChecked(T.MinValue), max = Int128.CreateChecked(T.MaxValue);
            if (Lo is { } lower)
            {
                if (InclusiveInteger(lower, StrictLo, up: true) is not { } c || c > max)
                {
                    return false;
                }

                lo = c < min ? T.MinValue : T.CreateChecked(c);
            }

            if (Hi is { } upper)
            {
                if (InclusiveInteger(upper, StrictHi, up: false) is not { } c || c < min)
                {
                    return false;
                }

                hi = c > max ? T.MaxValue : T.CreateChecked(c);
            }

            return lo <= hi;
        }

        /// <summary>
        /// The smallest integer inside a lower bound (<paramref name="up"/>) or the largest inside an upper one, saturated
        /// to 128 bits; null when no integer is inside (NaN, or strict at the very end of the range).
        /// </summary>
        private static Int128? InclusiveInteger(Scalar bound, bool strict, bool up)
        {
            if (bound.Kind == ScalarKind.Integer)
            {
                var i = bound.AsInt128();
                return !strict ? i : up ? (i == Int128.MaxValue ? null : i + 1) : (i == Int128.MinValue ? null : i - 1);
            }

            var x = bound.AsDouble();
            if (double.IsNaN(x))
            {
                return null; // nothing compares true with NaN
            }

            // Beyond ±1e38 (and the infinities) every integer of any column is on one side.
            if (Math.Abs(x) >= 1e38)
            {
                return x > 0 ? (up ? null : Int128.MaxValue) : (up ? Int128.MinValue : null);
            }

            // Whole doubles are exact integers here; the strict step is taken in Int128 (x + 1 is x beyond 2^53).
            return up
                ? (strict ? (Int128)Math.Floor(x) + 1 : (Int128)Math.Ceiling(x))
                : (strict ? (Int128)Math.Ceiling(x) - 1 : (Int128)Math.Floor(x));
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
            && min.AsInt128() >= Lo && max.AsInt128() <= Hi;

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
