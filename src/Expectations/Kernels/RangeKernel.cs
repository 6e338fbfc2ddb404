using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Expectations.Kernels;

/// <summary>
/// Counts valid values outside <c>[lo, hi]</c> (bounds inclusive; callers turn strict bounds into inclusive
/// ones). NaN is outside every range. Vectorized with <see cref="Vector256{T}"/> and the validity bitmap
/// consumed 32 rows at a time; <see cref="CountOutsideScalar"/> is the reference it must agree with.
/// </summary>
internal static class RangeKernel
{
    /// <summary>The vectorized count.</summary>
    /// <remarks>
    /// Compiled fully optimized from the first call (AggressiveOptimization), so the property tests check the
    /// code production runs: the optimizing JIT once turned <c>(~inside).ExtractMostSignificantBits()</c> on
    /// 4-lane vectors into a mask-register NOT that also set the 4 unused bits (AVX-512), counting rows that were
    /// inside; the lanes are now inverted as bits and masked.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [ScalarReference(nameof(CountOutsideScalar))]
    public static int CountOutside<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, T lo, T hi)
        where T : unmanaged, INumber<T>
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported || values.Length < 32)
        {
            return CountOutsideScalar(values, validity, lo, hi);
        }

        var lanes = Vector256<T>.Count;
        var vectorsPerBlock = 32 / lanes;
        var laneMask = lanes == 32 ? uint.MaxValue : (1u << lanes) - 1;
        var vlo = Vector256.Create(lo);
        var vhi = Vector256.Create(hi);
        var blocks = values.Length / 32;
        var count = 0;
        for (var b = 0; b < blocks; b++)
        {
            uint outside = 0;
            var start = b * 32;
            for (var k = 0; k < vectorsPerBlock; k++)
            {
                var v = Vector256.Create(values.Slice(start + (k * lanes), lanes));
                var inside = Vector256.GreaterThanOrEqual(v, vlo) & Vector256.LessThanOrEqual(v, vhi);
                outside |= (~inside.ExtractMostSignificantBits() & laneMask) << (k * lanes);
            }

            if (!validity.IsEmpty)
            {
                outside &= Bitmap.Word32(validity, b);
            }

            count += BitOperations.PopCount(outside);
        }

        var tail = blocks * 32;
        return count + CountOutsideScalar(values[tail..], validity.IsEmpty ? validity : validity[(tail / 8)..], lo, hi);
    }

    /// <summary>The reference: one row at a time.</summary>
    public static int CountOutsideScalar<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, T lo, T hi)
        where T : unmanaged, INumber<T>
    {
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (Bitmap.IsValid(validity, i) && !(values[i] >= lo && values[i] <= hi))
            {
                count++;
            }
        }

        return count;
    }
}
