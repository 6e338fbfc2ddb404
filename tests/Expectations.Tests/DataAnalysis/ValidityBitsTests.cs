using CsCheck;
using Expectations.DataAnalysis;

namespace Expectations.Tests.DataAnalysis;

public sealed class ValidityBitsTests
{
    /// <summary>A bitmap of up to 40 bytes and a bit range inside it.</summary>
    private static readonly Gen<(byte[] Bitmap, int Offset, int Count)> BitRanges =
        Gen.Byte.Array[0, 40].SelectMany(bitmap =>
            Gen.Int[0, bitmap.Length * 8].SelectMany(offset =>
                Gen.Int[0, (bitmap.Length * 8) - offset].Select(count => (bitmap, offset, count))));

    private static bool NaiveGet(byte[] bitmap, int index) => ((bitmap[index / 8] >> (index % 8)) & 1) == 1;

    [Fact]
    public void Rebasing_matches_a_bit_by_bit_copy()
    {
        BitRanges.Sample((bitmap, offset, count) =>
        {
            var byteCount = (count + 7) / 8;
            var destination = Enumerable.Repeat((byte)0xA5, byteCount + 1).ToArray();

            ValidityBits.CopyRebased(bitmap, offset, count, destination);

            for (var i = 0; i < byteCount * 8; i++)
            {
                var expected = i < count && NaiveGet(bitmap, offset + i);
                NaiveGet(destination, i).Should().Be(expected, "bit {0} of a copy of {1} bits from bit {2}", i, count, offset);
            }

            destination[byteCount].Should().Be(0xA5, "nothing is written past the bytes the bits need");
        });
    }

    [Fact]
    public void Counting_set_bits_matches_a_bit_by_bit_count()
    {
        BitRanges.Sample((bitmap, offset, count) =>
        {
            var expected = Enumerable.Range(offset, count).Count(i => NaiveGet(bitmap, i));

            ValidityBits.CountSet(bitmap, offset, count).Should().Be(expected);
        });
    }

    [Fact]
    public void Rebasing_refuses_bits_past_the_end()
    {
        var copy = () => ValidityBits.CopyRebased(new byte[2], 10, 7, new byte[1]);

        copy.Should().Throw<ArgumentException>();
    }
}
