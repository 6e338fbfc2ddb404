using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>
/// Reads a <see cref="PrimitiveDataFrameColumn{T}"/> whose values must be converted (DateTime to ticks, char to
/// UTF-8) in windows of at most a fixed number of rows, so that the converted copy lives in small buffers the
/// reader reuses. The validity bitmap is still the column's own.
/// </summary>
internal abstract class WindowedColumnReader<T> : ColumnReader where T : unmanaged
{
    private readonly List<ReadOnlyMemory<T>> _buffers;
    private readonly List<ReadOnlyMemory<byte>> _bitmaps;
    private readonly bool _hasNulls;
    private readonly int _windowRows;
    private long _remaining;
    private int _index = -1;
    private ReadOnlyMemory<T> _chunk;
    private ReadOnlyMemory<byte> _chunkBitmap;
    private int _windowStart;

    protected WindowedColumnReader(PrimitiveDataFrameColumn<T> column, int windowRows, string description)
        : base(column.Name, description)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowRows);
        _windowRows = windowRows;
        _buffers = [.. column.GetReadOnlyDataBuffers()];
        _bitmaps = [.. column.GetReadOnlyNullBitMapBuffers()];
        _hasNulls = column.NullCount > 0;
        _remaining = column.Length;
    }

    public sealed override bool MoveNext()
    {
        _windowStart += SegmentLength;
        while (_windowStart >= _chunk.Length)
        {
            if (++_index >= _buffers.Count || _remaining == 0)
            {
                SegmentLength = 0;
                return false;
            }

            var length = (int)Math.Min(_buffers[_index].Length, _remaining);
            _remaining -= length;
            _chunk = _buffers[_index][..length];
            _chunkBitmap = ClampBitmap(_index < _bitmaps.Count ? _bitmaps[_index] : ReadOnlyMemory<byte>.Empty, length, _hasNulls);
            _windowStart = 0;
        }

        SegmentLength = Math.Min(_windowRows, _chunk.Length - _windowStart);
        Load(_chunk.Span.Slice(_windowStart, SegmentLength), _chunkBitmap, _windowStart);
        return true;
    }

    public sealed override ColumnBatch Slice(int start, int length)
    {
        var (validity, nulls) = SliceValidity(_chunkBitmap, _windowStart + start, length);
        return Slice(start, length, validity, nulls);
    }

    /// <summary>Converts the rows of a new window into the reader's buffers.</summary>
    /// <param name="window">The window's values (null slots hold <c>default</c>).</param>
    /// <param name="chunkBitmap">The validity of the whole buffer the window lies in (empty: all valid).</param>
    /// <param name="windowStart">Index of the window's first row in that buffer.</param>
    protected abstract void Load(ReadOnlySpan<T> window, ReadOnlyMemory<byte> chunkBitmap, int windowStart);

    /// <summary>A batch over rows <c>[start, start + length)</c> of the converted window.</summary>
    protected abstract ColumnBatch Slice(int start, int length, ReadOnlyMemory<byte> validity, int nullCount);
}
