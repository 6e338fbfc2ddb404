using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Expectations.DataAnalysis;
using Microsoft.Data.Analysis;
using static Expectations.Tests.DataAnalysis.DataFrameSourceTestKit;

namespace Expectations.Tests.DataAnalysis;

public sealed class DataFrameSourceTests
{
    // 13 rows: not a multiple of 8, so the last validity byte is partial.
    private const int Rows = 13;

    private static T?[] WithOddNulls<T>(Func<int, T> value) where T : struct =>
        Enumerable.Range(0, Rows).Select(i => i % 2 == 1 ? (T?)null : value(i)).ToArray();

    [Fact]
    public async Task Primitive_columns_yield_their_values_kinds_and_nulls()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<bool>("bool", WithOddNulls(i => i % 4 == 0)),
            new PrimitiveDataFrameColumn<byte>("byte", WithOddNulls(i => (byte)(250 + i % 5))),
            new PrimitiveDataFrameColumn<sbyte>("sbyte", WithOddNulls(i => (sbyte)(-i))),
            new PrimitiveDataFrameColumn<short>("short", WithOddNulls(i => (short)(i * -1000))),
            new PrimitiveDataFrameColumn<ushort>("ushort", WithOddNulls(i => (ushort)(i * 5000))),
            new PrimitiveDataFrameColumn<int>("int", WithOddNulls(i => i * -100_000)),
            new PrimitiveDataFrameColumn<uint>("uint", WithOddNulls(i => uint.MaxValue - (uint)i)),
            new PrimitiveDataFrameColumn<long>("long", WithOddNulls(i => long.MinValue + i)),
            new PrimitiveDataFrameColumn<ulong>("ulong", WithOddNulls(i => ulong.MaxValue - (ulong)i)),
            new PrimitiveDataFrameColumn<float>("float", WithOddNulls(i => i / 4f)),
            new PrimitiveDataFrameColumn<double>("double", WithOddNulls(i => i == 4 ? double.NaN : i * 1.5)),
            new PrimitiveDataFrameColumn<decimal>("decimal", WithOddNulls(i => i * 0.01m)));
        var source = frame.AsDataSource();

        source.Columns.Should().Equal(
            new ColumnInfo("bool", DataKind.Boolean, "Boolean"),
            new ColumnInfo("byte", DataKind.Integer, "Byte"),
            new ColumnInfo("sbyte", DataKind.Integer, "SByte"),
            new ColumnInfo("short", DataKind.Integer, "Int16"),
            new ColumnInfo("ushort", DataKind.Integer, "UInt16"),
            new ColumnInfo("int", DataKind.Integer, "Int32"),
            new ColumnInfo("uint", DataKind.Integer, "UInt32"),
            new ColumnInfo("long", DataKind.Integer, "Int64"),
            new ColumnInfo("ulong", DataKind.Integer, "UInt64"),
            new ColumnInfo("float", DataKind.Float, "Single"),
            new ColumnInfo("double", DataKind.Float, "Double"),
            new ColumnInfo("decimal", DataKind.Decimal, "Decimal"));

        var names = source.Columns.Select(c => c.Name).ToArray();
        var read = await ReadAllAsync(source, names);

        read.ChunkSizes.Should().Equal(Rows);
        foreach (var name in names)
        {
            var column = frame.Columns[name];
            var expected = Enumerable.Range(0, Rows).Select(i => column[i]).ToList();
            read.Values[name].Should().Equal(expected, "column '{0}' reads as the DataFrame holds it", name);
            read.Chunks[0][name].NullCount.Should().Be(6);
            read.Chunks[0][name].Kind.Should().Be(source.Columns.Single(c => c.Name == name).Kind);
        }
    }

    [Fact]
    public async Task A_column_without_nulls_has_an_empty_validity_bitmap()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("x", Enumerable.Range(0, Rows)));

        await foreach (var chunk in frame.AsDataSource().ReadAsync(["x"]))
        {
            var batch = (PrimitiveBatch<int>)chunk["x"];
            batch.NullCount.Should().Be(0);
            batch.Validity.IsEmpty.Should().BeTrue();
            batch.Values.ToArray().Should().Equal(Enumerable.Range(0, Rows));
        }
    }

    [Fact]
    public async Task Primitive_batches_are_views_over_the_column_buffers()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<long>("x", WithOddNulls(i => (long)i)));
        var column = (PrimitiveDataFrameColumn<long>)frame.Columns["x"];
        var buffer = column.GetReadOnlyDataBuffers().Single();
        var bitmap = column.GetReadOnlyNullBitMapBuffers().Single();

        await foreach (var chunk in frame.AsDataSource().ReadAsync(["x"]))
        {
            var batch = (PrimitiveBatch<long>)chunk["x"];
            Unsafe.AreSame(ref MemoryMarshal.GetReference(batch.Values.Span), ref MemoryMarshal.GetReference(buffer.Span)).Should().BeTrue();
            Unsafe.AreSame(ref MemoryMarshal.GetReference(batch.Validity.Span), ref MemoryMarshal.GetReference(bitmap.Span)).Should().BeTrue();
            batch.Validity.Length.Should().Be(2, "the raw bitmap is clamped to (13 + 7) / 8 bytes");
        }
    }

    [Fact]
    public async Task A_column_over_caller_memory_is_read_from_that_memory()
    {
        var values = new double[] { 1.5, 0, 3.5, 0, 5.5, 6.5, 7.5, 8.5, 9.5 };
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var bitmap = new byte[] { 0b1111_0101, 0b0000_0001 };
        var frame = new DataFrame(new DoubleDataFrameColumn("x", bytes, bitmap, values.Length, 2));

        await foreach (var chunk in frame.AsDataSource().ReadAsync(["x"]))
        {
            var batch = (PrimitiveBatch<double>)chunk["x"];
            MemoryMarshal.TryGetArray(batch.Validity, out var validityArray).Should().BeTrue();
            validityArray.Array.Should().BeSameAs(bitmap);
            Unsafe.AreSame(ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(batch.Values.Span)), ref bytes[0]).Should().BeTrue("the values are the caller's bytes");
            Enumerable.Range(0, batch.Length).Select(i => ValueAt(batch, i)).Should().Equal(new object?[] { 1.5, null, 3.5, null, 5.5, 6.5, 7.5, 8.5, 9.5 });
        }
    }

    [Fact]
    public async Task DateTime_columns_yield_ticks_whatever_their_kind()
    {
        var kinds = new[] { DateTimeKind.Utc, DateTimeKind.Local, DateTimeKind.Unspecified };
        var expected = WithOddNulls(i => new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Unspecified).AddTicks(i * 1_234_567));
        var withKinds = expected.Select((d, i) => d is { } v ? DateTime.SpecifyKind(v, kinds[i / 2 % 3]) : (DateTime?)null).ToList();
        withKinds[12] = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Local);
        var frame = new DataFrame(new DateTimeDataFrameColumn("at", withKinds));
        var source = frame.AsDataSource();

        source.Columns.Should().Equal(new ColumnInfo("at", DataKind.Timestamp, "DateTime"));
        var read = await ReadAllAsync(source, "at");

        read.Values["at"].Should().Equal(withKinds.Select(d => d?.Ticks).Cast<object?>());
        read.Values["at"][12].Should().Be(DateTime.MaxValue.Ticks);
    }

    [Fact]
    public void Ticks_conversion_agrees_with_DateTime_Ticks_on_every_length()
    {
        var random = new Random(7);
        for (var length = 0; length < 40; length++)
        {
            var dates = Enumerable.Range(0, length)
                .Select(_ => new DateTime(random.NextInt64(DateTime.MaxValue.Ticks), (DateTimeKind)random.Next(3)))
                .ToArray();
            var ticks = new long[length];

            DateTimeColumnReader.ToTicks(dates, ticks);

            ticks.Should().Equal(dates.Select(d => d.Ticks));
        }
    }

    private static readonly string?[] Texts = ["a", "", null, "héllo", "日本語", "😀", null, "x y", "", null, "Ω", "tab\t", "last"];

    [Fact]
    public async Task String_columns_of_dotnet_strings_are_encoded_to_utf8()
    {
        var frame = new DataFrame(new StringDataFrameColumn("s", Texts));
        var source = frame.AsDataSource();

        source.Columns.Should().Equal(new ColumnInfo("s", DataKind.String, "String"));
        var read = await ReadAllAsync(source, "s");

        read.Values["s"].Should().Equal(Texts);
        read.Chunks.Single().RowCount.Should().Be(Texts.Length);
    }

    [Fact]
    public async Task String_batches_hold_arrow_layout()
    {
        var frame = new DataFrame(new StringDataFrameColumn("s", Texts));

        await foreach (var chunk in frame.AsDataSource().ReadAsync(["s"]))
        {
            var batch = (StringBatch)chunk["s"];
            batch.Offsets.Length.Should().Be(Texts.Length + 1);
            batch.Offsets.Span[0].Should().Be(0);
            for (var i = 0; i < Texts.Length; i++)
            {
                batch.GetBytes(i).ToArray().Should().Equal(Encoding.UTF8.GetBytes(Texts[i] ?? ""), "row {0} holds its UTF-8 bytes, nulls none", i);
            }
        }
    }

    [Fact]
    public async Task Arrow_string_columns_are_read_without_copying()
    {
        var (data, offsets, bitmap) = ArrowLayout(Texts, prefix: 0);
        var frame = new DataFrame(new ArrowStringDataFrameColumn("s", data, MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray(), bitmap, Texts.Length, 3));
        var source = frame.AsDataSource();

        source.Columns.Should().Equal(new ColumnInfo("s", DataKind.String, "String"));
        var read = await ReadAllAsync(source, "s");
        read.Values["s"].Should().Equal(Texts);

        await foreach (var chunk in source.ReadAsync(["s"]))
        {
            var batch = (StringBatch)chunk["s"];
            MemoryMarshal.TryGetArray(batch.Data, out var dataArray).Should().BeTrue();
            dataArray.Array.Should().BeSameAs(data);
            MemoryMarshal.TryGetArray(batch.Validity, out var validityArray).Should().BeTrue();
            validityArray.Array.Should().BeSameAs(bitmap);
        }
    }

    [Fact]
    public async Task Arrow_string_columns_over_a_sliced_data_buffer_honour_the_first_offset()
    {
        // As an Arrow array sliced away from its start: the offsets begin at byte 5, not 0.
        var (data, offsets, bitmap) = ArrowLayout(Texts, prefix: 5);
        var frame = new DataFrame(new ArrowStringDataFrameColumn("s", data, MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray(), bitmap, Texts.Length, 3));

        var read = await ReadAllAsync(frame.AsDataSource(), "s");

        read.Values["s"].Should().Equal(Texts);
    }

    [Fact]
    public async Task Arrow_string_columns_with_offsets_past_the_data_fail_clearly()
    {
        var frame = new DataFrame(new ArrowStringDataFrameColumn("s", new byte[] { 65, 66 }, MemoryMarshal.AsBytes(new[] { 0, 1, 9 }.AsSpan()).ToArray(), new byte[] { 3 }, 2, 0));

        var read = async () => await ReadAllAsync(frame.AsDataSource("frame"), "s");

        await read.Should().ThrowAsync<DataSourceException>().WithMessage("*frame*'s'*offsets*");
    }

    [Fact]
    public async Task Char_columns_read_as_one_character_strings()
    {
        var chars = new char?[] { 'A', null, 'é', '日', '\uD800', null, 'z', '\0', 'Q' };
        var frame = new DataFrame(new PrimitiveDataFrameColumn<char>("c", chars));
        var source = frame.AsDataSource();

        source.Columns.Should().Equal(new ColumnInfo("c", DataKind.String, "Char"));
        var read = await ReadAllAsync(source, "c");

        read.Values["c"].Should().Equal(new object?[] { "A", null, "é", "日", "\uFFFD", null, "z", "\0", "Q" });
    }

    [Fact]
    public async Task Converted_columns_are_read_in_windows_and_chunks_split_where_any_column_does()
    {
        const int rows = 23;
        var ints = Enumerable.Range(0, rows).Select(i => i % 2 == 1 ? (int?)null : i).ToArray();
        var dates = Enumerable.Range(0, rows).Select(i => i % 3 == 0 ? (DateTime?)null : new DateTime(2020, 1, 1).AddDays(i)).ToArray();
        var texts = Enumerable.Range(0, rows).Select(i => i % 4 == 2 ? null : new string('é', i % 5)).ToArray();
        var chars = Enumerable.Range(0, rows).Select(i => i % 5 == 4 ? (char?)null : (char)('a' + i)).ToArray();
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<int>("i", ints),
            new DateTimeDataFrameColumn("d", dates),
            new StringDataFrameColumn("s", texts),
            new PrimitiveDataFrameColumn<char>("c", chars));
        var source = new DataFrameSource(frame, "windows", windowRows: 5);

        var read = await ReadAllAsync(source, "i", "d", "s", "c");

        read.ChunkSizes.Should().Equal(5, 5, 5, 5, 3);
        read.Values["i"].Should().Equal(ints.Cast<object?>());
        read.Values["d"].Should().Equal(dates.Select(d => d?.Ticks).Cast<object?>());
        read.Values["s"].Should().Equal(texts);
        read.Values["c"].Should().Equal(chars.Select(c => c?.ToString()));
        read.Chunks[1].Origin.Should().Be("windows, rows 5-9");
    }

    [Fact]
    public async Task Only_the_requested_columns_are_read()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<int>("wanted", [1, 2, 3]),
            new StringDataFrameColumn("other", ["a", "b", "c"]));

        await foreach (var chunk in frame.AsDataSource().ReadAsync(["wanted"]))
        {
            chunk.TryGetColumn("other", out _).Should().BeFalse();
            chunk.TryGetColumn("wanted", out _).Should().BeTrue();
        }
    }

    [Fact]
    public async Task Reading_no_columns_still_counts_the_rows()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("x", [1, 2, 3]));

        var read = await ReadAllAsync(frame.AsDataSource());

        read.ChunkSizes.Should().Equal(3);
    }

    [Fact]
    public async Task A_DataFrame_of_no_rows_yields_one_empty_chunk_of_the_right_kinds()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<double>("x"),
            new DateTimeDataFrameColumn("d"),
            new StringDataFrameColumn("s", 0),
            new ArrowStringDataFrameColumn("a"),
            new PrimitiveDataFrameColumn<char>("c"));
        var source = frame.AsDataSource();

        var read = await ReadAllAsync(source, "x", "d", "s", "a", "c");

        read.ChunkSizes.Should().Equal(0);
        read.Chunks[0]["x"].Should().BeOfType<PrimitiveBatch<double>>().Which.Kind.Should().Be(DataKind.Float);
        read.Chunks[0]["d"].Should().BeOfType<PrimitiveBatch<long>>().Which.Kind.Should().Be(DataKind.Timestamp);
        read.Chunks[0]["s"].Should().BeOfType<StringBatch>();
        read.Chunks[0]["a"].Should().BeOfType<StringBatch>();
        read.Chunks[0]["c"].Should().BeOfType<StringBatch>();
    }

    [Fact]
    public void Unsupported_columns_are_not_offered_and_unknown_names_are_refused()
    {
        var frame = new DataFrame(
            new PrimitiveDataFrameColumn<int>("x", [1]),
            new VBufferDataFrameColumn<float>("vectors", 1));
        var source = frame.AsDataSource("features");

        source.Description.Should().Be("features");
        source.Columns.Select(c => c.Name).Should().Equal("x");
        var read = () => source.ReadAsync(["vectors"]);
        read.Should().Throw<ArgumentException>().WithMessage("*features*'vectors'*x*");
    }

    [Fact]
    public void The_default_description_is_DataFrame()
    {
        new DataFrame().AsDataSource().Description.Should().Be("DataFrame");
        new DataFrameSource(new DataFrame()).Columns.Should().BeEmpty();
    }

    [Fact]
    public async Task Cancellation_stops_reading()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("x", [1, 2, 3]));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var read = async () =>
        {
            await foreach (var _ in frame.AsDataSource().ReadAsync(["x"], cancelled.Token))
            {
            }
        };

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    private static (byte[] Data, int[] Offsets, byte[] Bitmap) ArrowLayout(string?[] texts, int prefix)
    {
        var data = new List<byte>(Enumerable.Repeat((byte)'#', prefix));
        var offsets = new int[texts.Length + 1];
        var bitmap = new byte[(texts.Length + 7) / 8];
        for (var i = 0; i < texts.Length; i++)
        {
            offsets[i] = data.Count;
            if (texts[i] is { } text)
            {
                data.AddRange(Encoding.UTF8.GetBytes(text));
                bitmap[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        offsets[texts.Length] = data.Count;
        return ([.. data], offsets, bitmap);
    }
}
