using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>
/// Reads a <see cref="PrimitiveDataFrameColumn{T}"/> without copying: each segment is one of the column's buffers,
/// and each batch is a view over that buffer and its validity bitmap.
/// </summary>
internal sealed class PrimitiveColumnReader<T> : ColumnReader where T : unmanaged
{
    private readonly DataKind _kind;
    private readonly List<ReadOnlyMemory<T>> _buffers;
    private readonly List<ReadOnlyMemory<byte>> _bitmaps;
    private readonly bool _hasNulls;
    private long _remaining;
    private int _index = -1;
    private ReadOnlyMemory<T> _values;
    private ReadOnlyMemory<byte> _bitmap;

    public PrimitiveColumnReader(PrimitiveDataFrameColumn<T> column, DataKind kind, string description)
        : base(column.Name, description)
    {
        _kind = kind;
        _buffers = [.. column.GetReadOnlyDataBuffers()];
        _bitmaps = [.. column.GetReadOnlyNullBitMapBuffers()];
        _hasNulls = column.NullCount > 0;
        _remaining = column.Length;
    }

    public override bool MoveNext()
    {
        if (++_index >= _buffers.Count || _remaining == 0)
        {
            return false;
        }

        var length = (int)Math.Min(_buffers[_index].Length, _remaining);
        _remaining -= length;
        _values = _buffers[_index][..length];
        _bitmap = ClampBitmap(_index < _bitmaps.Count ? _bitmaps[_index] : ReadOnlyMemory<byte>.Empty, length, _hasNulls);
        SegmentLength = length;
        return true;
    }

    public override ColumnBatch Slice(int start, int length)
    {
        var (validity, nulls) = SliceValidity(_bitmap, start, length);
        return new PrimitiveBatch<T>(Name, _kind, _values.Slice(start, length), validity, nulls);
    }

    public override ColumnBatch Empty() => new PrimitiveBatch<T>(Name, _kind, ReadOnlyMemory<T>.Empty, ReadOnlyMemory<byte>.Empty, 0);
}
