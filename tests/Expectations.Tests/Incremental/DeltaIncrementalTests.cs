using System.Text.Json;
using Expectations.Parquet.Delta;
using Expectations.Tests.Parquet;

namespace Expectations.Tests.Incremental;

/// <summary>
/// Saved states over Delta tables written by Delta's own writers (../shared/realworld/delta): walking a table version by
/// version with one state folder recomputes only the files each commit added, drops the ones it removed, and every report
/// equals a full run of that version.
/// </summary>
public sealed class DeltaIncrementalTests : IDisposable
{
    private static readonly ValidationPlan Plan = ValidationPlan.Compile(Expect.Suite("delta-incremental")
        .RowCount(min: 1)
        .Column<long>("id", c => c.NotNull().Unique().Between(0L, 100L))
        .Build());

    private static readonly ValidationOptions Options = new() { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };

    private readonly string _state = Directory.CreateTempSubdirectory("expectations-delta-state-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [DeltaCorpusFact]
    public Task An_append_only_table_recomputes_only_each_commits_new_files() => WalkAsync("basic-with-checkpoint");

    [DeltaCorpusFact]
    public Task Inserts_and_deletes_recompute_the_added_files_and_drop_the_removed_ones() => WalkAsync("basic-with-inserts-deletes-checkpoint");

    private async Task WalkAsync(string name)
    {
        var expected = DeltaCorpusFactAttribute.Tables().Single(t => t.GetProperty("table").GetString() == name);
        var table = Path.Combine(DeltaCorpusFactAttribute.Directory!, name);
        var store = new FolderStateStore(_state);
        var previous = new HashSet<string>(StringComparer.Ordinal);
        var removedSeen = 0;
        foreach (var version in expected.GetProperty("versions").EnumerateArray())
        {
            var number = version.GetProperty("version").GetInt64();
            var live = version.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToHashSet(StringComparer.Ordinal);
            await using var source = await DeltaTable.OpenAsync(table, new DeltaReadOptions { Version = number });
            var incremental = await Plan.ValidateAsync(source, Options with { StateStore = store });
            var full = await Plan.ValidateAsync(source, Options);

            // One row group per file in these tables: a partition per added file is recomputed, each kept one reused.
            var info = incremental.Meta.Incremental!;
            var added = live.Count(f => !previous.Contains(f));
            var removed = previous.Count(f => !live.Contains(f));
            info.PartitionsRecomputed.Should().Be(added, $"version {number} added {added} files");
            info.PartitionsReused.Should().Be(live.Count - added, $"version {number} kept {live.Count - added} files");
            info.PartitionsRemoved.Should().Be(removed, $"version {number} removed {removed} files");
            IncrementalTestData.Comparable(incremental).Should().Be(IncrementalTestData.Comparable(full), $"version {number}");
            incremental.Statistics.EvaluatedExpectations.Should().Be(Plan.Suite.Expectations.Length);
            removedSeen += removed;
            previous = live;
        }

        previous.Should().NotBeEmpty();
        if (name.Contains("deletes", StringComparison.Ordinal))
        {
            removedSeen.Should().BePositive("the table's history removes files");
        }
    }
}
