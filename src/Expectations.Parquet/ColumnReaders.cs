using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Parquet;

/// <summary>
/// Decodes one column of successive row groups into buffers it owns and reuses (growing them when a row group
/// is larger), so a batch it returns is valid only until its next read.
/// </summary>
internal abstract class ColumnReader
{
    protected ColumnReader(ParquetColumn column) => Column = column;

    /// <summary>The column this reader decodes.</summary>
    public ParquetColumn Column { get; }

    /// <summary>Reads <paramref name="field"/> (this column in the current file) from one row group of <paramref name="rowCount"/> rows.</summary>
    public abstract ValueTask<ColumnBatch> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, int rowCount, CancellationToken cancellationToken);

    /// <summary>A reader for <paramref name="column"/>, chosen by the .NET type Parquet.Net decodes it to.</summary>
    public static ColumnReader Create(ParquetColumn column)
    {
        var t = column.ReadType;
        return t == typeof(bool) ? new PrimitiveColumnReader<bool>(column)
            : t == typeof(sbyte) ? new PrimitiveColumnReader<sbyte>(column)
            : t == typeof(byte) ? new PrimitiveColumnReader<byte>(column)
            : t == typeof(short) ? new PrimitiveColumnReader<short>(column)
            : t == typeof(ushort) ? new PrimitiveColumnReader<ushort>(column)
            : t == typeof(int) ? new PrimitiveColumnReader<int>(column)
            : t == typeof(uint) ? new PrimitiveColumnReader<uint>(column)
            : t == typeof(long) ? new PrimitiveColumnReader<long>(column)
            : t == typeof(ulong) ? new PrimitiveColumnReader<ulong>(column)
            : t == typeof(float) ? new PrimitiveColumnReader<float>(column)
            : t == typeof(double) ? new PrimitiveColumnReader<double>(column)
            : t == typeof(decimal) ? new PrimitiveColumnReader<decimal>(column)
            : t == typeof(DateTime) ? new TimestampColumnReader(column)
            : t == typeof(ReadOnlyMemory<byte>) ? new StringColumnReader(column)
            : throw new InvalidOperationException($"Column '{column.Name}': no reader for {t}.");
    }

    /// <summary>Returns <paramref name="buffer"/>, replaced by a larger array first when it holds fewer than <paramref name="length"/> items.</summary>
    protected static T[] Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            var doubled = (int)Math.Min(Array.MaxLength, buffer.Length * 2L);
            buffer = new T[Math.Max(length, doubled)];
        }

        return buffer;
    }

    /// <summary>
    /// Sets bit i of <paramref name="validity"/> (LSB first) where definition level i equals <paramref name="maxDefinitionLevel"/>;
    /// returns the number of nulls.
    /// </summary>
    protected static int BuildValidity(ReadOnlySpan<int> definitionLevels, int maxDefinitionLevel, Span<byte> validity)
    {
        validity.Clear();
        var nulls = 0;
        for (var i = 0; i < definitionLevels.Length; i++)
        {
            if (definitionLevels[i] == maxDefinitionLevel)
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }
        }

        return nulls;
    }

    /// <summary>Whether row <paramref name="index"/> is set in <paramref name="validity"/>.</summary>
    protected static bool IsSet(ReadOnlySpan<byte> validity, int index) => ((validity[index >> 3] >> (index & 7)) & 1) != 0;
}

/// <summary>Fixed-width values decoded natively into a <see cref="PrimitiveBatch{T}"/> (no widening).</summary>
internal sealed class PrimitiveColumnReader<T> : ColumnReader where T : unmanaged
{
    private T[] _values = [];
    private int[] _levels = [];
    private byte[] _validity = [];

    public PrimitiveColumnReader(ParquetColumn column) : base(column) { }

    public override async ValueTask<ColumnBatch> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, int rowCount, CancellationToken cancellationToken)
    {
        var values = Grow(ref _values, rowCount);
        if (field.MaxDefinitionLevel == 0)
        {
            await rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, rowCount), null, null, cancellationToken).ConfigureAwait(false);
            return new PrimitiveBatch<T>(Column.Name, Column.Kind, values.AsMemory(0, rowCount), ReadOnlyMemory<byte>.Empty, 0);
        }

        var levels = Grow(ref _levels, rowCount);
        var validity = Grow(ref _validity, (rowCount + 7) / 8);
        // Non-null values arrive packed at the front of the buffer; spread them out to their rows in place.
        await rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, rowCount), levels.AsMemory(0, rowCount), null, cancellationToken).ConfigureAwait(false);
        var nulls = Scatter(values.AsSpan(0, rowCount), levels.AsSpan(0, rowCount), field.MaxDefinitionLevel, validity.AsSpan(0, (rowCount + 7) / 8));
        return new PrimitiveBatch<T>(Column.Name, Column.Kind, values.AsMemory(0, rowCount), validity, nulls);
    }

    /// <summary>Builds the validity bitmap and moves the packed values to their rows, back to front so nothing is overwritten early; null slots get <c>default</c>.</summary>
    private static int Scatter(Span<T> values, ReadOnlySpan<int> levels, int maxDefinitionLevel, Span<byte> validity)
    {
        var nulls = BuildValidity(levels, maxDefinitionLevel, validity);
        if (nulls == 0)
        {
            return 0;
        }

        var next = values.Length - nulls;
        for (var i = values.Length - 1; i >= 0; i--)
        {
            values[i] = IsSet(validity, i) ? values[--next] : default;
        }

        return nulls;
    }
}

/// <summary>Timestamps, INT96 and dates decoded by Parquet.Net to <see cref="DateTime"/> and kept as ticks (the kind is dropped).</summary>
internal sealed class TimestampColumnReader : ColumnReader
{
    private DateTime[] _decoded = [];
    private long[] _ticks = [];
    private int[] _levels = [];
    private byte[] _validity = [];

    public TimestampColumnReader(ParquetColumn column) : base(column) { }

    public override async ValueTask<ColumnBatch> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, int rowCount, CancellationToken cancellationToken)
    {
        var decoded = Grow(ref _decoded, rowCount);
        var ticks = Grow(ref _ticks, rowCount);
        if (field.MaxDefinitionLevel == 0)
        {
            await rowGroup.ReadRawAsync<DateTime>(field, decoded.AsMemory(0, rowCount), null, null, cancellationToken).ConfigureAwait(false);
            ToTicks(decoded.AsSpan(0, rowCount), ticks.AsSpan(0, rowCount));
            return new PrimitiveBatch<long>(Column.Name, DataKind.Timestamp, ticks.AsMemory(0, rowCount), ReadOnlyMemory<byte>.Empty, 0);
        }

        var levels = Grow(ref _levels, rowCount);
        var validity = Grow(ref _validity, (rowCount + 7) / 8);
        await rowGroup.ReadRawAsync<DateTime>(field, decoded.AsMemory(0, rowCount), levels.AsMemory(0, rowCount), null, cancellationToken).ConfigureAwait(false);
        var nulls = Scatter(decoded.AsSpan(0, rowCount), ticks.AsSpan(0, rowCount), levels.AsSpan(0, rowCount), field.MaxDefinitionLevel, validity.AsSpan(0, (rowCount + 7) / 8));
        return new PrimitiveBatch<long>(Column.Name, DataKind.Timestamp, ticks.AsMemory(0, rowCount), validity, nulls);
    }

    private static void ToTicks(ReadOnlySpan<DateTime> decoded, Span<long> ticks)
    {
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = decoded[i].Ticks;
        }
    }

    private static int Scatter(ReadOnlySpan<DateTime> packed, Span<long> ticks, ReadOnlySpan<int> levels, int maxDefinitionLevel, Span<byte> validity)
    {
        var nulls = BuildValidity(levels, maxDefinitionLevel, validity);
        var next = 0;
        for (var i = 0; i < ticks.Length; i++)
        {
            ticks[i] = IsSet(validity, i) ? packed[next++].Ticks : 0;
        }

        return nulls;
    }
}

/// <summary>
/// Byte-array columns read as raw UTF-8 slices (no .NET string per row) and packed into one reusable byte
/// buffer plus Arrow offsets.
/// </summary>
internal sealed class StringColumnReader : ColumnReader
{
    private ReadOnlyMemory<byte>[] _slices = [];
    private byte[] _data = [];
    private int[] _offsets = [];
    private int[] _levels = [];
    private byte[] _validity = [];

    public StringColumnReader(ParquetColumn column) : base(column) { }

    public override async ValueTask<ColumnBatch> ReadAsync(ParquetRowGroupReader rowGroup, DataField field, int rowCount, CancellationToken cancellationToken)
    {
        // Parquet.Net types string fields as ReadOnlyMemory<char>; a byte[] field of the same name and
        // nullability, attached to a throwaway schema, reads the same column chunk as undecoded UTF-8.
        var bytesField = new DataField<byte[]>(field.Name, field.IsNullable);
        _ = new ParquetSchema(bytesField);

        var slices = Grow(ref _slices, rowCount);
        var offsets = Grow(ref _offsets, rowCount + 1);
        var nullable = bytesField.MaxDefinitionLevel > 0;
        if (nullable)
        {
            Grow(ref _levels, rowCount);
            Grow(ref _validity, (rowCount + 7) / 8);
        }

        await rowGroup.ReadRawAsync<ReadOnlyMemory<byte>>(
            field: bytesField,
            values: slices.AsMemory(0, rowCount),
            definitionLevels: nullable ? _levels.AsMemory(0, rowCount) : (Memory<int>?)null,
            repetitionLevels: null,
            cancellationToken: cancellationToken).ConfigureAwait(false);

        var nulls = nullable ? BuildValidity(_levels.AsSpan(0, rowCount), bytesField.MaxDefinitionLevel, _validity.AsSpan(0, (rowCount + 7) / 8)) : 0;
        var present = rowCount - nulls;
        long total = 0;
        foreach (var slice in slices.AsSpan(0, present))
        {
            total += slice.Length;
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"row group holds {total} bytes of text in column '{Column.Name}', more than one buffer can hold");
        }

        var data = Grow(ref _data, (int)total);
        Pack(slices.AsSpan(0, present), data, offsets.AsSpan(0, rowCount + 1), nulls == 0 ? default : _validity.AsSpan(0, (rowCount + 7) / 8));
        // Let go of Parquet.Net's page buffers now that the bytes are copied.
        Array.Clear(slices, 0, present);
        return new StringBatch(Column.Name, data.AsMemory(0, (int)total), offsets.AsMemory(0, rowCount + 1), nulls == 0 ? ReadOnlyMemory<byte>.Empty : _validity, nulls);
    }

    /// <summary>Copies the packed non-null <paramref name="slices"/> into <paramref name="data"/> row by row; null rows get empty ranges.</summary>
    private static void Pack(ReadOnlySpan<ReadOnlyMemory<byte>> slices, Span<byte> data, Span<int> offsets, ReadOnlySpan<byte> validity)
    {
        var rows = offsets.Length - 1;
        var position = 0;
        var next = 0;
        for (var i = 0; i < rows; i++)
        {
            offsets[i] = position;
            if (validity.IsEmpty || IsSet(validity, i))
            {
                var bytes = slices[next++].Span;
                bytes.CopyTo(data[position..]);
                position += bytes.Length;
            }
        }

        offsets[rows] = position;
    }
}
