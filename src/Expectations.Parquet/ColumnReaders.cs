using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using ParquetSharp;

namespace Expectations.Parquet;

/// <summary>
/// Decodes one offered column from one row group with ParquetSharp's physical column reader (Apache Arrow C++'s
/// decoder): definition and repetition levels plus packed values, then nulls, list offsets (Dremel assembly for any
/// nesting depth) and logical conversions. Buffers are reused from one row group to the next: a batch is valid until
/// the next <see cref="Read"/>.
/// </summary>
internal sealed class ParquetColumnReader(ParquetColumn column)
{
    private const int ReadChunk = 64 * 1024;

    private short[] _definitions = [];
    private short[] _repetitions = [];
    private bool[] _bools = [];
    private int[] _ints = [];
    private long[] _longs = [];
    private Int96[] _int96 = [];
    private float[] _floats = [];
    private double[] _doubles = [];
    private ByteArray[] _byteArrays = [];
    private FixedLenByteArray[] _fixed = [];
    private byte[] _bytes = [];
    private int[] _byteOffsets = [];
    private Array _output = Array.Empty<byte>();
    private byte[] _outBytes = [];
    private int[] _outOffsets = [];

    /// <summary>The column this reader decodes.</summary>
    public ParquetColumn Column { get; } = column;

    /// <summary>Reads the column from <paramref name="rowGroup"/> (<paramref name="rows"/> rows) into a batch.</summary>
    /// <param name="rowGroup">The row group.</param>
    /// <param name="leafIndex">The leaf's index in this file's schema.</param>
    /// <param name="rows">The row group's row count.</param>
    /// <param name="origin">File and row group, for messages.</param>
    public ColumnBatch Read(RowGroupReader rowGroup, int leafIndex, int rows, string origin)
    {
        using var reader = rowGroup.Column(leafIndex);
        var descriptor = reader.ColumnDescriptor;
        var maxDefinition = descriptor.MaxDefinitionLevel;
        var maxRepetition = descriptor.MaxRepetitionLevel;
        long levelCount = rows;
        if (maxRepetition > 0)
        {
            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(leafIndex);
            levelCount = chunk.NumValues;
        }

        if (levelCount is < 0 or > int.MaxValue - 1)
        {
            throw new DataSourceException($"Column '{Column.Name}' of {origin} claims {levelCount} values; at most {int.MaxValue - 1} per row group are supported.");
        }

        var levels = (int)levelCount;
        var definitions = maxDefinition > 0 ? Grow(ref _definitions, levels) : null;
        var repetitions = maxRepetition > 0 ? Grow(ref _repetitions, levels) : null;
        var packed = ReadPhysical(reader, levels, definitions, repetitions, origin);
        if (maxRepetition == 0 && levels != rows)
        {
            throw new DataSourceException($"Column '{Column.Name}' of {origin} holds {levels} values for {rows} rows.");
        }

        // Which entries are elements (leaf slots) and which of them hold a value; then the list levels above.
        var depth = Column.Lists.Length;
        if (depth == 0 && maxRepetition == 0)
        {
            return Flat(definitions, rows, packed, origin);
        }

        return Nested(definitions, repetitions, levels, rows, maxDefinition, packed, origin);
    }

    /// <summary>
    /// A batch of <paramref name="rows"/> nulls of this column's own type, for a file that lacks the column (a Delta
    /// table whose schema gained it later). Only flat columns and structs: a missing list or map column is refused.
    /// </summary>
    public ColumnBatch AllNull(int rows, string origin)
    {
        if (Column.Lists.Length > 0)
        {
            throw new DataSourceException($"{origin} lacks the list column '{Column.Name}'; reading a missing list or map column as null is not supported.");
        }

        var validity = new byte[Math.Max(1, (rows + 7) / 8)];
        if (Column.Encoding is null)
        {
            return new NestedBatch(Column.Name, Column.ValueKind, rows, validity, rows);
        }

        if (_byteOffsets.Length == 0)
        {
            _byteOffsets = new int[1];
        }

        _byteOffsets[0] = 0;
        return Values(rows, validity, rows, origin);
    }

    /// <summary>A column without list levels: one level per row.</summary>
    private ColumnBatch Flat(short[]? definitions, int rows, int packed, string origin)
    {
        byte[] validity = [];
        var nulls = 0;
        var valueDefinition = Column.ValueDefinition;
        if (definitions is not null)
        {
            validity = new byte[(rows + 7) / 8];
            for (var i = 0; i < rows; i++)
            {
                if (definitions[i] >= valueDefinition)
                {
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    nulls++;
                }
            }
        }

        if (Column.Encoding is null)
        {
            return new NestedBatch(Column.Name, Column.ValueKind, rows, validity, nulls);
        }

        if (packed != rows - nulls)
        {
            throw new DataSourceException($"Column '{Column.Name}' of {origin}: {packed} values for {rows - nulls} non-null rows (corrupt levels).");
        }

        return Values(rows, validity, nulls, origin);
    }

    /// <summary>Dremel assembly of one leaf's levels into rows of (nested) lists.</summary>
    private ColumnBatch Nested(short[]? definitions, short[]? repetitions, int levels, int rows, int maxDefinition, int packed, string origin)
    {
        var lists = Column.Lists;
        var depth = lists.Length;
        var offsets = new List<int>[depth];
        var valid = new List<bool>[depth];
        for (var k = 0; k < depth; k++)
        {
            offsets[k] = new List<int>(k == 0 ? rows : 16);
            valid[k] = new List<bool>(k == 0 ? rows : 16);
        }

        var elementValid = new List<bool>(levels);
        var valueDefinition = Column.ValueDefinition;
        for (var i = 0; i < levels; i++)
        {
            var r = repetitions?[i] ?? 0;
            var d = definitions?[i] ?? 0;
            if (r > depth)
            {
                // Repetition below this column's depth (a field of a struct inside a deeper list): same element.
                continue;
            }

            var k = r;
            var complete = false;
            for (; k < depth; k++)
            {
                offsets[k].Add(k + 1 < depth ? offsets[k + 1].Count : elementValid.Count);
                if (d < lists[k].NullBelow)
                {
                    valid[k].Add(false);
                    complete = true;
                    break;
                }

                valid[k].Add(true);
                if (d < lists[k].EmptyBelow)
                {
                    complete = true;
                    break;
                }
            }

            if (!complete)
            {
                elementValid.Add(d >= valueDefinition);
            }
        }

        if (depth > 0 ? offsets[0].Count != rows : elementValid.Count != rows)
        {
            throw new DataSourceException($"Column '{Column.Name}' of {origin}: the levels hold {(depth > 0 ? offsets[0].Count : elementValid.Count)} rows, the row group {rows} (corrupt levels).");
        }

        var elements = elementValid.Count;
        var elementValidity = new byte[(elements + 7) / 8];
        var elementNulls = 0;
        for (var i = 0; i < elements; i++)
        {
            if (elementValid[i])
            {
                elementValidity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                elementNulls++;
            }
        }

        ColumnBatch batch;
        if (Column.Encoding is null)
        {
            batch = new NestedBatch(Column.Name, Column.ValueKind, elements, elementValidity, elementNulls);
        }
        else
        {
            // Values arrive for entries at the leaf's own maximum definition level only; for a leaf offered deeper than
            // this column (never: leaves are offered at their own depth) the counts must agree.
            if (Column.ValueDefinition != maxDefinition || packed != elements - elementNulls)
            {
                throw new DataSourceException($"Column '{Column.Name}' of {origin}: {packed} values for {elements - elementNulls} non-null elements (corrupt levels).");
            }

            batch = Values(elements, elementValidity, elementNulls, origin);
        }

        for (var k = depth - 1; k >= 0; k--)
        {
            var count = offsets[k].Count;
            var listOffsets = new int[count + 1];
            offsets[k].CopyTo(listOffsets);
            listOffsets[count] = k + 1 < depth ? offsets[k + 1].Count : elements;
            var validity = new byte[(count + 7) / 8];
            var nulls = 0;
            for (var i = 0; i < count; i++)
            {
                if (valid[k][i])
                {
                    validity[i >> 3] |= (byte)(1 << (i & 7));
                }
                else
                {
                    nulls++;
                }
            }

            batch = new ListBatch(Column.Name, listOffsets, batch, validity, nulls);
        }

        return batch;
    }

    /// <summary>Reads every level and the packed (non-null) physical values; returns how many values were read.</summary>
    private int ReadPhysical(ParquetSharp.ColumnReader reader, int levels, short[]? definitions, short[]? repetitions, string origin)
    {
        return reader switch
        {
            ColumnReader<bool> r => ReadFixed(r, levels, definitions, repetitions, ref _bools),
            ColumnReader<int> r => ReadFixed(r, levels, definitions, repetitions, ref _ints),
            ColumnReader<long> r => ReadFixed(r, levels, definitions, repetitions, ref _longs),
            ColumnReader<Int96> r => ReadFixed(r, levels, definitions, repetitions, ref _int96),
            ColumnReader<float> r => ReadFixed(r, levels, definitions, repetitions, ref _floats),
            ColumnReader<double> r => ReadFixed(r, levels, definitions, repetitions, ref _doubles),
            ColumnReader<ByteArray> r => ReadByteArrays(r, levels, definitions, repetitions),
            ColumnReader<FixedLenByteArray> r => ReadFixedLength(r, levels, definitions, repetitions),
            _ => throw new DataSourceException($"Column '{Column.Name}' of {origin}: physical type {reader.Type} cannot be read."),
        };
    }

    private static int ReadFixed<T>(ColumnReader<T> reader, int levels, short[]? definitions, short[]? repetitions, ref T[] buffer) where T : unmanaged =>
        ReadChunks(reader, levels, definitions, repetitions, Grow(ref buffer, levels), accumulate: true, sink: null);

    /// <summary>
    /// Reads every level in chunks of <see cref="ReadChunk"/>. With <paramref name="accumulate"/> the packed values land one
    /// after the other in <paramref name="values"/>; otherwise each chunk's values land at its start and
    /// <paramref name="sink"/> (values so far, values in this chunk) copies them out before the next read. Returns the values read.
    /// </summary>
    private static int ReadChunks<T>(ColumnReader<T> reader, int levels, short[]? definitions, short[]? repetitions, T[] values, bool accumulate, Action<int, int>? sink)
        where T : unmanaged
    {
        var position = 0;
        var valueCount = 0;
        while (position < levels)
        {
            var want = Math.Min(ReadChunk, levels - position);
            var target = values.AsSpan(accumulate ? valueCount : 0, want);
            long read;
            long valuesRead;
            if (definitions is null && repetitions is null)
            {
                read = reader.ReadBatch(want, target, out valuesRead);
            }
            else
            {
                read = reader.ReadBatch(want, definitions is null ? default : definitions.AsSpan(position, want), repetitions is null ? default : repetitions.AsSpan(position, want), target, out valuesRead);
            }

            if (read == 0)
            {
                throw new InvalidDataException($"the column chunk ended after {position} of {levels} values");
            }

            sink?.Invoke(valueCount, (int)valuesRead);
            position += (int)read;
            valueCount += (int)valuesRead;
        }

        return valueCount;
    }

    /// <summary>Byte arrays point into the reader's page buffers, valid until the next read: copied out after each call.</summary>
    private int ReadByteArrays(ColumnReader<ByteArray> reader, int levels, short[]? definitions, short[]? repetitions)
    {
        var values = Grow(ref _byteArrays, Math.Min(levels, ReadChunk));
        var offsets = Grow(ref _byteOffsets, levels + 1);
        offsets[0] = 0;
        var length = 0;
        // A STRUCT/MAP/LIST-of-struct column needs only the levels of its first leaf, not the leaf's values.
        var sink = Column.Encoding is null ? null : new Action<int, int>((valueCount, valuesRead) =>
        {
            long needed = length;
            for (var i = 0; i < valuesRead; i++)
            {
                needed += values[i].Length;
            }

            if (needed > Array.MaxLength)
            {
                throw new InvalidDataException($"the row group holds more than {Array.MaxLength} bytes in this column (2 GB per column and row group is the limit; write smaller row groups)");
            }

            var bytes = GrowKeeping(ref _bytes, (int)needed, length);
            for (var i = 0; i < valuesRead; i++)
            {
                CopyNative(values[i].Pointer, values[i].Length, bytes.AsSpan(length));
                length += values[i].Length;
                offsets[valueCount + i + 1] = length;
            }
        });
        return ReadChunks(reader, levels, definitions, repetitions, values, accumulate: false, sink);
    }

    private int ReadFixedLength(ColumnReader<FixedLenByteArray> reader, int levels, short[]? definitions, short[]? repetitions)
    {
        var width = Column.TypeLength;
        var values = Grow(ref _fixed, Math.Min(levels, ReadChunk));
        var offsets = Grow(ref _byteOffsets, levels + 1);
        offsets[0] = 0;
        var sink = Column.Encoding is null ? null : new Action<int, int>((valueCount, valuesRead) =>
        {
            var bytes = GrowKeeping(ref _bytes, checked((valueCount + valuesRead) * width), valueCount * width);
            for (var i = 0; i < valuesRead; i++)
            {
                CopyNative(values[i].Pointer, width, bytes.AsSpan((valueCount + i) * width));
                offsets[valueCount + i + 1] = (valueCount + i + 1) * width;
            }
        });
        return ReadChunks(reader, levels, definitions, repetitions, values, accumulate: false, sink);
    }

    private static unsafe void CopyNative(IntPtr pointer, int length, Span<byte> target) =>
        new ReadOnlySpan<byte>((void*)pointer, length).CopyTo(target);

    /// <summary>The leaf batch: packed physical values converted and spread over <paramref name="slots"/> slots by <paramref name="validity"/>.</summary>
    private ColumnBatch Values(int slots, byte[] validity, int nulls, string origin)
    {
        var name = Column.Name;
        var kind = Column.ValueKind;
        switch (Column.Encoding)
        {
            case LeafEncoding.Boolean: return Spread<bool, bool, Same<bool>>(_bools, slots, validity, nulls, kind, default(Same<bool>));
            case LeafEncoding.Int8: return Spread<int, sbyte, Narrow<int, sbyte>>(_ints, slots, validity, nulls, kind, default(Narrow<int, sbyte>));
            case LeafEncoding.UInt8: return Spread<int, byte, Narrow<int, byte>>(_ints, slots, validity, nulls, kind, default(Narrow<int, byte>));
            case LeafEncoding.Int16: return Spread<int, short, Narrow<int, short>>(_ints, slots, validity, nulls, kind, default(Narrow<int, short>));
            case LeafEncoding.UInt16: return Spread<int, ushort, Narrow<int, ushort>>(_ints, slots, validity, nulls, kind, default(Narrow<int, ushort>));
            case LeafEncoding.Int32: return Spread<int, int, Same<int>>(_ints, slots, validity, nulls, kind, default(Same<int>));
            case LeafEncoding.UInt32: return Spread<int, uint, Narrow<int, uint>>(_ints, slots, validity, nulls, kind, default(Narrow<int, uint>));
            case LeafEncoding.Int64: return Spread<long, long, Same<long>>(_longs, slots, validity, nulls, kind, default(Same<long>));
            case LeafEncoding.UInt64: return Spread<long, ulong, Narrow<long, ulong>>(_longs, slots, validity, nulls, kind, default(Narrow<long, ulong>));
            case LeafEncoding.Float: return Spread<float, float, Same<float>>(_floats, slots, validity, nulls, kind, default(Same<float>));
            case LeafEncoding.Double: return Spread<double, double, Same<double>>(_doubles, slots, validity, nulls, kind, default(Same<double>));
            case LeafEncoding.DateDays: return Spread<int, long, UnixTicks<int>>(_ints, slots, validity, nulls, kind, new UnixTicks<int>(TimeSpan.TicksPerDay));
            case LeafEncoding.TimestampMillis: return Spread<long, long, UnixTicks<long>>(_longs, slots, validity, nulls, kind, new UnixTicks<long>(TimeSpan.TicksPerMillisecond));
            case LeafEncoding.TimestampMicros: return Spread<long, long, UnixTicks<long>>(_longs, slots, validity, nulls, kind, new UnixTicks<long>(10));
            case LeafEncoding.TimestampNanos: return Spread<long, long, NanosToTicks>(_longs, slots, validity, nulls, kind, default(NanosToTicks));
            case LeafEncoding.Int96: return Spread<Int96, long, Int96ToTicks>(_int96, slots, validity, nulls, kind, default(Int96ToTicks));
            case LeafEncoding.DecimalInt32:
            {
                var scale = Column.Scale;
                return Spread<int, decimal, ScaledDecimal<int>>(_ints, slots, validity, nulls, kind, new ScaledDecimal<int>(scale, name, origin));
            }

            case LeafEncoding.DecimalInt64:
            {
                var scale = Column.Scale;
                return Spread<long, decimal, ScaledDecimal<long>>(_longs, slots, validity, nulls, kind, new ScaledDecimal<long>(scale, name, origin));
            }

            case LeafEncoding.DecimalBytes:
            {
                var decimals = new decimal[PackedCount(slots, nulls)];
                for (var i = 0; i < decimals.Length; i++)
                {
                    var bytes = _bytes.AsSpan(_byteOffsets[i], _byteOffsets[i + 1] - _byteOffsets[i]);
                    decimals[i] = ToDecimal(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), Column.Scale, name, origin);
                }

                return Spread<decimal, decimal, Same<decimal>>(decimals, slots, validity, nulls, kind, default(Same<decimal>));
            }

            case LeafEncoding.Float16:
            {
                var floats = new float[PackedCount(slots, nulls)];
                for (var i = 0; i < floats.Length; i++)
                {
                    floats[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(_bytes.AsSpan(i * 2, 2));
                }

                return Spread<float, float, Same<float>>(floats, slots, validity, nulls, kind, default(Same<float>));
            }

            case LeafEncoding.Utf8:
                return VariableLength(slots, validity, nulls, binary: false);
            case LeafEncoding.Bytes:
                return VariableLength(slots, validity, nulls, binary: true);
            case LeafEncoding.Uuid:
                return Text(slots, validity, nulls, static bytes => new Guid(bytes, bigEndian: true).ToString("D"));
            case LeafEncoding.Interval:
                return Text(slots, validity, nulls, static bytes => Interval(bytes));
            case LeafEncoding.TimeMillis:
                return TextFrom(_ints, slots, validity, nulls, static x => TimeOfDay(x * TimeSpan.TicksPerMillisecond, "fff"));
            case LeafEncoding.TimeMicros:
                return TextFrom(_longs, slots, validity, nulls, static x => TimeOfDay(x * 10, "ffffff"));
            case LeafEncoding.TimeNanos:
                return TextFrom(_longs, slots, validity, nulls, static x => TimeOfDay(x / 100, "fffffff") + (x % 100).ToString("00", CultureInfo.InvariantCulture));
            default:
                throw new DataSourceException($"Column '{name}' of {origin}: no decoder for {Column.PhysicalType}.");
        }
    }

    private static int PackedCount(int slots, int nulls) => slots - nulls;

    /// <summary>Converts packed values and moves them to their slots (nulls get <c>default</c>).</summary>
    /// <remarks>The converter is a struct so each call site compiles to its own loop with the conversion inlined (no delegate per value).</remarks>
    private PrimitiveBatch<TOut> Spread<TIn, TOut, TConvert>(TIn[] packed, int slots, byte[] validity, int nulls, DataKind kind, TConvert convert)
        where TIn : unmanaged where TOut : unmanaged where TConvert : struct, IConvert<TIn, TOut>
    {
        TOut[] output;
        if (_output is TOut[] reuse && reuse.Length >= slots)
        {
            output = reuse;
        }
        else
        {
            output = new TOut[Math.Max(slots, 1)];
            _output = output;
        }

        if (nulls == 0)
        {
            if (typeof(TConvert) == typeof(Same<TOut>) && packed is TOut[] same)
            {
                // Nothing to convert: hand out the physical buffer itself.
                return new PrimitiveBatch<TOut>(Column.Name, kind, same.AsMemory(0, slots), ReadOnlyMemory<byte>.Empty, 0);
            }

            for (var i = 0; i < slots; i++)
            {
                output[i] = convert.Convert(packed[i]);
            }

            return new PrimitiveBatch<TOut>(Column.Name, kind, output.AsMemory(0, slots), ReadOnlyMemory<byte>.Empty, 0);
        }

        var next = 0;
        for (var i = 0; i < slots; i++)
        {
            output[i] = ((validity[i >> 3] >> (i & 7)) & 1) != 0 ? convert.Convert(packed[next++]) : default;
        }

        return new PrimitiveBatch<TOut>(Column.Name, kind, output.AsMemory(0, slots), validity, nulls);
    }

    /// <summary>Packed byte values spread over their slots: null slots get empty ranges.</summary>
    private ColumnBatch VariableLength(int slots, byte[] validity, int nulls, bool binary)
    {
        var offsets = Grow(ref _outOffsets, slots + 1);
        var next = 0;
        for (var i = 0; i < slots; i++)
        {
            offsets[i] = _byteOffsets[next];
            if (nulls == 0 || ((validity[i >> 3] >> (i & 7)) & 1) != 0)
            {
                next++;
            }
        }

        offsets[slots] = _byteOffsets[next];
        var data = _bytes.AsMemory(0, _byteOffsets[next]);
        var v = nulls == 0 ? ReadOnlyMemory<byte>.Empty : validity;
        return binary
            ? new BinaryBatch(Column.Name, data, offsets.AsMemory(0, slots + 1), v, nulls)
            : new StringBatch(Column.Name, data, offsets.AsMemory(0, slots + 1), v, nulls);
    }

    /// <summary>Packed fixed-length byte values rendered as text (UUID, INTERVAL).</summary>
    private StringBatch Text(int slots, byte[] validity, int nulls, Func<byte[], string> render)
    {
        var texts = new string[slots - nulls];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = render(_bytes.AsSpan(_byteOffsets[i], _byteOffsets[i + 1] - _byteOffsets[i]).ToArray());
        }

        return PackText(texts, slots, validity, nulls);
    }

    private StringBatch TextFrom<T>(T[] packed, int slots, byte[] validity, int nulls, Func<T, string> render)
    {
        var texts = new string[slots - nulls];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = render(packed[i]);
        }

        return PackText(texts, slots, validity, nulls);
    }

    private StringBatch PackText(string[] texts, int slots, byte[] validity, int nulls)
    {
        var total = texts.Sum(t => System.Text.Encoding.UTF8.GetByteCount(t));
        var data = Grow(ref _outBytes, total);
        var offsets = Grow(ref _outOffsets, slots + 1);
        var position = 0;
        var next = 0;
        for (var i = 0; i < slots; i++)
        {
            offsets[i] = position;
            if (nulls == 0 || ((validity[i >> 3] >> (i & 7)) & 1) != 0)
            {
                position += System.Text.Encoding.UTF8.GetBytes(texts[next++], data.AsSpan(position));
            }
        }

        offsets[slots] = position;
        return new StringBatch(Column.Name, data.AsMemory(0, position), offsets.AsMemory(0, slots + 1), nulls == 0 ? ReadOnlyMemory<byte>.Empty : validity, nulls);
    }

    /// <summary>Ticks clamped to the range of <see cref="DateTime"/> (years 1–9999), documented in docs/parquet.md.</summary>
    internal static long Saturate(Int128 ticks) =>
        ticks < DateTime.MinValue.Ticks ? DateTime.MinValue.Ticks : ticks > DateTime.MaxValue.Ticks ? DateTime.MaxValue.Ticks : (long)ticks;

    /// <summary>INT96 (Impala/Spark): nanoseconds of the day in the first 8 bytes, the Julian day in the last 4.</summary>
    internal static long Int96Ticks(Int96 value)
    {
        var nanos = (long)(((ulong)(uint)value.B << 32) | (uint)value.A);
        const long unixEpochJulianDay = 2_440_588;
        var ticks = DateTime.UnixEpoch.Ticks + ((Int128)(value.C - unixEpochJulianDay) * TimeSpan.TicksPerDay) + (nanos / 100);
        return Saturate(ticks);
    }

    internal static decimal ToDecimal(long unscaled, int scale, string column, string origin)
    {
        if (scale is < 0 or > 28)
        {
            return ToDecimal(new BigInteger(unscaled), scale, column, origin);
        }

        var magnitude = unscaled < 0 ? (ulong)(-(unscaled + 1)) + 1 : (ulong)unscaled;
        return new decimal(unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), 0, unscaled < 0, (byte)scale);
    }

    private static decimal ToDecimal(BigInteger unscaled, int scale, string column, string origin)
    {
        // System.Decimal holds 96-bit mantissas with scales up to 28; wider values are a per-value error, never rounded silently.
        var magnitude = BigInteger.Abs(unscaled);
        if (scale is < 0 or > 28 || magnitude.GetBitLength() > 96)
        {
            throw new DataSourceException($"Column '{column}' of {origin}: the DECIMAL value {unscaled} × 10^-{scale} is beyond System.Decimal (96-bit, scale ≤ 28).");
        }

        Span<byte> bytes = stackalloc byte[12];
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        var lo = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var mid = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var hi = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        return new decimal(lo, mid, hi, unscaled.Sign < 0, (byte)scale);
    }

    private static string TimeOfDay(long ticks, string fraction)
    {
        var time = TimeSpan.FromTicks(Math.Clamp(ticks, 0, TimeSpan.TicksPerDay));
        return time.ToString($"hh\\:mm\\:ss\\.{fraction}", CultureInfo.InvariantCulture);
    }

    /// <summary>INTERVAL: three little-endian unsigned 32-bit counts (months, days, milliseconds), as an ISO-8601 duration.</summary>
    private static string Interval(byte[] bytes)
    {
        var months = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var days = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var millis = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        var seconds = (millis / 1000m).ToString(CultureInfo.InvariantCulture);
        return $"P{months}M{days}DT{seconds}S";
    }

    /// <summary>Like <see cref="Grow"/>, keeping the first <paramref name="used"/> items when the buffer is replaced.</summary>
    private static T[] GrowKeeping<T>(ref T[] buffer, int length, int used)
    {
        if (buffer.Length < length)
        {
            var doubled = (int)Math.Min(Array.MaxLength, buffer.Length * 2L);
            var larger = new T[Math.Max(length, doubled)];
            buffer.AsSpan(0, used).CopyTo(larger);
            buffer = larger;
        }

        return buffer;
    }

    private static T[] Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            var doubled = (int)Math.Min(Array.MaxLength, buffer.Length * 2L);
            buffer = new T[Math.Max(length, doubled)];
        }

        return buffer;
    }
}

/// <summary>One physical value to one logical value; implemented by structs so <c>Spread</c> inlines it.</summary>
internal interface IConvert<in TIn, out TOut>
{
    TOut Convert(TIn value);
}

/// <summary>No conversion: the physical buffer is handed out as it is when there are no nulls.</summary>
internal readonly struct Same<T> : IConvert<T, T>
{
    public T Convert(T value) => value;
}

/// <summary>A narrower or unsigned integer stored in INT32/INT64 (INT_8 … UINT_64): the low bits, reinterpreted.</summary>
internal readonly struct Narrow<TIn, TOut> : IConvert<TIn, TOut>
    where TIn : System.Numerics.IBinaryInteger<TIn> where TOut : System.Numerics.IBinaryInteger<TOut>
{
    public TOut Convert(TIn value) => TOut.CreateTruncating(value);
}

/// <summary>Units since the Unix epoch (days, milliseconds, microseconds) as clamped ticks.</summary>
internal readonly struct UnixTicks<TIn>(long ticksPerUnit) : IConvert<TIn, long> where TIn : System.Numerics.IBinaryInteger<TIn>
{
    public long Convert(TIn value) => ParquetColumnReader.Saturate(DateTime.UnixEpoch.Ticks + (Int128.CreateTruncating(value) * ticksPerUnit));
}

/// <summary>Nanoseconds since the Unix epoch as ticks (truncated to 100 ns).</summary>
internal readonly struct NanosToTicks : IConvert<long, long>
{
    public long Convert(long value) => ParquetColumnReader.Saturate(DateTime.UnixEpoch.Ticks + (Int128)(value / 100));
}

/// <summary>INT96 timestamps as clamped ticks.</summary>
internal readonly struct Int96ToTicks : IConvert<Int96, long>
{
    public long Convert(Int96 value) => ParquetColumnReader.Int96Ticks(value);
}

/// <summary>An unscaled DECIMAL stored in INT32/INT64, with its column's scale.</summary>
internal readonly struct ScaledDecimal<TIn>(int scale, string column, string origin) : IConvert<TIn, decimal> where TIn : System.Numerics.IBinaryInteger<TIn>
{
    public decimal Convert(TIn value) => ParquetColumnReader.ToDecimal(long.CreateTruncating(value), scale, column, origin);
}
