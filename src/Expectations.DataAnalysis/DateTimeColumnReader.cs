using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>
/// Reads a <see cref="PrimitiveDataFrameColumn{T}"/> of <see cref="DateTime"/> as <see cref="DataKind.Timestamp"/>
/// ticks. A DateTime's 64 bits hold its <see cref="DateTimeKind"/> in the top two bits and its ticks in the other
/// 62, so the ticks are the raw bits masked: done vectorized, window by window, into one reused buffer.
/// </summary>
internal sealed class DateTimeColumnReader : WindowedColumnReader<DateTime>
{
    /// <summary>The bits of a DateTime that hold its ticks.</summary>
    internal const ulong TicksMask = 0x3FFF_FFFF_FFFF_FFFF;

    private long[] _ticks = [];

    public DateTimeColumnReader(PrimitiveDataFrameColumn<DateTime> column, int windowRows, string description)
        : base(column, windowRows, description)
    {
    }

    public override ColumnBatch Empty() => new PrimitiveBatch<long>(Name, DataKind.Timestamp, ReadOnlyMemory<long>.Empty, ReadOnlyMemory<byte>.Empty, 0);

    protected override void Load(ReadOnlySpan<DateTime> window, ReadOnlyMemory<byte> chunkBitmap, int windowStart)
    {
        if (_ticks.Length < window.Length)
        {
            _ticks = new long[window.Length];
        }

        ToTicks(window, _ticks);
    }

    protected override ColumnBatch Slice(int start, int length, ReadOnlyMemory<byte> validity, int nullCount) =>
        new PrimitiveBatch<long>(Name, DataKind.Timestamp, _ticks.AsMemory(start, length), validity, nullCount);

    /// <summary>Writes the <see cref="DateTime.Ticks"/> of each of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    internal static void ToTicks(ReadOnlySpan<DateTime> source, Span<long> destination)
    {
        var bits = MemoryMarshal.Cast<DateTime, ulong>(source);
        var ticks = MemoryMarshal.Cast<long, ulong>(destination)[..bits.Length];
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(TicksMask);
            for (; i <= bits.Length - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                (Vector256.Create(bits[i..]) & mask).CopyTo(ticks[i..]);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var mask = Vector128.Create(TicksMask);
            for (; i <= bits.Length - Vector128<ulong>.Count; i += Vector128<ulong>.Count)
            {
                (Vector128.Create(bits[i..]) & mask).CopyTo(ticks[i..]);
            }
        }

        for (; i < bits.Length; i++)
        {
            ticks[i] = bits[i] & TicksMask;
        }
    }
}
