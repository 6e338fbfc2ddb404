using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Expectations.Tests.Checks.Table;

public class SchemaCheckTests
{
    /// <summary>The GX fixture table (other_expectations): c1 integers, c2 strings, c3 all null.</summary>
    private static InMemoryTable Fixture() => InMemoryTable.Builder()
        .Add("c1", new long?[] { 4, 5, 6, 7 })
        .Add("c2", new string?[] { "a", "b", "c", "d" })
        .Add("c3", new double?[] { null, null, null, null })
        .Build();

    private static ExpectationResult Run(Expectation e, IDataSource? data = null, ResultFormatLevel level = ResultFormatLevel.Summary) =>
        ValidationPlan.Compile(new ExpectationSuite("s", [e])).Validate(data ?? Fixture(), new ValidationOptions { ResultFormat = ResultFormat.Of(level) }).Results.Single();

    private static string Raw(JsonElement? e) => e!.Value.GetRawText();

    [Theory]
    [InlineData("c1", null, true)]
    [InlineData("c2", 1, true)]
    [InlineData("c3", 4, false)]
    [InlineData("c4", null, false)]
    [InlineData("c2", 0, false)] // GX skips the position check for index 0 (`if column_index:`); here it is checked.
    [InlineData("c1", 0, true)]
    public void Column_to_exist_follows_the_gx_fixture(string column, int? index, bool success)
    {
        var r = Run(new ColumnToExist { Column = column, ColumnIndex = index });
        r.ExceptionInfo.Should().BeNull();
        r.Success.Should().Be(success);
        r.Result.ObservedValue.Should().BeNull("GX reports only success");
    }

    [Theory]
    [InlineData(new[] { "c1", "c2" }, false, """{"mismatched":[{"Expected Column Position":2,"Expected":null,"Found":"c3"}]}""")]
    [InlineData(new[] { "b1", "c2", "c3" }, false, """{"mismatched":[{"Expected Column Position":0,"Expected":"b1","Found":"c1"}]}""")]
    [InlineData(new[] { "c1", "c2", "c3", "c4" }, false, """{"mismatched":[{"Expected Column Position":3,"Expected":"c4","Found":null}]}""")]
    [InlineData(new[] { "c1", "c2", "c3" }, true, null)]
    public void Ordered_list_reports_each_mismatched_position(string[] expected, bool success, string? details)
    {
        var r = Run(new TableColumnsToMatchOrderedList { ColumnList = ValueList.From(expected) });
        r.Success.Should().Be(success);
        Raw(r.Result.ObservedValue).Should().Be("""["c1","c2","c3"]""");
        (r.Result.Details is { } d ? d.GetRawText() : null).Should().Be(details);
    }

    [Fact]
    public void Ordered_list_null_passes_vacuously()
    {
        var r = Run(new TableColumnsToMatchOrderedList());
        r.Success.Should().BeTrue();
        Raw(r.Result.ObservedValue).Should().Be("""["c1","c2","c3"]""");
    }

    [Theory]
    [InlineData(new[] { "c1", "c2", "c3" }, true, true, """{"mismatched":{}}""")]
    [InlineData(new[] { "c1", "c2", "c3" }, false, true, """{"mismatched":{}}""")]
    [InlineData(new[] { "c1", "c2" }, true, false, """{"mismatched":{"unexpected":["c3"]}}""")]
    [InlineData(new[] { "c1", "c2" }, false, true, """{"mismatched":{"unexpected":["c3"]}}""")]
    [InlineData(new[] { "b1", "c2", "c3" }, true, false, """{"mismatched":{"unexpected":["c1"],"missing":["b1"]}}""")]
    [InlineData(new[] { "b1", "c2", "c3" }, false, false, """{"mismatched":{"unexpected":["c1"],"missing":["b1"]}}""")]
    [InlineData(new[] { "c3", "c2", "c1" }, true, true, """{"mismatched":{}}""")]
    [InlineData(new[] { "c1", "c2", "c3", "c4" }, true, false, """{"mismatched":{"missing":["c4"]}}""")]
    [InlineData(new[] { "c1", "c2", "c3", "c4" }, false, false, """{"mismatched":{"missing":["c4"]}}""")]
    [InlineData(null, true, false, """{"mismatched":{"unexpected":["c1","c2","c3"]}}""")]
    [InlineData(null, false, true, null)]
    public void Set_follows_the_gx_fixture(string[]? set, bool exact, bool success, string? details)
    {
        var r = Run(new TableColumnsToMatchSet { ColumnSet = set is null ? null : ValueList.From(set), ExactMatch = exact });
        r.Success.Should().Be(success);
        Raw(r.Result.ObservedValue).Should().Be("""["c1","c2","c3"]""");
        (r.Result.Details is { } d ? d.GetRawText() : null).Should().Be(details);
    }

    [Fact]
    public void Set_reports_observed_columns_sorted()
    {
        var data = InMemoryTable.Builder().Add("b", new long?[] { 1 }).Add("a", new long?[] { 1 }).Build();
        Raw(Run(new TableColumnsToMatchSet { ColumnSet = ["a", "b"] }, data).Result.ObservedValue).Should().Be("""["a","b"]""");
    }

    [Theory]
    [InlineData(3L, 5L, false, false, true)]
    [InlineData(0L, 1L, false, false, false)]
    [InlineData(null, 3L, false, false, true)]
    [InlineData(null, 3L, false, true, false)]
    [InlineData(3L, null, true, false, false)]
    [InlineData(null, null, false, false, true)]
    public void Column_count_between(long? min, long? max, bool strictMin, bool strictMax, bool success)
    {
        var r = Run(new TableColumnCountToBeBetween { Bounds = new(min, max, strictMin: strictMin, strictMax: strictMax) });
        r.Success.Should().Be(success);
        Raw(r.Result.ObservedValue).Should().Be("3");
    }

    [Theory]
    [InlineData(3L, true)]
    [InlineData(4L, false)]
    [InlineData(0L, false)]
    public void Column_count_equal(long value, bool success)
    {
        var r = Run(new TableColumnCountToEqual { Value = value });
        r.Success.Should().Be(success);
        Raw(r.Result.ObservedValue).Should().Be("3");
    }

    [Fact]
    public void Boolean_only_drops_the_observed_value()
    {
        var r = Run(new TableColumnCountToEqual { Value = 3 }, level: ResultFormatLevel.BooleanOnly);
        r.Success.Should().BeTrue();
        r.Result.Should().Be(ResultDetails.Empty);
    }

    [Fact]
    public void Schema_expectations_read_no_data()
    {
        var suite = Expect.Suite("schema")
            .Table(t => t.ColumnExists("c2", index: 1)
                .ColumnsMatchOrderedList("c1", "c2", "c3")
                .ColumnsMatchSet(["c1", "c2"], exactMatch: false)
                .ColumnCount(min: 2, max: 3)
                .ColumnCountEquals(3))
            .Build();

        var report = ValidationPlan.Compile(suite).Validate(new UnreadableSource(Fixture().Columns));

        report.Results.Should().OnlyContain(r => r.Success && r.ExceptionInfo == null);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        // GX 1.x refuses min > max for the row count when the expectation is created; the column count runs and fails.
        var act = () => Expect.Suite("s").Table(t => t.RowCount(min: 4, max: 2)).Build();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*min_value*");
        var columns = Expect.Suite("s").Table(t => t.ColumnCount(min: 4, max: 2)).Build();
        columns.Validate(InMemoryTable.Builder().Add("a", new long?[] { 1 }).Build()).Results.Single().Success.Should().BeFalse();
        var negative = () => Expect.Suite("s").Table(t => t.ColumnExists("a", index: -1)).Build();
        negative.Should().Throw<InvalidExpectationException>().WithMessage("*column_index*");
    }

    [Fact]
    public void Gx_json_kwargs_bind_and_round_trip()
    {
        const string json = """
            {"name": "s", "expectations": [
              {"type": "expect_column_to_exist", "kwargs": {"column": "c2", "column_index": 1}},
              {"type": "expect_table_columns_to_match_ordered_list", "kwargs": {"column_list": ["c1", "c2", "c3"]}},
              {"type": "expect_table_columns_to_match_set", "kwargs": {"column_set": ["c1"], "exact_match": false}},
              {"type": "expect_table_column_count_to_be_between", "kwargs": {"min_value": 1, "max_value": 5}},
              {"type": "expect_table_column_count_to_equal", "kwargs": {"value": 3}}
            ]}
            """;
        var suite = SuiteJson.Parse(json);
        suite.Expectations[2].Should().Be(new TableColumnsToMatchSet { ColumnSet = ["c1"], ExactMatch = false });
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Should().Be(suite);
        ValidationPlan.Compile(suite).Validate(Fixture()).Success.Should().BeTrue();
    }

    /// <summary>A source whose rows cannot be read: proves an expectation answered from the schema alone.</summary>
    private sealed class UnreadableSource(IReadOnlyList<ColumnInfo> columns) : IDataSource
    {
        public string Description => "unreadable";

        public IReadOnlyList<ColumnInfo> Columns => columns;

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            throw new DataSourceException("rows were read");
#pragma warning disable CS0162 // an async iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }
    }
}
