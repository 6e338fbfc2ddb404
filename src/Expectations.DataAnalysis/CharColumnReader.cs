using System.Text;
using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>
/// Reads a <see cref="PrimitiveDataFrameColumn{T}"/> of <see cref="char"/> as one-character strings: a char column
/// holds letters and codes ('A', 'M'), which the string expectations (sets, patterns, lengths) fit, while numeric
/// ranges over UTF-16 code units mean little. Each window is encoded to UTF-8 into reused buffers; an unpaired
/// surrogate becomes U+FFFD. Null rows are empty strings, as in Arrow.
/// </summary>
internal sealed class CharColumnReader : WindowedColumnReader<char>
{
    private byte[] _data = [];
    private int[] _offsets = [];

    public CharColumnReader(PrimitiveDataFrameColumn<char> column, int windowRows, string description)
        : base(column, windowRows, description)
    {
    }

    public override ColumnBatch Empty() => StringColumnReader.EmptyStrings(Name);

    protected override void Load(ReadOnlySpan<char> window, ReadOnlyMemory<byte> chunkBitmap, int windowStart)
    {
        if (_offsets.Length <= window.Length)
        {
            _offsets = new int[window.Length + 1];
            _data = new byte[window.Length * 3];
        }

        var bitmap = chunkBitmap.Span;
        var used = 0;
        for (var i = 0; i < window.Length; i++)
        {
            var c = window[i];
            if (!bitmap.IsEmpty && !ValidityBits.Get(bitmap, windowStart + i))
            {
                // null: no bytes
            }
            else if (c < 0x80)
            {
                _data[used++] = (byte)c;
            }
            else
            {
                used += Encoding.UTF8.GetBytes(new ReadOnlySpan<char>(in c), _data.AsSpan(used));
            }

            _offsets[i + 1] = used;
        }
    }

    protected override ColumnBatch Slice(int start, int length, ReadOnlyMemory<byte> validity, int nullCount) =>
        new StringBatch(Name, _data, _offsets.AsMemory(start, length + 1), validity, nullCount);
}
