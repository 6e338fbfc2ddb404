using System.Numerics;
using System.Text;
using CsCheck;
using Expectations.Kernels;

namespace Expectations.Tests.Kernels;

/// <summary>Every vectorized kernel agrees with its scalar reference on random data with nulls and odd lengths.</summary>
public class KernelPropertyTests
{
    private static readonly double[] SpecialDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.MaxValue, double.MinValue, double.Epsilon];

    private static readonly Gen<double> Doubles = Gen.OneOf(Gen.Int[-5, 5].Select(i => (double)i), Gen.Double[-10, 10], Gen.OneOf(SpecialDoubles));

    private static readonly Gen<float> Floats = Gen.OneOf(Gen.Int[-5, 5].Select(i => (float)i), Gen.Float[-10, 10], Gen.OneOf(float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue));

    [Fact]
    public void Range_kernel_agrees_with_scalar_for_double() => RangeAgrees(Doubles);

    [Fact]
    public void Range_kernel_agrees_with_scalar_for_float() => RangeAgrees(Floats);

    [Fact]
    public void Range_kernel_agrees_with_scalar_for_int() => RangeAgrees(Gen.OneOf(Gen.Int[-6, 6], Gen.Int, Gen.OneOf(int.MinValue, int.MaxValue)));

    [Fact]
    public void Range_kernel_agrees_with_scalar_for_long() => RangeAgrees(Gen.OneOf(Gen.Long[-6, 6], Gen.Long, Gen.OneOf(long.MinValue, long.MaxValue)));

    [Fact]
    public void Range_kernel_agrees_with_scalar_for_byte() => RangeAgrees(Gen.OneOf(Gen.Byte[0, 8], Gen.Byte, Gen.OneOf(byte.MinValue, byte.MaxValue)));

    [Fact]
    public void Range_kernel_agrees_with_scalar_for_short() => RangeAgrees(Gen.OneOf(Gen.Short[-6, 6], Gen.Short, Gen.OneOf(short.MinValue, short.MaxValue)));

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
    public void Bitmap_count_valid_agrees_with_scalar()
    {
        var gen = Gen.Byte.Array[0, 60].SelectMany(bitmap => Gen.Int[0, bitmap.Length * 8].Select(length => (bitmap, length)));
        gen.Sample((bitmap, length) => Bitmap.CountValid(bitmap, length).Should().Be(Bitmap.CountValidScalar(bitmap, length)));
        Bitmap.CountValid([], 123).Should().Be(123);
        Bitmap.CountValid([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], 65).Should().Be(65);
    }

    [Fact]
    public void Code_points_agree_with_scalar_on_any_bytes()
    {
        Gen.Byte.Array[0, 300].Sample(bytes => Utf8LengthKernel.CodePoints(bytes).Should().Be(Utf8LengthKernel.CodePointsScalar(bytes)));
    }

    [Fact]
    public void Code_points_equal_the_number_of_runes_of_valid_utf8()
    {
        Text.Sample(s => Utf8LengthKernel.CodePoints(Encoding.UTF8.GetBytes(s)).Should().Be(s.EnumerateRunes().Count()));
    }

    [Fact]
    public void Length_kernel_agrees_with_scalar_on_random_string_buffers()
    {
        var gen = Gen.OneOf(AsciiText, Text).Array[0, 120].SelectMany(rows =>
            Gen.Bool.SelectMany(allValid => Gen.Byte.Array[allValid ? 0 : (rows.Length + 7) / 8].SelectMany(validity =>
                Gen.Int[0, 5].SelectMany(prefix => Gen.Int[0, 14].SelectMany(lo => Gen.Int[-2, 14].Select(hi => (rows, validity, prefix, lo, hi)))))));
        gen.Sample((rows, validity, prefix, lo, hi) =>
        {
            var (data, offsets) = Layout(rows, prefix);
            Utf8LengthKernel.CountLengthsOutside(data, offsets, validity, lo, hi)
                .Should().Be(Utf8LengthKernel.CountLengthsOutsideScalar(data, offsets, validity, lo, hi));
        });
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

    private static void RangeAgrees<T>(Gen<T> value) where T : unmanaged, INumber<T>
    {
        var gen = Gen.Int[0, 300].SelectMany(n => value.Array[n].SelectMany(values =>
            Gen.Bool.SelectMany(allValid => Gen.Byte.Array[allValid ? 0 : (n + 7) / 8].SelectMany(validity =>
                value.SelectMany(lo => Gen.OneOf(value, Gen.Const(lo)).Select(hi => (values, validity, lo, hi)))))));
        gen.Sample((values, validity, lo, hi) =>
            RangeKernel.CountOutside<T>(values, validity, lo, hi).Should().Be(RangeKernel.CountOutsideScalar<T>(values, validity, lo, hi)));
    }
}
