using System.Text.Json;
using Expectations.Sql.Sqlite;
using FluentAssertions;
using Xunit;

namespace Expectations.Tests.History;

/// <summary>Runs that append to a metrics repository, and anomaly expectations that read it, end to end.</summary>
public sealed class MetricHistoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("expectations-history-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static InMemoryTable Rows(int n, double mean) =>
        InMemoryTable.Builder().Add("amount", Enumerable.Range(0, n).Select(i => (double?)(mean + (i % 2 == 0 ? -1 : 1))).ToArray()).Build();

    private static ExpectationSuite Suite(AnomalyDetection detection) => new("orders",
    [
        new TableRowCountToNotBeAnomalous { Detection = detection },
        new ColumnValuesToNotBeNull { Column = "amount" },
    ]);

    private static ValidationOptions At(IMetricRepository repository, int day, string? dataset = null) => new()
    {
        Now = new DateTime(2024, 6, 1, 6, 0, 0, DateTimeKind.Utc).AddDays(day),
        History = new MetricHistory(repository) { RunId = $"run{day}", Dataset = dataset, Tags = new Dictionary<string, string> { ["pipeline"] = "weekly" } },
    };

    public static TheoryData<string> Repositories => new() { "metrics.jsonl", "metrics.db" };

    private IMetricRepository Open(string name) => name.EndsWith(".jsonl", StringComparison.Ordinal)
        ? new JsonLinesMetricRepository(Path.Combine(_folder, name))
        : new SqliteMetricRepository(Path.Combine(_folder, name));

    [Theory]
    [MemberData(nameof(Repositories))]
    public async Task Runs_append_their_metrics_and_a_halved_row_count_fails(string name)
    {
        var repository = Open(name);
        var suite = Suite(new AnomalyDetection { Strategy = AnomalyStrategy.RelativeChange, MaxRateDecrease = 0.7, MaxRateIncrease = 1.5 });
        var first = await Rows(100, 50).ValidateAsync(suite, At(repository, 0));
        first.Results[0].Success.Should().BeFalse("there is no earlier run to compare with");
        first.Results[0].Result.Details!.Value.GetProperty("reason").GetString().Should().Be("not enough history (0 of 1 runs)");
        first.Results[1].Success.Should().BeTrue();

        (await Rows(110, 50).ValidateAsync(suite, At(repository, 1))).Success.Should().BeTrue();
        var halved = await Rows(55, 50).ValidateAsync(suite, At(repository, 2));
        halved.Results[0].Success.Should().BeFalse();
        var details = halved.Results[0].Result.Details!.Value;
        halved.Results[0].Result.ObservedValue!.Value.GetDouble().Should().Be(55);
        details.GetProperty("strategy").GetString().Should().Be("relative_change");
        details.GetProperty("history_length").GetInt32().Should().Be(2);
        details.GetProperty("lower_bound").GetDouble().Should().BeApproximately(77, 1e-9);
        details.GetProperty("upper_bound").GetDouble().Should().BeApproximately(165, 1e-9);
        details.GetProperty("history").GetArrayLength().Should().Be(2);

        var rows = await repository.ReadAsync(new MetricQuery { Dataset = "orders", Metric = "row_count", Column = "" });
        rows.Select(p => p.Value).Should().Equal(100, 110, 55);
        rows.Select(p => p.RunId).Should().Equal("run0", "run1", "run2");
        rows[0].Tags.Should().Contain("pipeline", "weekly");
        rows[0].Suite.Should().Be("orders");
        rows[0].Timestamp.Should().Be(new DateTimeOffset(2024, 6, 1, 6, 0, 0, TimeSpan.Zero));
        var nulls = await repository.ReadAsync(new MetricQuery { Metric = "null_fraction", Column = "amount", Since = new DateTimeOffset(2024, 6, 2, 0, 0, 0, TimeSpan.Zero) });
        nulls.Should().HaveCount(2).And.OnlyContain(p => p.Value == 0);
        (await repository.ReadAsync(new MetricQuery { Metric = "unexpected_fraction" })).Should().OnlyContain(p => p.Expectation == ColumnValuesToNotBeNull.TypeName);
    }

    [Fact]
    public async Task The_generic_expectation_watches_a_column_mean_and_datasets_keep_separate_series()
    {
        var repository = Open("metrics.db");
        var suite = new ExpectationSuite("s", [new ColumnMetricToNotBeAnomalous { Column = "amount", Metric = "mean", Detection = new AnomalyDetection { Strategy = AnomalyStrategy.BatchNormal } }]);
        double[] means = [50, 52, 54];
        for (var day = 0; day < means.Length; day++)
        {
            await Rows(10, means[day]).ValidateAsync(suite, At(repository, day, "a"));
        }

        // Another dataset's history does not count: it has none yet.
        var other = await Rows(10, 50).ValidateAsync(suite, At(repository, 3, "b"));
        other.Results[0].Result.Details!.Value.GetProperty("reason").GetString().Should().Be("not enough history (0 of 2 runs)");

        // a: mean 52, sample sd 2 → [46, 58].
        var jump = await Rows(10, 60).ValidateAsync(suite, At(repository, 4, "a"));
        jump.Success.Should().BeFalse();
        jump.Results[0].Result.Details!.Value.GetProperty("lower_bound").GetDouble().Should().BeApproximately(46, 1e-9);
        jump.Results[0].Result.Details!.Value.GetProperty("upper_bound").GetDouble().Should().BeApproximately(58, 1e-9);
        (await Rows(10, 57).ValidateAsync(suite, At(repository, 5, "a") with { History = new MetricHistory(repository) { Dataset = "a", Append = false } })).Success.Should().BeTrue();
    }

    [Fact]
    public async Task Same_weekday_compares_only_with_runs_on_that_weekday()
    {
        var repository = Open("metrics.jsonl");
        var suite = Suite(new AnomalyDetection { Strategy = AnomalyStrategy.AbsoluteChange, MaxRateDecrease = -10, MaxRateIncrease = 10, CompareTo = AnomalyComparison.SameWeekday });
        // Day 0 has 100 rows, days 1..6 have 500; day 7 (the same weekday as day 0) with 105 passes against 100.
        await Rows(100, 1).ValidateAsync(suite, At(repository, 0));
        for (var day = 1; day < 7; day++)
        {
            await Rows(500, 1).ValidateAsync(suite, At(repository, day));
        }

        var report = await Rows(105, 1).ValidateAsync(suite, At(repository, 7));
        report.Results[0].Success.Should().BeTrue();
        report.Results[0].Result.Details!.Value.GetProperty("history_length").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Without_a_history_or_with_an_unreadable_one_only_the_anomaly_expectation_fails()
    {
        var suite = Suite(new AnomalyDetection());
        var none = await Rows(10, 1).ValidateAsync(suite);
        none.Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("ValidationOptions.History");
        none.Results[1].Success.Should().BeTrue();

        var path = Path.Combine(_folder, "broken.jsonl");
        await File.WriteAllTextAsync(path, "{\"timestamp\":\"2024-06-01T00:00:00Z\",\"run_id\":\"r\",\"dataset\":\"orders\",\"metric\":\"row_count\",\"value\":1}\nnot json\n");
        var broken = await Rows(10, 1).ValidateAsync(suite, new ValidationOptions { History = new MetricHistory(new JsonLinesMetricRepository(path)) { Append = false } });
        broken.Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("broken.jsonl, line 2");
        broken.Results[1].Success.Should().BeTrue();
    }

    [Fact]
    public void Strategy_parameters_that_do_not_apply_are_refused_with_the_argument_named()
    {
        var json = """{"name":"s","expectations":[{"type":"expect_column_metric_to_not_be_anomalous","kwargs":{"column":"a","metric":"mean","strategy":"batch_normal","max_rate_increase":2}}]}""";
        var act = () => SuiteJson.Parse(json);
        act.Should().Throw<InvalidExpectationException>().WithMessage("*max_rate_increase*absolute_change and relative_change*");
        var metric = """{"name":"s","expectations":[{"type":"expect_column_metric_to_not_be_anomalous","kwargs":{"column":"a","metric":"avg"}}]}""";
        ((Action)(() => SuiteJson.Parse(metric))).Should().Throw<InvalidExpectationException>().WithMessage("*'avg' is not one of*");
        var roundTrip = SuiteJson.Parse("""{"name":"s","expectations":[{"type":"expect_table_row_count_to_not_be_anomalous","kwargs":{"strategy":"holt_winters","seasonality":"daily","history_window":48}}]}""");
        var e = (TableRowCountToNotBeAnomalous)roundTrip.Expectations[0];
        e.Detection.MinimumHistory.Should().Be(48);
        JsonDocument.Parse(SuiteJson.Serialize(roundTrip)).RootElement.GetProperty("expectations")[0].GetProperty("kwargs").GetProperty("seasonality").GetString().Should().Be("daily");
    }
}

/// <summary>What the reports show of an anomaly result: observed against the interval, and the HTML chart.</summary>
public sealed class AnomalyReportTests
{
    [Fact]
    public async Task Text_markdown_and_html_show_the_interval_and_the_series()
    {
        var repository = new InMemoryRepository();
        var suite = new ExpectationSuite("orders", [new TableRowCountToNotBeAnomalous { Detection = new AnomalyDetection { Strategy = AnomalyStrategy.BatchNormal } }]);
        ValidationReport report = null!;
        foreach (var (rows, day) in new[] { (10, 0), (12, 1), (14, 2), (40, 3) })
        {
            var table = InMemoryTable.Builder().Add("x", Enumerable.Range(0, rows).Select(i => (long?)i).ToArray()).Build();
            report = await table.ValidateAsync(suite, new ValidationOptions { Now = new DateTime(2024, 6, 1).AddDays(day), History = new MetricHistory(repository) });
        }

        report.Success.Should().BeFalse();
        TextReport.Render(report).Should().Contain("observed 40 (expected 6 to 18 by batch_normal over 3 runs)");
        MarkdownReport.Render(report).Should().Contain(@"observed 40 (expected 6 to 18 by batch\_normal over 3 runs)");
        var html = HtmlReport.Render(report);
        html.Should().Contain("<svg class=\"anomaly-chart\"").And.Contain("3 earlier runs and this run (40)").And.Contain("fill=\"#d62728\"");
    }

    private sealed class InMemoryRepository : IMetricRepository
    {
        private readonly List<MetricPoint> _points = [];

        public ValueTask AppendAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
        {
            _points.AddRange(points);
            return ValueTask.CompletedTask;
        }

        public ValueTask<IReadOnlyList<MetricPoint>> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<MetricPoint>>([.. _points.Where(query.Matches).OrderBy(p => p.Timestamp)]);
    }
}
