using System.Text.Json;
using Expectations.Cli;
using Expectations.Tests.Parquet;

namespace Expectations.Tests.Cli;

/// <summary>
/// <c>expectations validate --history</c> (with <c>--state</c>, <c>--tag</c>, <c>--run-id</c>, <c>--now</c>) and
/// <c>expectations history</c>: a growing partitioned dataset whose last partition is anomalous, end to end.
/// </summary>
public sealed class HistoryCliTests : IDisposable
{
    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("metrics.db")]
    [InlineData("metrics.jsonl")]
    public async Task Incremental_runs_append_history_and_a_short_partition_fails_the_row_count_check(string repository)
    {
        var suite = _files.PathOf("suite.json");
        File.WriteAllText(suite, """
            {"name": "s", "expectations": [{"type": "expect_table_row_count_to_not_be_anomalous",
              "kwargs": {"strategy": "absolute_change", "max_rate_decrease": 8, "max_rate_increase": 12}}]}
            """);
        var history = _files.PathOf(repository);
        var data = _files.PathOf("data");
        var codes = new List<int>();
        string last = "";
        for (var day = 1; day <= 4; day++)
        {
            await _files.WriteIdsAsync($"data/date=2024-06-0{day}/part-0.parquet", day * 100, day == 4 ? 3 : 10);
            var run = await CliRun.RunAsync("validate", "--suite", suite, data, "--state", _files.PathOf("state"), "--history", history,
                "--tag", "dataset=ids", "--tag", "team=ml", "--run-id", $"r{day}", "--now", $"2024-06-0{day}T06:00:00Z", "--format", "json");
            run.Stderr.Should().BeEmpty();
            codes.Add(run.ExitCode);
            last = run.Stdout;
        }

        codes.Should().Equal(ExitCodes.ValidationFailed, ExitCodes.Success, ExitCodes.Success, ExitCodes.ValidationFailed);
        var result = JsonDocument.Parse(last).RootElement.GetProperty("results")[0].GetProperty("result");
        result.GetProperty("observed_value").GetInt64().Should().Be(33);
        result.GetProperty("details").GetProperty("lower_bound").GetDouble().Should().Be(38);

        var listed = await CliRun.RunAsync("history", history, "--dataset", "ids", "--metric", "row_count", "--format", "csv");
        listed.ExitCode.Should().Be(ExitCodes.Success);
        listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "timestamp,run_id,dataset,suite,partition,expectation,column,metric,value",
            "2024-06-01T06:00:00Z,r1,ids,s,,,,row_count,10",
            "2024-06-02T06:00:00Z,r2,ids,s,,,,row_count,20",
            "2024-06-03T06:00:00Z,r3,ids,s,,,,row_count,30",
            "2024-06-04T06:00:00Z,r4,ids,s,,,,row_count,33");
        var json = await CliRun.RunAsync("history", history, "--since", "2024-06-04", "--format", "json");
        var point = JsonDocument.Parse(json.Stdout.Split('\n')[0]).RootElement;
        point.GetProperty("run_id").GetString().Should().Be("r4");
        point.GetProperty("tags").GetProperty("team").GetString().Should().Be("ml");
        (await CliRun.RunAsync("history", history, "--dataset", "other")).Stdout.Should().Be("No metrics match.\n");
    }

    [Fact]
    public async Task Bad_history_arguments_are_one_line_errors()
    {
        var suite = _files.PathOf("suite.json");
        File.WriteAllText(suite, """{"name": "s", "expectations": [{"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}}]}""");
        var data = await _files.WriteIdsAsync("ids.parquet", 0, 3);
        var tag = await CliRun.RunAsync("validate", "--suite", suite, data, "--history", _files.PathOf("m.db"), "--tag", "novalue");
        tag.ExitCode.Should().Be(ExitCodes.InvalidInput);
        tag.Stderr.Should().Contain("--tag 'novalue' must be KEY=VALUE");
        var now = await CliRun.RunAsync("validate", "--suite", suite, data, "--now", "next monday");
        now.ExitCode.Should().Be(ExitCodes.InvalidInput);
        now.Stderr.Should().Contain("--now 'next monday'");
        var folder = await CliRun.RunAsync("validate", "--suite", suite, data, "--history", _files.Folder);
        folder.ExitCode.Should().Be(ExitCodes.InvalidInput);
        folder.Stderr.Should().Contain("is a folder");
        var missing = await CliRun.RunAsync("history", _files.PathOf("none.db"));
        missing.ExitCode.Should().Be(ExitCodes.InvalidInput);
        missing.Stderr.Should().Contain("does not exist");
        File.WriteAllText(_files.PathOf("bad.jsonl"), "{}\n");
        var bad = await CliRun.RunAsync("history", _files.PathOf("bad.jsonl"));
        bad.ExitCode.Should().Be(ExitCodes.InvalidInput);
        bad.Stderr.Should().Contain("bad.jsonl, line 1");
    }
}
