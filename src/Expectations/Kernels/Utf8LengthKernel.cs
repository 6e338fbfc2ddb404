using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Expectations.Kernels;

/// <summary>
/// String lengths as Python's <c>len</c> sees them: Unicode code points, which in UTF-8 are the bytes that are
/// not continuation bytes (<c>(b &amp; 0xC0) != 0x80</c>). Works on a whole Arrow string buffer (bytes + offsets)
/// at once, so short strings do not pay a per-row vector setup; the <c>Scalar</c> methods are the references.
/// </summary>
internal static class Utf8LengthKernel
{
    /// <summary>Code points in <paramref name="utf8"/>, 32 bytes at a time.</summary>
    [ScalarReference(nameof(CodePointsScalar))]
    public static int CodePoints(ReadOnlySpan<byte> utf8)
    {
        var count = utf8.Length;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= utf8.Length; i += 32)
            {
                count -= BitOperations.PopCount(ContinuationMask(utf8.Slice(i, 32)));
            }
        }

        for (; i < utf8.Length; i++)
        {
            count -= IsContinuation(utf8[i]) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The reference for <see cref="CodePoints"/>: one byte at a time.</summary>
    public static int CodePointsScalar(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if (!IsContinuation(b))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Number of valid rows whose length in code points lies outside <c>[lo, hi]</c> (inclusive). Row i is
    /// <c>data[offsets[i]..offsets[i+1]]</c>; offsets must not decrease (Arrow's rule).
    /// </summary>
    [ScalarReference(nameof(CountLengthsOutsideScalar))]
    public static int CountLengthsOutside(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> validity, int lo, int hi)
    {
        var rows = offsets.Length - 1;
        if (rows <= 0)
        {
            return 0;
        }

        // Mostly ASCII in practice: one vectorized scan proves it, and then a length is a difference of offsets.
        return Ascii.IsValid(data[offsets[0]..offsets[rows]])
            ? CountByteLengthsOutside(offsets, validity, lo, hi)
            : CountWithContinuationPrefix(data, offsets, validity, lo, hi);
    }

    /// <summary>The reference for <see cref="CountLengthsOutside"/>: each valid row counted byte by byte.</summary>
    public static int CountLengthsOutsideScalar(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> validity, int lo, int hi)
    {
        var count = 0;
        for (var i = 0; i < offsets.Length - 1; i++)
        {
            if (Bitmap.IsValid(validity, i))
            {
                var length = CodePointsScalar(data[offsets[i]..offsets[i + 1]]);
                if (length < lo || length > hi)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>ASCII data: lengths are offset differences, compared 8 rows at a time against one validity byte.</summary>
    private static int CountByteLengthsOutside(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> validity, int lo, int hi)
    {
        var rows = offsets.Length - 1;
        var count = 0;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vlo = Vector256.Create(lo);
            var vhi = Vector256.Create(hi);
            for (; i + 8 <= rows; i += 8)
            {
                var lengths = Vector256.Create(offsets.Slice(i + 1, 8)) - Vector256.Create(offsets.Slice(i, 8));
                var outside = (Vector256.LessThan(lengths, vlo) | Vector256.GreaterThan(lengths, vhi)).ExtractMostSignificantBits();
                if (!validity.IsEmpty)
                {
                    outside &= validity[i >> 3];
                }

                count += BitOperations.PopCount(outside);
            }
        }

        for (; i < rows; i++)
        {
            var length = offsets[i + 1] - offsets[i];
            if (Bitmap.IsValid(validity, i) && (length < lo || length > hi))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Non-ASCII data: a cursor walks the buffer once in 32-byte blocks, keeping the number of continuation bytes
    /// before each row boundary; a row's length is its byte length minus the continuation bytes between its bounds.
    /// </summary>
    private static int CountWithContinuationPrefix(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> validity, int lo, int hi)
    {
        var cursor = new ContinuationCursor(data, offsets[0]);
        var before = cursor.ContinuationsBefore(offsets[0]);
        var count = 0;
        for (var i = 0; i < offsets.Length - 1; i++)
        {
            var start = offsets[i];
            var end = offsets[i + 1];
            if (end < start)
            {
                throw new ArgumentException($"String offsets decrease at row {i} ({start} then {end}).", nameof(offsets));
            }

            var after = cursor.ContinuationsBefore(end);
            var length = end - start - (after - before);
            before = after;
            if (Bitmap.IsValid(validity, i) && (length < lo || length > hi))
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    /// <summary>Bit k set when byte k of the 32 is a continuation byte (as sbyte: -128..-65).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ContinuationMask(ReadOnlySpan<byte> block32) =>
        Vector256.LessThan(Vector256.Create(block32).AsSByte(), Vector256.Create((sbyte)-64)).ExtractMostSignificantBits();

    /// <summary>Counts continuation bytes before increasing positions of a buffer, one 32-byte block mask at a time.</summary>
    private ref struct ContinuationCursor
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _blockStart;
        private int _countBeforeBlock;
        private uint _mask;

        public ContinuationCursor(ReadOnlySpan<byte> data, int start)
        {
            _data = data;
            _blockStart = start;
            _mask = Mask(data, start);
        }

        /// <summary>Continuation bytes in <c>[start, position)</c>; positions must not decrease between calls.</summary>
        public int ContinuationsBefore(int position)
        {
            while (position - _blockStart >= 32)
            {
                _countBeforeBlock += BitOperations.PopCount(_mask);
                _blockStart += 32;
                _mask = Mask(_data, _blockStart);
            }

            var within = position - _blockStart;
            return _countBeforeBlock + BitOperations.PopCount(_mask & (uint)((1UL << within) - 1));
        }

        private static uint Mask(ReadOnlySpan<byte> data, int start)
        {
            if (Vector256.IsHardwareAccelerated && start + 32 <= data.Length)
            {
                return ContinuationMask(data.Slice(start, 32));
            }

            uint mask = 0;
            var end = Math.Min(data.Length, start + 32);
            for (var k = start; k < end; k++)
            {
                mask |= (IsContinuation(data[k]) ? 1u : 0u) << (k - start);
            }

            return mask;
        }
    }
}
