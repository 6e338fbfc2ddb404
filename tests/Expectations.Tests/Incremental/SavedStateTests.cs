using System.Buffers.Binary;
using FluentAssertions;
using Xunit;

namespace Expectations.Tests.Incremental;

/// <summary>Saved states that cannot be trusted (corrupt, of another plan, of another format) are recomputed with a message, never used.</summary>
public sealed class SavedStateTests : IDisposable
{
    private static readonly ValidationPlan Plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse(IncrementalTestData.SuiteJson));

    private static readonly ValidationOptions Options = new() { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "expectations-state-" + Guid.NewGuid().ToString("N"));

    private static List<TestPart> Parts(int count, int version = 0) => [.. Enumerable.Range(0, count).Select(p => new TestPart(
        "part-" + p,
        version,
        [.. Enumerable.Range(0, 5).Select(i => new TestRow((p * 5) + i, (i * 7.5) + version, "n" + ((p + i) % 7), i % 3 == 0 ? "a" : "b", ((p * 5) + i) % 11))]))];

    private async Task<(ValidationReport Report, string Full)> RunAsync(IMetricStateStore store, IReadOnlyList<TestPart> parts, ValidationPlan? plan = null)
    {
        plan ??= Plan;
        var full = await plan.ValidateAsync(new PartsSource(parts), Options);
        var report = await plan.ValidateAsync(new PartsSource(parts), Options with { StateStore = store });
        return (report, IncrementalTestData.Comparable(full));
    }

    [Fact]
    public async Task A_second_run_reuses_every_partition_and_a_changed_one_is_recomputed()
    {
        var store = new FolderStateStore(_folder);
        var parts = Parts(4);
        var (first, full) = await RunAsync(store, parts);
        first.Meta.Incremental!.PartitionsRecomputed.Should().Be(4);
        first.Meta.Incremental.StateBytesWritten.Should().BeGreaterThan(0);
        IncrementalTestData.Comparable(first).Should().Be(full);

        var (second, _) = await RunAsync(store, parts);
        second.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 4, PartitionsRemoved = 0, StateBytesWritten = 0L });

        parts[2] = Parts(4, version: 1)[2];
        var (third, full3) = await RunAsync(store, parts);
        third.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 1, PartitionsReused = 3 });
        IncrementalTestData.Comparable(third).Should().Be(full3);
        ReportJson.Serialize(third).Should().Contain("\"incremental\": {").And.Contain("\"partitions_recomputed\": 1").And.Contain("\"partitions_reused\": 3");
    }

    [Fact]
    public async Task A_corrupt_state_is_recomputed_with_a_message()
    {
        var store = new FolderStateStore(_folder);
        var parts = Parts(3);
        await RunAsync(store, parts);
        var file = Directory.GetFiles(_folder, "*.state").Order(StringComparer.Ordinal).First();
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^3] ^= 0x40;
        await File.WriteAllBytesAsync(file, bytes);

        var (report, full) = await RunAsync(store, parts);
        IncrementalTestData.Comparable(report).Should().Be(full);
        report.Meta.Incremental!.PartitionsRecomputed.Should().Be(1);
        report.Meta.Incremental.Messages.Should().ContainSingle().Which.Should().Contain("1 partition: the saved state is corrupt (its checksum or structure is wrong)").And.Contain("recomputed");

        // Recomputed and saved again: the next run reuses everything, silently.
        var (again, _) = await RunAsync(store, parts);
        again.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 3, Messages = Array.Empty<string>() });
    }

    [Fact]
    public async Task A_truncated_or_foreign_file_is_recomputed_with_a_message()
    {
        var store = new FolderStateStore(_folder);
        var parts = Parts(3);
        await RunAsync(store, parts);
        var files = Directory.GetFiles(_folder, "*.state").Order(StringComparer.Ordinal).ToArray();
        var bytes = await File.ReadAllBytesAsync(files[0]);
        await File.WriteAllBytesAsync(files[0], bytes[..(bytes.Length / 2)]);
        await File.WriteAllTextAsync(files[1], "{\"not\": \"a state\"}");

        var (report, full) = await RunAsync(store, parts);
        IncrementalTestData.Comparable(report).Should().Be(full);
        report.Meta.Incremental!.PartitionsRecomputed.Should().Be(2);
        report.Meta.Incremental.Messages.Should().HaveCount(2);
        report.Meta.Incremental.Messages.Should().Contain(m => m.Contains("is corrupt", StringComparison.Ordinal));
        report.Meta.Incremental.Messages.Should().Contain(m => m.Contains("is not a state file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_state_of_an_older_format_is_recomputed_with_a_message()
    {
        var store = new MemoryStateStore();
        var parts = Parts(2);
        await RunAsync(store, parts);
        foreach (var key in store.Blobs.Keys)
        {
            BinaryPrimitives.WriteInt32LittleEndian(store.Blobs[key].AsSpan(8), 0);
        }

        var (report, full) = await RunAsync(store, parts);
        IncrementalTestData.Comparable(report).Should().Be(full);
        report.Meta.Incremental!.PartitionsRecomputed.Should().Be(2);
        report.Meta.Incremental.Messages.Should().ContainSingle().Which.Should().StartWith("2 partitions: the saved state is of an older format version (this engine reads version 1)");
    }

    [Fact]
    public async Task A_state_of_another_plan_is_recomputed_with_a_message()
    {
        var store = new MemoryStateStore();
        var parts = Parts(3);
        await RunAsync(store, parts);

        // The same suite with one bound changed: its states would be wrong for the new suite.
        var other = ValidationPlan.Compile(Expectations.SuiteJson.Parse(IncrementalTestData.SuiteJson.Replace("\"max_value\": 50", "\"max_value\": 20", StringComparison.Ordinal)));
        var (report, full) = await RunAsync(store, parts, other);
        IncrementalTestData.Comparable(report).Should().Be(full);
        report.Meta.Incremental!.PartitionsRecomputed.Should().Be(3);
        report.Meta.Incremental.Messages.Should().ContainSingle().Which.Should().Contain("belongs to another plan");

        // Another result format changes the samples kept, so it is another plan too.
        var summary = await Plan.ValidateAsync(new PartsSource(parts), ValidationOptions.Default with { StateStore = store });
        summary.Meta.Incremental!.PartitionsRecomputed.Should().Be(3);
        IncrementalTestData.Comparable(summary).Should().Be(IncrementalTestData.Comparable(await Plan.ValidateAsync(new PartsSource(parts))));
    }

    [Fact]
    public async Task A_suite_parameter_is_part_of_the_plan()
    {
        var suite = Expectations.SuiteJson.Parse("""{"name": "p", "expectations": [{"type": "expect_column_max_to_be_between", "kwargs": {"column": "id", "max_value": {"$PARAMETER": "top"}}}]}""");
        var plan = ValidationPlan.Compile(suite);
        var store = new MemoryStateStore();
        var parts = Parts(2);
        var low = ValidationOptions.Default with { StateStore = store, Parameters = new Dictionary<string, Scalar> { ["top"] = Scalar.From(3) } };
        (await plan.ValidateAsync(new PartsSource(parts), low)).Success.Should().BeFalse();
        var high = low with { Parameters = new Dictionary<string, Scalar> { ["top"] = Scalar.From(100) } };
        var report = await plan.ValidateAsync(new PartsSource(parts), high);
        report.Success.Should().BeTrue();
        report.Meta.Incremental!.Messages.Should().ContainSingle().Which.Should().Contain("another plan");
    }

    [Fact]
    public async Task Removed_partitions_drop_out_and_their_states_are_deleted()
    {
        var store = new FolderStateStore(_folder);
        var parts = Parts(4);
        await RunAsync(store, parts);
        parts.RemoveAt(1);
        parts.RemoveAt(0);
        var (report, full) = await RunAsync(store, parts);
        IncrementalTestData.Comparable(report).Should().Be(full);
        report.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 2, PartitionsRemoved = 2 });
        Directory.GetFiles(_folder, "*.state").Should().HaveCount(2);
        report.Meta.RowCount.Should().Be(10);
    }

    [Fact]
    public async Task Concurrent_writers_to_one_folder_leave_valid_states_last_writer_wins()
    {
        var parts = Parts(6);
        var expected = IncrementalTestData.Comparable(await Plan.ValidateAsync(new PartsSource(parts), Options));
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            await Plan.ValidateAsync(new PartsSource(parts), Options with { StateStore = new FolderStateStore(_folder), MaxDegreeOfParallelism = 2 }))));
        runs.Select(IncrementalTestData.Comparable).Should().AllBe(expected);
        Directory.GetFiles(_folder).Should().OnlyContain(f => f.EndsWith(".state", StringComparison.Ordinal), "no temporary file is left behind");

        var after = await Plan.ValidateAsync(new PartsSource(parts), Options with { StateStore = new FolderStateStore(_folder) });
        after.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 6, Messages = Array.Empty<string>() });
        IncrementalTestData.Comparable(after).Should().Be(expected);
    }

    [Fact]
    public async Task Partitions_without_identity_and_unpartitioned_sources_are_read_every_time_and_say_so()
    {
        var store = new MemoryStateStore();
        var parts = Parts(2);
        var anonymous = await Plan.ValidateAsync(new PartsSource(parts, withIdentity: false), Options with { StateStore = store });
        anonymous.Meta.Incremental!.PartitionsRecomputed.Should().Be(2);
        anonymous.Meta.Incremental.Messages.Should().ContainSingle().Which.Should().Contain("2 partitions of the source (part-0 first) have no identity");
        store.Blobs.Should().BeEmpty();

        var table = PartsSource.Table(parts.SelectMany(p => p.Rows).ToList(), "one table");
        var stream = await Plan.ValidateAsync(table, Options with { StateStore = store });
        stream.Meta.Incremental!.Messages.Should().ContainSingle().Which.Should().Contain("(one table) is not partitioned");
        IncrementalTestData.Comparable(stream).Should().Be(IncrementalTestData.Comparable(await Plan.ValidateAsync(table, Options)));
    }

    [Fact]
    public async Task A_partition_where_a_metric_failed_is_not_saved_so_its_error_is_reported_every_run()
    {
        // A backtracking regex (a backreference) with a budget of one tick: its metric fails on every partition.
        var suite = Expectations.SuiteJson.Parse("""{"name": "e", "expectations": [{"type": "expect_column_values_to_match_regex", "kwargs": {"column": "name", "regex": "^(n)\\1"}}, {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "amount"}}]}""");
        var plan = ValidationPlan.Compile(suite);
        var store = new MemoryStateStore();
        var parts = Parts(2);
        var options = Options with { StateStore = store, RegexBudget = TimeSpan.FromTicks(1), MaxDegreeOfParallelism = 1 };
        var first = await plan.ValidateAsync(new PartsSource(parts), options);
        first.Results[0].ExceptionInfo.Should().NotBeNull();
        first.Results[1].ExceptionInfo.Should().BeNull();
        store.Blobs.Should().BeEmpty("a partition is saved only when every metric computed on it");

        var second = await plan.ValidateAsync(new PartsSource(parts), options);
        second.Meta.Incremental!.PartitionsRecomputed.Should().Be(2);
        second.Results[0].ExceptionInfo.Should().NotBeNull();
        IncrementalTestData.Comparable(second).Should().Be(IncrementalTestData.Comparable(first));
    }

    [Fact]
    public async Task The_folder_store_replaces_whole_files_and_refuses_keys_that_leave_the_folder()
    {
        var store = new FolderStateStore(_folder);
        (await store.ReadAsync("abc")).Should().BeNull();
        (await store.ListAsync()).Should().BeEmpty();
        await store.WriteAsync("abc", new byte[] { 1, 2, 3 });
        await store.WriteAsync("abc", new byte[] { 4, 5 });
        (await store.ReadAsync("abc")).Should().Equal(4, 5);
        (await store.ListAsync()).Should().Equal("abc");
        await store.DeleteAsync("abc");
        await store.DeleteAsync("abc");
        (await store.ListAsync()).Should().BeEmpty();
        var escape = async () => await store.WriteAsync("../x", new byte[] { 1 });
        await escape.Should().ThrowAsync<ArgumentException>().WithMessage("*may hold only ASCII letters, digits*");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
