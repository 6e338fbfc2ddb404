namespace Expectations.DataAnalysis;

/// <summary>
/// Walks one DataFrame column segment by segment (a DataFrame buffer, or a window of converted rows) and
/// cuts batches out of the current segment. A batch stays valid until the reader moves to the next segment
/// or cuts the next batch.
/// </summary>
internal abstract class ColumnReader : IDisposable
{
    private byte[] _rebased = [];

    protected ColumnReader(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>The source's description, for messages.</summary>
    protected string Description { get; }

    /// <summary>Rows in the current segment; meaningful after <see cref="MoveNext"/> returned true.</summary>
    public int SegmentLength { get; protected set; }

    /// <summary>Moves to the next segment (possibly of length 0); false when the column has no more.</summary>
    public abstract bool MoveNext();

    /// <summary>A batch over rows <c>[start, start + length)</c> of the current segment.</summary>
    public abstract ColumnBatch Slice(int start, int length);

    /// <summary>A batch of no rows, of the column's kind.</summary>
    public abstract ColumnBatch Empty();

    /// <summary>Releases what the reader holds (an enumerator over the column, for lists of strings).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived reader holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// The validity of <paramref name="length"/> rows starting at bit <paramref name="bitOffset"/> of
    /// <paramref name="bitmap"/>, with its null count. Zero-copy when the offset is a multiple of 8; otherwise the
    /// bits are copied, shifted, into a buffer this reader reuses. An empty <paramref name="bitmap"/> means all valid.
    /// </summary>
    protected (ReadOnlyMemory<byte> Validity, int NullCount) SliceValidity(ReadOnlyMemory<byte> bitmap, int bitOffset, int length)
    {
        if (length == 0 || bitmap.IsEmpty)
        {
            return (ReadOnlyMemory<byte>.Empty, 0);
        }

        if ((long)bitOffset + length > (long)bitmap.Length * 8)
        {
            throw new DataSourceException($"{Description}, column '{Name}': the validity bitmap holds {bitmap.Length * 8L} bits, but rows up to {(long)bitOffset + length} were read.");
        }

        var nulls = length - ValidityBits.CountSet(bitmap.Span, bitOffset, length);
        if (nulls == 0)
        {
            return (ReadOnlyMemory<byte>.Empty, 0);
        }

        var byteCount = ValidityBits.ByteCount(length);
        if ((bitOffset & 7) == 0)
        {
            return (bitmap.Slice(bitOffset >> 3, byteCount), nulls);
        }

        if (_rebased.Length < byteCount)
        {
            _rebased = new byte[Math.Max(byteCount, _rebased.Length * 2)];
        }

        ValidityBits.CopyRebased(bitmap.Span, bitOffset, length, _rebased);
        return (_rebased.AsMemory(0, byteCount), nulls);
    }

    /// <summary>
    /// Clamps a raw-capacity bitmap to the bytes a segment of <paramref name="length"/> rows needs; empty (all valid)
    /// when the column has no nulls.
    /// </summary>
    protected ReadOnlyMemory<byte> ClampBitmap(ReadOnlyMemory<byte> bitmap, int length, bool hasNulls)
    {
        if (!hasNulls)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var needed = ValidityBits.ByteCount(length);
        if (bitmap.Length < needed)
        {
            throw new DataSourceException($"{Description}, column '{Name}': a segment of {length} rows has a validity bitmap of {bitmap.Length} bytes; {needed} are needed.");
        }

        return bitmap[..needed];
    }
}
