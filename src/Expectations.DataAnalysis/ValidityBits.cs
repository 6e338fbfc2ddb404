using System.Numerics;
using System.Runtime.InteropServices;

namespace Expectations.DataAnalysis;

/// <summary>
/// Helpers for Arrow validity bitmaps (least significant bit first, bit set = value present).
/// </summary>
internal static class ValidityBits
{
    /// <summary>Bytes needed to hold <paramref name="bitCount"/> bits.</summary>
    public static int ByteCount(int bitCount) => (bitCount + 7) >> 3;

    /// <summary>Whether bit <paramref name="index"/> of <paramref name="bitmap"/> is set.</summary>
    public static bool Get(ReadOnlySpan<byte> bitmap, int index) => ((bitmap[index >> 3] >> (index & 7)) & 1) != 0;

    /// <summary>
    /// Copies bits <c>[bitOffset, bitOffset + bitCount)</c> of <paramref name="source"/> to the start of
    /// <paramref name="destination"/> (bit <c>bitOffset</c> becomes bit 0). The unused high bits of the last
    /// destination byte are cleared.
    /// </summary>
    /// <param name="source">The bitmap to read.</param>
    /// <param name="bitOffset">First bit to copy.</param>
    /// <param name="bitCount">Number of bits to copy.</param>
    /// <param name="destination">At least <c>(bitCount + 7) / 8</c> bytes.</param>
    public static void CopyRebased(ReadOnlySpan<byte> source, int bitOffset, int bitCount, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(bitCount);
        var byteCount = ByteCount(bitCount);
        if (bitCount == 0)
        {
            return;
        }

        if ((long)bitOffset + bitCount > (long)source.Length * 8)
        {
            throw new ArgumentException($"The bitmap holds {source.Length * 8L} bits; bits {bitOffset}..{(long)bitOffset + bitCount} were asked for.", nameof(source));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, byteCount, nameof(destination));

        var first = bitOffset >> 3;
        var shift = bitOffset & 7;
        if (shift == 0)
        {
            source.Slice(first, byteCount).CopyTo(destination);
        }
        else
        {
            // Destination byte j takes the high (8 - shift) bits of source byte first + j and the low shift
            // bits of the byte after it, when that byte exists.
            var last = source.Length - 1;
            for (var j = 0; j < byteCount; j++)
            {
                var at = first + j;
                var low = source[at] >> shift;
                var high = at < last ? source[at + 1] << (8 - shift) : 0;
                destination[j] = (byte)(low | high);
            }
        }

        var tail = bitCount & 7;
        if (tail != 0)
        {
            destination[byteCount - 1] &= (byte)((1 << tail) - 1);
        }
    }

    /// <summary>Counts the set bits among bits <c>[bitOffset, bitOffset + bitCount)</c> of <paramref name="bitmap"/>.</summary>
    public static int CountSet(ReadOnlySpan<byte> bitmap, int bitOffset, int bitCount)
    {
        var i = bitOffset;
        var end = bitOffset + bitCount;
        var count = 0;
        while (i < end && (i & 7) != 0)
        {
            count += (bitmap[i >> 3] >> (i & 7)) & 1;
            i++;
        }

        var wholeBytes = (end - i) >> 3;
        if (wholeBytes > 0)
        {
            var bytes = bitmap.Slice(i >> 3, wholeBytes);
            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            foreach (var word in words)
            {
                count += BitOperations.PopCount(word);
            }

            foreach (var b in bytes[(words.Length * sizeof(ulong))..])
            {
                count += BitOperations.PopCount(b);
            }

            i += wholeBytes * 8;
        }

        while (i < end)
        {
            count += (bitmap[i >> 3] >> (i & 7)) & 1;
            i++;
        }

        return count;
    }
}
