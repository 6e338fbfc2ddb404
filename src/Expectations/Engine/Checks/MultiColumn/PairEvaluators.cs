using System.Buffers;
using System.Numerics;
using System.Text.Json;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Engine.Checks;

/// <summary>
/// A row-level condition over two columns, specialised for their kinds when the expectation binds. It only judges
/// rows where both values are present; <see cref="PairCheckMetric"/> decides what rows with nulls count as.
/// Records, so equal checks on the same columns are computed once.
/// </summary>
internal abstract record PairCheck
{
    /// <summary>Rows of the batches where both values are present and the condition fails.</summary>
    public abstract int CountFailing(ColumnBatch a, ColumnBatch b);

    /// <summary>Adds the local indices of the first rows (both values present) that fail, ascending, until <paramref name="rows"/> holds <paramref name="limit"/>.</summary>
    public abstract void FindFailing(ColumnBatch a, ColumnBatch b, List<int> rows, int limit);
}

/// <summary>
/// The metric "rows where <paramref name="Check"/> fails on columns <paramref name="ColumnA"/> and <paramref name="ColumnB"/>":
/// rows <paramref name="IgnoreRowIf"/> skips are missing; rows with a null that are not skipped are unexpected (as in
/// GX, where comparing with a missing value is false). Samples are <c>[a, b]</c> arrays.
/// </summary>
internal sealed record PairCheckMetric(string ColumnA, string ColumnB, PairCheck Check, PairIgnoreRowIf IgnoreRowIf, int SampleCap, ValueList<string> RowColumns = default)
    : MetricKey<ColumnMapCounts>, IRowSampling
{
    public override IReadOnlyList<string> Columns => [.. new[] { ColumnA, ColumnB }.Concat(RowColumns).Distinct(StringComparer.Ordinal)];

    public MetricKey<ColumnMapCounts> WithRowColumns(ValueList<string> rowColumns) => this with { RowColumns = rowColumns };

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    /// <summary>Counts rows where both values are null and rows where at least one is, from the validity bitmaps.</summary>
    internal static (int Both, int Either) CountMissing(ColumnBatch a, ColumnBatch b)
    {
        if (a.NullCount == 0 || b.NullCount == 0)
        {
            return (0, a.NullCount + b.NullCount);
        }

        var va = a.Validity.Span;
        var vb = b.Validity.Span;
        int both = 0, either = 0;
        var full = a.Length >> 3;
        for (var i = 0; i < full; i++)
        {
            both += BitOperations.PopCount((uint)(~(va[i] | vb[i]) & 0xFF));
            either += BitOperations.PopCount((uint)(~(va[i] & vb[i]) & 0xFF));
        }

        for (var i = full << 3; i < a.Length; i++)
        {
            bool pa = Bitmap.IsValid(va, i), pb = Bitmap.IsValid(vb, i);
            both += !pa && !pb ? 1 : 0;
            either += !pa || !pb ? 1 : 0;
        }

        return (both, either);
    }

    /// <summary>Whether a row with at least one null is skipped rather than unexpected.</summary>
    internal static bool Ignores(PairIgnoreRowIf rule, bool presentA, bool presentB) => rule switch
    {
        PairIgnoreRowIf.BothValuesAreMissing => !presentA && !presentB,
        PairIgnoreRowIf.EitherValueIsMissing => !presentA || !presentB,
        _ => false,
    };

    private sealed class Accumulator(PairCheckMetric key) : MapAccumulator(key.SampleCap, key.RowColumns)
    {
        private readonly List<int> _failing = [];

        public override void Add(DataChunk chunk)
        {
            var a = chunk[key.ColumnA];
            var b = chunk[key.ColumnB];
            Elements += chunk.RowCount;
            var (both, either) = CountMissing(a, b);
            var ignored = key.IgnoreRowIf switch
            {
                PairIgnoreRowIf.BothValuesAreMissing => both,
                PairIgnoreRowIf.EitherValueIsMissing => either,
                _ => 0,
            };
            var nullUnexpected = either - ignored;
            var failing = key.Check.CountFailing(a, b);
            Missing += ignored;
            Unexpected += failing + nullUnexpected;
            if (failing + nullUnexpected > 0 && Samples.Room > 0)
            {
                Sample(chunk, a, b, failing > 0, nullUnexpected > 0);
            }
        }

        private void Sample(DataChunk chunk, ColumnBatch a, ColumnBatch b, bool anyFailing, bool anyNullUnexpected)
        {
            var room = Samples.Room;
            _failing.Clear();
            if (anyFailing)
            {
                key.Check.FindFailing(a, b, _failing, room);
            }

            // Merge, in row order, the failing rows with the rows whose nulls make them unexpected.
            var next = 0;
            for (var row = 0; row < a.Length && Samples.Room > 0; row++)
            {
                bool pa = a.IsValid(row), pb = b.IsValid(row);
                bool unexpected;
                if (pa && pb)
                {
                    if (next >= _failing.Count || _failing[next] != row)
                    {
                        if (!anyNullUnexpected && next >= _failing.Count)
                        {
                            break;
                        }

                        continue;
                    }

                    next++;
                    unexpected = true;
                }
                else
                {
                    unexpected = anyNullUnexpected && !Ignores(key.IgnoreRowIf, pa, pb);
                }

                if (unexpected)
                {
                    Samples.Add(chunk, row, PairValue(a, b, row));
                }
            }
        }
    }

    /// <summary>The row's values as GX reports an unexpected pair: a two-element array.</summary>
    internal static JsonElement PairValue(ColumnBatch a, ColumnBatch b, int row)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            a.WriteValue(writer, row);
            b.WriteValue(writer, row);
            writer.WriteEndArray();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}

/// <summary>
/// Calls a generic visitor with the typed value spans of two numeric batches, so kernels see
/// <c>ReadOnlySpan&lt;TA&gt;</c> and <c>ReadOnlySpan&lt;TB&gt;</c> and the type switch runs once per chunk, not per row.
/// </summary>
internal static class NumericPairDispatch
{
    public interface IVisitor
    {
        void Visit<TA, TB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b)
            where TA : unmanaged, INumber<TA>
            where TB : unmanaged, INumber<TB>;
    }

    public static void Run<TV>(ColumnBatch a, ColumnBatch b, ref TV visitor) where TV : struct, IVisitor
    {
        switch (a)
        {
            case PrimitiveBatch<sbyte> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<byte> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<short> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<ushort> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<int> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<uint> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<long> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<ulong> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<float> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<double> x: WithB(x.Values.Span, b, ref visitor); break;
            case PrimitiveBatch<decimal> x: WithB(x.Values.Span, b, ref visitor); break;
            default: throw NotNumeric(a);
        }
    }

    private static void WithB<TA, TV>(ReadOnlySpan<TA> a, ColumnBatch b, ref TV visitor)
        where TA : unmanaged, INumber<TA>
        where TV : struct, IVisitor
    {
        switch (b)
        {
            case PrimitiveBatch<sbyte> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<byte> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<short> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<ushort> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<int> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<uint> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<long> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<ulong> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<float> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<double> y: visitor.Visit(a, y.Values.Span); break;
            case PrimitiveBatch<decimal> y: visitor.Visit(a, y.Values.Span); break;
            default: throw NotNumeric(b);
        }
    }

    private static ExpectationException NotNumeric(ColumnBatch batch) =>
        new($"Column '{batch.Name}' ({batch.Kind}, {batch.GetType().Name}) cannot be compared as numbers.");
}
