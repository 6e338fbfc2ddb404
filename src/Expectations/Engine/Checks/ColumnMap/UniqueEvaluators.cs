using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Expectations.Data;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class UniqueEvaluator(ColumnValuesToBeUnique e) : MapEvaluator<ColumnValuesToBeUnique>(e)
{
    // Binary values are unique by their bytes; lists by their elements, in order (null elements equal each other).
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary | ColumnShapes.List;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        var column = binding.Column(Spec.Column);
        if (Spec.Normalize != TextNormalization.None && column.Kind != DataKind.String)
        {
            // A missing unexpected_index_column_names key is reported first, as for every column-map check (MapEvaluator.Bind).
            if (binding.Format.SampleRowColumns(binding.Columns.Select(c => c.Name), DomainColumns).Count > 0)
            {
                foreach (var key in binding.Format.UnexpectedIndexColumnNames)
                {
                    _ = binding.Column(key);
                }
            }

            throw new ExpectationException($"{ColumnValuesToBeUnique.TypeName}: normalize applies to text, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}); remove normalize or check a text column.");
        }

        return new UniqueMetric(column.Name, column.Kind, sampleCap, Spec.Normalize);
    }
}

/// <summary>
/// Rows of <paramref name="Column"/> whose value occurs more than once. Uniqueness needs the whole column, so
/// this is a metric of its own rather than a row check: its state holds, per distinct value, the count and the
/// first global row, plus the first <paramref name="SampleCap"/> repeats. Memory grows with the number of
/// distinct values (and with the number of repeats only for COMPLETE results, which list them all). With
/// <paramref name="Normalize"/> (text only), values are keyed by their normalised form and the samples are the original values.
/// </summary>
internal sealed record UniqueMetric(string Column, DataKind Kind, int SampleCap, TextNormalization Normalize = TextNormalization.None) : MetricKey<ColumnMapCounts>
{
    public override IReadOnlyList<string> Columns => [Column];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this, Kind switch
    {
        DataKind.String when Normalize != TextNormalization.None => new NormalizedTextCounter(SampleCap, Normalize),
        DataKind.String => new TextCounter(SampleCap, static (w, bytes) => w.WriteStringValue(bytes)),
        DataKind.Binary => new TextCounter(SampleCap, static (w, bytes) => w.WriteStringValue(ScalarFormatting.FormatHex(bytes))),
        DataKind.List => new ListCounter(SampleCap),
        DataKind.Integer or DataKind.Float or DataKind.Timestamp or DataKind.Boolean => new WordCounter(SampleCap, Kind),
        DataKind.Decimal => new NumberCounter<decimal>(SampleCap, static (w, v) => w.WriteNumberValue(v)),
        _ => throw new ExpectationException($"{ColumnValuesToBeUnique.TypeName} cannot check column '{Column}' of kind {Kind}."),
    });

    private sealed class Accumulator(UniqueMetric key, DistinctCounter counter) : MetricAccumulator
    {
        private long _elements;
        private long _missing;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[key.Column];
            _elements += batch.Length;
            _missing += batch.NullCount;
            counter.Add(batch, chunk);
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _elements += o._elements;
            _missing += o._missing;
            counter.Merge(o.Counter);
        }

        public override void Save(StateWriter writer)
        {
            writer.Long(_elements);
            writer.Long(_missing);
            counter.Save(writer);
        }

        public override void Load(StateReader reader)
        {
            _elements = reader.Long();
            _missing = reader.Long();
            counter.Load(reader);
        }

        private DistinctCounter Counter => counter;

        public override object Finish()
        {
            var (unexpected, indices, values) = counter.Finish();
            return new ColumnMapCounts(_elements, _missing, unexpected, indices, values);
        }
    }
}

/// <summary>Count and first global row of one distinct value.</summary>
internal struct Occurrences
{
    public long Count;
    public long First;
}

/// <summary>Distinct values of one column with their occurrences, mergeable across disjoint row ranges.</summary>
internal abstract class DistinctCounter(int sampleCap)
{
    protected int SampleCap { get; } = sampleCap;

    /// <summary>Folds the valid rows of <paramref name="batch"/>, of <paramref name="chunk"/> (for global row indices).</summary>
    public abstract void Add(ColumnBatch batch, DataChunk chunk);

    /// <summary>Folds a counter of rows that come after this one's.</summary>
    public abstract void Merge(DistinctCounter later);

    /// <summary>Rows in repeated values, and the first <see cref="SampleCap"/> of them (global index and value), ascending.</summary>
    public abstract (long Unexpected, List<long> Indices, List<JsonElement> Values) Finish();

    /// <summary>Writes the counter's state (see <see cref="MetricAccumulator.Save"/>).</summary>
    public abstract void Save(StateWriter writer);

    /// <summary>Reads what <see cref="Save"/> wrote into this empty counter.</summary>
    public abstract void Load(StateReader reader);

    /// <summary>
    /// The unexpected samples: the smallest indices among first occurrences of repeated values and the stored
    /// repeats. Any repeat not stored comes after <see cref="SampleCap"/> stored ones, so it cannot be among them.
    /// </summary>
    protected (long, List<long>, List<JsonElement>) Finish<TKey>(Dictionary<TKey, Occurrences> entries, List<(long Index, TKey Key)> repeats, Action<Utf8JsonWriter, TKey> write)
        where TKey : notnull
    {
        long unexpected = 0;
        var candidates = new List<(long Index, TKey Key)>();
        foreach (var (value, occurrences) in entries)
        {
            if (occurrences.Count >= 2)
            {
                unexpected += occurrences.Count;
                if (SampleCap > 0)
                {
                    candidates.Add((occurrences.First, value));
                }
            }
        }

        candidates.AddRange(repeats);
        candidates.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return Render(unexpected, candidates, SampleCap, write);
    }

    /// <summary>The result: <paramref name="unexpected"/> and the first <paramref name="take"/> of <paramref name="candidates"/> (ascending rows) as indices and JSON values.</summary>
    protected static (long, List<long>, List<JsonElement>) Render<TKey>(long unexpected, List<(long Index, TKey Key)> candidates, int take, Action<Utf8JsonWriter, TKey> write)
    {
        take = Math.Min(take, candidates.Count);
        var indices = new List<long>(take);
        var values = new List<JsonElement>(take);
        var buffer = new ArrayBufferWriter<byte>(64);
        for (var i = 0; i < take; i++)
        {
            indices.Add(candidates[i].Index);
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer, candidates[i].Key);
            }

            using var doc = JsonDocument.Parse(buffer.WrittenMemory);
            values.Add(doc.RootElement.Clone());
        }

        return (unexpected, indices, values);
    }

    /// <summary>Keeps the <see cref="SampleCap"/> smallest repeats after a merge appended later ones.</summary>
    protected void TrimRepeats<TKey>(List<(long Index, TKey Key)> repeats)
    {
        repeats.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        if (repeats.Count > SampleCap)
        {
            repeats.RemoveRange(SampleCap, repeats.Count - SampleCap);
        }
    }
}

/// <summary>
/// A counter of fixed-width values: the batch's element type is decided once per batch (booleans as bytes), and
/// the subclass folds the typed span.
/// </summary>
internal abstract class NumericCounter(int sampleCap) : DistinctCounter(sampleCap)
{
    public sealed override void Add(ColumnBatch batch, DataChunk chunk)
    {
        if (batch is PrimitiveBatch<bool> booleans)
        {
            AddValues(MemoryMarshal.AsBytes(booleans.Values.Span), booleans.Validity.Span, chunk);
        }
        else if (!NumericBatches.TryApply(batch, new Feed(this, chunk), out bool _))
        {
            throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} holds {batch.GetType().Name}, which the uniqueness check cannot read.");
        }
    }

    /// <summary>Folds the valid rows of one typed batch; row indices come from <paramref name="chunk"/>.</summary>
    protected abstract void AddValues<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, DataChunk chunk) where T : unmanaged, INumberBase<T>;

    private readonly struct Feed(NumericCounter counter, DataChunk chunk) : INumericBatchFunc<bool>
    {
        public bool Apply<T>(PrimitiveBatch<T> batch) where T : unmanaged, INumber<T>, IMinMaxValue<T>
        {
            counter.AddValues(batch.Values.Span, batch.Validity.Span, chunk);
            return true;
        }
    }
}

/// <summary>Decimals keyed by value (1.5 equals 1.50) in a dictionary: 128-bit values, rare enough not to need a table of their own.</summary>
internal sealed class NumberCounter<TKey>(int sampleCap, Action<Utf8JsonWriter, TKey> write) : NumericCounter(sampleCap)
    where TKey : unmanaged, INumberBase<TKey>
{
    private readonly Dictionary<TKey, Occurrences> _entries = [];
    private readonly List<(long Index, TKey Key)> _repeats = [];

    public override void Merge(DistinctCounter later)
    {
        var other = (NumberCounter<TKey>)later;
        foreach (var (key, theirs) in other._entries)
        {
            ref var mine = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var exists);
            if (!exists)
            {
                mine = theirs;
                continue;
            }

            // Their first occurrence is a repeat here.
            mine.Count += theirs.Count;
            _repeats.Add((theirs.First, key));
        }

        _repeats.AddRange(other._repeats);
        TrimRepeats(_repeats);
    }

    public override (long Unexpected, List<long> Indices, List<JsonElement> Values) Finish() => Finish(_entries, _repeats, write);

    public override void Save(StateWriter writer)
    {
        writer.List(_entries, static (w, p) =>
        {
            Key(w, p.Key);
            w.Long(p.Value.Count);
            w.Row(p.Value.First);
        });
        writer.List(_repeats, static (w, r) =>
        {
            w.Row(r.Index);
            Key(w, r.Key);
        });
    }

    public override void Load(StateReader reader)
    {
        for (var n = reader.Count(16); n > 0; n--)
        {
            var key = Key(reader);
            _entries.Add(key, new Occurrences { Count = reader.Long(), First = reader.Row() });
        }

        _repeats.AddRange(reader.List(static r => (r.Row(), Key(r)), 8));
    }

    private static void Key(StateWriter writer, TKey key) => writer.Bytes(MemoryMarshal.AsBytes(new ReadOnlySpan<TKey>(in key)));

    private static TKey Key(StateReader reader)
    {
        var bytes = reader.Bytes();
        return bytes.Length == System.Runtime.CompilerServices.Unsafe.SizeOf<TKey>()
            ? MemoryMarshal.Read<TKey>(bytes)
            : throw new KernelException($"Saved state: a {typeof(TKey).Name} key of {bytes.Length} bytes.");
    }

    protected override void AddValues<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, DataChunk chunk)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var key = TKey.CreateTruncating(values[i]);
            if (TKey.IsZero(key))
            {
                key = TKey.Zero; // -0.0 is 0.0
            }

            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var exists);
            if (!exists)
            {
                entry.First = chunk.GlobalIndex(i);
            }
            else if (_repeats.Count < SampleCap)
            {
                _repeats.Add((chunk.GlobalIndex(i), key));
            }

            entry.Count++;
        }
    }
}

/// <summary>
/// Values that fit 64 bits keyed by those bits in an open-addressing table: integers of every width as their
/// value widened to <see cref="long"/> (a <see cref="ulong"/> above <see cref="long.MaxValue"/> goes to a second
/// table, so keys stay exact), floats as the bits of the <see cref="double"/> (one NaN, -0.0 as 0.0), timestamps
/// as ticks, booleans as 0/1.
/// </summary>
internal sealed class WordCounter(int sampleCap, DataKind kind) : NumericCounter(sampleCap)
{
    private readonly LongDuplicateTable _table = new(sampleCap);
    private readonly LongDuplicateTable _aboveLong = new(sampleCap);

    public override void Merge(DistinctCounter later)
    {
        var other = (WordCounter)later;
        _table.Merge(other._table);
        _aboveLong.Merge(other._aboveLong);
    }

    public override void Save(StateWriter writer)
    {
        _table.Save(writer);
        _aboveLong.Save(writer);
    }

    public override void Load(StateReader reader)
    {
        _table.Load(reader);
        _aboveLong.Load(reader);
    }

    public override (long Unexpected, List<long> Indices, List<JsonElement> Values) Finish()
    {
        // The two tables hold different values, so their first rows merge into one ascending list.
        var rows = _table.FirstUnexpected(SampleCap).Select(r => (r.Row, Key: r.Key, Above: false))
            .Concat(_aboveLong.FirstUnexpected(SampleCap).Select(r => (r.Row, Key: r.Key, Above: true)))
            .OrderBy(r => r.Row)
            .Select(r => (r.Row, (r.Key, r.Above)))
            .ToList();
        return Render(_table.Unexpected + _aboveLong.Unexpected, rows, SampleCap, Write);
    }

    private void Write(Utf8JsonWriter writer, (ulong Key, bool Above) value)
    {
        var (key, above) = value;
        switch (kind)
        {
            case DataKind.Float: ScalarFormatting.WriteDouble(writer, BitConverter.UInt64BitsToDouble(key)); break;
            case DataKind.Timestamp: writer.WriteStringValue(ScalarFormatting.FormatTimestamp((long)key)); break;
            case DataKind.Boolean: writer.WriteBooleanValue(key != 0); break;
            default:
                if (above)
                {
                    writer.WriteNumberValue(key);
                }
                else
                {
                    writer.WriteNumberValue((long)key);
                }

                break;
        }
    }

    protected override void AddValues<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, DataChunk chunk)
    {
        var asDouble = kind == DataKind.Float;
        var asBoolean = kind == DataKind.Boolean;
        for (var i = 0; i < values.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            ulong key;
            if (asDouble)
            {
                var d = double.CreateTruncating(values[i]);
                d = double.IsNaN(d) ? double.NaN : d == 0 ? 0.0 : d;
                key = BitConverter.DoubleToUInt64Bits(d);
            }
            else if (asBoolean)
            {
                key = T.IsZero(values[i]) ? 0UL : 1UL;
            }
            else if (typeof(T) == typeof(ulong) && ulong.CreateTruncating(values[i]) > long.MaxValue)
            {
                _aboveLong.Add(ulong.CreateTruncating(values[i]), chunk.GlobalIndex(i));
                continue;
            }
            else
            {
                key = (ulong)long.CreateTruncating(values[i]);
            }

            _table.Add(key, chunk.GlobalIndex(i));
        }
    }
}

/// <summary>Writes a value held as bytes (text as its UTF-8, binary as <c>\x</c>-hex) as a report shows it.</summary>
internal delegate void BytesWriter(Utf8JsonWriter writer, ReadOnlySpan<byte> value);

/// <summary>
/// Strings (or binary values) keyed by their bytes, hashed with XxHash3 and compared exactly, in a table whose keys share
/// one byte arena: no object per distinct value, no .NET string per row.
/// </summary>
internal sealed class TextCounter(int sampleCap, BytesWriter write) : DistinctCounter(sampleCap)
{
    private readonly ByteDuplicateTable _table = new(sampleCap);

    public override void Add(ColumnBatch batch, DataChunk chunk)
    {
        var strings = (VariableLengthBatch)batch;
        var data = strings.Data.Span;
        var offsets = strings.Offsets.Span;
        var validity = strings.Validity.Span;
        for (var i = 0; i < strings.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var bytes = data[offsets[i]..offsets[i + 1]];
            _table.Add(bytes, ByteDuplicateTable.Hash(bytes), chunk.GlobalIndex(i));
        }
    }

    public override void Merge(DistinctCounter later) => _table.Merge(((TextCounter)later)._table);

    public override void Save(StateWriter writer) => _table.Save(writer);

    public override void Load(StateReader reader) => _table.Load(reader);

    public override (long Unexpected, List<long> Indices, List<JsonElement> Values) Finish() =>
        Render(_table.Unexpected, _table.FirstUnexpected(SampleCap), SampleCap, (w, entry) => write(w, _table.KeyOf(entry)));
}

/// <summary>
/// Texts keyed by their normalised form (<see cref="Utf8TextNormalizer"/>, into one reused buffer: no allocation per row),
/// in a <see cref="ByteDuplicateTable"/> that also keeps the original values of the rows it may report.
/// </summary>
internal sealed class NormalizedTextCounter(int sampleCap, TextNormalization steps) : DistinctCounter(sampleCap)
{
    private readonly ByteDuplicateTable _table = new(sampleCap, keepOriginals: true);
    private readonly Utf8TextNormalizer _normalizer = TextNormalizers.Create(steps);

    public override void Add(ColumnBatch batch, DataChunk chunk)
    {
        var strings = (VariableLengthBatch)batch;
        var data = strings.Data.Span;
        var offsets = strings.Offsets.Span;
        var validity = strings.Validity.Span;
        for (var i = 0; i < strings.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var bytes = data[offsets[i]..offsets[i + 1]];
            var key = _normalizer.Normalize(bytes);
            _table.Add(key, ByteDuplicateTable.Hash(key), chunk.GlobalIndex(i), bytes);
        }
    }

    public override void Merge(DistinctCounter later) => _table.Merge(((NormalizedTextCounter)later)._table);

    public override void Save(StateWriter writer) => _table.Save(writer);

    public override void Load(StateReader reader) => _table.Load(reader);

    public override (long Unexpected, List<long> Indices, List<JsonElement> Values) Finish()
    {
        var rows = _table.FirstUnexpected(SampleCap).Select(r => (r.Row, r)).ToList();
        return Render(_table.Unexpected, rows, SampleCap, (w, r) => w.WriteStringValue(_table.OriginalOf(r.Row, r.Entry)));
    }
}

/// <summary>The normaliser of a <see cref="TextNormalization"/>'s steps.</summary>
internal static class TextNormalizers
{
    public static Utf8TextNormalizer Create(TextNormalization steps) => new(
        whitespace: (steps & TextNormalization.Whitespace) != 0,
        trim: (steps & TextNormalization.Trim) != 0,
        lowerCase: (steps & TextNormalization.Case) != 0);
}

/// <summary>
/// Lists keyed by their JSON form (elements in order, as reports write them: one form per value of the column's element
/// kind), written into one reused buffer and kept in a <see cref="ByteDuplicateTable"/>. Samples are the lists themselves.
/// </summary>
internal sealed class ListCounter(int sampleCap) : DistinctCounter(sampleCap)
{
    private readonly ByteDuplicateTable _table = new(sampleCap);
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public override void Add(ColumnBatch batch, DataChunk chunk)
    {
        var lists = (ListBatch)batch;
        using var writer = new Utf8JsonWriter(_buffer);
        for (var i = 0; i < lists.Length; i++)
        {
            if (!lists.IsValid(i))
            {
                continue;
            }

            _buffer.ResetWrittenCount();
            writer.Reset(_buffer);
            lists.WriteValue(writer, i);
            writer.Flush();
            var key = _buffer.WrittenSpan;
            _table.Add(key, ByteDuplicateTable.Hash(key), chunk.GlobalIndex(i));
        }
    }

    public override void Merge(DistinctCounter later) => _table.Merge(((ListCounter)later)._table);

    public override void Save(StateWriter writer) => _table.Save(writer);

    public override void Load(StateReader reader) => _table.Load(reader);

    public override (long Unexpected, List<long> Indices, List<JsonElement> Values) Finish() =>
        Render(_table.Unexpected, _table.FirstUnexpected(SampleCap), SampleCap, (w, entry) => w.WriteRawValue(_table.KeyOf(entry), skipInputValidation: true));
}
