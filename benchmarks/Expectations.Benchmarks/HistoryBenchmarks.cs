using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Expectations.Parquet;
using Expectations.Sql.Sqlite;
using Expectations.Validation;

namespace Expectations.Benchmarks;

/// <summary>
/// The cost of metric history next to the validation itself, in the same run: the sample suite over the sample data
/// (5,000 rows; <see cref="Validate"/>, the baseline), the same run with three anomaly checks (row count online normal,
/// mean batch normal, mean Holt-Winters over the last 56 runs) reading a SQLite history of 1,000 earlier runs
/// (<see cref="ValidateWithAnomalyChecks"/>), and appending one run's metrics to that history (<see cref="AppendRunMetrics"/>).
/// </summary>
public class HistoryBenchmarks
{
    private const int Runs = 1_000;
    private ValidationPlan _plain = null!;
    private ValidationPlan _anomalies = null!;
    private string _data = "";
    private SqliteMetricRepository _repository = null!;
    private ValidationReport _report = null!;
    private int _appended;

    [GlobalSetup]
    public async Task Setup()
    {
        var root = BenchmarkData.RepositoryRoot();
        _data = Path.Combine(root, "samples", "transactions.parquet");
        var suite = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "samples", "transactions.suite.json")))!;
        _plain = ValidationPlan.Compile(SuiteJson.Parse(suite.ToJsonString()));
        var list = suite["expectations"]!.AsArray();
        list.Add(JsonNode.Parse("""{"type": "expect_table_row_count_to_not_be_anomalous", "kwargs": {}}"""));
        list.Add(JsonNode.Parse("""{"type": "expect_column_metric_to_not_be_anomalous", "kwargs": {"column": "amount", "metric": "mean", "strategy": "batch_normal"}}"""));
        list.Add(JsonNode.Parse("""{"type": "expect_column_metric_to_not_be_anomalous", "kwargs": {"column": "amount", "metric": "mean", "strategy": "holt_winters", "history_window": 56}}"""));
        _anomalies = ValidationPlan.Compile(SuiteJson.Parse(suite.ToJsonString()));

        // 1,000 daily runs of the real suite's metrics: one validation, its points repeated with a weekly pattern.
        var folder = Path.Combine(BenchmarkData.Folder, "history");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "metrics.db");
        File.Delete(path);
        _repository = new SqliteMetricRepository(path);
        await using (var source = await ParquetDataSource.OpenAsync(_data))
        {
            _report = await _plain.ValidateAsync(source);
        }

        var history = new MetricHistory(_repository) { Dataset = "transactions" };
        var start = new DateTimeOffset(2021, 1, 1, 6, 0, 0, TimeSpan.Zero);
        for (var day = 0; day < Runs; day++)
        {
            var points = ReportMetrics.Of(_report, history, start.AddDays(day), $"run{day}")
                .Select(p => p with { Value = p.Value * (1 + 0.01 * (day % 7)) })
                .ToList();
            await _repository.AppendAsync(points);
        }

        Console.WriteLine($"// history: {Runs} runs, {(await _repository.ReadAsync(new MetricQuery())).Count} points, {new FileInfo(path).Length / 1024} KiB");
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> Validate()
    {
        await using var source = await ParquetDataSource.OpenAsync(_data);
        return (await _plain.ValidateAsync(source)).Success;
    }

    [Benchmark]
    public async Task<bool> ValidateWithAnomalyChecks()
    {
        await using var source = await ParquetDataSource.OpenAsync(_data);
        var options = new ValidationOptions
        {
            Now = new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc),
            History = new MetricHistory(_repository) { Dataset = "transactions", Append = false },
        };
        var report = await _anomalies.ValidateAsync(source, options);
        return report.Results[^1].Result.Details is not null;
    }

    [Benchmark]
    public async Task AppendRunMetrics()
    {
        var history = new MetricHistory(_repository) { Dataset = "appended" };
        await _repository.AppendAsync(ReportMetrics.Of(_report, history, DateTimeOffset.UnixEpoch.AddDays(_appended), $"append{_appended++}"));
    }
}
