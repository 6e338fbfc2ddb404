using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;

namespace Expectations.Tests.Kernels;

/// <summary>How a column gives its nulls.</summary>
internal enum Nulls
{
    /// <summary>An empty bitmap: every row is valid.</summary>
    NoBitmap,

    /// <summary>A bitmap with every row's bit set.</summary>
    AllValid,

    /// <summary>A bitmap with every row's bit clear.</summary>
    AllNull,

    /// <summary>A bitmap of random bits.</summary>
    RandomBits,
}

/// <summary>
/// A validity bitmap of <paramref name="rows"/> rows that starts <paramref name="byteOffset"/> bytes into a buffer of
/// random bytes: bytes before and after it, and the bits past the last row in its last byte, are junk the kernels must
/// not read as rows. (The kernels' contract is that bit 0 of the span is row 0 of the values span, so a slice of a
/// bitmap moves by whole bytes: bit offsets here are multiples of 8.)
/// </summary>
internal sealed class Validity(byte[] buffer, int byteOffset, int rows, Nulls nulls)
{
    public int Rows => rows;

    public ReadOnlySpan<byte> Span => nulls == Nulls.NoBitmap ? [] : buffer.AsSpan(byteOffset, (rows + 7) / 8);

    public static Validity Create(byte[] buffer, int byteOffset, int rows, Nulls nulls)
    {
        if (nulls is Nulls.AllValid or Nulls.AllNull)
        {
            for (var i = 0; i < rows; i++)
            {
                ref var b = ref buffer[byteOffset + (i >> 3)];
                b = nulls == Nulls.AllValid ? (byte)(b | (1 << (i & 7))) : (byte)(b & ~(1 << (i & 7)));
            }
        }

        return new Validity(buffer, byteOffset, rows, nulls);
    }

    public override string ToString() => nulls == Nulls.NoBitmap
        ? "no bitmap"
        : $"{nulls} bitmap at byte offset {byteOffset}: {KernelData.Preview(Span.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)))}";
}

/// <summary>A values span of <paramref name="length"/> elements that starts <paramref name="offset"/> elements into a larger buffer, with its validity.</summary>
internal sealed class Column<T>(T[] buffer, int offset, int length, Validity validity)
{
    public ReadOnlySpan<T> Values => buffer.AsSpan(offset, length);

    public Validity Validity => validity;

    public override string ToString() =>
        $"{length} values at element offset {offset}: {KernelData.Preview(buffer.Skip(offset).Take(length).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""))}; {validity}";
}

/// <summary>
/// An Arrow string column: <paramref name="rows"/> rows whose offsets start at row <paramref name="firstRow"/> of a longer
/// offsets buffer (a sliced column: the first offset is not 0, rows before and after belong to other slices), over a
/// data buffer with junk bytes before the first row and after the last.
/// </summary>
internal sealed class StringColumn(byte[] data, int[] offsets, int firstRow, int rows, Validity validity)
{
    public ReadOnlySpan<byte> Data => data;

    public ReadOnlySpan<int> Offsets => offsets.AsSpan(firstRow, rows + 1);

    public Validity Validity => validity;

    public override string ToString()
    {
        var texts = Enumerable.Range(firstRow, rows).Select(r => Convert.ToHexString(data, offsets[r], offsets[r + 1] - offsets[r]));
        return $"{rows} rows from row {firstRow} of {offsets.Length - 1}, data {data.Length} bytes: {KernelData.Preview(texts)}; {validity}";
    }
}

/// <summary>Generators shared by the kernel shapes: odd lengths, offsets, the four kinds of nulls, and value palettes.</summary>
internal static class KernelData
{
    /// <summary>
    /// Lengths around the vector widths (a 32-row bitmap word, 4–32 lanes) and the 2048-row aggregate blocks, small
    /// lengths and long random ones.
    /// </summary>
    public static readonly Gen<int> Lengths = Gen.Frequency(
        (4, Gen.OneOf(0, 1, 7, 31, 32, 33, 64, 255)),
        (2, Gen.Int[0, 300]),
        (2, Gen.Int[1000, 5000]),
        (1, Gen.OneOf(2047, 2048, 2049, 4095, 4096, 4097)));

    /// <summary>The element types a generic kernel is instantiated with (those its constraints allow).</summary>
    public static readonly Type[] ElementTypes =
        [typeof(double), typeof(float), typeof(long), typeof(int), typeof(short), typeof(sbyte), typeof(ulong), typeof(uint), typeof(ushort), typeof(byte)];

    /// <summary>Bytes for code-point counting: anything, ASCII only, or heavy in continuation and lead bytes.</summary>
    public static readonly Gen<byte>[] BytePalettes =
        [Gen.Byte, Gen.Byte[0, 0x7F], Gen.Frequency((1, Gen.Byte[0, 0x7F]), (1, Gen.Byte[0x80, 0xBF]), (1, Gen.Byte[0xC0, 0xFF]))];

    private static readonly Gen<byte[]> AsciiRow = Gen.Char['a', 'z'].Array[0, 40].Select(c => Encoding.UTF8.GetBytes(c));

    /// <summary>Text mixing 1-, 2-, 3- and 4-byte UTF-8 sequences, sometimes longer than a 32-byte block.</summary>
    private static readonly Gen<byte[]> TextRow = Gen.OneOf("a", "z", "é", "ß", "日", "本", "😀", "🎉", " ").Array[0, 20].Select(s => Encoding.UTF8.GetBytes(string.Concat(s)));

    /// <summary>Rows of one column: all ASCII (the offsets-only path), mixed text, or bytes that are not UTF-8 at all.</summary>
    private static readonly Gen<byte[]>[] RowPalettes = [AsciiRow, TextRow, Gen.OneOf(AsciiRow, TextRow), Gen.Byte.Array[0, 40]];

    /// <summary>String columns with sliced offsets, junk around the data, and every kind of nulls.</summary>
    public static readonly Gen<StringColumn> StringColumns =
        from rows in Lengths
        from firstRow in Gen.Int[0, 9]
        from after in Gen.Int[0, 2]
        from palette in Gen.Int[0, RowPalettes.Length - 1]
        from all in RowPalettes[palette].Array[firstRow + rows + after]
        from prefix in Gen.Int[0, 5]
        from validity in Bitmaps(rows)
        select Layout(all, firstRow, rows, prefix, validity);

    /// <summary>Validity for <paramref name="rows"/> rows: no bitmap, all valid, all null or random bits, at a random byte offset.</summary>
    public static Gen<Validity> Bitmaps(int rows) =>
        from nulls in Gen.Int[0, 3]
        from offset in Gen.Int[0, 5]
        from buffer in Gen.Byte.Array[offset + ((rows + 7) / 8) + 3]
        select Validity.Create(buffer, offset, rows, (Nulls)nulls);

    /// <summary>Columns whose values come from one of the <paramref name="palettes"/> (picked per column), at an element offset.</summary>
    public static Gen<Column<T>> Columns<T>(Gen<T>[] palettes, Gen<int> lengths) =>
        from length in lengths
        from offset in Gen.Int[0, 37]
        from palette in Gen.Int[0, palettes.Length - 1]
        from buffer in palettes[palette].Array[offset + length + 3]
        from validity in Bitmaps(length)
        select new Column<T>(buffer, offset, length, validity);

    /// <summary>
    /// Value palettes for <typeparamref name="T"/>, or null for a type with none. For sums (<paramref name="forSums"/>)
    /// floating palettes leave out ±MaxValue: whether a sum overflows then depends on the order of the additions, which
    /// a vectorized kernel legitimately changes.
    /// </summary>
    public static Gen<T>[]? Palettes<T>(bool forSums)
    {
        object? palettes = typeof(T) switch
        {
            _ when typeof(T) == typeof(double) => Floating<double>(forSums),
            _ when typeof(T) == typeof(float) => Floating<float>(forSums),
            _ when typeof(T) == typeof(long) => Integers<long>(),
            _ when typeof(T) == typeof(int) => Integers<int>(),
            _ when typeof(T) == typeof(short) => Integers<short>(),
            _ when typeof(T) == typeof(sbyte) => Integers<sbyte>(),
            _ when typeof(T) == typeof(ulong) => Integers<ulong>(),
            _ when typeof(T) == typeof(uint) => Integers<uint>(),
            _ when typeof(T) == typeof(ushort) => Integers<ushort>(),
            _ when typeof(T) == typeof(byte) => Integers<byte>(),
            _ => null,
        };
        return (Gen<T>[]?)palettes;
    }

    /// <summary>The first values of a long list, for failure messages.</summary>
    public static string Preview(IEnumerable<string> items)
    {
        var list = items.Take(33).ToList();
        return "[" + string.Join(", ", list.Take(32)) + (list.Count > 32 ? ", …]" : "]");
    }

    private static Gen<T>[] Floating<T>(bool forSums) where T : IBinaryFloatingPointIeee754<T>, IMinMaxValue<T>
    {
        // Small integers make ties with the bounds and repeated values; uniform values make everything else.
        var small = Gen.Int[-5, 5].Select(i => T.CreateTruncating(i));
        if (forSums)
        {
            var specials = Gen.OneOf(T.NaN, T.Zero, T.NegativeZero, T.CreateTruncating(1e15), T.CreateTruncating(-1e15), T.CreateTruncating(0.1));
            var wide = Gen.Frequency((6, Gen.Double[-1e6, 1e6].Select(x => T.CreateTruncating(x))), (1, Gen.Const(T.NaN)), (1, specials));
            var infinite = Gen.Frequency((200, wide), (1, Gen.OneOf(T.PositiveInfinity, T.NegativeInfinity)));
            return [small, wide, infinite];
        }

        var uniform = Gen.Double[-10, 10].Select(x => T.CreateTruncating(x));
        var every = Gen.OneOf(T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.Zero, T.NegativeZero, T.MaxValue, T.MinValue, T.Epsilon);
        return [small, uniform, Gen.Frequency((3, small), (3, uniform), (2, every))];
    }

    private static Gen<T>[] Integers<T>() where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var small = Gen.Int[-6, 6].Select(i => T.CreateSaturating(i));
        var moderate = Gen.Long[-1_000_000_000, 1_000_000_000].Select(x => T.CreateTruncating(x));
        var any = Gen.ULong.Select(x => T.CreateTruncating(x));
        var extremes = Gen.OneOf(T.MinValue, T.MaxValue, T.Zero, T.One, T.MinValue + T.One, T.MaxValue - T.One);

        // Full-range and extreme values make 64-bit lanes overflow; moderate ones do not.
        return [small, moderate, any, Gen.Frequency((6, moderate), (1, extremes)), Gen.Frequency((2, small), (2, any), (1, extremes))];
    }

    private static StringColumn Layout(byte[][] all, int firstRow, int rows, int prefix, Validity validity)
    {
        var data = new List<byte>(Enumerable.Repeat((byte)0x80, prefix));
        var offsets = new int[all.Length + 1];
        for (var i = 0; i < all.Length; i++)
        {
            offsets[i] = data.Count;
            data.AddRange(all[i]);
        }

        offsets[^1] = data.Count;
        data.AddRange("é"u8.ToArray()); // bytes after the last row are not part of any row
        return new StringColumn(data.ToArray(), offsets, firstRow, rows, validity);
    }
}
