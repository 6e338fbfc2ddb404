using System.Numerics;

namespace Expectations.Engine.Aggregate;

/// <summary>
/// Counts of a numeric column's values in fixed bins, as <c>numpy.histogram(values, bins)</c> counts them (every
/// bin half-open [a, b) except the last, which is closed), plus the values strictly below the first edge and
/// strictly above the last. Edges may be infinite. Nulls and NaNs are not values. Memory is O(bins): nothing
/// per row is kept; states merge by adding counts.
/// </summary>
internal sealed record HistogramMetric(string Column, ValueList<double> Bins) : MetricKey<BinCounts>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Column];

    /// <inheritdoc />
    public override MetricAccumulator CreateAccumulator(MetricContext context)
    {
        var info = context.Schema[Column];
        return info.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean
            ? new Accumulator(Column, [.. Bins])
            : throw new ExpectationException($"Column '{Column}' of type {info.PhysicalType} ({info.Kind.ToString().ToLowerInvariant()}) cannot be binned: a continuous partition needs a numeric column.");
    }

    private sealed class Accumulator(string column, double[] bins) : MetricAccumulator
    {
        private readonly long[] _counts = new long[Math.Max(0, bins.Length - 1)];
        private long _below;
        private long _above;
        private long _rows;
        private long _missing;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[column];
            _rows += batch.Length;
            _missing += batch.NullCount;
            var validity = batch.Validity.Span;
            switch (batch)
            {
                case PrimitiveBatch<double> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<float> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<decimal> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<long> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<int> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<short> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<sbyte> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<ulong> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<uint> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<ushort> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<byte> b: Count(b.Values.Span, validity); break;
                case PrimitiveBatch<bool> b: Count(System.Runtime.InteropServices.MemoryMarshal.Cast<bool, byte>(b.Values.Span), validity); break;
                default: throw new ExpectationException($"Column '{column}' arrived as {batch.GetType().Name}, which cannot be binned.");
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            for (var i = 0; i < _counts.Length; i++)
            {
                _counts[i] += o._counts[i];
            }

            _below += o._below;
            _above += o._above;
            _rows += o._rows;
            _missing += o._missing;
        }

        public override void Save(Kernels.StateWriter writer)
        {
            writer.Long(_rows);
            writer.Long(_missing);
            writer.Long(_below);
            writer.Long(_above);
            writer.List(_counts, static (w, c) => w.Long(c));
        }

        public override void Load(Kernels.StateReader reader)
        {
            _rows = reader.Long();
            _missing = reader.Long();
            _below = reader.Long();
            _above = reader.Long();
            var counts = reader.List(static r => r.Long(), 8);
            if (counts.Count != _counts.Length)
            {
                throw new Kernels.KernelException($"Saved state: a histogram of {counts.Count} bins, but the metric has {_counts.Length}.");
            }

            counts.CopyTo(_counts);
        }

        public override object Finish() => new BinCounts(_rows, _missing, [.. _counts], _below, _above);

        private void Count<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, INumberBase<T>
        {
            var edges = bins.AsSpan();
            var counts = _counts.AsSpan();
            for (var i = 0; i < values.Length; i++)
            {
                if (!Kernels.Bitmap.IsValid(validity, i))
                {
                    continue;
                }

                var x = double.CreateTruncating(values[i]);
                var bin = BinCounts.BinOf(edges, x);
                switch (bin)
                {
                    case BinCounts.Missing: _missing++; break;
                    case BinCounts.Below: _below++; break;
                    case BinCounts.Above: _above++; break;
                    default: counts[bin]++; break;
                }
            }
        }
    }
}

/// <summary>A finished histogram: per-bin counts, values below and above the edges, rows and missing rows (nulls and NaNs).</summary>
internal sealed record BinCounts(long ElementCount, long MissingCount, long[] Counts, long BelowCount, long AboveCount)
{
    /// <summary><see cref="BinOf"/> for NaN.</summary>
    public const int Missing = -3;

    /// <summary><see cref="BinOf"/> for a value below the first edge (or when there are no edges).</summary>
    public const int Below = -2;

    /// <summary><see cref="BinOf"/> for a value above the last edge.</summary>
    public const int Above = -1;

    /// <summary>Values that are neither null nor NaN (pandas' non-null count).</summary>
    public long ValueCount => ElementCount - MissingCount;

    /// <summary>
    /// numpy's bin of <paramref name="x"/>: i with edges[i] ≤ x &lt; edges[i+1], the last bin also taking x equal to
    /// the last edge; or <see cref="Below"/>, <see cref="Above"/>, <see cref="Missing"/>.
    /// </summary>
    public static int BinOf(ReadOnlySpan<double> edges, double x)
    {
        if (double.IsNaN(x))
        {
            return Missing;
        }

        if (edges.Length < 2 || x < edges[0])
        {
            return Below;
        }

        var last = edges.Length - 1;
        if (x > edges[last])
        {
            return Above;
        }

        if (x == edges[last])
        {
            return last - 1;
        }

        // The first edge greater than x, minus one.
        int lo = 0, hi = last;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid + 1] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
