using System.Numerics;
using System.Text.Json;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Engine.Checks;

internal sealed class IncreasingEvaluator(ColumnValuesToBeIncreasing e) : MapEvaluator<ColumnValuesToBeIncreasing>(e)
{
    // Binary values are ordered by their bytes (as PostgreSQL orders bytea).
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap) =>
        MonotonicMetric.For(binding, Spec, Spec.Column, decreasing: false, Spec.Strictly ?? false, Spec.ParseStringsAsDatetimes ?? false, sampleCap);
}

internal sealed class DecreasingEvaluator(ColumnValuesToBeDecreasing e) : MapEvaluator<ColumnValuesToBeDecreasing>(e)
{
    // Binary values are ordered by their bytes (as PostgreSQL orders bytea).
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap) =>
        MonotonicMetric.For(binding, Spec, Spec.Column, decreasing: true, Spec.Strictly ?? false, Spec.ParseStringsAsDatetimes ?? false, sampleCap);
}

/// <summary>
/// Rows out of order relative to the previous non-null row. Order depends on the rows before, so the state carries
/// the last value across chunks, and remembers its first value: when states of consecutive parts merge, the later
/// part's first value (which passed there for lack of a predecessor) is compared with the earlier part's last.
/// </summary>
internal sealed record MonotonicMetric(string Column, bool Decreasing, bool Strictly, int SampleCap) : MetricKey<ColumnMapCounts>
{
    public override IReadOnlyList<string> Columns => [Column];

    public static MonotonicMetric For(Binding binding, Expectation spec, string column, bool decreasing, bool strictly, bool parseStrings, int sampleCap)
    {
        var info = binding.Column(column);
        if (info.Kind == DataKind.String && parseStrings)
        {
            throw new ExpectationException($"{spec.Type}: parse_strings_as_datetimes is not supported (GX deprecated it); column '{column}' holds text, which is ordered by code point. Load the column as timestamps to order it by time.");
        }

        return new MonotonicMetric(column, decreasing, strictly, sampleCap);
    }

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    /// <summary>Whether a value comparing <paramref name="comparison"/> to its predecessor is out of order.</summary>
    internal bool OutOfOrder(int comparison) =>
        Decreasing ? comparison > 0 || (Strictly && comparison == 0) : comparison < 0 || (Strictly && comparison == 0);

    private sealed class Accumulator(MonotonicMetric key) : MetricAccumulator
    {
        private readonly SampleBuffer _samples = new(key.SampleCap);
        private OrderWalker? _walker;
        private long _elements;
        private long _missing;
        private long _unexpected;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[key.Column];
            _elements += batch.Length;
            _missing += batch.NullCount;
            if (batch.NullCount == batch.Length)
            {
                return;
            }

            _walker ??= OrderWalker.For(batch, key);
            _unexpected += _walker.Walk(batch, chunk, _samples);
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _elements += o._elements;
            _missing += o._missing;
            _unexpected += o._unexpected;
            if (o._walker is not { HasValues: true } later)
            {
                _samples.Append(o._samples);
                return;
            }

            if (_walker is not { HasValues: true } earlier)
            {
                _walker = later;
                _samples.Append(o._samples);
                return;
            }

            if (later.FirstIsOutOfOrderAfter(earlier))
            {
                _unexpected++;
                _samples.Add(later.FirstIndex, later.FirstJson);
            }

            _samples.Append(o._samples);
            earlier.ContinueWith(later);
        }

        public override void Save(StateWriter writer)
        {
            writer.Long(_elements);
            writer.Long(_missing);
            writer.Long(_unexpected);
            _samples.Save(writer);
            writer.Byte(_walker?.Layout ?? BatchLayouts.Other);
            _walker?.Save(writer);
        }

        public override void Load(StateReader reader)
        {
            _elements = reader.Long();
            _missing = reader.Long();
            _unexpected = reader.Long();
            _samples.Load(reader);
            var layout = reader.Byte();
            if (layout != BatchLayouts.Other)
            {
                _walker = OrderWalker.ForLayout(layout, key) ?? throw new KernelException($"Saved state: an order walker of unknown layout {layout}.");
                _walker.Load(reader);
            }
        }

        public override object Finish() => new ColumnMapCounts(_elements, _missing, _unexpected, _samples.Indices, _samples.Values);
    }
}

/// <summary>Walks one column's values in row order, typed by the batch's element type.</summary>
internal abstract class OrderWalker(MonotonicMetric key)
{
    protected MonotonicMetric Key { get; } = key;

    /// <summary>Whether a value was seen.</summary>
    public bool HasValues { get; protected set; }

    /// <summary>Global index of the first value seen.</summary>
    public long FirstIndex { get; protected set; }

    /// <summary>The first value seen, as reports show it.</summary>
    public JsonElement FirstJson { get; protected set; }

    /// <summary>The layout (<see cref="BatchLayouts"/>) this walker reads.</summary>
    public byte Layout { get; private set; }

    public static OrderWalker For(ColumnBatch batch, MonotonicMetric key) => ForLayout(BatchLayouts.Of(batch), key)
        ?? throw new ExpectationException($"Column '{batch.Name}' holds {batch.Kind} values, which have no order to check: increasing and decreasing apply to numbers, timestamps and text.");

    /// <summary>The walker of a layout, or null for one without an order.</summary>
    public static OrderWalker? ForLayout(byte layout, MonotonicMetric key)
    {
        OrderWalker? walker = layout switch
        {
            BatchLayouts.Double => new NumberWalker<double>(key),
            BatchLayouts.Single => new NumberWalker<float>(key),
            BatchLayouts.Int64 => new NumberWalker<long>(key),
            BatchLayouts.Int32 => new NumberWalker<int>(key),
            BatchLayouts.Int16 => new NumberWalker<short>(key),
            BatchLayouts.SByte => new NumberWalker<sbyte>(key),
            BatchLayouts.UInt64 => new NumberWalker<ulong>(key),
            BatchLayouts.UInt32 => new NumberWalker<uint>(key),
            BatchLayouts.UInt16 => new NumberWalker<ushort>(key),
            BatchLayouts.Byte => new NumberWalker<byte>(key),
            BatchLayouts.Decimal => new NumberWalker<decimal>(key),
            BatchLayouts.VariableLength => new TextWalker(key),
            _ => null,
        };
        if (walker is not null)
        {
            walker.Layout = layout;
        }

        return walker;
    }

    /// <summary>Writes what the walker knows: whether it saw a value, the first one (row, JSON, typed) and the last one.</summary>
    public void Save(StateWriter writer)
    {
        writer.Bool(HasValues);
        if (HasValues)
        {
            writer.Row(FirstIndex);
            writer.String(FirstJson.GetRawText());
        }

        SaveValues(writer);
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this fresh walker.</summary>
    public void Load(StateReader reader)
    {
        HasValues = reader.Bool();
        if (HasValues)
        {
            FirstIndex = reader.Row();
            FirstJson = StateJson.Parse(reader.String());
        }

        LoadValues(reader);
    }

    protected abstract void SaveValues(StateWriter writer);

    protected abstract void LoadValues(StateReader reader);

    /// <summary>Counts the out-of-order rows of <paramref name="batch"/>, sampling them, and moves the last value on.</summary>
    public abstract int Walk(ColumnBatch batch, DataChunk chunk, SampleBuffer samples);

    /// <summary>Whether this (later) part's first value is out of order after <paramref name="earlier"/>'s last.</summary>
    public abstract bool FirstIsOutOfOrderAfter(OrderWalker earlier);

    /// <summary>Takes the last value of <paramref name="later"/>, which follows this part.</summary>
    public abstract void ContinueWith(OrderWalker later);

    protected void NoteFirst(ColumnBatch batch, DataChunk chunk, int row)
    {
        HasValues = true;
        FirstIndex = chunk.GlobalIndex(row);
        FirstJson = batch.GetJsonValue(row);
    }
}

/// <summary>Numbers and timestamps (ticks). NaN is out of order and leaves the previous value as it was.</summary>
internal sealed class NumberWalker<T>(MonotonicMetric key) : OrderWalker(key) where T : unmanaged, INumber<T>
{
    private T _first;
    private T _last;

    public override int Walk(ColumnBatch batch, DataChunk chunk, SampleBuffer samples)
    {
        var values = ((PrimitiveBatch<T>)batch).Values.Span;
        var validity = batch.Validity.Span;
        var unexpected = 0;
        var has = HasValues;
        var last = _last;
        for (var i = 0; i < values.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var v = values[i];
            bool bad;
            if (T.IsNaN(v))
            {
                bad = true;
            }
            else if (!has)
            {
                // The first value has no predecessor: it passes (GX gives it a bye).
                NoteFirst(batch, chunk, i);
                _first = v;
                has = true;
                last = v;
                continue;
            }
            else
            {
                bad = Key.OutOfOrder(v.CompareTo(last));
                last = v;
            }

            if (bad)
            {
                unexpected++;
                if (samples.Room > 0)
                {
                    samples.Add(chunk.GlobalIndex(i), batch.GetJsonValue(i));
                }
            }
        }

        _last = last;
        return unexpected;
    }

    public override bool FirstIsOutOfOrderAfter(OrderWalker earlier) => Key.OutOfOrder(_first.CompareTo(((NumberWalker<T>)earlier)._last));

    protected override void SaveValues(StateWriter writer)
    {
        writer.Bytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _first)));
        writer.Bytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _last)));
    }

    protected override void LoadValues(StateReader reader)
    {
        _first = Value(reader.Bytes());
        _last = Value(reader.Bytes());

        static T Value(ReadOnlySpan<byte> bytes) => bytes.Length == System.Runtime.CompilerServices.Unsafe.SizeOf<T>()
            ? System.Runtime.InteropServices.MemoryMarshal.Read<T>(bytes)
            : throw new KernelException($"Saved state: a {typeof(T).Name} value of {bytes.Length} bytes.");
    }

    public override void ContinueWith(OrderWalker later) => _last = ((NumberWalker<T>)later)._last;
}

/// <summary>Text in ordinal order (UTF-8 bytes compare in code-point order, so no decoding is needed), binary values in byte order.</summary>
internal sealed class TextWalker(MonotonicMetric key) : OrderWalker(key)
{
    private byte[] _first = [];
    private byte[] _last = [];

    public override int Walk(ColumnBatch batch, DataChunk chunk, SampleBuffer samples)
    {
        var strings = (VariableLengthBatch)batch;
        var data = strings.Data.Span;
        var offsets = strings.Offsets.Span;
        var validity = strings.Validity.Span;
        var unexpected = 0;
        var lastRow = -1;
        for (var i = 0; i < strings.Length; i++)
        {
            if (!Bitmap.IsValid(validity, i))
            {
                continue;
            }

            var v = data[offsets[i]..offsets[i + 1]];
            if (!HasValues)
            {
                NoteFirst(batch, chunk, i);
                _first = v.ToArray();
                lastRow = i;
                continue;
            }

            var previous = lastRow >= 0 ? data[offsets[lastRow]..offsets[lastRow + 1]] : _last;
            lastRow = i;
            if (Key.OutOfOrder(Math.Sign(v.SequenceCompareTo(previous))))
            {
                unexpected++;
                if (samples.Room > 0)
                {
                    samples.Add(chunk.GlobalIndex(i), batch.GetJsonValue(i));
                }
            }
        }

        if (lastRow >= 0)
        {
            // The batch's buffers are only valid until the next chunk: keep a copy of its last value.
            _last = data[offsets[lastRow]..offsets[lastRow + 1]].ToArray();
        }

        return unexpected;
    }

    public override bool FirstIsOutOfOrderAfter(OrderWalker earlier) =>
        Key.OutOfOrder(Math.Sign(_first.AsSpan().SequenceCompareTo(((TextWalker)earlier)._last)));

    public override void ContinueWith(OrderWalker later) => _last = ((TextWalker)later)._last;

    protected override void SaveValues(StateWriter writer)
    {
        writer.Bytes(_first);
        writer.Bytes(_last);
    }

    protected override void LoadValues(StateReader reader)
    {
        _first = reader.ByteArray();
        _last = reader.ByteArray();
    }
}
