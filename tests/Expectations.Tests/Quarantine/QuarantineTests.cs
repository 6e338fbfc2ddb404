using Expectations.DataAnalysis;
using Expectations.Parquet;
using Expectations.Tests.Parquet;
using global::Parquet.Schema;
using Microsoft.Data.Analysis;

namespace Expectations.Tests.Quarantine;

public class QuarantineTests
{
    private static InMemoryTable People() => InMemoryTable.Builder("people")
        .Add("id", new long?[] { 1, 2, 3, 4, 5, 6 })
        .Add("age", new int?[] { 30, -1, null, 200, 40, 41 })
        .Add("email", new string?[] { "a@x.io", null, "c@x.io", "nope", "e@x.io", "e@x.io" })
        .Build();

    [Fact]
    public async Task Every_row_a_row_level_expectation_flags_is_invalid_with_the_expectations_it_failed()
    {
        var suite = Expect.Suite("people")
            .Column<int>("age", c => c.Between(0, 120).Mostly(0.5))          // passes thanks to mostly, still flags rows 1 and 3
            .Column<string>("email", c => c.NotNull().MatchesRegex("@").Unique())
            .Column<int>("age", c => c.MeanBetween(1000, 2000))              // aggregate: fails, flags no row
            .Column<int>("missing", c => c.NotNull())                        // raises: flags no row
            .Build();

        var verdict = await ValidationPlan.Compile(suite).FindInvalidRowsAsync(People());

        verdict.Report.Results[0].Success.Should().BeTrue();
        verdict.Report.Results[4].Success.Should().BeFalse();
        verdict.Report.Results[5].ExceptionInfo.Should().NotBeNull();
        var rows = verdict.InvalidRows;
        rows.Rows.ToArray().Should().Equal(1, 3, 4, 5);
        rows.Count.Should().Be(4);
        rows.Contains(0).Should().BeFalse();
        rows.Describe(1).Should().Be("expect_column_values_to_be_between(age); expect_column_values_to_not_be_null(email)");
        rows.Describe(3).Should().Be("expect_column_values_to_be_between(age); expect_column_values_to_match_regex(email)");
        rows.Describe(4).Should().Be("expect_column_values_to_be_unique(email)");
        rows.Describe(0).Should().BeEmpty();
        rows.RowLevelResults.Should().HaveCount(4);
    }

    [Fact]
    public async Task Expectations_asking_for_less_detail_are_run_complete_and_ids_keep_labels_apart()
    {
        var suite = Expect.Suite("people")
            .Column<int>("age", c => c.Between(0, 120).WithResultFormat(ResultFormatLevel.BooleanOnly).WithId("adult-range"))
            .Build();

        var verdict = await ValidationPlan.Compile(suite).FindInvalidRowsAsync(People(), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Basic) });

        verdict.InvalidRows.Rows.ToArray().Should().Equal(1, 3);
        verdict.InvalidRows.Describe(3).Should().Be("expect_column_values_to_be_between(age)#adult-range");
    }

    [Fact]
    public void A_report_without_index_lists_is_refused()
    {
        var suite = Expect.Suite("people").Column<int>("age", c => c.Between(0, 120)).Build();
        var report = ValidationPlan.Compile(suite).Validate(People());

        var act = () => InvalidRows.FromReport(report);

        act.Should().Throw<ArgumentException>().WithMessage("*COMPLETE*");
    }

    [Fact]
    public async Task Pair_and_compound_expectations_flag_rows_with_both_columns_in_the_label()
    {
        var table = InMemoryTable.Builder("pairs")
            .Add("a", new long?[] { 5, 1, 7, 7 })
            .Add("b", new long?[] { 1, 2, 3, 3 })
            .Build();
        var suite = Expect.Suite("pairs").Table(t => t.ColumnGreaterThan("a", "b").CompoundUnique(["a", "b"])).Build();

        var verdict = await ValidationPlan.Compile(suite).FindInvalidRowsAsync(table);

        verdict.InvalidRows.Rows.ToArray().Should().Equal(1, 2, 3);
        verdict.InvalidRows.Describe(1).Should().Be("expect_column_pair_values_a_to_be_greater_than_b(a, b)");
        verdict.InvalidRows.Describe(2).Should().Be("expect_compound_columns_to_be_unique(a, b)");
    }

    [Fact]
    public async Task Parquet_split_keeps_every_row_and_every_type_across_row_groups()
    {
        using var files = new ParquetTestFiles();
        var input = await WriteAllTypesAsync(files);
        var suite = Expect.Suite("types")
            .Column<double>("f64", c => c.Between(0, 100))
            .Column<string>("name", c => c.NotNull())
            .Column<int>("i32", c => c.NotInSet(13))
            .RowCount(min: 1_000_000) // fails, flags nothing
            .Build();

        var result = await ValidationPlan.Compile(suite).QuarantineAsync(input, files.PathOf("good.parquet"), files.PathOf("bad.parquet"));

        result.Report.Success.Should().BeFalse();
        await using var original = await ParquetDataSource.OpenAsync(input);
        await using var good = await ParquetDataSource.OpenAsync(files.PathOf("good.parquet"));
        await using var bad = await ParquetDataSource.OpenAsync(files.PathOf("bad.parquet"));

        var inputRows = await RowsAsync(original);
        var invalid = result.InvalidRows;
        invalid.Count.Should().BeGreaterThan(0).And.BeLessThan(inputRows.Count);
        result.ValidRowCount.Should().Be(inputRows.Count - invalid.Count);
        result.InvalidRowCount.Should().Be(invalid.Count);

        // Same columns with the same Parquet types (widths, DECIMAL(10,2), DATE, TIMESTAMP units, UTF8).
        good.Columns.Should().Equal(original.Columns);
        bad.Columns.Take(original.Columns.Count).Should().Equal(original.Columns);
        bad.Columns[^1].Should().Be(new ColumnInfo(InvalidRows.FailedExpectationsColumn, DataKind.String, "BYTE_ARRAY (UTF8)"));

        var expectedGood = inputRows.Where((_, i) => !invalid.Contains(i)).ToList();
        var expectedBad = inputRows.Where((_, i) => invalid.Contains(i)).ToList();
        (await RowsAsync(good)).Should().Equal(expectedGood);
        var badRows = await RowsAsync(bad, original.Columns.Count);
        badRows.Should().Equal(expectedBad);
        var labels = await ColumnAsync(bad, InvalidRows.FailedExpectationsColumn);
        labels.Should().Equal(invalid.Rows.ToArray().Select(r => "\"" + invalid.Describe(r) + "\""));
        labels.Should().Contain("\"expect_column_values_to_not_be_null(name)\"").And.Contain(l => l.Contains("f64"));
    }

    [Fact]
    public async Task Parquet_split_of_clean_data_writes_an_empty_quarantine_file_with_the_schema()
    {
        using var files = new ParquetTestFiles();
        var input = await files.WriteIdsAsync("ids.parquet", 0, 10, 5);
        var suite = Expect.Suite("ids").Column<int>("id", c => c.Between(0, 100)).Build();

        var result = await ValidationPlan.Compile(suite).QuarantineAsync(input, files.PathOf("good.parquet"), files.PathOf("bad.parquet"));

        result.ValidRowCount.Should().Be(15);
        result.InvalidRowCount.Should().Be(0);
        await using var bad = await ParquetDataSource.OpenAsync(files.PathOf("bad.parquet"));
        bad.RowCount.Should().Be(0);
        bad.Columns.Select(c => c.Name).Should().Equal("id", InvalidRows.FailedExpectationsColumn);
        Directory.EnumerateFiles(files.Folder, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task Parquet_split_refuses_columns_it_would_lose()
    {
        using var files = new ParquetTestFiles();
        var id = new DataField<int>("id");
        var tags = new DataField<int[]>("tags");
        var input = await files.WriteAsync("nested.parquet", new ParquetSchema(id, tags), async rg =>
        {
            await rg.WriteAsync<int>(id, new[] { 1 }.AsMemory());
            await rg.WriteAsync<int>(tags, new int[] { 7, 8 }.AsMemory(), new int[] { 0, 1 }.AsMemory());
        });
        var suite = Expect.Suite("ids").Column<int>("id", c => c.NotNull()).Build();

        var act = () => ValidationPlan.Compile(suite).QuarantineAsync(input, files.PathOf("good.parquet"), files.PathOf("bad.parquet"));

        (await act.Should().ThrowAsync<DataSourceException>()).WithMessage("*tags*");
        File.Exists(files.PathOf("good.parquet")).Should().BeFalse();
    }

    [Fact]
    public async Task Any_source_splits_into_parquet_with_nulls_kept()
    {
        using var files = new ParquetTestFiles();
        var suite = Expect.Suite("people").Column<int>("age", c => c.Between(0, 120)).Build();

        var result = await ValidationPlan.Compile(suite).QuarantineAsync(People(), files.PathOf("good.parquet"), files.PathOf("bad.parquet"));

        result.ValidRowCount.Should().Be(4);
        await using var good = await ParquetDataSource.OpenAsync(files.PathOf("good.parquet"));
        await using var bad = await ParquetDataSource.OpenAsync(files.PathOf("bad.parquet"));
        var all = await RowsAsync(People());
        (await RowsAsync(good)).Should().Equal(all[0], all[2], all[4], all[5]);
        (await RowsAsync(bad, 3)).Should().Equal(all[1], all[3]);
    }

    [Fact]
    public void DataFrame_split_keeps_columns_types_nulls_and_order()
    {
        var frame = new DataFrame(
            new Int64DataFrameColumn("id", new long?[] { 1, 2, 3, 4, 5 }),
            new DoubleDataFrameColumn("amount", new double?[] { 10, -5, null, 20_000, 7 }),
            new StringDataFrameColumn("label", ["a", "b", null, "zzz", "a"]),
            new PrimitiveDataFrameColumn<DateTime>("at", new DateTime?[] { new(2024, 1, 1), null, new(2024, 1, 3), new(2024, 1, 4), new(2024, 1, 5) }));
        var suite = Expect.Suite("tx")
            .Column<double>("amount", c => c.Between(0, 10_000))
            .Column<string>("label", c => c.InSet("a", "b"))
            .Build();

        var split = frame.Quarantine(suite);

        split.Valid.Rows.Count.Should().Be(3);
        split.Invalid.Rows.Count.Should().Be(2);
        split.Valid.Columns.Select(c => c.DataType).Should().Equal(frame.Columns.Select(c => c.DataType));
        split.Valid["id"].Cast<long?>().Should().Equal(1L, 3L, 5L);
        split.Valid["amount"].Cast<double?>().Should().Equal(10.0, null, 7.0);
        split.Valid["label"].Cast<string?>().Should().Equal("a", null, "a");
        split.Invalid["id"].Cast<long?>().Should().Equal(2L, 4L);
        split.Invalid["at"].Cast<DateTime?>().Should().Equal(null, new DateTime(2024, 1, 4));
        split.Invalid[InvalidRows.FailedExpectationsColumn].Cast<string>().Should().Equal(
            "expect_column_values_to_be_between(amount)",
            "expect_column_values_to_be_between(amount); expect_column_values_to_be_in_set(label)");
    }

    /// <summary>A file with every kind the Parquet source offers, nullable and required, in three row groups.</summary>
    private static Task<string> WriteAllTypesAsync(ParquetTestFiles files)
    {
        var fields = new DataField[]
        {
            new DataField<bool?>("flag"), new DataField<sbyte>("i8"), new DataField<byte?>("u8"), new DataField<short>("i16"),
            new DataField<ushort?>("u16"), new DataField<int>("i32"), new DataField<uint?>("u32"), new DataField<long?>("i64"),
            new DataField<ulong>("u64"), new DataField<float?>("f32"), new DataField<double?>("f64"),
            new DecimalDataField("dec", 10, 2, isNullable: true), new DataField<string>("name"),
            new DataField("code", typeof(string), isNullable: false),
            new DateTimeDataField("at", DateTimeFormat.Timestamp, unit: DateTimeTimeUnit.Micros, isNullable: true),
            new DateTimeDataField("day", DateTimeFormat.Date, isNullable: false),
            new DateTimeDataField("legacy", DateTimeFormat.Impala, isNullable: true),
        };
        var groups = new[] { (0, 40), (40, 1), (41, 25) }.Select(g => (Func<global::Parquet.ParquetRowGroupWriter, Task>)(rg => WriteGroupAsync(rg, fields, g.Item1, g.Item2))).ToArray();
        return files.WriteAsync("types.parquet", new ParquetSchema(fields), groups);
    }

    private static async Task WriteGroupAsync(global::Parquet.ParquetRowGroupWriter rg, DataField[] f, int start, int n)
    {
        var r = Enumerable.Range(start, n).ToArray();
        bool Null(int i, int k) => i % k == 0;
        await rg.WriteAsync<bool>(f[0], r.Select(i => Null(i, 5) ? (bool?)null : i % 2 == 0).ToArray().AsMemory());
        await rg.WriteAsync<sbyte>(f[1], r.Select(i => (sbyte)(i - 60)).ToArray().AsMemory());
        await rg.WriteAsync<byte>(f[2], r.Select(i => Null(i, 7) ? (byte?)null : (byte)(i * 3)).ToArray().AsMemory());
        await rg.WriteAsync<short>(f[3], r.Select(i => (short)(i * -300)).ToArray().AsMemory());
        await rg.WriteAsync<ushort>(f[4], r.Select(i => Null(i, 4) ? (ushort?)null : (ushort)(i * 900)).ToArray().AsMemory());
        await rg.WriteAsync<int>(f[5], r.Select(i => i % 20).ToArray().AsMemory());
        await rg.WriteAsync<uint>(f[6], r.Select(i => Null(i, 3) ? (uint?)null : uint.MaxValue - (uint)i).ToArray().AsMemory());
        await rg.WriteAsync<long>(f[7], r.Select(i => Null(i, 6) ? (long?)null : long.MinValue + i).ToArray().AsMemory());
        await rg.WriteAsync<ulong>(f[8], r.Select(i => ulong.MaxValue - (ulong)i).ToArray().AsMemory());
        await rg.WriteAsync<float>(f[9], r.Select(i => Null(i, 8) ? (float?)null : i == 9 ? float.NaN : i / 3f).ToArray().AsMemory());
        await rg.WriteAsync<double>(f[10], r.Select(i => Null(i, 11) ? (double?)null : i % 9 == 0 ? -i : i * 1.5).ToArray().AsMemory());
        await rg.WriteAsync<decimal>(f[11], r.Select(i => Null(i, 10) ? (decimal?)null : i * 1.25m - 3).ToArray().AsMemory());
        await rg.WriteAsync(f[12], r.Select(i => Null(i, 17) ? null : $"naïve-{i}-€").ToArray());
        await rg.WriteAsync<ReadOnlyMemory<char>>(f[13], r.Select(i => (i % 3 == 0 ? "" : $"c{i}").AsMemory()).ToArray().AsMemory());
        await rg.WriteAsync<DateTime>(f[14], r.Select(i => Null(i, 9) ? (DateTime?)null : new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(i * 10_007L * 10)).ToArray().AsMemory());
        await rg.WriteAsync<DateTime>(f[15], r.Select(i => new DateTime(2000, 1, 1).AddDays(i * 37)).ToArray().AsMemory());
        await rg.WriteAsync<DateTime>(f[16], r.Select(i => Null(i, 13) ? (DateTime?)null : new DateTime(1999, 12, 31, 1, 2, 3, DateTimeKind.Utc).AddTicks(i * 1_234_567L)).ToArray().AsMemory());
    }

    /// <summary>Every row of <paramref name="source"/> as one line of JSON values, for its first <paramref name="columns"/> columns.</summary>
    internal static async Task<List<string>> RowsAsync(IDataSource source, int? columns = null)
    {
        var names = source.Columns.Take(columns ?? source.Columns.Count).Select(c => c.Name).ToArray();
        var rows = new List<string>();
        await foreach (var chunk in source.ReadAsync(names))
        {
            for (var row = 0; row < chunk.RowCount; row++)
            {
                rows.Add(string.Join(" | ", names.Select(n => chunk[n].GetJsonValue(row).GetRawText())));
            }
        }

        return rows;
    }

    private static async Task<List<string>> ColumnAsync(IDataSource source, string column)
    {
        var values = new List<string>();
        await foreach (var chunk in source.ReadAsync([column]))
        {
            for (var row = 0; row < chunk.RowCount; row++)
            {
                values.Add(chunk[column].GetJsonValue(row).GetRawText());
            }
        }

        return values;
    }
}
