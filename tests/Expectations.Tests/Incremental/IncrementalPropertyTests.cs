using CsCheck;
using FluentAssertions;
using Xunit;

namespace Expectations.Tests.Incremental;

/// <summary>
/// The promise of incremental runs: after any sequence of appended, removed and changed partitions, the report of a run
/// that reuses saved states equals, byte for byte (run time and duration aside), the report of a full run over the same
/// data; and exactly the new and changed partitions are recomputed.
/// </summary>
public sealed class IncrementalPropertyTests : IDisposable
{
    private static readonly string[] Names = ["n0", "n1", "n2", "n3", "n4", "n5", "n6", "x y", "é"];
    private static readonly string[] Cats = ["a", "b", "c"];

    private static readonly Gen<TestRow> Row = Gen.Select(
        Gen.Long[0, 40],
        Gen.Int[0, 9].SelectMany(n => n == 0 ? Gen.Const((double?)null) : n == 1 ? Gen.Const((double?)double.NaN) : Gen.Double[-5, 60].Select(d => (double?)Math.Round(d, 2))),
        Gen.Int[0, Names.Length].Select(i => i == Names.Length ? null : Names[i]),
        Gen.Int[0, Cats.Length - 1].Select(i => Cats[i]),
        Gen.Long[0, 30],
        (id, amount, name, cat, code) => new TestRow(id, amount, name, cat, code));

    private static readonly Gen<TestRow[]> Rows = Row.Array[1, 12];

    /// <summary>An edit: 0 appends a partition at a position, 1 removes one, 2 changes one's rows.</summary>
    private static readonly Gen<(int Kind, int Position, TestRow[] Rows)> Edit = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 1000], Rows);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "expectations-incremental-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Incremental_runs_after_random_appends_removals_and_changes_equal_full_runs()
    {
        Directory.CreateDirectory(_folder);
        var baseline = Path.Combine(_folder, "baseline.json");
        (await DatasetProfile.BuildAsync(PartsSource.Table([new TestRow(1, 5, "n1", "a", 1), new TestRow(2, 25, "n2", "b", 2), new TestRow(3, 45, "n3", "c", 3)], "baseline"))).Save(baseline);
        var suite = Expectations.SuiteJson.Parse(IncrementalTestData.SuiteJson.Replace(
            "\n    ]}",
            ",\n      {\"type\": \"expect_column_distribution_to_not_drift\", \"kwargs\": {\"column\": \"amount\", \"baseline_path\": " + System.Text.Json.JsonSerializer.Serialize(baseline) + ", \"method\": \"ks\"}}\n    ]}",
            StringComparison.Ordinal));
        var plan = ValidationPlan.Compile(suite);

        var runs = 0;
        await Gen.Select(Rows.Array[1, 5], Edit.Array[1, 4], Gen.Int[1, 2]).SampleAsync(async t =>
        {
            var (initial, edits, threads) = t;
            var store = new FolderStateStore(Path.Combine(_folder, "state-" + Interlocked.Increment(ref runs)));
            var next = 0;
            var parts = initial.Select(rows => new TestPart("part-" + next++, 0, rows)).ToList();
            var changed = parts.Count;
            var removed = 0;
            foreach (var step in edits.Prepend((Kind: -1, Position: 0, Rows: Array.Empty<TestRow>())))
            {
                switch (step.Kind)
                {
                    case 0:
                        parts.Insert(step.Position % (parts.Count + 1), new TestPart("part-" + next++, 0, step.Rows));
                        changed++;
                        break;
                    case 1 when parts.Count > 1:
                        parts.RemoveAt(step.Position % parts.Count);
                        removed++;
                        break;
                    case 1 or 2:
                        var i = step.Position % parts.Count;
                        parts[i] = parts[i] with { Version = parts[i].Version + 1, Rows = step.Rows };
                        changed++;
                        break;
                }

                var options = new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete), MaxDegreeOfParallelism = threads };
                var full = await plan.ValidateAsync(new PartsSource(parts), options);
                var incremental = await plan.ValidateAsync(new PartsSource(parts), options with { StateStore = store });

                full.Results.Should().OnlyContain(r => r.ExceptionInfo == null, "every expectation of the suite computes its metric");
                IncrementalTestData.Comparable(incremental).Should().Be(IncrementalTestData.Comparable(full));
                full.Meta.Incremental.Should().BeNull();
                incremental.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = changed, PartitionsReused = parts.Count - changed, PartitionsRemoved = removed, Messages = Array.Empty<string>() });
                (await store.ListAsync()).Should().HaveCount(parts.Count, "one state per partition, removed ones deleted");
                changed = 0;
                removed = 0;
            }
        }, iter: 40, threads: 1);
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
