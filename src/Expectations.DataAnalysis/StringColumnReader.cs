using System.Text;
using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>
/// Reads a <see cref="StringDataFrameColumn"/> (lists of .NET strings) by encoding windows of rows to UTF-8 in
/// Arrow layout, into buffers the reader reuses. Unpaired surrogates become U+FFFD, as <see cref="Encoding.UTF8"/>
/// encodes them.
/// </summary>
internal sealed class StringColumnReader : ColumnReader
{
    private readonly IEnumerator<string> _values;
    private readonly int _windowRows;
    private readonly int[] _offsets;
    private readonly byte[] _validity;
    private byte[] _data = [];
    private long _remaining;
    private string? _pending;
    private bool _hasPending;
    private int _nulls;

    public StringColumnReader(StringDataFrameColumn column, int windowRows, string description)
        : base(column.Name, description)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowRows);
        _windowRows = windowRows;
        _remaining = column.Length;
        _values = column.GetEnumerator();
        _offsets = new int[(int)Math.Min(windowRows, column.Length) + 1];
        _validity = new byte[ValidityBits.ByteCount(_offsets.Length - 1)];
    }

    public override bool MoveNext()
    {
        Array.Clear(_validity);
        _nulls = 0;
        var rows = 0;
        var used = 0;
        while (rows < _windowRows && _remaining > 0)
        {
            var value = NextValue();
            if (value is null)
            {
                _nulls++;
            }
            else if (!TryAppend(value, ref used))
            {
                if (rows == 0)
                {
                    throw new DataSourceException($"{Description}, column '{Name}': a value of {value.Length} characters does not fit in one UTF-8 buffer.");
                }

                _pending = value;
                _hasPending = true;
                break;
            }
            else
            {
                _validity[rows >> 3] |= (byte)(1 << (rows & 7));
            }

            _remaining--;
            rows++;
            _offsets[rows] = used;
        }

        SegmentLength = rows;
        return rows > 0;
    }

    public override ColumnBatch Slice(int start, int length)
    {
        var (validity, nulls) = _nulls == 0 ? (ReadOnlyMemory<byte>.Empty, 0) : SliceValidity(_validity, start, length);
        return new StringBatch(Name, _data.AsMemory(0, _offsets[SegmentLength]), _offsets.AsMemory(start, length + 1), validity, nulls);
    }

    public override ColumnBatch Empty() => EmptyStrings(Name);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _values.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A string batch of no rows.</summary>
    internal static StringBatch EmptyStrings(string name) => new(name, ReadOnlyMemory<byte>.Empty, new int[1], ReadOnlyMemory<byte>.Empty, 0);

    private string? NextValue()
    {
        if (_hasPending)
        {
            _hasPending = false;
            return _pending;
        }

        if (!_values.MoveNext())
        {
            throw new DataSourceException($"{Description}, column '{Name}': the column yielded fewer values than its length; was it changed while being read?");
        }

        return _values.Current;
    }

    /// <summary>Encodes <paramref name="value"/> at <paramref name="used"/>; false when the buffer cannot grow enough.</summary>
    private bool TryAppend(string value, ref int used)
    {
        // Up to 3 UTF-8 bytes per UTF-16 code unit: reserve that, unless it would pass the largest array.
        var needed = used + (value.Length * 3L);
        if (needed > Array.MaxLength)
        {
            needed = used + (long)Encoding.UTF8.GetByteCount(value);
            if (needed > Array.MaxLength)
            {
                return false;
            }
        }

        if (needed > _data.Length)
        {
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(needed, _data.Length * 2L)));
        }

        used += Encoding.UTF8.GetBytes(value, _data.AsSpan(used));
        return true;
    }
}
