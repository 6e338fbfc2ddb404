using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Expectations.Kernels;

/// <summary>Arrow validity bitmaps: bit i (LSB first) set when row i holds a value.</summary>
internal static class Bitmap
{
    /// <summary>Whether row <paramref name="index"/> is valid; an empty bitmap means all rows are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsValid(ReadOnlySpan<byte> validity, int index) => validity.IsEmpty || ((validity[index >> 3] >> (index & 7)) & 1) != 0;

    /// <summary>The 32 validity bits of rows <c>[block*32, block*32+32)</c>; the bitmap must cover them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Word32(ReadOnlySpan<byte> validity, int block) => Unsafe.ReadUnaligned<uint>(ref Unsafe.AsRef(in validity[block * 4]));

    /// <summary>Number of valid rows among the first <paramref name="length"/>: popcount over 64 rows at a time.</summary>
    [ScalarReference(nameof(CountValidScalar))]
    public static int CountValid(ReadOnlySpan<byte> validity, int length)
    {
        if (validity.IsEmpty)
        {
            return length;
        }

        var count = 0;
        var words = length >> 6;
        for (var w = 0; w < words; w++)
        {
            count += BitOperations.PopCount(BinaryPrimitives.ReadUInt64LittleEndian(validity.Slice(w * 8, 8)));
        }

        for (var i = words << 6; i < length; i++)
        {
            count += (validity[i >> 3] >> (i & 7)) & 1;
        }

        return count;
    }

    /// <summary>The reference for <see cref="CountValid"/>: one bit at a time.</summary>
    public static int CountValidScalar(ReadOnlySpan<byte> validity, int length)
    {
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            count += IsValid(validity, i) ? 1 : 0;
        }

        return count;
    }
}
