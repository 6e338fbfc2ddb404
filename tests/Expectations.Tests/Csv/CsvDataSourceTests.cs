using System.Text;

namespace Expectations.Tests.Csv;

public sealed class CsvDataSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string content, string name = "data.csv", bool bom = false)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    private static DataKind KindOf(CsvDataSource source, string column) => source.Columns.Single(c => c.Name == column).Kind;

    /// <summary>Reads every chunk, copying each requested column's values out (batches are only valid until the next chunk).</summary>
    private static async Task<(List<DataChunkSummary> Chunks, Dictionary<string, List<object?>> Values)> ReadAll(CsvDataSource source, params string[] columns)
    {
        var chunks = new List<DataChunkSummary>();
        var values = columns.ToDictionary(c => c, _ => new List<object?>());
        await foreach (var chunk in source.ReadAsync(columns))
        {
            chunks.Add(new DataChunkSummary(chunk.RowOffset, chunk.RowCount, chunk.Origin));
            foreach (var name in columns)
            {
                var batch = chunk[name];
                batch.Length.Should().Be(chunk.RowCount);
                for (var i = 0; i < batch.Length; i++)
                {
                    values[name].Add(ValueAt(batch, i));
                }
            }
        }

        return (chunks, values);
    }

    private static object? ValueAt(ColumnBatch batch, int i)
    {
        if (!batch.IsValid(i))
        {
            return null;
        }

        return batch switch
        {
            PrimitiveBatch<long> { Kind: DataKind.Timestamp } b => new DateTime(b.Values.Span[i]),
            PrimitiveBatch<long> b => b.Values.Span[i],
            PrimitiveBatch<double> b => b.Values.Span[i],
            PrimitiveBatch<bool> b => b.Values.Span[i],
            PrimitiveBatch<decimal> b => b.Values.Span[i],
            StringBatch b => b.GetString(i),
            _ => throw new InvalidOperationException(batch.GetType().Name),
        };
    }

    private sealed record DataChunkSummary(long RowOffset, int RowCount, string? Origin);

    [Fact]
    public async Task Infers_each_kind_with_nulls()
    {
        var path = Write("""
            i,f,b,t,s,empty
            1,1.5,true,2024-01-02,x,
            ,NA,,2024-01-02T03:04:05,,
            -3,inf,FALSE,2024-01-02T03:04:05.25Z,NA,NA
            4,-INF,True,,hello,null
            5,nan,false,2024-01-02 10:00:00,N/A,
            """);
        var source = CsvDataSource.Open(path);

        source.Columns.Select(c => (c.Name, c.Kind)).Should().Equal(
            ("i", DataKind.Integer), ("f", DataKind.Float), ("b", DataKind.Boolean),
            ("t", DataKind.String), ("s", DataKind.String), ("empty", DataKind.String));
        source.Separator.Should().Be(',');

        var (chunks, v) = await ReadAll(source, "i", "f", "b", "t", "s", "empty");
        chunks.Should().ContainSingle().Which.Should().Be(new DataChunkSummary(0, 5, "data.csv, lines 2–6"));
        v["i"].Should().Equal(new object?[] { 1L, null, -3L, 4L, 5L });
        v["f"][0].Should().Be(1.5);
        v["f"][1].Should().BeNull();
        v["f"][2].Should().Be(double.PositiveInfinity);
        v["f"][3].Should().Be(double.NegativeInfinity);
        ((double)v["f"][4]!).Should().Be(double.NaN, "NaN is a float value, not a null token");
        v["b"].Should().Equal(new object?[] { true, null, false, true, false });
        v["t"].Should().Equal(new object?[] { "2024-01-02", "2024-01-02T03:04:05", "2024-01-02T03:04:05.25Z", null, "2024-01-02 10:00:00" },
            "dates stay text, as pandas reads them without parse_dates");
        v["s"].Should().Equal(new object?[] { "x", null, null, "hello", null });
        v["empty"].Should().AllSatisfy(x => x.Should().BeNull());
    }

    [Fact]
    public async Task Integer_column_stays_exact_beyond_float_precision()
    {
        var path = Write("id,amount\n16777217,0.1\n9007199254740993,2\n-9223372036854775808,3\n");
        var source = CsvDataSource.Open(path);

        KindOf(source, "id").Should().Be(DataKind.Integer);
        source.Columns[0].PhysicalType.Should().Be("long");
        KindOf(source, "amount").Should().Be(DataKind.Float);
        var (_, v) = await ReadAll(source, "id");
        v["id"].Should().Equal(16777217L, 9007199254740993L, long.MinValue);
    }

    [Fact]
    public void Integer_too_large_for_long_is_a_string_not_a_rounded_float()
    {
        var path = Write("big\n1\n123456789012345678901234567890\n");
        KindOf(CsvDataSource.Open(path), "big").Should().Be(DataKind.String);
    }

    [Fact]
    public async Task Explicit_types_override_inference()
    {
        var path = Write("zip,score,flag\n01234,1,1\n98765,2,0\n");
        var source = CsvDataSource.Open(path, new CsvOptions
        {
            ColumnTypes = new Dictionary<string, DataKind> { ["zip"] = DataKind.String, ["score"] = DataKind.Float, ["flag"] = DataKind.Decimal },
        });

        source.Columns.Select(c => c.Kind).Should().Equal(DataKind.String, DataKind.Float, DataKind.Decimal);
        var (_, v) = await ReadAll(source, "zip", "score", "flag");
        v["zip"].Should().Equal("01234", "98765");
        v["score"].Should().Equal(1.0, 2.0);
        v["flag"].Should().Equal(1m, 0m);
    }

    [Fact]
    public void Explicit_type_for_unknown_column_is_an_error()
    {
        var path = Write("a\n1\n");
        var act = () => CsvDataSource.Open(path, new CsvOptions { ColumnTypes = new Dictionary<string, DataKind> { ["b"] = DataKind.String } });
        act.Should().Throw<DataSourceException>().WithMessage("*'b'*'a'*");
    }

    [Fact]
    public async Task Quoted_fields_hold_separators_quotes_and_newlines()
    {
        var path = Write("id,text,n\n1,\"a,b\",10\n2,\"line1\nline2\",20\n3,\"say \"\"hi\"\"\",30\n4,\"\",40\n");
        var source = CsvDataSource.Open(path);

        var (chunks, v) = await ReadAll(source, "text", "n");
        v["text"].Should().Equal(new object?[] { "a,b", "line1\nline2", "say \"hi\"", null });
        v["n"].Should().Equal(10L, 20L, 30L, 40L);
        chunks.Single().Origin.Should().Be("data.csv, lines 2–6", "the quoted newline makes row 2 span two lines");
    }

    [Fact]
    public async Task Non_ascii_strings_are_utf8()
    {
        var path = Write("name,city\nZoë,Zürich\n李雷,北京\n😀,\"Å,Ø\"\n", bom: true);
        var source = CsvDataSource.Open(path);

        source.Columns.Select(c => c.Name).Should().Equal("name", "city");
        var (_, v) = await ReadAll(source, "name", "city");
        v["name"].Should().Equal("Zoë", "李雷", "😀");
        v["city"].Should().Equal("Zürich", "北京", "Å,Ø");
        await foreach (var chunk in source.ReadAsync(["name"]))
        {
            ((StringBatch)chunk["name"]).GetBytes(2).ToArray().Should().Equal(Encoding.UTF8.GetBytes("😀"));
        }
    }

    [Fact]
    public async Task Small_chunks_carry_global_row_offsets_and_line_ranges()
    {
        var sb = new StringBuilder("n,s\n");
        for (var i = 0; i < 10; i++)
        {
            sb.Append(i).Append(",s").Append(i).Append('\n');
        }

        var source = CsvDataSource.Open(Write(sb.ToString()), new CsvOptions { ChunkRows = 3 });
        var (chunks, v) = await ReadAll(source, "n", "s");

        chunks.Should().Equal(
            new DataChunkSummary(0, 3, "data.csv, lines 2–4"),
            new DataChunkSummary(3, 3, "data.csv, lines 5–7"),
            new DataChunkSummary(6, 3, "data.csv, lines 8–10"),
            new DataChunkSummary(9, 1, "data.csv, lines 11–11"));
        v["n"].Should().Equal(Enumerable.Range(0, 10).Select(i => (object?)(long)i));
        v["s"].Should().Equal(Enumerable.Range(0, 10).Select(i => (object?)$"s{i}"));
    }

    [Fact]
    public async Task Value_past_the_inference_sample_that_does_not_parse_names_line_and_column()
    {
        var path = Write("id,qty\n1,5\n2,6\n3,7\n4,seven\n");
        var source = CsvDataSource.Open(path, new CsvOptions { InferenceRows = 3 });
        KindOf(source, "qty").Should().Be(DataKind.Integer);

        var act = async () => await ReadAll(source, "id", "qty");
        var error = await act.Should().ThrowAsync<DataSourceException>();
        error.Which.Message.Should().Contain("data.csv").And.Contain("line 5").And.Contain("column 'qty'")
            .And.Contain("\"seven\"").And.Contain("ColumnTypes");

        // Not reading the bad column reads fine: only requested columns are parsed.
        var (_, v) = await ReadAll(source, "id");
        v["id"].Should().HaveCount(4);
    }

    [Fact]
    public async Task Ragged_rows_are_an_error_naming_the_line()
    {
        var path = Write("a,b\n1,2\n3,4,5\n");
        var source = CsvDataSource.Open(path, new CsvOptions { InferenceRows = 1 });

        var act = async () => await ReadAll(source, "a");
        (await act.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("data.csv").And.Contain("line 3").And.Contain("3 fields");

        var inSample = () => CsvDataSource.Open(path);
        inSample.Should().Throw<DataSourceException>().WithMessage("*line 3*");
    }

    [Fact]
    public void Missing_file_is_an_error()
    {
        var act = () => CsvDataSource.Open(Path.Combine(_dir, "nope.csv"));
        act.Should().Throw<DataSourceException>().WithMessage("*nope.csv*does not exist*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void Empty_file_is_an_error(string content)
    {
        var act = () => CsvDataSource.Open(Write(content, "empty.csv"));
        act.Should().Throw<DataSourceException>().WithMessage("*empty.csv*empty*header*");
    }

    [Fact]
    public async Task Header_only_file_has_zero_rows()
    {
        var source = CsvDataSource.Open(Write("a,b\n"));
        source.Columns.Select(c => (c.Name, c.Kind)).Should().Equal(("a", DataKind.String), ("b", DataKind.String));

        var (chunks, v) = await ReadAll(source, "a", "b");
        chunks.Should().ContainSingle().Which.RowCount.Should().Be(0);
        v["a"].Should().BeEmpty();
    }

    [Fact]
    public async Task Chunks_hold_only_the_requested_columns()
    {
        var source = CsvDataSource.Open(Write("a,b,c\n1,x,2.5\n"));
        await foreach (var chunk in source.ReadAsync(["c"]))
        {
            chunk.TryGetColumn("c", out var c).Should().BeTrue();
            c.Should().BeOfType<PrimitiveBatch<double>>();
            chunk.TryGetColumn("a", out _).Should().BeFalse();
            chunk.TryGetColumn("b", out _).Should().BeFalse();
        }
    }

    [Fact]
    public async Task Unknown_requested_column_is_an_argument_error()
    {
        var source = CsvDataSource.Open(Write("a\n1\n"));
        var act = async () => await ReadAll(source, "zzz");
        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*zzz*");
    }

    [Fact]
    public void Duplicate_header_names_are_an_error()
    {
        var act = () => CsvDataSource.Open(Write("a,a\n1,2\n"));
        act.Should().Throw<DataSourceException>().WithMessage("*data.csv*");
    }

    [Theory]
    [InlineData("a;b\n1;2\n", ';')]
    [InlineData("a\tb\n1\t2\n", '\t')]
    [InlineData("a|b\n1|2\n", '|')]
    [InlineData("only\n1\n", ',')]
    public void Separator_is_detected_with_comma_fallback(string content, char expected)
    {
        CsvDataSource.Open(Write(content)).Separator.Should().Be(expected);
    }

    [Fact]
    public async Task Explicit_separator_and_custom_null_tokens()
    {
        var path = Write("a;b\n1,5;-\n;x\n");
        var source = CsvDataSource.Open(path, new CsvOptions { Separator = ';', NullTokens = ["-"] });

        KindOf(source, "a").Should().Be(DataKind.String, "1,5 is not an invariant number");
        var (_, v) = await ReadAll(source, "a", "b");
        // The empty field is a value (an empty string) when "" is not a null token.
        v["a"].Should().Equal(new object?[] { "1,5", "" });
        v["b"].Should().Equal(new object?[] { null, "x" });
    }

    [Fact]
    public void Mixed_values_fall_back_in_pandas_order()
    {
        var source = CsvDataSource.Open(Write("if,ib,fs,ts\n1,1,1.5,2024-01-01\n2.5,true,x,10:30\n"));
        source.Columns.Select(c => c.Kind).Should().Equal(DataKind.Float, DataKind.String, DataKind.String, DataKind.String);
    }

    [Fact]
    public async Task Blank_lines_are_skipped()
    {
        var source = CsvDataSource.Open(Write("a,b\n1,2\n\n3,4\n\n"));
        var (chunks, v) = await ReadAll(source, "a");
        v["a"].Should().Equal(1L, 3L);
        chunks.Single().Origin.Should().Be("data.csv, lines 2–4");
    }

    [Fact]
    public async Task Timestamps_with_zone_are_converted_to_utc()
    {
        var source = CsvDataSource.Open(Write("t\n2024-03-01T12:00:00+02:00\n2024-03-01T12:00\n"), Timestamps("t"));
        var (_, v) = await ReadAll(source, "t");
        v["t"].Should().Equal(new DateTime(2024, 3, 1, 10, 0, 0), new DateTime(2024, 3, 1, 12, 0, 0));
    }

    private static CsvOptions Timestamps(params string[] columns) =>
        new() { ColumnTypes = columns.ToDictionary(c => c, _ => DataKind.Timestamp) };

    [Fact]
    public async Task Iso_dates_stay_strings_as_pandas_reads_them_and_one_bad_date_changes_nothing()
    {
        var clean = CsvDataSource.Open(Write("d,ts\n2024-01-31,2024-01-31T10:00:00Z\n2024-02-29,2024-02-29 23:59:59\n", "clean.csv"));
        var dirty = CsvDataSource.Open(Write("d,ts\n2024-01-31,2024-01-31T10:00:00Z\n2024-02-30,not a time\n", "dirty.csv"));

        clean.Columns.Select(c => (c.Kind, c.PhysicalType)).Should().AllBeEquivalentTo((DataKind.String, "string"));
        dirty.Columns.Select(c => c.Kind).Should().Equal(clean.Columns.Select(c => c.Kind), "one bad date does not flip the column's type");
        var (_, v) = await ReadAll(clean, "d");
        v["d"].Should().Equal("2024-01-31", "2024-02-29");

        // The text checks GX users write for date strings work on both files: the bad date is the one unexpected value.
        var suite = SuiteJson.Parse("""
            {"name": "dates", "expectations": [
              {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "d", "regex": "^\\d{4}-\\d{2}-\\d{2}$"}},
              {"type": "expect_column_value_lengths_to_equal", "kwargs": {"column": "d", "value": 10}},
              {"type": "expect_column_values_to_match_strftime_format", "kwargs": {"column": "d", "strftime_format": "%Y-%m-%d"}}
            ]}
            """);
        var ok = await suite.ValidateAsync(clean);
        ok.Results.Should().AllSatisfy(r => r.ExceptionInfo.Should().BeNull());
        ok.Success.Should().BeTrue();

        var bad = await suite.ValidateAsync(dirty);
        bad.Results.Should().AllSatisfy(r => r.ExceptionInfo.Should().BeNull());
        bad.Results.Select(r => r.Success).Should().Equal(true, true, false);
        bad.Results[2].Result.PartialUnexpectedList!.Select(x => x.GetString()).Should().Equal("2024-02-30");
    }

    [Fact]
    public async Task Declared_timestamp_columns_parse_iso_dates_like_pandas_parse_dates()
    {
        var path = Write("d,n\n2024-01-31,1\n2024-02-29T12:30:00,2\n");
        var source = CsvDataSource.Open(path, Timestamps("d"));
        KindOf(source, "d").Should().Be(DataKind.Timestamp);
        KindOf(source, "n").Should().Be(DataKind.Integer, "the other columns are still inferred");
        var (_, v) = await ReadAll(source, "d");
        v["d"].Should().Equal(new DateTime(2024, 1, 31), new DateTime(2024, 2, 29, 12, 30, 0));

        var bad = CsvDataSource.Open(Write("d\n2024-01-31\n2024-02-30\n", "bad.csv"), Timestamps("d"));
        var act = async () => await ReadAll(bad, "d");
        (await act.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("line 3").And.Contain("\"2024-02-30\"").And.Contain("declared Timestamp");
    }

    [Theory]
    [InlineData("True", "False", DataKind.Boolean)]
    [InlineData("TRUE", "FALSE", DataKind.Boolean)]
    [InlineData("true", "false", DataKind.Boolean)]
    [InlineData("tRuE", "false", DataKind.String)]
    [InlineData("yes", "no", DataKind.String)]
    [InlineData("1", "0", DataKind.Integer)]
    [InlineData("true", "1", DataKind.String)]
    public void Booleans_are_inferred_from_the_spellings_pandas_accepts(string a, string b, DataKind expected) =>
        KindOf(CsvDataSource.Open(Write($"x\n{a}\n{b}\n")), "x").Should().Be(expected);

    [Fact]
    public async Task A_declared_boolean_column_reads_any_case()
    {
        var source = CsvDataSource.Open(Write("x\ntRuE\nFalse\n"), new CsvOptions { ColumnTypes = new Dictionary<string, DataKind> { ["x"] = DataKind.Boolean } });
        var (_, v) = await ReadAll(source, "x");
        v["x"].Should().Equal(true, false);
    }

    [Fact]
    public async Task Large_file_reads_across_many_default_chunks()
    {
        const int rows = 150_000;
        var sb = new StringBuilder("id,name\n");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(i).Append(",name").Append(i % 7 == 0 ? "" : "é").Append('\n');
        }

        var source = CsvDataSource.Open(Write(sb.ToString()));
        long sum = 0;
        var count = 0;
        var offsets = new List<long>();
        await foreach (var chunk in source.ReadAsync(["id", "name"]))
        {
            offsets.Add(chunk.RowOffset);
            var ids = ((PrimitiveBatch<long>)chunk["id"]).Values.Span;
            foreach (var id in ids)
            {
                sum += id;
            }

            var names = (StringBatch)chunk["name"];
            names.GetString(names.Length - 1).Should().StartWith("name");
            count += chunk.RowCount;
        }

        count.Should().Be(rows);
        sum.Should().Be((long)rows * (rows - 1) / 2);
        offsets.Should().Equal(0L, 65_536L, 131_072L);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        var path = Write("a\n1\n");
        ((Action)(() => CsvDataSource.Open(path, new CsvOptions { ChunkRows = 0 }))).Should().Throw<ArgumentException>();
        ((Action)(() => CsvDataSource.Open(path, new CsvOptions { InferenceRows = -1 }))).Should().Throw<ArgumentException>();
    }
}
