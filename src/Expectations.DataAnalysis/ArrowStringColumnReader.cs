using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>
/// Reads an <see cref="ArrowStringDataFrameColumn"/> without copying: each segment is one of its buffers (UTF-8
/// bytes, <c>rows + 1</c> offsets, validity), and each batch is a view over them. Offsets index the whole data
/// buffer, so a column over a sliced Arrow array (first offset not 0) reads correctly. The offsets are checked
/// once per segment (non-decreasing, inside the data) so that a malformed column fails with a clear message
/// instead of an index error inside a check.
/// </summary>
internal sealed class ArrowStringColumnReader : ColumnReader
{
    private readonly List<ReadOnlyMemory<byte>> _dataBuffers;
    private readonly List<ReadOnlyMemory<int>> _offsetBuffers;
    private readonly List<ReadOnlyMemory<byte>> _bitmaps;
    private readonly bool _hasNulls;
    private long _remaining;
    private int _index = -1;
    private ReadOnlyMemory<byte> _data;
    private ReadOnlyMemory<int> _offsets;
    private ReadOnlyMemory<byte> _bitmap;

    public ArrowStringColumnReader(ArrowStringDataFrameColumn column, string description)
        : base(column.Name, description)
    {
        _dataBuffers = [.. column.GetReadOnlyDataBuffers()];
        _offsetBuffers = [.. column.GetReadOnlyOffsetsBuffers()];
        _bitmaps = [.. column.GetReadOnlyNullBitMapBuffers()];
        _hasNulls = column.NullCount > 0;
        _remaining = column.Length;
    }

    public override bool MoveNext()
    {
        if (++_index >= _offsetBuffers.Count || _remaining == 0)
        {
            return false;
        }

        var offsets = _offsetBuffers[_index];
        var length = (int)Math.Min(Math.Max(0, offsets.Length - 1), _remaining);
        _remaining -= length;
        _offsets = offsets.IsEmpty ? new int[1] : offsets[..(length + 1)];
        _data = _index < _dataBuffers.Count ? _dataBuffers[_index] : ReadOnlyMemory<byte>.Empty;
        _bitmap = ClampBitmap(_index < _bitmaps.Count ? _bitmaps[_index] : ReadOnlyMemory<byte>.Empty, length, _hasNulls);
        CheckOffsets(_offsets.Span, _data.Length);
        SegmentLength = length;
        return true;
    }

    public override ColumnBatch Slice(int start, int length)
    {
        var (validity, nulls) = SliceValidity(_bitmap, start, length);
        return new StringBatch(Name, _data, _offsets.Slice(start, length + 1), validity, nulls);
    }

    public override ColumnBatch Empty() => StringColumnReader.EmptyStrings(Name);

    private void CheckOffsets(ReadOnlySpan<int> offsets, int dataLength)
    {
        if (offsets.IsEmpty)
        {
            return;
        }

        var previous = offsets[0];
        if (previous < 0)
        {
            throw new DataSourceException($"{Description}, column '{Name}': the first string offset is negative ({previous}).");
        }

        for (var i = 1; i < offsets.Length; i++)
        {
            var next = offsets[i];
            if (next < previous)
            {
                throw new DataSourceException($"{Description}, column '{Name}': string offsets decrease at row {i - 1} ({previous} to {next}).");
            }

            previous = next;
        }

        if (previous > dataLength)
        {
            throw new DataSourceException($"{Description}, column '{Name}': string offsets reach byte {previous}, past the {dataLength} bytes of data.");
        }
    }
}
