using System.Text.Json;
using Expectations.Cli;
using Expectations.Tests.Checks.Leakage;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Checks.Ml;

/// <summary>
/// <c>expect_multicolumn_values_to_determine_column</c>: rows equal on the features carry one label; the rows of
/// conflicting groups are unexpected, checked against an independent LINQ grouping.
/// </summary>
public class DetermineColumnTests
{
    private sealed record Row(long? A, string? B, bool? C, string? Label);

    private static InMemoryTable Table(IReadOnlyList<Row> rows) => InMemoryTable.Builder()
        .Add("a", rows.Select(r => r.A).ToList())
        .Add("b", rows.Select(r => r.B).ToList())
        .Add("c", rows.Select(r => r.C).ToList())
        .Add("label", rows.Select(r => r.Label).ToList())
        .Build();

    private static MulticolumnValuesToDetermineColumn Check(double? mostly = null, MultiColumnIgnoreRowIf ignore = MultiColumnIgnoreRowIf.AllValuesAreMissing) =>
        new() { ColumnList = ValueList.From(["a", "b", "c"]), Column = "label", Mostly = mostly, IgnoreRowIf = ignore };

    private static ExpectationResult Run(Expectation e, IDataSource data, ResultFormatLevel level = ResultFormatLevel.Complete, int? threads = null) =>
        ValidationPlan.Compile(new ExpectationSuite("s", [e])).Validate(data, new ValidationOptions { ResultFormat = ResultFormat.Of(level), MaxDegreeOfParallelism = threads }).Results.Single();

    /// <summary>Random rows: few distinct feature tuples (with nulls), labels mostly a function of the features, some noise and null labels.</summary>
    private static List<Row> Random(int seed, int count)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        for (var i = 0; i < count; i++)
        {
            long? a = random.Next(8) == 0 ? null : random.Next(6);
            string? b = random.Next(8) == 0 ? null : ((char)('p' + random.Next(4))).ToString();
            bool? c = random.Next(8) == 0 ? null : random.Next(2) == 0;
            var clean = ((a ?? 7) + (b?.Length ?? 3) + (c == true ? 1 : 0)) % 3;
            var label = random.Next(12) == 0 ? null : (random.Next(40) == 0 ? random.Next(3) : clean).ToString(System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(new Row(a, b, c, label));
        }

        return rows;
    }

    /// <summary>The conflicting groups by LINQ: (rows, first row, labels as (label, rows, first row) most rows first) largest first.</summary>
    private static List<(long Rows, long First, List<(string Label, long Rows, long First)> Labels)> Expected(IReadOnlyList<Row> rows, MultiColumnIgnoreRowIf ignore)
    {
        return [.. rows.Select((r, i) => (r, i))
            .Where(x => x.r.Label is not null && ignore switch
            {
                MultiColumnIgnoreRowIf.AllValuesAreMissing => !(x.r.A is null && x.r.B is null && x.r.C is null),
                MultiColumnIgnoreRowIf.AnyValueIsMissing => x.r.A is not null && x.r.B is not null && x.r.C is not null,
                _ => true,
            })
            .GroupBy(x => (x.r.A, x.r.B, x.r.C))
            .Where(g => g.Select(x => x.r.Label).Distinct().Count() > 1)
            .Select(g => ((long)g.Count(), (long)g.Min(x => x.i),
                g.GroupBy(x => x.r.Label!).Select(l => (l.Key, (long)l.Count(), (long)l.Min(x => x.i))).OrderByDescending(l => l.Item2).ThenBy(l => l.Item3).ToList()))
            .OrderByDescending(g => g.Item1).ThenBy(g => g.Item2)];
    }

    private static List<(long Rows, long First, List<(string Label, long Rows, long First)> Labels)> Groups(ExpectationResult r) =>
        [.. r.Result.Details!.Value.GetProperty("conflicting_groups").EnumerateArray().Select(g =>
        {
            var labels = g.GetProperty("labels").EnumerateArray().Select(l => (l.GetProperty("value").GetString()!, l.GetProperty("rows").GetInt64(), l.GetProperty("first_row").GetInt64())).ToList();
            return (g.GetProperty("rows").GetInt64(), labels.Min(l => l.Item3), labels);
        })];

    [Theory]
    [InlineData(1, MultiColumnIgnoreRowIf.AllValuesAreMissing)]
    [InlineData(2, MultiColumnIgnoreRowIf.AllValuesAreMissing)]
    [InlineData(3, MultiColumnIgnoreRowIf.AnyValueIsMissing)]
    [InlineData(4, MultiColumnIgnoreRowIf.Never)]
    [InlineData(5, MultiColumnIgnoreRowIf.AllValuesAreMissing)]
    public void Conflicting_groups_match_a_linq_grouping_in_one_part_and_in_parallel_parts(int seed, MultiColumnIgnoreRowIf ignore)
    {
        var rows = Random(seed, 3_000);
        var table = Table(rows);
        var expected = Expected(rows, ignore);
        expected.Should().NotBeEmpty("the noise makes conflicts");
        var checkedRows = rows.Count(r => r.Label is not null && ignore switch
        {
            MultiColumnIgnoreRowIf.AllValuesAreMissing => !(r.A is null && r.B is null && r.C is null),
            MultiColumnIgnoreRowIf.AnyValueIsMissing => r.A is not null && r.B is not null && r.C is not null,
            _ => true,
        });

        var whole = Run(Check(ignore: ignore), table, threads: 1);
        whole.Success.Should().BeFalse();
        whole.Result.ElementCount.Should().Be(rows.Count);
        whole.Result.MissingCount.Should().Be(rows.Count - checkedRows);
        whole.Result.UnexpectedCount.Should().Be(expected.Sum(g => g.Rows));
        whole.Result.UnexpectedPercent.Should().BeApproximately(100.0 * expected.Sum(g => g.Rows) / checkedRows, 1e-9);
        whole.Result.Details!.Value.GetProperty("conflicting_group_count").GetInt64().Should().Be(expected.Count);
        whole.Result.Details!.Value.GetProperty("null_label_rows").GetInt64().Should().Be(rows.Count(r => r.Label is null
            && (ignore != MultiColumnIgnoreRowIf.AllValuesAreMissing || !(r.A is null && r.B is null && r.C is null))
            && (ignore != MultiColumnIgnoreRowIf.AnyValueIsMissing || (r.A is not null && r.B is not null && r.C is not null))));
        Groups(whole).Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());

        // The same answer, byte for byte, from 7 parts of uneven size merged on 1 and on 4 threads.
        foreach (var threads in new[] { 1, 4 })
        {
            var parts = Run(Check(ignore: ignore), LeakageTestData.Split(table, 431), threads: threads);
            JsonSerializer.Serialize(parts.Result).Should().Be(JsonSerializer.Serialize(whole.Result), $"{threads} threads");
        }
    }

    [Fact]
    public void The_details_list_each_group_with_its_features_labels_rows_and_first_rows_the_largest_first()
    {
        var rows = new List<Row>
        {
            new(1, "x", true, "cat"),   // 0
            new(2, "y", false, "dog"),  // 1
            new(1, "x", true, "dog"),   // 2
            new(2, "y", false, "dog"),  // 3
            new(null, "z", null, "cat"), // 4
            new(1, "x", true, "cat"),   // 5
            new(null, "z", null, "dog"), // 6: nulls compare equal: conflicts with row 4
            new(null, null, null, "cat"), // 7: all features null, skipped
            new(null, null, null, "dog"), // 8
            new(2, "y", false, null),   // 9: null label, left out
        };
        var r = Run(Check(), Table(rows), ResultFormatLevel.Summary);
        r.Success.Should().BeFalse();
        r.Result.UnexpectedCount.Should().Be(5, "rows 0, 2, 5 and 4, 6");
        r.Result.MissingCount.Should().Be(3);
        r.Result.Details!.Value.GetRawText().Should().Be("""
            {"group_count":3,"conflicting_group_count":2,"null_label_rows":1,"ignored_rows":2,"conflicting_groups":[{"key":{"a":1,"b":"x","c":true},"rows":3,"labels":[{"value":"cat","rows":2,"first_row":0},{"value":"dog","rows":1,"first_row":2}]},{"key":{"a":null,"b":"z","c":null},"rows":2,"labels":[{"value":"cat","rows":1,"first_row":4},{"value":"dog","rows":1,"first_row":6}]}]}
            """);
        r.Result.PartialUnexpectedIndexList.Should().Equal(0, 2, 4, 6);
        r.Result.PartialUnexpectedList![0].GetRawText().Should().Be("""{"a":1,"b":"x","c":true,"label":"cat"}""");
    }

    [Fact]
    public void Mostly_allows_a_share_of_rows_in_conflicting_groups()
    {
        // 10 rows checked, 2 in a conflicting group: 80 % consistent.
        var rows = Enumerable.Range(0, 8).Select(i => new Row(i, "u", true, "a")).Concat([new Row(100, "v", false, "a"), new Row(100, "v", false, "b")]).ToList();
        Run(Check(mostly: 0.8), Table(rows)).Success.Should().BeTrue();
        Run(Check(mostly: 0.81), Table(rows)).Success.Should().BeFalse();
        Run(Check(), Table([.. rows.Take(8)])).Success.Should().BeTrue("every group has one label");
    }

    [Fact]
    public void Numeric_labels_and_a_single_feature_column_work_and_the_key_names_its_column()
    {
        var data = InMemoryTable.Builder().Add("f", new double?[] { 0.0, -0.0, 1.5, 1.5 }).Add("y", new long?[] { 1, 2, 3, 3 }).Build();
        var r = Run(new MulticolumnValuesToDetermineColumn { ColumnList = ValueList.From(["f"]), Column = "y" }, data);
        r.Result.UnexpectedCount.Should().Be(2, "0 and -0 are one feature value");
        r.Result.Details!.Value.GetProperty("conflicting_groups")[0].GetProperty("key").GetRawText().Should().Be("""{"f":0}""");
    }

    [Fact]
    public void A_missing_column_fails_that_result_naming_it()
    {
        var data = Table([new Row(1, "x", true, "a")]);
        var r = Run(new MulticolumnValuesToDetermineColumn { ColumnList = ValueList.From(["a", "bb"]), Column = "label" }, data);
        r.Success.Should().BeFalse();
        r.ExceptionInfo!.ExceptionMessage.Should().Contain("Column 'bb' is not in the data");
        Run(new MulticolumnValuesToDetermineColumn { ColumnList = ValueList.From(["a"]), Column = "labels" }, data).ExceptionInfo!.ExceptionMessage.Should().Contain("'labels'").And.Contain("'label'");
    }

    [Fact]
    public void The_label_in_column_list_is_refused_when_the_suite_is_read_naming_the_argument()
    {
        var read = () => SuiteJson.Parse("""
            {"name": "s", "expectations": [{"type": "expect_multicolumn_values_to_determine_column", "kwargs": {"column_list": ["a", "label"], "column": "label"}}]}
            """);
        read.Should().Throw<Exception>().Which.Message.Should().Contain("column").And.Contain("'label' is also in column_list");
        var noLabel = () => SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_multicolumn_values_to_determine_column", "kwargs": {"column_list": ["a"]}}]}""");
        noLabel.Should().Throw<Exception>().Which.Message.Should().Contain("column");
        var dsl = () => Expect.Suite("s").Table(t => t.FeaturesDetermine(["a", "b"], "b")).Build();
        dsl.Should().Throw<InvalidExpectationException>().Which.Message.Should().Contain("'b' is also in column_list");
    }

    [Fact]
    public void Json_round_trips_and_the_dsl_writes_the_same_record()
    {
        const string json = """
            {"name": "s", "expectations": [{"type": "expect_multicolumn_values_to_determine_column",
              "kwargs": {"column_list": ["a", "b"], "column": "label", "mostly": 0.9, "ignore_row_if": "any_value_is_missing", "result_format": "COMPLETE"}}]}
            """;
        var suite = SuiteJson.Parse(json);
        var e = suite.Expectations.Single().Should().BeOfType<MulticolumnValuesToDetermineColumn>().Subject;
        e.ColumnList.Should().Equal("a", "b");
        e.Column.Should().Be("label");
        e.IgnoreRowIf.Should().Be(MultiColumnIgnoreRowIf.AnyValueIsMissing);
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Should().Be(suite);

        var built = Expect.Suite("s").Table(t => t.FeaturesDetermine(["a", "b"], "label", MultiColumnIgnoreRowIf.AnyValueIsMissing, mostly: 0.9)).Build();
        built.Expectations.Single().Should().Be(e with { ResultFormat = null });
        SuiteJson.Serialize(built).Should().Contain("\"ignore_row_if\": \"any_value_is_missing\"");
    }

    [Fact]
    public async Task The_cli_validates_a_csv_file_and_exits_1_on_contradictory_labels()
    {
        var dir = Directory.CreateTempSubdirectory("determine-cli-").FullName;
        try
        {
            var data = Path.Combine(dir, "labels.csv");
            File.WriteAllText(data, "text,source,label\nhello,web,spam\nhello,web,ham\nbye,app,ham\nhello,app,spam\nhello,web,spam\n");
            var suite = Path.Combine(dir, "suite.json");
            File.WriteAllText(suite, """
                {"name": "labels", "expectations": [{"type": "expect_multicolumn_values_to_determine_column", "kwargs": {"column_list": ["text", "source"], "column": "label"}}]}
                """);
            var run = await CliRun.RunAsync("validate", "--suite", suite, data, "--format", "json");
            run.ExitCode.Should().Be(ExitCodes.ValidationFailed, run.Stdout + run.Stderr);
            using var doc = JsonDocument.Parse(run.Stdout);
            var result = doc.RootElement.GetProperty("results")[0].GetProperty("result");
            result.GetProperty("unexpected_count").GetInt64().Should().Be(3);
            var key = result.GetProperty("details").GetProperty("conflicting_groups")[0].GetProperty("key");
            (key.GetProperty("text").GetString(), key.GetProperty("source").GetString()).Should().Be(("hello", "web"));

            var text = await CliRun.RunAsync("validate", "--suite", suite, data);
            text.Stdout.Should().Contain("Groups with conflicting label (1 group)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
