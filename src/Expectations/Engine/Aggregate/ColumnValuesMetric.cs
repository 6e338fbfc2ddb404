namespace Expectations.Engine.Aggregate;

/// <summary>
/// Every non-null, non-NaN value of a numeric column as double, for exact medians and quantiles. Memory is
/// O(n): eight bytes per value (a 100 M row column needs 800 MB). Exact order statistics cannot be computed in
/// less in one pass; a sketch (t-digest, KLL) would trade exactness for O(1) memory and belongs in its own
/// metric. Integers beyond ±2^53 are rounded to the nearest double. States merge by concatenation.
/// </summary>
internal sealed record ColumnValuesMetric(string Column) : MetricKey<ColumnValues>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Column];

    /// <inheritdoc />
    public override MetricAccumulator CreateAccumulator(MetricContext context)
    {
        var info = context.Schema[Column];
        return info.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean
            ? new Accumulator(Column)
            : throw new ExpectationException($"Column '{Column}' of type {info.PhysicalType} ({info.Kind}) is not numeric.");
    }

    private sealed class Accumulator(string column) : MetricAccumulator
    {
        private double[] _values = [];
        private int _count;
        private long _rows;
        private long _nulls;
        private long _nans;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[column];
            _rows += batch.Length;
            _nulls += batch.NullCount;
            Reserve(batch.Length - batch.NullCount);
            var validity = batch.Validity.Span;
            switch (batch)
            {
                case PrimitiveBatch<double> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<float> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<decimal> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<long> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<int> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<short> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<sbyte> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<ulong> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<uint> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<ushort> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<byte> b: Collect(b.Values.Span, validity); break;
                case PrimitiveBatch<bool> b: Collect(System.Runtime.InteropServices.MemoryMarshal.Cast<bool, byte>(b.Values.Span), validity); break;
                default: throw new ExpectationException($"Column '{column}' arrived as {batch.GetType().Name}, which is not numeric.");
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            Reserve(o._count);
            o._values.AsSpan(0, o._count).CopyTo(_values.AsSpan(_count));
            _count += o._count;
            _rows += o._rows;
            _nulls += o._nulls;
            _nans += o._nans;
        }

        public override void Save(Kernels.StateWriter writer)
        {
            writer.Long(_rows);
            writer.Long(_nulls);
            writer.Long(_nans);
            writer.Int(_count);
            foreach (var v in _values.AsSpan(0, _count))
            {
                writer.Double(v);
            }
        }

        public override void Load(Kernels.StateReader reader)
        {
            _rows = reader.Long();
            _nulls = reader.Long();
            _nans = reader.Long();
            var count = reader.Count(8);
            Reserve(count);
            for (var i = 0; i < count; i++)
            {
                _values[i] = reader.Double();
            }

            _count = count;
        }

        public override object Finish()
        {
            var values = _values.AsSpan(0, _count).ToArray();
            Array.Sort(values);
            return new ColumnValues(_rows, _nulls, _nans, values);
        }

        private void Reserve(int more)
        {
            if (_count + more > _values.Length)
            {
                Array.Resize(ref _values, Math.Max(_count + more, _values.Length * 2));
            }
        }

        private void Collect<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, System.Numerics.INumberBase<T>
        {
            var target = _values.AsSpan();
            var n = _count;
            for (var i = 0; i < values.Length; i++)
            {
                if (!Kernels.Bitmap.IsValid(validity, i))
                {
                    continue;
                }

                var x = double.CreateTruncating(values[i]);
                if (double.IsNaN(x))
                {
                    _nans++;
                    continue;
                }

                target[n++] = x;
            }

            _count = n;
        }
    }
}

/// <summary>The sorted non-null, non-NaN values of a column.</summary>
internal sealed class ColumnValues(long elementCount, long nullCount, long nanCount, double[] sorted)
{
    /// <summary>Rows seen.</summary>
    public long ElementCount { get; } = elementCount;

    /// <summary>Null rows.</summary>
    public long NullCount { get; } = nullCount;

    /// <summary>Rows the statistics skip: nulls and NaNs.</summary>
    public long MissingCount { get; } = nullCount + nanCount;

    /// <summary>The values, ascending.</summary>
    public ReadOnlySpan<double> Sorted => sorted;

    /// <summary>The median (the mean of the two middle values for an even count), or null when empty.</summary>
    public double? Median => sorted.Length == 0
        ? null
        : sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : Midpoint(sorted[(sorted.Length / 2) - 1], sorted[sorted.Length / 2]);

    // (a + b) / 2 as numpy computes it; halves first only when the sum overflows.
    private static double Midpoint(double a, double b) => double.IsFinite(a + b) ? (a + b) / 2 : (a / 2) + (b / 2);

    /// <summary>The <paramref name="q"/>-quantile with linear interpolation (pandas' default), or null when empty.</summary>
    public double? Quantile(double q)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var position = Math.Clamp(q, 0, 1) * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
