using CsCheck;
using FluentAssertions;
using Xunit;

namespace Expectations.Tests.Incremental;

/// <summary>
/// The incremental promise for the ML checks whose states are saved (recency, agreement, time range against another
/// table): after random appends, removals and changes of partitions, and changes of the other table, a run from saved
/// states gives the full run's report byte for byte; exactly the new and changed partitions are read while the other
/// table stays, and when it changes only partitions whose times straddle the moved bound are read again, saying so.
/// </summary>
public sealed class MlIncrementalPropertyTests
{
    private static readonly double[] Floats = [0.0, -0.0, double.NaN, 0.1 + 0.2, 1e-300];
    private static readonly decimal[] Decimals = [1.0m, 1.00m, 2.5m];
    private static readonly string[] Texts = ["a", "b", "é"];
    private static readonly string[] Labels = ["x", "y", "z"];

    /// <summary>The other tables an edit may switch to: one without times, and least times before, inside and after the data's days.</summary>
    private static readonly InMemoryTable[] Others =
    [
        MlIncrementalTestData.Later((double?)null),
        MlIncrementalTestData.Later(-3, 12),
        MlIncrementalTestData.Later(3, 14),
        MlIncrementalTestData.Later(5.5, null, 9),
        MlIncrementalTestData.Later(20),
    ];

    private static Gen<T?> OrNull<T>(T[] values) where T : class => Gen.Int[0, values.Length].Select(i => i == values.Length ? null : values[i]);

    private static Gen<T?> OrNullValue<T>(T[] values) where T : struct => Gen.Int[0, values.Length].Select(i => i == values.Length ? (T?)null : values[i]);

    private static readonly Gen<long?> Rating = Gen.Int[0, 5].Select(i => i == 5 ? (long?)null : Math.Min(i, 3));

    private static readonly Gen<MlRow> Row = Gen.Select(
        Gen.Select(
            Gen.Int[0, 9].SelectMany(n => n == 0 ? Gen.Const((DateTime?)null) : Gen.Long[0, TimeSpan.TicksPerDay * 10].Select(t => (DateTime?)MlIncrementalTestData.Day0.AddTicks(t))),
            OrNullValue<bool>([false, true]),
            OrNullValue<int>([-1, 0, 7]),
            OrNullValue(Floats),
            OrNullValue(Decimals),
            OrNull(Texts)),
        Gen.Select(Rating, Rating, Rating, OrNull(Labels), OrNull(Labels)),
        (a, b) => new MlRow(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5));

    private static readonly Gen<MlRow[]> Rows = Row.Array[1, 10];

    /// <summary>An edit: 0 appends a partition at a position, 1 removes one, 2 changes one's rows, 3 switches the other table.</summary>
    private static readonly Gen<(int Kind, int Position, MlRow[] Rows)> Edit = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1000], Rows);

    [Fact]
    public async Task Incremental_runs_of_the_ml_checks_after_random_edits_equal_full_runs()
    {
        var plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse(MlIncrementalTestData.SuiteJson));
        await Gen.Select(Rows.Array[1, 5], Edit.Array[1, 5], Gen.Int[1, 2], Gen.Int[0, Others.Length - 1]).SampleAsync(async t =>
        {
            var (initial, edits, threads, first) = t;
            var store = new MemoryStateStore();
            var next = 0;
            var parts = initial.Select(rows => new MlPart("part-" + next++, 0, rows)).ToList();
            var other = Others[first];
            var changed = parts.Count;
            var removed = 0;
            foreach (var step in edits.Prepend((Kind: -1, Position: 0, Rows: Array.Empty<MlRow>())))
            {
                var otherMoved = false;
                switch (step.Kind)
                {
                    case 0:
                        parts.Insert(step.Position % (parts.Count + 1), new MlPart("part-" + next++, 0, step.Rows));
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
                    case 3:
                        var switched = Others[step.Position % Others.Length];
                        otherMoved = switched != other;
                        other = switched;
                        break;
                }

                var options = new ValidationOptions
                {
                    ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete),
                    MaxDegreeOfParallelism = threads,
                    OtherTables = new Dictionary<string, IDataSource> { ["later"] = other },
                };
                var full = await plan.ValidateAsync(new MlPartsSource(parts), options);
                var incremental = await plan.ValidateAsync(new MlPartsSource(parts), options with { StateStore = store });

                full.Results.Should().OnlyContain(r => r.ExceptionInfo == null, "every expectation of the suite computes its metric");
                IncrementalTestData.Comparable(incremental).Should().Be(IncrementalTestData.Comparable(full));
                var info = incremental.Meta.Incremental!;
                info.PartitionsRemoved.Should().Be(removed);
                (info.PartitionsRecomputed + info.PartitionsReused).Should().Be(parts.Count);
                if (otherMoved)
                {
                    // Partitions whose times straddle the moved bound are read again (and say why); the others are re-based.
                    info.PartitionsRecomputed.Should().BeGreaterThanOrEqualTo(changed);
                    info.Messages.Where(m => !m.Contains("moved since this partition was saved", StringComparison.Ordinal)).Should().BeEmpty();
                }
                else
                {
                    info.Should().BeEquivalentTo(new { PartitionsRecomputed = changed, PartitionsReused = parts.Count - changed, Messages = Array.Empty<string>() });
                }

                (await store.ListAsync()).Should().HaveCount(parts.Count, "one state per partition: every ML state is saved");
                changed = 0;
                removed = 0;
            }
        }, iter: 40, threads: 1);
    }
}
