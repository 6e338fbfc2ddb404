using System.Text;

namespace Expectations.Data.Csv;

/// <summary>
/// Reusable per-column storage for one chunk of CSV rows: values plus a validity bitmap, turned into a
/// <see cref="ColumnBatch"/> view at the end of the chunk and reset for the next one.
/// </summary>
internal abstract class CsvColumnBuffer
{
    private readonly byte[] _validity;

    protected CsvColumnBuffer(CsvColumn column, int capacity)
    {
        Column = column;
        Capacity = capacity;
        _validity = new byte[(capacity + 7) / 8];
    }

    public CsvColumn Column { get; }

    protected int Capacity { get; }

    protected int Count { get; private set; }

    protected int NullCount { get; private set; }

    protected ReadOnlyMemory<byte> Validity => _validity.AsMemory(0, (Count + 7) / 8);

    public static CsvColumnBuffer Create(CsvColumn column, int capacity) => column.Kind switch
    {
        DataKind.Integer => new IntegerBuffer(column, capacity),
        DataKind.Float => new FloatBuffer(column, capacity),
        DataKind.Decimal => new DecimalBuffer(column, capacity),
        DataKind.Boolean => new BooleanBuffer(column, capacity),
        DataKind.Timestamp => new TimestampBuffer(column, capacity),
        DataKind.String => new StringBuffer(column, capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "Unknown data kind."),
    };

    public void Reset()
    {
        _validity.AsSpan(0, (Count + 7) / 8).Clear();
        Count = 0;
        NullCount = 0;
        OnReset();
    }

    public void AppendNull()
    {
        StoreNull(Count);
        Count++;
        NullCount++;
    }

    /// <summary>Parses and appends <paramref name="text"/>; false (nothing appended) when it is not a value of the column's kind.</summary>
    public bool TryAppend(ReadOnlySpan<char> text)
    {
        if (!TryStore(Count, text))
        {
            return false;
        }

        _validity[Count >> 3] |= (byte)(1 << (Count & 7));
        Count++;
        return true;
    }

    public abstract ColumnBatch ToBatch();

    protected virtual void OnReset()
    {
    }

    protected abstract bool TryStore(int index, ReadOnlySpan<char> text);

    protected abstract void StoreNull(int index);
}

internal abstract class PrimitiveBuffer<T> : CsvColumnBuffer where T : unmanaged
{
    private readonly T[] _values;

    protected PrimitiveBuffer(CsvColumn column, int capacity) : base(column, capacity) => _values = new T[capacity];

    public sealed override ColumnBatch ToBatch() =>
        new PrimitiveBatch<T>(Column.Name, Column.Kind, _values.AsMemory(0, Count), Validity, NullCount);

    protected sealed override bool TryStore(int index, ReadOnlySpan<char> text) => TryParse(text, out _values[index]);

    protected sealed override void StoreNull(int index) => _values[index] = default;

    protected abstract bool TryParse(ReadOnlySpan<char> text, out T value);
}

internal sealed class IntegerBuffer(CsvColumn column, int capacity) : PrimitiveBuffer<long>(column, capacity)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out long value) => CsvValueParser.TryParseInteger(text, out value);
}

internal sealed class FloatBuffer(CsvColumn column, int capacity) : PrimitiveBuffer<double>(column, capacity)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out double value) => CsvValueParser.TryParseFloat(text, out value);
}

internal sealed class DecimalBuffer(CsvColumn column, int capacity) : PrimitiveBuffer<decimal>(column, capacity)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out decimal value) => CsvValueParser.TryParseDecimal(text, out value);
}

internal sealed class BooleanBuffer(CsvColumn column, int capacity) : PrimitiveBuffer<bool>(column, capacity)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out bool value) => CsvValueParser.TryParseBoolean(text, out value);
}

internal sealed class TimestampBuffer(CsvColumn column, int capacity) : PrimitiveBuffer<long>(column, capacity)
{
    protected override bool TryParse(ReadOnlySpan<char> text, out long value) => CsvValueParser.TryParseTimestamp(text, out value);
}

/// <summary>Strings transcoded straight from Sep's char spans into one growing UTF-8 buffer: no string per row.</summary>
internal sealed class StringBuffer : CsvColumnBuffer
{
    private readonly int[] _offsets;
    private byte[] _data;
    private int _dataLength;

    public StringBuffer(CsvColumn column, int capacity) : base(column, capacity)
    {
        _offsets = new int[capacity + 1];
        _data = new byte[Math.Min(capacity, 4096) * 16];
    }

    public override ColumnBatch ToBatch() =>
        new StringBatch(Column.Name, _data.AsMemory(0, _dataLength), _offsets.AsMemory(0, Count + 1), Validity, NullCount);

    protected override void OnReset() => _dataLength = 0;

    protected override bool TryStore(int index, ReadOnlySpan<char> text)
    {
        // UTF-16 → UTF-8 never needs more than 3 bytes per char (a surrogate pair: 4 bytes for 2 chars).
        var needed = (long)_dataLength + (text.Length * 3L);
        if (needed > _data.Length)
        {
            Grow(needed, index);
        }

        _dataLength += Encoding.UTF8.GetBytes(text, _data.AsSpan(_dataLength));
        _offsets[index + 1] = _dataLength;
        return true;
    }

    protected override void StoreNull(int index) => _offsets[index + 1] = _dataLength;

    private void Grow(long needed, int index)
    {
        if (needed > Array.MaxLength)
        {
            throw new DataSourceException(
                $"Column '{Column.Name}': the text of {index + 1} rows exceeds 2 GB in one chunk; lower CsvOptions.ChunkRows.");
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_data.Length * 2));
        Array.Resize(ref _data, size);
    }
}
