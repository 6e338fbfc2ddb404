using Expectations.Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Parquet;

public sealed class ParquetDataSourceTests : IDisposable
{
    private const int Rows = 13; // not a multiple of 8
    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly DateTime[] Times = [.. Enumerable.Range(0, Rows).Select(i => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i).AddMilliseconds(i * 7))];

    private static bool IsNullRow(int i) => i % 2 == 1;

    private static T?[] WithNulls<T>(Func<int, T> value) where T : struct => [.. Enumerable.Range(0, Rows).Select(i => IsNullRow(i) ? (T?)null : value(i))];

    private static T[] Required<T>(Func<int, T> value) => [.. Enumerable.Range(0, Rows).Select(value)];

    private static async Task<DataChunk> SingleChunkAsync(ParquetDataSource source, params string[] columns)
    {
        var chunks = new List<DataChunk>();
        await foreach (var chunk in source.ReadAsync(columns))
        {
            chunks.Add(chunk);
        }

        chunks.Should().ContainSingle();
        return chunks[0];
    }

    private static void ShouldBe<T>(ColumnBatch batch, DataKind kind, T[] expected) where T : unmanaged
    {
        var typed = batch.Should().BeOfType<PrimitiveBatch<T>>().Subject;
        typed.Kind.Should().Be(kind);
        typed.NullCount.Should().Be(0);
        typed.Validity.IsEmpty.Should().BeTrue();
        typed.Values.ToArray().Should().Equal(expected);
    }

    private static void ShouldBe<T>(ColumnBatch batch, DataKind kind, T?[] expected) where T : unmanaged
    {
        var typed = batch.Should().BeOfType<PrimitiveBatch<T>>().Subject;
        typed.Kind.Should().Be(kind);
        typed.Length.Should().Be(expected.Length);
        typed.NullCount.Should().Be(expected.Count(v => v is null));
        typed.Validity.Length.Should().Be((expected.Length + 7) / 8);
        for (var i = 0; i < expected.Length; i++)
        {
            typed.IsValid(i).Should().Be(expected[i] is not null, $"row {i}");
            typed.Values.Span[i].Should().Be(expected[i] ?? default, $"row {i}");
        }
    }

    [Fact]
    public async Task Required_columns_of_every_type_round_trip_natively()
    {
        var schema = new ParquetSchema(
            new DataField<bool>("bool"), new DataField<sbyte>("i8"), new DataField<byte>("u8"),
            new DataField<short>("i16"), new DataField<ushort>("u16"), new DataField<int>("i32"), new DataField<uint>("u32"),
            new DataField<long>("i64"), new DataField<ulong>("u64"), new DataField<float>("f32"), new DataField<double>("f64"),
            new DecimalDataField("dec", 10, 2), new DataField<string>("str", nullable: false),
            new DataField<DateTime>("int96"),
            new DateTimeDataField("ms", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Millis),
            new DateTimeDataField("us", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Micros),
            new DateTimeDataField("ns", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Nanos),
            new DateTimeDataField("date", DateTimeFormat.Date));
        var f = schema.GetDataFields().ToDictionary(x => x.Name);
        var path = await _files.WriteAsync("all.parquet", schema, async rg =>
        {
            await rg.WriteAsync<bool>(f["bool"], Required(i => i % 3 == 0));
            await rg.WriteAsync<sbyte>(f["i8"], Required(i => (sbyte)(i - 6)));
            await rg.WriteAsync<byte>(f["u8"], Required(i => (byte)(250 + i % 6)));
            await rg.WriteAsync<short>(f["i16"], Required(i => (short)(i * -1000)));
            await rg.WriteAsync<ushort>(f["u16"], Required(i => (ushort)(65000 + i)));
            await rg.WriteAsync<int>(f["i32"], Required(i => i * 100_000 - 7));
            await rg.WriteAsync<uint>(f["u32"], Required(i => uint.MaxValue - (uint)i));
            await rg.WriteAsync<long>(f["i64"], Required(i => long.MinValue + i));
            await rg.WriteAsync<ulong>(f["u64"], Required(i => ulong.MaxValue - (ulong)i));
            await rg.WriteAsync<float>(f["f32"], Required(i => i / 4f));
            await rg.WriteAsync<double>(f["f64"], Required(i => i == 3 ? double.NaN : i * 1.5));
            await rg.WriteAsync<decimal>(f["dec"], Required(i => i * 1.25m - 3));
            await rg.WriteAsync(f["str"], Required(i => i == 4 ? "" : $"v{i}-é€"));
            foreach (var name in new[] { "int96", "ms", "us", "ns" })
            {
                await rg.WriteAsync<DateTime>(f[name], Times);
            }

            await rg.WriteAsync<DateTime>(f["date"], Required(i => Times[i].Date));
        });

        await using var source = await ParquetDataSource.OpenAsync(path);
        source.Description.Should().Be(path);
        source.RowCount.Should().Be(Rows);
        source.Columns.Select(c => (c.Name, c.Kind, c.PhysicalType)).Should().Equal(
            ("bool", DataKind.Boolean, "BOOLEAN"), ("i8", DataKind.Integer, "INT32 (INT_8)"), ("u8", DataKind.Integer, "INT32 (UINT_8)"),
            ("i16", DataKind.Integer, "INT32 (INT_16)"), ("u16", DataKind.Integer, "INT32 (UINT_16)"), ("i32", DataKind.Integer, "INT32"),
            ("u32", DataKind.Integer, "INT32 (UINT_32)"), ("i64", DataKind.Integer, "INT64"), ("u64", DataKind.Integer, "INT64 (UINT_64)"),
            ("f32", DataKind.Float, "FLOAT"), ("f64", DataKind.Float, "DOUBLE"), ("dec", DataKind.Decimal, "DECIMAL(10,2)"),
            ("str", DataKind.String, "BYTE_ARRAY (UTF8)"), ("int96", DataKind.Timestamp, "INT96"),
            ("ms", DataKind.Timestamp, "TIMESTAMP(MILLIS, UTC)"), ("us", DataKind.Timestamp, "TIMESTAMP(MICROS, UTC)"),
            ("ns", DataKind.Timestamp, "TIMESTAMP(NANOS, UTC)"), ("date", DataKind.Timestamp, "DATE"));

        var chunk = await SingleChunkAsync(source, [.. source.Columns.Select(c => c.Name)]);
        chunk.RowOffset.Should().Be(0);
        chunk.RowCount.Should().Be(Rows);
        chunk.Origin.Should().Be($"{path}, row group 0");
        ShouldBe(chunk["bool"], DataKind.Boolean, Required(i => i % 3 == 0));
        ShouldBe(chunk["i8"], DataKind.Integer, Required(i => (sbyte)(i - 6)));
        ShouldBe(chunk["u8"], DataKind.Integer, Required(i => (byte)(250 + i % 6)));
        ShouldBe(chunk["i16"], DataKind.Integer, Required(i => (short)(i * -1000)));
        ShouldBe(chunk["u16"], DataKind.Integer, Required(i => (ushort)(65000 + i)));
        ShouldBe(chunk["i32"], DataKind.Integer, Required(i => i * 100_000 - 7));
        ShouldBe(chunk["u32"], DataKind.Integer, Required(i => uint.MaxValue - (uint)i));
        ShouldBe(chunk["i64"], DataKind.Integer, Required(i => long.MinValue + i));
        ShouldBe(chunk["u64"], DataKind.Integer, Required(i => ulong.MaxValue - (ulong)i));
        ShouldBe(chunk["f32"], DataKind.Float, Required(i => i / 4f));
        ShouldBe(chunk["f64"], DataKind.Float, Required(i => i == 3 ? double.NaN : i * 1.5));
        ShouldBe(chunk["dec"], DataKind.Decimal, Required(i => i * 1.25m - 3));
        var str = chunk["str"].Should().BeOfType<StringBatch>().Subject;
        str.NullCount.Should().Be(0);
        Enumerable.Range(0, Rows).Select(str.GetString).Should().Equal(Required(i => i == 4 ? "" : $"v{i}-é€"));
        foreach (var name in new[] { "int96", "ms", "us", "ns" })
        {
            ShouldBe(chunk[name], DataKind.Timestamp, Required(i => Times[i].Ticks));
        }

        ShouldBe(chunk["date"], DataKind.Timestamp, Required(i => Times[i].Date.Ticks));
    }

    [Fact]
    public async Task Optional_columns_have_nulls_at_odd_rows_in_the_validity_bitmap()
    {
        var schema = new ParquetSchema(
            new DataField<bool?>("bool"), new DataField<int?>("i32"), new DataField<long?>("i64"), new DataField<ushort?>("u16"),
            new DataField<double?>("f64"), new DataField<float?>("f32"), new DecimalDataField("dec", 18, 4, isNullable: true),
            new DataField<string>("str"),
            new DateTimeDataField("us", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Micros, isNullable: true),
            new DataField<DateTime?>("int96"));
        var f = schema.GetDataFields().ToDictionary(x => x.Name);
        var path = await _files.WriteAsync("optional.parquet", schema, async rg =>
        {
            await rg.WriteAsync<bool>(f["bool"], WithNulls(i => i % 4 == 0));
            await rg.WriteAsync<int>(f["i32"], WithNulls(i => i * 3));
            await rg.WriteAsync<long>(f["i64"], WithNulls(i => -(long)i));
            await rg.WriteAsync<ushort>(f["u16"], WithNulls(i => (ushort)(i + 1)));
            await rg.WriteAsync<double>(f["f64"], WithNulls(i => i + 0.5));
            await rg.WriteAsync<float>(f["f32"], WithNulls(i => i + 0.25f));
            await rg.WriteAsync<decimal>(f["dec"], WithNulls(i => i * 0.0001m));
            await rg.WriteAsync(f["str"], Enumerable.Range(0, Rows).Select(i => IsNullRow(i) ? null : "s" + new string('x', i)).ToArray());
            await rg.WriteAsync<DateTime>(f["us"], WithNulls(i => Times[i]));
            await rg.WriteAsync<DateTime>(f["int96"], WithNulls(i => Times[i]));
        });

        await using var source = await ParquetDataSource.OpenAsync(path);
        var chunk = await SingleChunkAsync(source, [.. source.Columns.Select(c => c.Name)]);
        ShouldBe(chunk["bool"], DataKind.Boolean, WithNulls(i => i % 4 == 0));
        ShouldBe(chunk["i32"], DataKind.Integer, WithNulls(i => i * 3));
        ShouldBe(chunk["i64"], DataKind.Integer, WithNulls(i => -(long)i));
        ShouldBe(chunk["u16"], DataKind.Integer, WithNulls(i => (ushort)(i + 1)));
        ShouldBe(chunk["f64"], DataKind.Float, WithNulls(i => i + 0.5));
        ShouldBe(chunk["f32"], DataKind.Float, WithNulls(i => i + 0.25f));
        ShouldBe(chunk["dec"], DataKind.Decimal, WithNulls(i => i * 0.0001m));
        ShouldBe(chunk["us"], DataKind.Timestamp, WithNulls(i => Times[i].Ticks));
        ShouldBe(chunk["int96"], DataKind.Timestamp, WithNulls(i => Times[i].Ticks));

        var str = chunk["str"].Should().BeOfType<StringBatch>().Subject;
        str.NullCount.Should().Be(6);
        str.Validity.ToArray().Should().Equal(0b0101_0101, 0b0001_0101);
        str.Offsets.Length.Should().Be(Rows + 1);
        for (var i = 0; i < Rows; i++)
        {
            str.GetString(i).Should().Be(IsNullRow(i) ? null : "s" + new string('x', i));
            if (IsNullRow(i))
            {
                str.GetBytes(i).Length.Should().Be(0);
            }
        }
    }

    [Fact]
    public async Task Optional_column_without_nulls_has_no_validity_bitmap()
    {
        var field = new DataField<int?>("n");
        var path = await _files.WriteAsync("nonull.parquet", new ParquetSchema(field), rg => rg.WriteAsync<int>(field, new int?[] { 1, 2, 3 }));
        await using var source = await ParquetDataSource.OpenAsync(path);
        var chunk = await SingleChunkAsync(source, "n");
        ShouldBe(chunk["n"], DataKind.Integer, new[] { 1, 2, 3 });
    }

    [Fact]
    public async Task Timestamps_keep_the_ticks_written_at_the_unit_precision()
    {
        var written = new DateTime(2023, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_234_567);
        var schema = new ParquetSchema(
            new DataField<DateTime>("int96"),
            new DateTimeDataField("ns", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Nanos, isAdjustedToUTC: false),
            new DateTimeDataField("us", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Micros),
            new DateTimeDataField("ms", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Millis));
        var path = await _files.WriteAsync("ts.parquet", schema, async rg =>
        {
            foreach (var field in schema.GetDataFields())
            {
                await rg.WriteAsync<DateTime>(field, new[] { written });
            }
        });

        await using var source = await ParquetDataSource.OpenAsync(path);
        var chunk = await SingleChunkAsync(source, "int96", "ns", "us", "ms");
        Ticks(chunk["int96"]).Should().Be(written.Ticks);
        Ticks(chunk["ns"]).Should().Be(written.Ticks);
        Ticks(chunk["us"]).Should().Be(written.Ticks / 10 * 10);
        Ticks(chunk["ms"]).Should().Be(written.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);

        static long Ticks(ColumnBatch batch) => ((PrimitiveBatch<long>)batch).Values.Span[0];
    }

    [Fact]
    public async Task Row_groups_give_one_chunk_each_with_global_offsets_and_reused_buffers()
    {
        var path = await _files.WriteIdsAsync("groups.parquet", 0, 5, 20, 3);
        await using var source = await ParquetDataSource.OpenAsync(path);
        source.RowCount.Should().Be(28);

        var seen = new List<(long Offset, int Rows, string? Origin, int[] Ids)>();
        await foreach (var chunk in source.ReadAsync(["id"]))
        {
            seen.Add((chunk.RowOffset, chunk.RowCount, chunk.Origin, ((PrimitiveBatch<int>)chunk["id"]).Values.ToArray()));
        }

        seen.Select(s => (s.Offset, s.Rows, s.Origin)).Should().Equal(
            (0L, 5, $"{path}, row group 0"), (5L, 20, $"{path}, row group 1"), (25L, 3, $"{path}, row group 2"));
        seen.SelectMany(s => s.Ids).Should().Equal(Enumerable.Range(0, 28));
    }

    [Fact]
    public async Task Strings_across_row_groups_of_growing_size_are_packed_correctly()
    {
        var field = new DataField<string>("s");
        string?[] Group(int start, int count) => [.. Enumerable.Range(start, count).Select(i => i % 5 == 0 ? null : new string((char)('a' + i % 26), i % 40))];
        var groups = new[] { Group(0, 3), Group(3, 100), Group(103, 9) };
        var path = await _files.WriteAsync("strings.parquet", new ParquetSchema(field), [.. groups.Select(g => (Func<global::Parquet.ParquetRowGroupWriter, Task>)(rg => rg.WriteAsync(field, g)))]);

        await using var source = await ParquetDataSource.OpenAsync(path);
        var all = new List<string?>();
        await foreach (var chunk in source.ReadAsync(["s"]))
        {
            var batch = (StringBatch)chunk["s"];
            all.AddRange(Enumerable.Range(0, batch.Length).Select(batch.GetString));
        }

        all.Should().Equal(groups.SelectMany(g => g));
    }

    [Fact]
    public async Task A_folder_is_read_file_by_file_in_name_order_with_global_offsets()
    {
        await _files.WriteIdsAsync("data/part-0002.parquet", 100, 4, 2);
        await _files.WriteIdsAsync("data/part-0001.parquet", 0, 3);
        await File.WriteAllTextAsync(_files.PathOf("data/_SUCCESS"), "");
        var folder = _files.PathOf("data");

        await using var source = await ParquetDataSource.OpenAsync(folder);
        source.Description.Should().Be(folder);
        source.RowCount.Should().Be(9);
        var seen = new List<(long, int, string?, int)>();
        await foreach (var chunk in source.ReadAsync(["id"]))
        {
            seen.Add((chunk.RowOffset, chunk.RowCount, chunk.Origin, ((PrimitiveBatch<int>)chunk["id"]).Values.Span[0]));
        }

        seen.Should().Equal(
            (0L, 3, $"{Path.Join(folder, "part-0001.parquet")}, row group 0", 0),
            (3L, 4, $"{Path.Join(folder, "part-0002.parquet")}, row group 0", 100),
            (7L, 2, $"{Path.Join(folder, "part-0002.parquet")}, row group 1", 104));
    }

    [Fact]
    public async Task Only_requested_columns_are_decoded()
    {
        var a = new DataField<int>("a");
        var b = new DataField<string>("b");
        var path = await _files.WriteAsync("two.parquet", new ParquetSchema(a, b), async rg =>
        {
            await rg.WriteAsync<int>(a, new[] { 1, 2 });
            await rg.WriteAsync(b, new[] { "x", "y" });
        });

        await using var source = await ParquetDataSource.OpenAsync(path);
        var chunk = await SingleChunkAsync(source, "a");
        chunk.TryGetColumn("a", out _).Should().BeTrue();
        chunk.TryGetColumn("b", out _).Should().BeFalse();

        var none = await SingleChunkAsync(source);
        none.RowCount.Should().Be(2);
        none.TryGetColumn("a", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Nested_columns_are_offered_as_lists_structs_and_their_fields()
    {
        var id = new DataField<int>("id");
        var list = new ListField("tags", new DataField<int>("item"));
        var nested = new StructField("point", new DataField<int>("x"));
        var schema = new ParquetSchema(id, list, nested);
        var fields = schema.GetDataFields();
        var path = await _files.WriteAsync("nested.parquet", schema, async rg =>
        {
            await rg.WriteAsync<int>(fields[0], new[] { 1, 2 });
            await rg.WriteAllPartsAsync<int>(fields[1], new[] { 10, 11, 12 }, new[] { 2, 2, 2 }, new[] { 0, 1, 0 }, default);
            await rg.WriteAllPartsAsync<int>(fields[2], new[] { 5, 6 }, new[] { 1, 1 }, null, default);
        });

        await using var source = await ParquetDataSource.OpenAsync(path);
        source.Columns.Select(c => (c.Name, c.Kind, c.Parent)).Should().Equal(
            ("id", DataKind.Integer, null), ("tags", DataKind.List, null), ("point", DataKind.Struct, null), ("point.x", DataKind.Integer, "point"));
        source.Columns[1].ElementKind.Should().Be(DataKind.Integer);
        var chunk = await SingleChunkAsync(source, "id", "tags", "point", "point.x");
        ShouldBe(chunk["id"], DataKind.Integer, new[] { 1, 2 });
        var tags = chunk["tags"].Should().BeOfType<ListBatch>().Subject;
        tags.Offsets.ToArray().Should().Equal(0, 2, 3);
        ShouldBe(tags.Values, DataKind.Integer, new[] { 10, 11, 12 });
        chunk["point"].Should().BeOfType<NestedBatch>().Which.NullCount.Should().Be(0);
        ShouldBe(chunk["point.x"], DataKind.Integer, new[] { 5, 6 });
    }

    [Fact]
    public async Task A_file_without_rows_gives_no_chunks()
    {
        var field = new DataField<double?>("x");
        var noGroups = await _files.WriteAsync("empty-a.parquet", new ParquetSchema(field));
        var emptyGroup = await _files.WriteAsync("empty-b.parquet", new ParquetSchema(field), rg => rg.WriteAsync<double>(field, Array.Empty<double?>()));

        foreach (var path in new[] { noGroups, emptyGroup })
        {
            await using var source = await ParquetDataSource.OpenAsync(path);
            source.RowCount.Should().Be(0);
            source.Columns.Should().ContainSingle().Which.Kind.Should().Be(DataKind.Float);
            var count = 0;
            await foreach (var _ in source.ReadAsync(["x"]))
            {
                count++;
            }

            count.Should().Be(0);
        }
    }

    [Fact]
    public async Task Missing_path_and_empty_folder_are_data_source_errors()
    {
        var missing = _files.PathOf("nope.parquet");
        (await FluentActions.Awaiting(() => ParquetDataSource.OpenAsync(missing)).Should().ThrowAsync<DataSourceException>())
            .Which.Message.Should().Contain(missing);

        Directory.CreateDirectory(_files.PathOf("empty"));
        (await FluentActions.Awaiting(() => ParquetDataSource.OpenAsync(_files.PathOf("empty"))).Should().ThrowAsync<DataSourceException>())
            .Which.Message.Should().Contain(_files.PathOf("empty")).And.Contain("no .parquet files");
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("text")]
    [InlineData("truncated")]
    [InlineData("head-only")]
    public async Task Unreadable_files_are_data_source_errors_naming_the_file(string damage)
    {
        var good = await _files.WriteIdsAsync("good.parquet", 0, 50);
        var bytes = await File.ReadAllBytesAsync(good);
        var path = _files.PathOf($"{damage}.parquet");
        await File.WriteAllBytesAsync(path, damage switch
        {
            "empty" => [],
            "text" => "id,name\n1,a\n2,b\n"u8.ToArray(),
            "truncated" => bytes[..(bytes.Length / 2)],
            _ => bytes[..4],
        });

        var error = await FluentActions.Awaiting(() => ParquetDataSource.OpenAsync(path)).Should().ThrowAsync<DataSourceException>();
        error.Which.Message.Should().Contain(path);
    }

    [Fact]
    public async Task Corrupt_column_data_is_a_data_source_error_naming_file_row_group_and_column()
    {
        var field = new DataField<string>("s");
        var path = await _files.WriteAsync("corrupt.parquet", new ParquetSchema(field),
            rg => rg.WriteAsync(field, Enumerable.Range(0, 200).Select(i => $"value number {i}").ToArray()));
        var bytes = await File.ReadAllBytesAsync(path);
        // Scramble the pages between the leading magic and the footer; the footer still parses.
        for (var i = 4; i < bytes.Length / 2; i++)
        {
            bytes[i] = (byte)(i * 31);
        }

        await File.WriteAllBytesAsync(path, bytes);
        await using var source = await ParquetDataSource.OpenAsync(path);
        var error = await FluentActions.Awaiting(async () =>
        {
            await foreach (var _ in source.ReadAsync(["s"]))
            {
            }
        }).Should().ThrowAsync<DataSourceException>();
        error.Which.Message.Should().Contain(path).And.Contain("row group 0").And.Contain("'s'");
    }

    [Fact]
    public async Task Requesting_a_column_the_file_lacks_is_a_data_source_error()
    {
        var path = await _files.WriteIdsAsync("ids.parquet", 0, 3);
        await using var source = await ParquetDataSource.OpenAsync(path);
        var error = await FluentActions.Awaiting(async () =>
        {
            await foreach (var _ in source.ReadAsync(["id", "amount"]))
            {
            }
        }).Should().ThrowAsync<DataSourceException>();
        error.Which.Message.Should().Contain(path).And.Contain("'amount'");
    }

    [Fact]
    public async Task Files_of_a_folder_with_different_columns_are_a_schema_mismatch()
    {
        await _files.WriteIdsAsync("mixed/a.parquet", 0, 3);
        var other = new DataField<int>("other");
        await _files.WriteAsync("mixed/b.parquet", new ParquetSchema(other), rg => rg.WriteAsync<int>(other, new[] { 1 }));

        var error = await FluentActions.Awaiting(() => ParquetDataSource.OpenAsync(_files.PathOf("mixed"))).Should().ThrowAsync<DataSourceException>();
        error.Which.Message.Should().Contain("a.parquet").And.Contain("b.parquet").And.Contain("'id'");
    }

    [Fact]
    public async Task Files_of_a_folder_with_different_column_types_are_a_schema_mismatch()
    {
        await _files.WriteIdsAsync("typed/a.parquet", 0, 3);
        var id = new DataField<double>("id");
        await _files.WriteAsync("typed/b.parquet", new ParquetSchema(id), rg => rg.WriteAsync<double>(id, new[] { 1.0 }));

        var error = await FluentActions.Awaiting(() => ParquetDataSource.OpenAsync(_files.PathOf("typed"))).Should().ThrowAsync<DataSourceException>();
        error.Which.Message.Should().Contain("a.parquet").And.Contain("b.parquet").And.Contain("'id'").And.Contain("INT32").And.Contain("DOUBLE");
    }

    [Fact]
    public async Task A_disposed_source_refuses_to_read()
    {
        var path = await _files.WriteIdsAsync("ids.parquet", 0, 3);
        var source = await ParquetDataSource.OpenAsync(path);
        await source.DisposeAsync();
        await FluentActions.Awaiting(async () =>
        {
            await foreach (var _ in source.ReadAsync(["id"]))
            {
            }
        }).Should().ThrowAsync<ObjectDisposedException>();
    }
}
