using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class CompoundUniqueEvaluator(CompoundColumnsToBeUnique e) : MapEvaluator<CompoundColumnsToBeUnique>(e)
{
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    protected override double Mostly => Spec.Mostly ?? 1.0;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        var columns = Spec.ColumnList.Select(binding.Column).ToList();
        if (Spec.Normalize != TextNormalization.None && !columns.Any(c => c.Kind == DataKind.String))
        {
            throw new ExpectationException($"{CompoundColumnsToBeUnique.TypeName}: normalize applies to text columns, but none of {string.Join(", ", columns.Select(c => $"'{c.Name}' ({c.PhysicalType}, {c.Kind.ToString().ToLowerInvariant()})"))} holds text; remove normalize or add a text column.");
        }

        return new CompoundUniqueMetric(Spec.ColumnList, Spec.IgnoreRowIf, sampleCap, Spec.Normalize);
    }
}

/// <summary>
/// The metric "rows whose combination of <paramref name="ColumnList"/> values occurs more than once". Each row's
/// combination is encoded as bytes (column-major, into a per-chunk buffer reused across chunks) and hashed with
/// XxHash3; a <see cref="ByteDuplicateTable"/> of distinct combinations holds each one's bytes in one arena
/// (compared exactly on hash collisions), first row and whether it repeats. Memory grows with distinct combinations, not rows; states merge.
/// With <paramref name="Normalize"/>, text columns enter the key in their normalised form, and the table keeps each
/// reported row's original combination (encoded the same way), which the samples show.
/// </summary>
internal sealed record CompoundUniqueMetric(ValueList<string> ColumnList, MultiColumnIgnoreRowIf IgnoreRowIf, int SampleCap, TextNormalization Normalize = TextNormalization.None) : MetricKey<ColumnMapCounts>
{
    public override IReadOnlyList<string> Columns => ColumnList;

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(CompoundUniqueMetric key) : MetricAccumulator
    {
        private readonly ByteDuplicateTable _table = new(key.SampleCap, keepOriginals: key.Normalize != TextNormalization.None);
        private CellCodec[]? _codecs;
        private CellCodec[]? _keyCodecs; // _codecs, with text columns normalised when the metric normalises
        private long _elements;
        private long _missing;

        // Per-chunk scratch, reused so that no row allocates.
        private int[] _offsets = [];
        private int[] _cursor = [];
        private int[] _nulls = [];
        private byte[] _keys = [];
        private int[] _originalOffsets = [];
        private int[] _originalCursor = [];
        private int[] _originalNulls = [];
        private byte[] _originals = [];

        public override void Add(DataChunk chunk)
        {
            var n = chunk.RowCount;
            _elements += n;
            var batches = new ColumnBatch[key.ColumnList.Count];
            for (var c = 0; c < batches.Length; c++)
            {
                batches[c] = chunk[key.ColumnList[c]];
            }

            _codecs ??= [.. batches.Select(CellCodec.For)];
            for (var c = 0; c < batches.Length; c++)
            {
                _codecs[c].EnsureMatches(batches[c]);
            }

            var keyCodecs = KeyCodecs();
            EncodeRows(keyCodecs, batches, n, ref _offsets, ref _cursor, ref _nulls, ref _keys);
            var offsets = _offsets.AsSpan(0, n + 1);
            var arena = _keys.AsSpan(0, offsets[n]);
            var nulls = _nulls.AsSpan(0, n);
            var normalized = !ReferenceEquals(keyCodecs, _codecs);
            Span<int> originalOffsets = default;
            Span<byte> originals = default;
            if (normalized)
            {
                EncodeRows(_codecs, batches, n, ref _originalOffsets, ref _originalCursor, ref _originalNulls, ref _originals);
                originalOffsets = _originalOffsets.AsSpan(0, n + 1);
                originals = _originals.AsSpan(0, originalOffsets[n]);
            }

            var columns = batches.Length;
            for (var r = 0; r < n; r++)
            {
                var skip = key.IgnoreRowIf switch
                {
                    MultiColumnIgnoreRowIf.AllValuesAreMissing => nulls[r] == columns,
                    MultiColumnIgnoreRowIf.AnyValueIsMissing => nulls[r] > 0,
                    _ => false,
                };
                if (skip)
                {
                    _missing++;
                    continue;
                }

                var rowKey = arena[offsets[r]..offsets[r + 1]];
                if (normalized)
                {
                    _table.Add(rowKey, ByteDuplicateTable.Hash(rowKey), chunk.GlobalIndex(r), originals[originalOffsets[r]..originalOffsets[r + 1]]);
                }
                else
                {
                    _table.Add(rowKey, ByteDuplicateTable.Hash(rowKey), chunk.GlobalIndex(r));
                }
            }
        }

        /// <summary>The codecs of the key: the column codecs, with text ones normalising when the metric normalises.</summary>
        private CellCodec[] KeyCodecs()
        {
            if (key.Normalize == TextNormalization.None)
            {
                return _codecs!;
            }

            return _keyCodecs ??= [.. _codecs!.Select(c => c.Normalizing(TextNormalizers.Create(key.Normalize)))];
        }

        /// <summary>Encodes each of the <paramref name="n"/> rows with <paramref name="codecs"/> into <paramref name="keys"/> (row r at offsets[r]..offsets[r + 1]), counting nulls per row into <paramref name="nullCounts"/>.</summary>
        private void EncodeRows(CellCodec[] codecs, ColumnBatch[] batches, int n, ref int[] offsetBuffer, ref int[] cursorBuffer, ref int[] nullCounts, ref byte[] keys)
        {
            Grow(ref offsetBuffer, n + 1);
            Grow(ref cursorBuffer, n + 1);
            Grow(ref nullCounts, n);
            var lengths = cursorBuffer.AsSpan(0, n);
            var nulls = nullCounts.AsSpan(0, n);
            lengths.Clear();
            nulls.Clear();
            for (var c = 0; c < batches.Length; c++)
            {
                codecs[c].AddLengths(batches[c], lengths, nulls);
            }

            var offsets = offsetBuffer.AsSpan(0, n + 1);
            var total = 0L;
            for (var r = 0; r < n; r++)
            {
                offsets[r] = (int)total;
                total += lengths[r];
            }

            if (total > Array.MaxLength)
            {
                throw new ExpectationException($"{CompoundColumnsToBeUnique.TypeName}: a chunk of {n} rows holds more than {Array.MaxLength} bytes of values in columns {string.Join(", ", key.ColumnList)}.");
            }

            offsets[n] = (int)total;
            Grow(ref keys, (int)total);
            offsets.CopyTo(cursorBuffer);
            var arena = keys.AsSpan(0, (int)total);
            for (var c = 0; c < batches.Length; c++)
            {
                codecs[c].Encode(batches[c], arena, cursorBuffer.AsSpan(0, n));
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _elements += o._elements;
            _missing += o._missing;
            _codecs ??= o._codecs;
            _table.Merge(o._table);
        }

        public override void Save(StateWriter writer)
        {
            writer.Long(_elements);
            writer.Long(_missing);
            writer.Bool(_codecs is not null);
            if (_codecs is not null)
            {
                writer.List(_codecs, static (w, c) =>
                {
                    w.Byte(c.Layout);
                    w.Int((int)c.Kind);
                });
            }

            _table.Save(writer);
        }

        public override void Load(StateReader reader)
        {
            _elements = reader.Long();
            _missing = reader.Long();
            if (reader.Bool())
            {
                var codecs = reader.List(static r => CellCodec.ForLayout(r.Byte(), (DataKind)r.Int()) ?? throw new KernelException("Saved state: a uniqueness key of an unknown layout."), 5);
                _codecs = codecs.Count == key.ColumnList.Count
                    ? [.. codecs]
                    : throw new KernelException($"Saved state: {codecs.Count} key columns, but the metric has {key.ColumnList.Count}.");
            }

            _table.Load(reader);
        }

        public override object Finish()
        {
            var rows = _table.FirstUnexpected(key.SampleCap);
            var values = new List<JsonElement>(rows.Count);
            foreach (var (row, entry) in rows)
            {
                values.Add(Json(_table.OriginalOf(row, entry)));
            }

            return new ColumnMapCounts(_elements, _missing, _table.Unexpected, [.. rows.Select(r => r.Row)], values);
        }

        /// <summary>A sample as GX reports it: an object of column name to value.</summary>
        private JsonElement Json(ReadOnlySpan<byte> combination)
        {
            var buffer = new ArrayBufferWriter<byte>(64);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                for (var c = 0; c < key.ColumnList.Count; c++)
                {
                    writer.WritePropertyName(key.ColumnList[c]);
                    combination = combination[_codecs![c].WriteJson(writer, combination)..];
                }

                writer.WriteEndObject();
            }

            using var doc = JsonDocument.Parse(buffer.WrittenMemory);
            return doc.RootElement.Clone();
        }

        private static void Grow<T>(ref T[] array, int length)
        {
            if (array.Length < length)
            {
                array = new T[(int)Math.Min(Array.MaxLength, Math.Max(length, (long)array.Length * 2))];
            }
        }
    }
}

/// <summary>
/// How one column's values become key bytes and back: a tag byte (0 null, 1 present) then the value. Floats are
/// normalised (one NaN, +0 for -0) and decimals stripped of trailing zeros, so equal values give equal bytes.
/// </summary>
internal abstract class CellCodec
{
    /// <summary>The layout this codec encodes (<see cref="BatchLayouts"/>) and the column's kind: what a saved state records.</summary>
    public byte Layout { get; private set; }

    /// <summary>The column's kind.</summary>
    public DataKind Kind { get; private set; }

    public static CellCodec For(ColumnBatch batch) => ForLayout(BatchLayouts.Of(batch), batch.Kind)
        ?? throw new ExpectationException($"Column '{batch.Name}' holds values of an unsupported layout ({batch.GetType().Name}).");

    /// <summary>The codec of a layout (<see cref="BatchLayouts"/>), or null for one no codec encodes.</summary>
    public static CellCodec? ForLayout(byte layout, DataKind kind)
    {
        CellCodec? codec = layout switch
        {
            BatchLayouts.VariableLength => new StringCodec(kind),
            BatchLayouts.Boolean => new FixedCodec<bool>(kind),
            BatchLayouts.SByte => new FixedCodec<sbyte>(kind),
            BatchLayouts.Byte => new FixedCodec<byte>(kind),
            BatchLayouts.Int16 => new FixedCodec<short>(kind),
            BatchLayouts.UInt16 => new FixedCodec<ushort>(kind),
            BatchLayouts.Int32 => new FixedCodec<int>(kind),
            BatchLayouts.UInt32 => new FixedCodec<uint>(kind),
            BatchLayouts.Int64 => new FixedCodec<long>(kind),
            BatchLayouts.UInt64 => new FixedCodec<ulong>(kind),
            BatchLayouts.Single => new FixedCodec<float>(kind),
            BatchLayouts.Double => new FixedCodec<double>(kind),
            BatchLayouts.Decimal => new FixedCodec<decimal>(kind),
            _ => null,
        };
        if (codec is not null)
        {
            codec.Layout = layout;
            codec.Kind = kind;
        }

        return codec;
    }

    /// <summary>Throws when a later chunk holds the column in another layout, whose bytes would not compare with these.</summary>
    public void EnsureMatches(ColumnBatch batch)
    {
        if (!Accepts(batch))
        {
            throw new ExpectationException($"Column '{batch.Name}' changed its value type between chunks (now {batch.GetType().Name}); combinations cannot be compared.");
        }
    }

    protected abstract bool Accepts(ColumnBatch batch);

    /// <summary>This codec, or for a text column one that encodes each value's normalised form in the same layout.</summary>
    public CellCodec Normalizing(Utf8TextNormalizer normalizer) =>
        this is StringCodec && Kind == DataKind.String ? new NormalizedStringCodec(normalizer) { Layout = Layout, Kind = Kind } : this;

    /// <summary>Adds each row's encoded length to <paramref name="lengths"/> and counts its null in <paramref name="nulls"/>.</summary>
    public abstract void AddLengths(ColumnBatch batch, Span<int> lengths, Span<int> nulls);

    /// <summary>Writes each row's bytes at <paramref name="cursor"/>[row] in <paramref name="arena"/> and advances the cursor.</summary>
    public abstract void Encode(ColumnBatch batch, Span<byte> arena, Span<int> cursor);

    /// <summary>Writes the value at the start of <paramref name="key"/> as JSON; returns the bytes it took.</summary>
    public abstract int WriteJson(Utf8JsonWriter writer, ReadOnlySpan<byte> key);

    protected static void CountNulls(ReadOnlySpan<byte> validity, int nullCount, Span<int> nulls)
    {
        if (nullCount == 0)
        {
            return;
        }

        for (var r = 0; r < nulls.Length; r++)
        {
            nulls[r] += Bitmap.IsValid(validity, r) ? 0 : 1;
        }
    }

    private sealed class FixedCodec<T>(DataKind kind) : CellCodec where T : unmanaged
    {
        private static readonly int Size = Unsafe.SizeOf<T>();

        protected override bool Accepts(ColumnBatch batch) => batch is PrimitiveBatch<T>;

        public override void AddLengths(ColumnBatch batch, Span<int> lengths, Span<int> nulls)
        {
            var validity = batch.Validity.Span;
            for (var r = 0; r < lengths.Length; r++)
            {
                lengths[r] += Bitmap.IsValid(validity, r) ? 1 + Size : 1;
            }

            CountNulls(validity, batch.NullCount, nulls);
        }

        public override void Encode(ColumnBatch batch, Span<byte> arena, Span<int> cursor)
        {
            var values = ((PrimitiveBatch<T>)batch).Values.Span;
            var validity = batch.Validity.Span;
            for (var r = 0; r < cursor.Length; r++)
            {
                var at = cursor[r];
                if (!Bitmap.IsValid(validity, r))
                {
                    arena[at] = 0;
                    cursor[r] = at + 1;
                    continue;
                }

                arena[at] = 1;
                var v = Normalise(values[r]);
                MemoryMarshal.Write(arena[(at + 1)..], in v);
                cursor[r] = at + 1 + Size;
            }
        }

        public override int WriteJson(Utf8JsonWriter writer, ReadOnlySpan<byte> key)
        {
            if (key[0] == 0)
            {
                writer.WriteNullValue();
                return 1;
            }

            ScalarFormatting.WritePrimitive(writer, kind, MemoryMarshal.Read<T>(key[1..]));
            return 1 + Size;
        }

        private static T Normalise(T value)
        {
            if (typeof(T) == typeof(double))
            {
                var d = Unsafe.As<T, double>(ref value);
                d = double.IsNaN(d) ? double.NaN : d == 0 ? 0.0 : d;
                return Unsafe.As<double, T>(ref d);
            }

            if (typeof(T) == typeof(float))
            {
                var f = Unsafe.As<T, float>(ref value);
                f = float.IsNaN(f) ? float.NaN : f == 0 ? 0f : f;
                return Unsafe.As<float, T>(ref f);
            }

            if (typeof(T) == typeof(decimal))
            {
                // Dividing by 1 with 28 zero decimals yields the least scale that holds the value (1.50m -> 1.5m).
                var m = Unsafe.As<T, decimal>(ref value) / 1.0000000000000000000000000000m;
                return Unsafe.As<decimal, T>(ref m);
            }

            if (typeof(T) == typeof(bool))
            {
                // Any non-zero byte is true; store one form.
                var b = Unsafe.As<T, byte>(ref value) != 0 ? (byte)1 : (byte)0;
                return Unsafe.As<byte, T>(ref b);
            }

            return value;
        }
    }

    /// <summary>
    /// Text values as <see cref="StringCodec"/> encodes them, each in its normalised form: normalised once per chunk, in
    /// <see cref="AddLengths"/> (which needs the lengths), into a scratch arena reused across chunks, then copied by <see cref="Encode"/>.
    /// </summary>
    private sealed class NormalizedStringCodec(Utf8TextNormalizer normalizer) : CellCodec
    {
        private byte[] _data = new byte[1024];
        private int[] _ends = [];

        protected override bool Accepts(ColumnBatch batch) => batch is VariableLengthBatch && batch.Kind == DataKind.String;

        public override void AddLengths(ColumnBatch batch, Span<int> lengths, Span<int> nulls)
        {
            var strings = (VariableLengthBatch)batch;
            var offsets = strings.Offsets.Span;
            var data = strings.Data.Span;
            var validity = batch.Validity.Span;
            if (_ends.Length < lengths.Length + 1)
            {
                _ends = new int[lengths.Length + 1];
            }

            var used = 0;
            for (var r = 0; r < lengths.Length; r++)
            {
                if (Bitmap.IsValid(validity, r))
                {
                    var normal = normalizer.Normalize(data[offsets[r]..offsets[r + 1]]);
                    if ((long)used + normal.Length > _data.Length)
                    {
                        var needed = (long)used + normal.Length;
                        if (needed > Array.MaxLength)
                        {
                            throw new ExpectationException($"Column '{batch.Name}': a chunk holds more than {Array.MaxLength} bytes of normalised text.");
                        }

                        Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_data.Length * 2)));
                    }

                    normal.CopyTo(_data.AsSpan(used));
                    used += normal.Length;
                    lengths[r] += 1 + sizeof(int) + normal.Length;
                }
                else
                {
                    lengths[r] += 1;
                }

                _ends[r + 1] = used;
            }

            CountNulls(validity, batch.NullCount, nulls);
        }

        public override void Encode(ColumnBatch batch, Span<byte> arena, Span<int> cursor)
        {
            var validity = batch.Validity.Span;
            for (var r = 0; r < cursor.Length; r++)
            {
                var at = cursor[r];
                if (!Bitmap.IsValid(validity, r))
                {
                    arena[at] = 0;
                    cursor[r] = at + 1;
                    continue;
                }

                var bytes = _data.AsSpan(_ends[r], _ends[r + 1] - _ends[r]);
                arena[at] = 1;
                var length = bytes.Length;
                MemoryMarshal.Write(arena[(at + 1)..], in length);
                bytes.CopyTo(arena[(at + 1 + sizeof(int))..]);
                cursor[r] = at + 1 + sizeof(int) + bytes.Length;
            }
        }

        public override int WriteJson(Utf8JsonWriter writer, ReadOnlySpan<byte> key)
        {
            if (key[0] == 0)
            {
                writer.WriteNullValue();
                return 1;
            }

            var length = MemoryMarshal.Read<int>(key[1..]);
            writer.WriteStringValue(key.Slice(1 + sizeof(int), length));
            return 1 + sizeof(int) + length;
        }
    }

    /// <summary>Text and binary values as a length and their bytes; binary values are written back as <c>\x</c>-hex.</summary>
    private sealed class StringCodec(DataKind kind) : CellCodec
    {
        protected override bool Accepts(ColumnBatch batch) => batch is VariableLengthBatch && batch.Kind == kind;

        public override void AddLengths(ColumnBatch batch, Span<int> lengths, Span<int> nulls)
        {
            var offsets = ((VariableLengthBatch)batch).Offsets.Span;
            var validity = batch.Validity.Span;
            for (var r = 0; r < lengths.Length; r++)
            {
                lengths[r] += Bitmap.IsValid(validity, r) ? 1 + sizeof(int) + (offsets[r + 1] - offsets[r]) : 1;
            }

            CountNulls(validity, batch.NullCount, nulls);
        }

        public override void Encode(ColumnBatch batch, Span<byte> arena, Span<int> cursor)
        {
            var strings = (VariableLengthBatch)batch;
            var offsets = strings.Offsets.Span;
            var data = strings.Data.Span;
            var validity = batch.Validity.Span;
            for (var r = 0; r < cursor.Length; r++)
            {
                var at = cursor[r];
                if (!Bitmap.IsValid(validity, r))
                {
                    arena[at] = 0;
                    cursor[r] = at + 1;
                    continue;
                }

                var bytes = data[offsets[r]..offsets[r + 1]];
                arena[at] = 1;
                var length = bytes.Length;
                MemoryMarshal.Write(arena[(at + 1)..], in length);
                bytes.CopyTo(arena[(at + 1 + sizeof(int))..]);
                cursor[r] = at + 1 + sizeof(int) + bytes.Length;
            }
        }

        public override int WriteJson(Utf8JsonWriter writer, ReadOnlySpan<byte> key)
        {
            if (key[0] == 0)
            {
                writer.WriteNullValue();
                return 1;
            }

            var length = MemoryMarshal.Read<int>(key[1..]);
            var bytes = key.Slice(1 + sizeof(int), length);
            if (kind == DataKind.Binary)
            {
                writer.WriteStringValue(ScalarFormatting.FormatHex(bytes));
            }
            else
            {
                writer.WriteStringValue(bytes);
            }

            return 1 + sizeof(int) + length;
        }
    }
}
