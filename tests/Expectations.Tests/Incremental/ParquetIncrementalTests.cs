using System.Text.Json.Nodes;
using Expectations.Parquet;
using Expectations.Tests.Cli;
using Expectations.Tests.Parquet;
using FluentAssertions;
using global::Parquet.Schema;
using Xunit;

namespace Expectations.Tests.Incremental;

/// <summary>Incremental runs over a Parquet folder: row groups are the partitions, identified by file path, size and time or content hash.</summary>
public sealed class ParquetIncrementalTests : IDisposable
{
    private static readonly ValidationPlan Plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse(IncrementalTestData.SuiteJson));

    private static readonly ValidationOptions Options = new() { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };

    private readonly ParquetTestFiles _files = new();

    private string Data => _files.PathOf("data");

    private string State(string name = "state") => _files.PathOf(name);

    /// <summary>A file of two row groups of <paramref name="rows"/> rows each, its values derived from <paramref name="seed"/>.</summary>
    private async Task WriteAsync(string name, int seed, int rows = 6)
    {
        var id = new DataField<long>("id");
        var amount = new DataField<double?>("amount");
        var text = new DataField<string>("name");
        var cat = new DataField<string>("cat");
        var code = new DataField<long>("code");
        Func<global::Parquet.ParquetRowGroupWriter, Task> Group(int g) => async rg =>
        {
            var range = Enumerable.Range(0, rows).Select(i => (seed * 100) + (g * rows) + i).ToArray();
            await rg.WriteAsync<long>(id, range.Select(i => (long)i).ToArray().AsMemory());
            await rg.WriteAsync<double>(amount, range.Select(i => i % 5 == 0 ? (double?)null : (i * 3.7) % 55).ToArray().AsMemory());
            await rg.WriteAsync(text, range.Select(i => i % 7 == 0 ? null : "n" + (i % 6)).ToArray());
            await rg.WriteAsync(cat, range.Select(i => i % 3 == 0 ? "a" : "b").ToArray());
            await rg.WriteAsync<long>(code, range.Select(i => (long)(i % 13)).ToArray().AsMemory());
        };
        await _files.WriteAsync(Path.Combine("data", name), new ParquetSchema(id, amount, text, cat, code), Group(0), Group(1));
    }

    private async Task<ValidationReport> RunAsync(string state, PartitionIdentityMode mode = PartitionIdentityMode.FileMetadata)
    {
        string full;
        await using (var source = await ParquetDataSource.OpenAsync(Data, mode))
        {
            full = IncrementalTestData.Comparable(await Plan.ValidateAsync(source, Options));
        }

        await using (var source = await ParquetDataSource.OpenAsync(Data, mode))
        {
            var report = await Plan.ValidateAsync(source, Options with { StateStore = new FolderStateStore(state) });
            IncrementalTestData.Comparable(report).Should().Be(full);
            report.Results.Should().OnlyContain(r => r.ExceptionInfo == null);
            return report;
        }
    }

    [Fact]
    public async Task Appended_changed_and_removed_files_are_recomputed_or_dropped_and_the_report_equals_a_full_run()
    {
        await WriteAsync("a.parquet", 1);
        await WriteAsync("c.parquet", 2);
        await WriteAsync("e.parquet", 3);
        (await RunAsync(State())).Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 6, PartitionsReused = 0, PartitionsRemoved = 0 });
        (await RunAsync(State())).Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 6, PartitionsRemoved = 0 });

        // A new file sorts between the others: the row indices of later files shift, and their saved states still apply.
        await WriteAsync("b.parquet", 4);
        (await RunAsync(State())).Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 2, PartitionsReused = 6, PartitionsRemoved = 0 });

        await WriteAsync("c.parquet", 5, rows: 7);
        (await RunAsync(State())).Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 2, PartitionsReused = 6, PartitionsRemoved = 0 });

        File.Delete(Path.Combine(Data, "e.parquet"));
        var last = await RunAsync(State());
        last.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 6, PartitionsRemoved = 2, Messages = Array.Empty<string>() });
        Directory.GetFiles(State(), "*.state").Should().HaveCount(6);
    }

    [Fact]
    public async Task A_file_touched_but_unchanged_is_recomputed_by_metadata_and_reused_by_content_hash()
    {
        await WriteAsync("a.parquet", 1);
        await WriteAsync("b.parquet", 2);
        await RunAsync(State("by-time"));
        await RunAsync(State("by-hash"), PartitionIdentityMode.ContentHash);
        var file = Path.Combine(Data, "a.parquet");
        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddMinutes(-5));

        (await RunAsync(State("by-time"))).Meta.Incremental!.PartitionsRecomputed.Should().Be(2);
        (await RunAsync(State("by-hash"), PartitionIdentityMode.ContentHash)).Meta.Incremental!.PartitionsRecomputed.Should().Be(0);

        await using var source = await ParquetDataSource.OpenAsync(Data, PartitionIdentityMode.ContentHash);
        source.Partitions[1].Identity.Should().BeEquivalentTo(new { Location = file, RowGroupStart = 1, RowGroupEnd = 2, LastModified = (DateTimeOffset?)null });
        source.Partitions[1].Identity!.ContentHash.Should().MatchRegex("^[0-9a-f]{64}$");
        source.Partitions[1].Identity!.Size.Should().Be(new FileInfo(file).Length);
    }

    [Fact]
    public async Task The_cli_validates_incrementally_with_state()
    {
        await WriteAsync("a.parquet", 1);
        await WriteAsync("b.parquet", 2);
        var suite = _files.PathOf("suite.json");
        await File.WriteAllTextAsync(suite, """{"name": "cli", "expectations": [{"type": "expect_column_values_to_be_unique", "kwargs": {"column": "id"}}, {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "cat"}}]}""");
        var state = Path.Combine(_files.Folder, ".expectations", "state");

        var first = await CliRun.RunAsync("validate", "--suite", suite, Data, "--state", state, "--format", "json");
        first.ExitCode.Should().Be(0, first.Stderr);
        JsonNode.Parse(first.Stdout)!["meta"]!["incremental"]!["partitions_recomputed"]!.GetValue<int>().Should().Be(4);

        await WriteAsync("c.parquet", 3);
        var second = await CliRun.RunAsync("validate", "--suite", suite, Data, "--state", state, "--format", "json");
        second.ExitCode.Should().Be(0, second.Stderr);
        var incremental = JsonNode.Parse(second.Stdout)!["meta"]!["incremental"]!;
        incremental["partitions_recomputed"]!.GetValue<int>().Should().Be(2);
        incremental["partitions_reused"]!.GetValue<int>().Should().Be(4);
        JsonNode.Parse(second.Stdout)!["meta"]!["row_count"]!.GetValue<long>().Should().Be(36);

        var notAFolder = await CliRun.RunAsync("validate", "--suite", suite, Data, "--state", suite);
        notAFolder.ExitCode.Should().Be(2);
        notAFolder.Stderr.Should().Contain("--state").And.Contain("is a file");
    }

    [Fact]
    public async Task A_check_against_another_table_reads_every_partition_each_run_and_says_so()
    {
        await WriteAsync("a.parquet", 1);
        await WriteAsync("b.parquet", 2);
        var plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse("""
            {"name": "leak", "expectations": [
              {"type": "expect_column_values_to_not_be_in_other_table", "kwargs": {"column": "code", "other_table_name": "train"}},
              {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}
            """));
        var train = InMemoryTable.Builder("train").Add("code", new long?[] { 3, 99 }).Build();
        var options = Options with { OtherTables = new Dictionary<string, IDataSource> { ["train"] = train }, StateStore = new FolderStateStore(State()) };
        for (var run = 0; run < 2; run++)
        {
            await using var source = await ParquetDataSource.OpenAsync(Data);
            var report = await plan.ValidateAsync(source, options);
            var full = await plan.ValidateAsync(source, options with { StateStore = null });
            // The other table may change between runs, so nothing is saved or reused: every run reads all four row groups.
            report.Meta.Incremental!.PartitionsRecomputed.Should().Be(4);
            report.Meta.Incremental.PartitionsReused.Should().Be(0);
            report.Meta.Incremental.Messages.Should().ContainSingle().Which.Should().Contain("not saved");
            IncrementalTestData.Comparable(report).Should().Be(IncrementalTestData.Comparable(full));
            report.Results[0].Result.UnexpectedCount.Should().BePositive("codes 3 of the files are in train");
        }

        (Directory.Exists(State()) ? Directory.GetFiles(State(), "*.state") : []).Should().BeEmpty();
    }

    public void Dispose() => _files.Dispose();
}
