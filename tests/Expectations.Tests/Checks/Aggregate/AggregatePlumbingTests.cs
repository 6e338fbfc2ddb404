using Expectations.Engine;
using Expectations.Engine.Aggregate;
using Expectations.Engine.Checks;

namespace Expectations.Tests.Checks.Aggregate;

public class AggregatePlumbingTests
{
    private static ExpectationSuite EveryAggregate() => Expect.Suite("aggregates")
        .Column<double>("amount", c => c
            .MinBetween(0, null).MaxBetween(null, 10_000, strictMax: true)
            .MeanBetween(1, 100).MedianBetween(1, 50).StdevBetween(0, 30).SumBetween(null, 1e6)
            .UniqueValueCountBetween(1, null).UniqueProportionBetween(0.1, 1)
            .DistinctValuesInSet(1.5, 2, 10).DistinctValuesContainSet(2.0).DistinctValuesEqualSet(1.5, 2, 10))
        .Column<DateTime>("at", c => c.MinBetween(new DateTime(2020, 1, 1), null).MaxBetween(null, new DateTime(2030, 1, 1, 8, 30, 0)))
        .Column<string>("label", c => c.MinBetween("a", "z").MaxBetween(null, "zz").DistinctValuesContainSet("x"))
        .Column("any", c => c.MinBetween(0, 5).MaxBetween(Scalar.From("2020-01-01"), null).MeanBetween(0, 1).MedianBetween(null, 2)
            .StdevBetween(0, null).SumBetween(0, null))
        .Build();

    [Fact]
    public void Every_aggregate_built_with_the_dsl_round_trips_through_gx_json()
    {
        var suite = EveryAggregate();
        suite.Expectations.Select(e => e.Type).Distinct().Should().HaveCount(11);
        var json = SuiteJson.Serialize(suite);
        var parsed = SuiteJson.Parse(json);
        for (var i = 0; i < suite.Expectations.Length; i++)
        {
            parsed.Expectations[i].Should().Be(suite.Expectations[i], "expectation {0} must survive the round trip", i);
        }

        parsed.Should().Be(suite);
        json.Should().Contain("\"type\": \"expect_column_proportion_of_unique_values_to_be_between\"")
            .And.Contain("\"strict_max\": true")
            .And.Contain("\"2030-01-01T08:30:00\"");
    }

    [Fact]
    public void A_null_value_set_round_trips_as_absent_and_means_any_value()
    {
        var suite = Expect.Suite("s").Add(new ColumnDistinctValuesToBeInSet { Column = "v" }).Build();
        var json = SuiteJson.Serialize(suite);
        json.Should().NotContain("value_set");
        SuiteJson.Parse(json).Should().Be(suite);
    }

    [Fact]
    public void Contain_and_equal_set_require_a_value_set_in_json()
    {
        var act = () => SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_column_distinct_values_to_equal_set", "kwargs": {"column": "v"}}]}""");
        act.Should().Throw<SuiteFormatException>().WithMessage("*value_set*");
    }

    [Fact]
    public void Min_greater_than_max_builds_and_fails_when_run_as_in_gx()
    {
        var suite = Expect.Suite("s").Column<int>("v", c => c.MeanBetween(5, 1)).Build();
        var result = suite.Validate(InMemoryTable.Builder().Add("v", new long?[] { 1, 3 }).Build()).Results.Single();
        result.Success.Should().BeFalse();
        result.ExceptionInfo.Should().BeNull();
        result.Result.ObservedValue!.Value.GetDouble().Should().Be(2);
    }

    [Fact]
    public void Aggregates_have_no_mostly()
    {
        var act = () => Expect.Suite("s").Column<int>("v", c => c.MeanBetween(0, 1).Mostly(0.5));
        act.Should().Throw<InvalidOperationException>().WithMessage("*expect_column_mean_to_be_between*");
    }

    [Fact]
    public void Min_max_mean_stdev_and_sum_of_one_column_share_one_metric()
    {
        var schema = new[] { new ColumnInfo("v", DataKind.Float, "double"), new ColumnInfo("w", DataKind.Float, "double") };
        Evaluator[] evaluators =
        [
            new MinBetweenEvaluator(new ColumnMinToBeBetween { Column = "v", Bounds = new(0, null) }),
            new MaxBetweenEvaluator(new ColumnMaxToBeBetween { Column = "v", Bounds = new(null, 9, strictMax: true) }),
            new MeanBetweenEvaluator(new ColumnMeanToBeBetween { Column = "v" }),
            new StdevBetweenEvaluator(new ColumnStdevToBeBetween { Column = "v" }),
            new SumBetweenEvaluator(new ColumnSumToBeBetween { Column = "v" }),
            new MeanBetweenEvaluator(new ColumnMeanToBeBetween { Column = "w" }),
            new UniqueValueCountBetweenEvaluator(new ColumnUniqueValueCountToBeBetween { Column = "v" }),
            new DistinctEqualSetEvaluator(new ColumnDistinctValuesToEqualSet { Column = "v", ValueSet = [1] }),
        ];
        var requested = new List<MetricKey>();
        foreach (var evaluator in evaluators)
        {
            evaluator.Bind(new Binding(new ColumnIndex(schema), ResultFormat.Default, requested.Add));
        }

        // The plan deduplicates by key equality: these are the metrics it will compute.
        requested.Distinct().Should().BeEquivalentTo(new MetricKey[]
        {
            new ColumnStatsMetric("v"), new ColumnStatsMetric("w"), new DistinctValuesMetric("v"),
        });
    }

    [Fact]
    public void Shared_metric_gives_each_expectation_its_own_statistic()
    {
        var data = InMemoryTable.Builder().Add("v", new double?[] { 1, 2, 3, 4, null }).Build();
        var suite = Expect.Suite("s").Column<double>("v", c => c.MinBetween(1, 1).MaxBetween(4, 4).MeanBetween(2.5, 2.5).SumBetween(10, 10)).Build();
        var report = ValidationPlan.Compile(suite).Validate(data);
        report.Results.Select(r => r.Result.ObservedValue!.Value.GetDouble()).Should().Equal(1, 4, 2.5, 10);
        report.Success.Should().BeTrue();
    }

    [Fact]
    public void Stats_values_distinct_and_string_extremes_merge_across_chunks_to_the_single_pass_result()
    {
        var values = new double?[] { 5, null, -2.5, 7, 7, double.NaN, 0.25, null, 11, 3 };
        var texts = new string?[] { "kiwi", null, "apple", "Zebra", "kiwi", "é", null, "banana", "apple", "" };
        var whole = Table(values, texts);
        var first = Table(values[..4], texts[..4]);
        var rest = Table(values[4..], texts[4..]);
        var context = new MetricContext(whole.Columns.ToDictionary(c => c.Name));
        MetricKey[] keys = [new ColumnStatsMetric("v"), new ColumnValuesMetric("v"), new DistinctValuesMetric("v"), new DistinctValuesMetric("s"), new StringExtremesMetric("s")];
        foreach (var key in keys)
        {
            var single = key.CreateAccumulator(context);
            single.Add(Chunk(whole));
            var a = key.CreateAccumulator(context);
            var b = key.CreateAccumulator(context);
            a.Add(Chunk(first));
            b.Add(Chunk(rest));
            a.Merge(b);
            Describe(a.Finish()).Should().Be(Describe(single.Finish()), key.ToString());
        }

        var stats = (ColumnStats)new ColumnStatsMetric("v").CreateAccumulator(context).Also(x => x.Add(Chunk(whole))).Finish();
        stats.ValueCount.Should().Be(7);
        stats.NaNCount.Should().Be(1);
        stats.MissingCount.Should().Be(3);
        stats.Min.Should().Be(-2.5);
        stats.Sum.Should().Be(30.75);

        var extremes = (StringExtremes)new StringExtremesMetric("s").CreateAccumulator(context).Also(x => x.Add(Chunk(whole))).Finish();
        extremes.Should().Be(new StringExtremes(10, 2, "", "é"));

        static InMemoryTable Table(double?[] v, string?[] s) => InMemoryTable.Builder().Add("v", v).Add("s", s).Build();
        static DataChunk Chunk(InMemoryTable t) => t.ReadAsync(["v", "s"]).ToBlockingEnumerable().Single();
    }

    [Fact]
    public void Distinct_strings_are_counted_from_utf8_without_confusing_similar_values()
    {
        var data = InMemoryTable.Builder().Add("s", new string?[] { "a", "A", "a ", "ä", "a", new string('x', 300), new string('x', 300) }).Build();
        var result = AggregateTestKit.Run(data, "expect_column_distinct_values_to_equal_set", $$"""{"column": "s", "value_set": ["a", "A", "a ", "ä", "{{new string('x', 300)}}"]}""");
        result.Success.Should().BeTrue();
        result.Result.Details!.Value.GetProperty("value_counts")[1].GetProperty("count").GetInt64().Should().Be(2, "'a' occurs twice (sorted: A, a, a , x…, ä)");
    }

    [Fact]
    public void Report_json_carries_observed_value_and_details()
    {
        var data = InMemoryTable.Builder().Add("v", new long?[] { 3, 1, 3 }).Build();
        var suite = Expect.Suite("s").Column<long>("v", c => c.DistinctValuesInSet(1, 3).MedianBetween(3, 3).WithResultFormat(ResultFormatLevel.Complete)).Build();
        var json = ReportJson.Serialize(ValidationPlan.Compile(suite).Validate(data));
        json.Should().Contain("\"observed_value\": [").And.Contain("\"value_counts\"").And.Contain("\"missing_percent\": 0");
    }

    private static string Describe(object finished) => finished switch
    {
        ColumnStats s => $"{s.ElementCount} {s.NullCount} {s.NaNCount} {s.ValueCount} {s.Min} {s.Max} {s.Sum} {s.Mean:R} {Math.Round(s.M2, 9)}",
        ColumnValues v => $"{v.ElementCount} {v.MissingCount} {string.Join(",", v.Sorted.ToArray())}",
        DistinctValues d => $"{d.ElementCount} {d.NullCount} {d.NaNCount} {d.ToJsonList().GetRawText()} {d.ToValueCountsDetails().GetRawText()}",
        StringExtremes e => e.ToString(),
        _ => throw new InvalidOperationException(finished.GetType().Name),
    };
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
