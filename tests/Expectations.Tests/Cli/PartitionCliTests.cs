using System.Text.Json;
using Expectations.Cli;
using Expectations.Tests.Parquet;

namespace Expectations.Tests.Cli;

/// <summary>
/// <c>expectations validate</c> over Hive-partitioned folders (<c>--partition</c>) and Delta tables (found by their
/// <c>_delta_log</c>; <c>--version</c>, <c>--as-of</c>): the rows read, the report's <c>meta.data_source</c>, and exit
/// code 2 with one clear line for options that cannot apply.
/// </summary>
public sealed class PartitionCliTests : IDisposable
{
    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Partition_limits_a_run_to_the_partitions_that_pass_every_filter()
    {
        for (var day = 1; day <= 5; day++)
        {
            await _files.WriteIdsAsync($"data/date=2024-06-0{day}/region={(day % 2 == 0 ? "eu" : "us")}/part-0.parquet", day * 10, 3);
        }

        var suite = WriteSuite("{\"type\": \"expect_table_row_count_to_equal\", \"kwargs\": {\"value\": 15}}");
        var data = _files.PathOf("data");
        (await CliRun.RunAsync("validate", "--suite", suite, data)).ExitCode.Should().Be(ExitCodes.Success);

        var some = await CliRun.RunAsync("validate", "--suite", suite, data, "--partition", "date>=2024-06-03", "--partition", "region = us", "--format", "json");
        some.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        ObservedRows(some).Should().Be(6, "days 3 and 5 are us and on or after June 3rd");

        var bad = await CliRun.RunAsync("validate", "--suite", suite, data, "--partition", "day >= 3");
        bad.ExitCode.Should().Be(ExitCodes.InvalidInput);
        bad.Stderr.Should().Contain("'day'").And.Contain("not a partition column");

        var malformed = await CliRun.RunAsync("validate", "--suite", suite, data, "--partition", "date in (2024-06-01");
        malformed.ExitCode.Should().Be(ExitCodes.InvalidInput);
        malformed.Stderr.Should().Contain("--partition");
    }

    [DeltaCorpusFact]
    public async Task A_delta_table_is_found_by_its_log_and_read_at_a_version_or_time()
    {
        var table = Path.Combine(DeltaCorpusFactAttribute.Directory!, "time-travel-start-start20-start40");
        var suite = WriteSuite("{\"type\": \"expect_table_row_count_to_be_between\", \"kwargs\": {\"min_value\": 1}}");

        var latest = await CliRun.RunAsync("validate", "--suite", suite, table, "--format", "json");
        latest.ExitCode.Should().Be(ExitCodes.Success, latest.Stderr);
        DataSource(latest).Should().Be($"{table} (Delta table, version 2)");
        ObservedRows(latest).Should().Be(30);

        var v0 = await CliRun.RunAsync("validate", "--suite", suite, table, "--version", "0", "--format", "json");
        DataSource(v0).Should().Be($"{table} (Delta table, version 0)");
        ObservedRows(v0).Should().Be(10);

        var asOf = await CliRun.RunAsync("validate", "--suite", suite, table, "--as-of", "2020-10-26T14:53:42Z", "--format", "json");
        DataSource(asOf).Should().Be($"{table} (Delta table, version 1)");

        var both = await CliRun.RunAsync("validate", "--suite", suite, table, "--version", "0", "--as-of", "2020-10-26T14:53:42Z");
        both.ExitCode.Should().Be(ExitCodes.InvalidInput);
        both.Stderr.Should().Contain("give one of them");

        var beyond = await CliRun.RunAsync("validate", "--suite", suite, table, "--version", "9");
        beyond.ExitCode.Should().Be(ExitCodes.InvalidInput);
        beyond.Stderr.Should().Contain("has no version 9");

        var refused = await CliRun.RunAsync("validate", "--suite", suite, Path.Combine(DeltaCorpusFactAttribute.Directory!, "basic-dv-no-checkpoint"));
        refused.ExitCode.Should().Be(ExitCodes.InvalidInput);
        refused.Stderr.Should().Contain("deletionVectors");
    }

    [Fact]
    public async Task Version_options_need_a_delta_table()
    {
        var file = await _files.WriteIdsAsync("plain.parquet", 0, 3);
        var suite = WriteSuite("{\"type\": \"expect_table_row_count_to_be_between\", \"kwargs\": {\"min_value\": 1}}");
        var run = await CliRun.RunAsync("validate", "--suite", suite, file, "--version", "1");
        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stderr.Should().Contain("not one (it has no _delta_log folder)");
        var partition = await CliRun.RunAsync("validate", "--suite", suite, file, "--partition", "a=1");
        partition.ExitCode.Should().Be(ExitCodes.InvalidInput);
        partition.Stderr.Should().Contain("is one file");
    }

    private string WriteSuite(string expectation)
    {
        var path = _files.PathOf($"suite-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"name\": \"s\", \"expectations\": [" + expectation + "]}");
        return path;
    }

    private static long ObservedRows(CliRun run)
    {
        using var report = JsonDocument.Parse(run.Stdout);
        return report.RootElement.GetProperty("results")[0].GetProperty("result").GetProperty("observed_value").GetInt64();
    }

    private static string DataSource(CliRun run)
    {
        using var report = JsonDocument.Parse(run.Stdout);
        return report.RootElement.GetProperty("meta").GetProperty("data_source").GetString()!;
    }
}
