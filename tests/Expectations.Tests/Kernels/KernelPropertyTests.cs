using System.Text;
using CsCheck;
using Expectations.Kernels;

namespace Expectations.Tests.Kernels;

/// <summary>
/// What the kernels compute, beyond agreeing with their scalar references (<see cref="KernelPairTests"/> finds the pairs
/// and compares them): NaN and nulls in ranges, code points of real text, rune counts, malformed offsets.
/// </summary>
public class KernelPropertyTests
{
    [Fact]
    public void Range_kernel_counts_nan_as_outside_and_ignores_nulls()
    {
        var values = Enumerable.Range(0, 70).Select(i => i % 9 == 0 ? double.NaN : i).ToArray();
        var validity = new byte[9];
        for (var i = 0; i < 70; i += 2)
        {
            validity[i >> 3] |= (byte)(1 << (i & 7)); // even rows valid
        }

        // Valid rows: 0,2,..,68. Outside [10, 20]: all but 10..20 even (6 values) → 35 - 6, where NaN rows (0, 18, 36, 54) are outside.
        var expected = Enumerable.Range(0, 35).Select(k => 2 * k).Count(i => i % 9 == 0 || i < 10 || i > 20);
        RangeKernel.CountOutside<double>(values, validity, 10, 20).Should().Be(expected);
        RangeKernel.CountOutside<double>(values, [], double.NegativeInfinity, double.PositiveInfinity).Should().Be(8);
    }

    [Fact]
    public void Bitmap_count_valid_counts_set_bits_and_every_row_without_a_bitmap()
    {
        Bitmap.CountValid([], 123).Should().Be(123);
        Bitmap.CountValid([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], 65).Should().Be(65);
        Bitmap.CountValid([0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xFF], 66).Should().Be(34); // bits past the length do not count
    }

    [Fact]
    public void Code_points_equal_the_number_of_runes_of_valid_utf8()
    {
        Text.Sample(s => Utf8LengthKernel.CodePoints(Encoding.UTF8.GetBytes(s)).Should().Be(s.EnumerateRunes().Count()));
    }

    [Fact]
    public void Length_kernel_agrees_with_rune_counts()
    {
        Gen.OneOf(AsciiText, Text).Array[0, 100].SelectMany(rows => Gen.Int[0, 10].Select(n => (rows, n))).Sample((rows, n) =>
        {
            var (data, offsets) = Layout(rows, 0);
            Utf8LengthKernel.CountLengthsOutside(data, offsets, [], n, n).Should().Be(rows.Count(r => r.EnumerateRunes().Count() != n));
        });
    }

    [Fact]
    public void Length_kernel_rejects_decreasing_offsets()
    {
        var act = () => Utf8LengthKernel.CountLengthsOutside("ééé"u8.ToArray(), new[] { 0, 4, 2, 6 }, [], 0, 10);
        act.Should().Throw<ArgumentException>().WithMessage("*decrease at row 1*");
    }

    private static readonly Gen<string> AsciiText = Gen.Char['a', 'z'].Array[0, 40].Select(c => new string(c));

    /// <summary>Text mixing 1-, 2-, 3- and 4-byte UTF-8 sequences, sometimes longer than a 32-byte block.</summary>
    private static readonly Gen<string> Text = Gen.OneOf("a", "z", "é", "ß", "日", "本", "😀", "🎉", " ").Array[0, 50].Select(string.Concat);

    /// <summary>An Arrow string buffer for <paramref name="rows"/>, starting after <paramref name="prefix"/> junk bytes (a sliced buffer).</summary>
    private static (byte[] Data, int[] Offsets) Layout(string[] rows, int prefix)
    {
        var data = new List<byte>(Enumerable.Repeat((byte)0x80, prefix));
        var offsets = new int[rows.Length + 1];
        for (var i = 0; i < rows.Length; i++)
        {
            offsets[i] = data.Count;
            data.AddRange(Encoding.UTF8.GetBytes(rows[i]));
        }

        offsets[^1] = data.Count;
        data.AddRange("é"u8.ToArray()); // bytes after the last row are not part of any row
        return (data.ToArray(), offsets);
    }
}
