using System.Runtime.CompilerServices;
using System.Text.Json;
using Expectations.Engine;
using Expectations.Engine.ColumnMap;

namespace Expectations.Tests.Reporting;

/// <summary>
/// The result_format options beyond the level (GX 1.x): unexpected_index_column_names, include_unexpected_rows,
/// exclude_unexpected_values, partial_unexpected_count, partial_unexpected_counts, at each level, in results and in
/// report JSON.
/// </summary>
public class ResultFormatTests
{
    // id 100..107; x has 3 values outside [0, 10] at rows 1, 4, 6 and a null at row 3.
    private static readonly InMemoryTable Orders = InMemoryTable.Builder()
        .Add("id", [100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L])
        .Add("x", [1L, 11L, 2L, null, 12L, 3L, 13L, 4L])
        .Add("note", ["a", "b", "c", "d", "e", "f", "g", "h"])
        .Build();

    private static readonly ColumnValuesToBeBetween Between = new() { Column = "x", Bounds = new(0, 10) };

    private static ResultFormat Format(ResultFormatLevel level) => ResultFormat.Of(level);

    private static ResultFormat Keys(ResultFormatLevel level, params string[] keys) =>
        ResultFormat.Of(level) with { UnexpectedIndexColumnNames = ValueList.From(keys) };

    private static ValidationReport Validate(Expectation expectation, IDataSource data, ResultFormat format) =>
        ValidationPlan.Compile(new ExpectationSuite("test", [expectation])).Validate(data, new ValidationOptions { ResultFormat = format });

    private static ExpectationResult Run(Expectation expectation, IDataSource data, ResultFormat format) =>
        Validate(expectation, data, format).Results[0];

    /// <summary>The "result" object of the first result in the report JSON.</summary>
    private static JsonElement ResultJson(Expectation expectation, IDataSource data, ResultFormat format)
    {
        using var doc = JsonDocument.Parse(ReportJson.Serialize(Validate(expectation, data, format)));
        return doc.RootElement.GetProperty("results")[0].GetProperty("result").Clone();
    }

    private static string[] Raw(IEnumerable<JsonElement>? values) => values!.Select(v => v.GetRawText()).ToArray();

    private static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    // ---- unexpected_index_column_names ----

    [Fact]
    public void Index_column_names_turn_index_lists_into_objects_of_the_column_and_the_keys_at_complete()
    {
        var r = Run(Between, Orders, Keys(ResultFormatLevel.Complete, "id"));
        r.Result.UnexpectedIndexColumnNames.Should().Equal("id");
        r.Result.UnexpectedIndexList.Should().Equal(1L, 4L, 6L); // row numbers stay available to .NET callers
        Raw(r.Result.UnexpectedIndexKeys).Should().Equal("{\"x\":11,\"id\":101}", "{\"x\":12,\"id\":104}", "{\"x\":13,\"id\":106}");
        Raw(r.Result.PartialUnexpectedIndexKeys).Should().Equal(Raw(r.Result.UnexpectedIndexKeys));

        var json = ResultJson(Between, Orders, Keys(ResultFormatLevel.Complete, "id"));
        json.GetProperty("unexpected_index_column_names").EnumerateArray().Select(e => e.GetString()).Should().Equal("id");
        json.GetProperty("unexpected_index_list")[2].GetProperty("id").GetInt64().Should().Be(106);
        json.GetProperty("unexpected_index_list")[2].GetProperty("x").GetInt64().Should().Be(13);
        json.GetProperty("partial_unexpected_index_list")[0].GetProperty("id").GetInt64().Should().Be(101);
    }

    [Fact]
    public void Index_column_names_at_summary_give_partial_key_objects_capped_by_partial_unexpected_count()
    {
        var format = Keys(ResultFormatLevel.Summary, "id", "note") with { PartialUnexpectedCount = 2 };
        var r = Run(Between, Orders, format);
        Raw(r.Result.PartialUnexpectedIndexKeys).Should().Equal("{\"x\":11,\"id\":101,\"note\":\"b\"}", "{\"x\":12,\"id\":104,\"note\":\"e\"}");
        r.Result.UnexpectedIndexKeys.Should().BeNull();
        Names(ResultJson(Between, Orders, format)).Should().NotContain("unexpected_index_list");
    }

    [Fact]
    public void Index_column_names_at_basic_name_the_keys_but_list_no_indices_and_at_boolean_only_nothing()
    {
        var basic = Run(Between, Orders, Keys(ResultFormatLevel.Basic, "id"));
        basic.Result.UnexpectedIndexColumnNames.Should().Equal("id");
        basic.Result.PartialUnexpectedIndexKeys.Should().BeNull();
        basic.Result.PartialUnexpectedIndexList.Should().BeNull();
        Names(ResultJson(Between, Orders, Keys(ResultFormatLevel.Basic, "id"))).Should().Contain("unexpected_index_column_names")
            .And.NotContain(["partial_unexpected_index_list", "unexpected_index_list"]);

        var boolean = Run(Between, Orders, Keys(ResultFormatLevel.BooleanOnly, "id"));
        boolean.Success.Should().BeFalse();
        boolean.Result.Should().Be(ResultDetails.Empty);
    }

    [Fact]
    public void A_key_column_that_is_not_in_the_data_is_the_expectations_error_naming_it()
    {
        var r = Run(Between, Orders, Keys(ResultFormatLevel.Summary, "idd"));
        r.Success.Should().BeFalse();
        r.ExceptionInfo!.ExceptionMessage.Should().Contain("'idd'").And.Contain("'id'");
    }

    [Fact]
    public void Key_values_follow_rows_across_chunks_and_row_conditions()
    {
        var data = new Concatenated(
            InMemoryTable.Builder().Add("id", [1L, 2L, 3L]).Add("x", [50L, 1L, 60L]).Build(),
            InMemoryTable.Builder().Add("id", [4L, 5L]).Add("x", [2L, 70L]).Build());
        var r = Run(Between, data, Keys(ResultFormatLevel.Complete, "id"));
        r.Result.UnexpectedIndexList.Should().Equal(0, 2, 4);
        Raw(r.Result.UnexpectedIndexKeys).Should().Equal("{\"x\":50,\"id\":1}", "{\"x\":60,\"id\":3}", "{\"x\":70,\"id\":5}");

        var conditional = Between with { RowCondition = "id > 2", ConditionParser = "great_expectations" };
        var c = Run(conditional, data, Keys(ResultFormatLevel.Complete, "id"));
        c.Result.UnexpectedIndexList.Should().Equal(2, 4);
        Raw(c.Result.UnexpectedIndexKeys).Should().Equal("{\"x\":60,\"id\":3}", "{\"x\":70,\"id\":5}");
    }

    [Fact]
    public void Sample_rows_stay_aligned_with_their_samples_when_states_merge()
    {
        var metric = new RowCheckMetric("x", new AboveTen(), 3, ["id"]);
        var context = new MetricContext(Orders.Columns.ToDictionary(c => c.Name));
        var first = metric.CreateAccumulator(context);
        var second = metric.CreateAccumulator(context);
        first.Add(Chunk(0, [1L, 11L], [10L, 20L]));
        second.Add(Chunk(2, [12L, 13L, 14L], [30L, 40L, 50L]));
        first.Merge(second);
        var r = (ColumnMapCounts)first.Finish();
        r.SampleIndices.Should().Equal(1, 2, 3);
        Raw(r.SampleRows).Should().Equal("{\"id\":20}", "{\"id\":30}", "{\"id\":40}");
        r.UnexpectedCount.Should().Be(4);
    }

    [Fact]
    public void Pair_and_multicolumn_expectations_get_the_options_through_the_shared_map_result()
    {
        var data = InMemoryTable.Builder().Add("a", [1L, 5L, 2L, 7L]).Add("b", [2L, 1L, 3L, 1L]).Build();
        var pair = new ColumnPairValuesAToBeGreaterThanB { ColumnA = "a", ColumnB = "b" };
        var excluded = Run(pair, data, Format(ResultFormatLevel.Complete) with { ExcludeUnexpectedValues = true });
        excluded.Result.UnexpectedIndexList.Should().Equal(0, 2);
        excluded.Result.UnexpectedList.Should().BeNull();
        excluded.Result.PartialUnexpectedList.Should().BeNull();

        var dup = InMemoryTable.Builder().Add("a", [1L, 1L, 2L, 1L]).Add("b", [2L, 2L, 3L, 2L]).Build();
        var compound = Run(new CompoundColumnsToBeUnique { ColumnList = ["a", "b"] }, dup, Format(ResultFormatLevel.Complete));
        compound.Result.PartialUnexpectedCounts.Should().ContainSingle();
        compound.Result.PartialUnexpectedCounts![0].Value.GetRawText().Should().Be("[1,2]", "GX counts a combination as the tuple of its values");
        compound.Result.PartialUnexpectedCounts![0].Count.Should().Be(3);
    }

    // ---- exclude_unexpected_values ----

    [Theory]
    [InlineData(ResultFormatLevel.Basic)]
    [InlineData(ResultFormatLevel.Summary)]
    [InlineData(ResultFormatLevel.Complete)]
    public void Exclude_unexpected_values_drops_the_values_and_keeps_counts_and_indices(ResultFormatLevel level)
    {
        var format = Format(level) with { ExcludeUnexpectedValues = true };
        var r = Run(Between, Orders, format);
        r.Result.UnexpectedCount.Should().Be(3);
        r.Result.PartialUnexpectedList.Should().BeNull();
        r.Result.PartialUnexpectedCounts.Should().BeNull();
        r.Result.UnexpectedList.Should().BeNull();
        var names = Names(ResultJson(Between, Orders, format));
        names.Should().NotContain(["partial_unexpected_list", "partial_unexpected_counts", "unexpected_list"]).And.Contain("unexpected_count");
        if (level >= ResultFormatLevel.Summary)
        {
            r.Result.PartialUnexpectedIndexList.Should().Equal(1, 4, 6);
            names.Should().Contain("partial_unexpected_index_list");
        }

        if (level == ResultFormatLevel.Complete)
        {
            r.Result.UnexpectedIndexList.Should().Equal(1, 4, 6);
        }
    }

    [Fact]
    public void Exclude_unexpected_values_with_index_columns_keeps_only_the_keys()
    {
        var format = Keys(ResultFormatLevel.Complete, "id") with { ExcludeUnexpectedValues = true };
        Raw(Run(Between, Orders, format).Result.UnexpectedIndexKeys).Should().Equal("{\"id\":101}", "{\"id\":104}", "{\"id\":106}");
    }

    // ---- include_unexpected_rows ----

    [Theory]
    [InlineData(ResultFormatLevel.Basic)]
    [InlineData(ResultFormatLevel.Summary)]
    [InlineData(ResultFormatLevel.Complete)]
    public void Include_unexpected_rows_gives_whole_rows_capped_by_partial_unexpected_count(ResultFormatLevel level)
    {
        var format = Format(level) with { IncludeUnexpectedRows = true, PartialUnexpectedCount = 2 };
        var r = Run(Between, Orders, format);
        Raw(r.Result.UnexpectedRows).Should().Equal("{\"id\":101,\"x\":11,\"note\":\"b\"}", "{\"id\":104,\"x\":12,\"note\":\"e\"}");
        var rows = ResultJson(Between, Orders, format).GetProperty("unexpected_rows");
        rows.GetArrayLength().Should().Be(2);
        rows[1].GetProperty("note").GetString().Should().Be("e");
    }

    [Fact]
    public void Include_unexpected_rows_is_off_by_default_and_at_boolean_only()
    {
        Run(Between, Orders, Format(ResultFormatLevel.Complete)).Result.UnexpectedRows.Should().BeNull();
        Names(ResultJson(Between, Orders, Format(ResultFormatLevel.Complete))).Should().NotContain("unexpected_rows");
        Run(Between, Orders, Format(ResultFormatLevel.BooleanOnly) with { IncludeUnexpectedRows = true }).Result.UnexpectedRows.Should().BeNull();
    }

    [Fact]
    public void Include_unexpected_rows_and_index_columns_combine()
    {
        var format = Keys(ResultFormatLevel.Summary, "id") with { IncludeUnexpectedRows = true };
        var r = Run(Between, Orders, format);
        r.Result.UnexpectedRows.Should().HaveCount(3);
        Raw(r.Result.PartialUnexpectedIndexKeys).Should().Equal("{\"x\":11,\"id\":101}", "{\"x\":12,\"id\":104}", "{\"x\":13,\"id\":106}");
    }

    // ---- partial_unexpected_count and partial_unexpected_counts ----

    [Fact]
    public void Partial_unexpected_counts_sort_ties_by_value_as_python_does_numbers_numerically()
    {
        var data = InMemoryTable.Builder().Add("x", [100L, 20L, 9L, 20L, 11L]).Build();
        var r = Run(Between, data, Format(ResultFormatLevel.Summary));
        r.Result.PartialUnexpectedCounts!.Select(c => (c.Value.GetInt64(), c.Count)).Should().Equal((20L, 2L), (11L, 1L), (100L, 1L));
    }

    [Fact]
    public void Partial_unexpected_counts_sort_strings_by_code_point()
    {
        var data = InMemoryTable.Builder().Add("s", ["é", "z", "B", "a", "\U0001F600", "\uFF5E"]).Build();
        var r = Run(new ColumnValuesToBeInSet { Column = "s", ValueSet = ValueList.From<Scalar>(["none"]) }, data, Format(ResultFormatLevel.Summary));
        r.Result.PartialUnexpectedCounts!.Select(c => c.Value.GetString()).Should().Equal("B", "a", "z", "é", "\uFF5E", "\U0001F600");
    }

    [Fact]
    public void Summary_counts_the_partial_list_complete_counts_every_value_and_keeps_the_most_common()
    {
        var data = InMemoryTable.Builder().Add("s", ["a", "b", "c", "c", "c", "b"]).Build();
        var inSet = new ColumnValuesToBeInSet { Column = "s", ValueSet = ValueList.From<Scalar>(["ok"]) };

        var summary = Run(inSet, data, Format(ResultFormatLevel.Summary) with { PartialUnexpectedCount = 2 });
        summary.Result.PartialUnexpectedCounts!.Select(c => (c.Value.GetString(), c.Count)).Should().Equal(("a", 1L), ("b", 1L));

        var complete = Run(inSet, data, Format(ResultFormatLevel.Complete) with { PartialUnexpectedCount = 2 });
        complete.Result.PartialUnexpectedCounts!.Select(c => (c.Value.GetString(), c.Count)).Should().Equal(("c", 3L), ("b", 2L));
        complete.Result.PartialUnexpectedList.Should().HaveCount(2);
        complete.Result.UnexpectedList.Should().HaveCount(6);
    }

    [Fact]
    public void Basic_has_no_counts_and_a_zero_partial_count_suppresses_counts_and_the_partial_index_list()
    {
        Run(Between, Orders, Format(ResultFormatLevel.Basic)).Result.PartialUnexpectedCounts.Should().BeNull();

        var zero = Format(ResultFormatLevel.Complete) with { PartialUnexpectedCount = 0 };
        var r = Run(Between, Orders, zero);
        r.Result.PartialUnexpectedList.Should().BeEmpty();
        r.Result.PartialUnexpectedCounts.Should().BeNull();
        r.Result.PartialUnexpectedIndexList.Should().BeNull();
        r.Result.UnexpectedIndexList.Should().Equal(1, 4, 6);
        Names(ResultJson(Between, Orders, zero)).Should().NotContain(["partial_unexpected_counts", "partial_unexpected_index_list"]);
    }

    [Fact]
    public void An_expectations_own_result_format_object_applies_end_to_end()
    {
        var json = """
            {"type": "expect_column_values_to_be_between",
             "kwargs": {"column": "x", "min_value": 0, "max_value": 10,
                        "result_format": {"result_format": "SUMMARY", "partial_unexpected_count": 1, "unexpected_index_column_names": ["id"]}}}
            """;
        using var doc = JsonDocument.Parse(json);
        var expectation = SuiteJson.ParseExpectation(doc.RootElement);
        var r = Run(expectation, Orders, Format(ResultFormatLevel.BooleanOnly));
        r.Result.PartialUnexpectedList.Should().HaveCount(1);
        Raw(r.Result.PartialUnexpectedIndexKeys).Should().Equal("{\"x\":11,\"id\":101}");
    }

    // ---- JSON of the result_format object ----

    private static Expectation ParseWith(string resultFormat)
    {
        using var doc = JsonDocument.Parse("""{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x", "result_format": """ + resultFormat + "}}");
        return SuiteJson.ParseExpectation(doc.RootElement);
    }

    [Fact]
    public void The_object_form_reads_every_option()
    {
        var e = ParseWith("""
            {"result_format": "complete", "partial_unexpected_count": 5, "unexpected_index_column_names": ["id", "day"],
             "include_unexpected_rows": true, "exclude_unexpected_values": true, "return_unexpected_index_query": false}
            """);
        e.ResultFormat.Should().Be(new ResultFormat
        {
            Level = ResultFormatLevel.Complete,
            PartialUnexpectedCount = 5,
            UnexpectedIndexColumnNames = ValueList.From(new[] { "id", "day" }),
            IncludeUnexpectedRows = true,
            ExcludeUnexpectedValues = true,
            ReturnUnexpectedIndexQuery = false,
        });
        ParseWith("""{"result_format": "BASIC", "unexpected_index_column_names": "id"}""").ResultFormat!.UnexpectedIndexColumnNames.Should().Equal("id");
    }

    public static TheoryData<ResultFormat> Formats => new()
    {
        ResultFormat.Default,
        Format(ResultFormatLevel.BooleanOnly),
        Format(ResultFormatLevel.Basic) with { PartialUnexpectedCount = 3 },
        Keys(ResultFormatLevel.Summary, "id"),
        Keys(ResultFormatLevel.Complete, "id", "day") with { ExcludeUnexpectedValues = true },
        Format(ResultFormatLevel.Summary) with { IncludeUnexpectedRows = true },
        Format(ResultFormatLevel.Complete) with { ReturnUnexpectedIndexQuery = false },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Result_formats_round_trip_through_suite_json(ResultFormat format)
    {
        var suite = new ExpectationSuite("s", [new ColumnValuesToNotBeNull { Column = "x", ResultFormat = format }]);
        var json = SuiteJson.Serialize(suite);
        SuiteJson.Parse(json).Should().Be(suite, "the suite was written as {0}", json);
    }

    [Fact]
    public void A_format_with_default_options_is_written_as_its_level_name()
    {
        SuiteJson.Serialize(new ExpectationSuite("s", [new ColumnValuesToNotBeNull { Column = "x", ResultFormat = Format(ResultFormatLevel.Basic) }]))
            .Should().Contain("\"result_format\": \"BASIC\"");
    }

    [Fact]
    public void Formats_differing_only_in_index_columns_are_not_equal()
    {
        Keys(ResultFormatLevel.Summary, "id").Should().Be(Keys(ResultFormatLevel.Summary, "id"));
        Keys(ResultFormatLevel.Summary, "id").GetHashCode().Should().Be(Keys(ResultFormatLevel.Summary, "id").GetHashCode());
        Keys(ResultFormatLevel.Summary, "id").Should().NotBe(Keys(ResultFormatLevel.Summary, "key"));
        Keys(ResultFormatLevel.Summary, "id").Should().NotBe(ResultFormat.Default);
    }

    [Theory]
    [InlineData("""{"result_format": "SUMMARY", "partial_unexpected_cont": 3}""", "did you mean 'partial_unexpected_count'")]
    [InlineData("""{"partial_unexpected_count": 3}""", "must name its level")]
    [InlineData("""{"result_format": "SUMMARY", "include_unexpected_rows": "yes"}""", "include_unexpected_rows must be true or false")]
    [InlineData("""{"result_format": "SUMMARY", "unexpected_index_column_names": [1]}""", "unexpected_index_column_names[0] must be a column name")]
    [InlineData("""{"result_format": "SUMMARY", "partial_unexpected_count": -1}""", "non-negative")]
    public void Malformed_result_format_objects_are_errors_at_their_json_path(string resultFormat, string message)
    {
        var act = () => ParseWith(resultFormat);
        act.Should().Throw<SuiteFormatException>().Which.Message.Should().Contain("result_format").And.Contain(message);
    }

    // ---- helpers ----

    private static DataChunk Chunk(long offset, long?[] x, long?[] id)
    {
        var table = InMemoryTable.Builder().Add("x", x).Add("id", id).Build();
        var chunk = First(table.ReadAsync(["x", "id"]));
        return new DataChunk(offset, chunk.RowCount, chunk.Columns);
    }

    private static DataChunk First(IAsyncEnumerable<DataChunk> chunks)
    {
        var e = chunks.GetAsyncEnumerator();
        e.MoveNextAsync().AsTask().GetAwaiter().GetResult().Should().BeTrue();
        return e.Current;
    }

    /// <summary>Unexpected when a long value is above 10.</summary>
    private sealed record AboveTen : RowCheck
    {
        public override int CountUnexpected(ColumnBatch batch)
        {
            var n = 0;
            for (var i = 0; i < batch.Length; i++)
            {
                n += batch.IsValid(i) && IsUnexpected(batch, i) ? 1 : 0;
            }

            return n;
        }

        public override bool IsUnexpected(ColumnBatch batch, int row) => ((PrimitiveBatch<long>)batch).Values.Span[row] > 10;
    }

    /// <summary>Tables read one after another, as chunks of one source with running row offsets.</summary>
    private sealed class Concatenated(params InMemoryTable[] parts) : IDataSource
    {
        public string Description => "concatenated tables";

        public IReadOnlyList<ColumnInfo> Columns => parts[0].Columns;

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            long offset = 0;
            foreach (var part in parts)
            {
                await foreach (var chunk in part.ReadAsync(columns, cancellationToken))
                {
                    yield return new DataChunk(offset, chunk.RowCount, chunk.Columns);
                    offset += chunk.RowCount;
                }
            }
        }
    }
}
