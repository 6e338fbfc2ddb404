using Expectations.Engine;
using Expectations.Engine.Checks;
using Expectations.Kernels;
using Expectations.Model;
using FluentAssertions;
using Xunit;

namespace Expectations.Tests.Incremental;

/// <summary>
/// The saved states of the ML checks (recency, agreement, time range against another table): a second run reads nothing
/// and says nothing, a time-range state follows the other table exactly, and a state survives save and load to the bit
/// while no cut of it loads.
/// </summary>
public sealed class MlIncrementalTests
{
    private static readonly ValidationOptions Options = new() { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };

    private static MlRow Row(double day, long? r1, long? r2, long? r3, string? s = "a", string? l = "x") =>
        new(MlIncrementalTestData.Day0.AddDays(day).AddTicks(7), day > 2, (int)day, day / 3, (decimal)day, s, r1, r2, r3, l, l == "x" ? "y" : l);

    /// <summary>Three partitions, days 0–1, 2–3 and 4–5, with a null time in the middle one.</summary>
    private static List<MlPart> Parts() =>
    [
        new("p0", 0, [Row(0, 1, 1, 2), Row(1, 2, 2, 2, "b")]),
        new("p1", 0, [Row(2, 0, 1, null, null, "z"), Row(3, 3, 3, 3) with { Ts = null }, Row(3, 3, 3, 1)]),
        new("p2", 0, [Row(4, 1, 2, 3, "é", null), Row(5, 2, 2, 2)]),
    ];

    private static async Task<ValidationReport> RunAsync(ValidationPlan plan, List<MlPart> parts, InMemoryTable later, IMetricStateStore store)
    {
        var options = Options with { OtherTables = new Dictionary<string, IDataSource> { ["later"] = later } };
        var full = await plan.ValidateAsync(new MlPartsSource(parts), options);
        var report = await plan.ValidateAsync(new MlPartsSource(parts), options with { StateStore = store });
        full.Results.Should().OnlyContain(r => r.ExceptionInfo == null);
        IncrementalTestData.Comparable(report).Should().Be(IncrementalTestData.Comparable(full));
        return report;
    }

    [Fact]
    public async Task A_suite_of_ml_checks_is_saved_so_a_second_run_reuses_every_partition_silently()
    {
        var plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse(MlIncrementalTestData.SuiteJson));
        var store = new MemoryStateStore();
        var first = await RunAsync(plan, Parts(), MlIncrementalTestData.Later(4.5), store);
        first.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 3, PartitionsReused = 0, Messages = Array.Empty<string>() });
        first.Meta.Incremental!.StateBytesWritten.Should().BePositive();
        store.Blobs.Should().HaveCount(3);
        first.Results.Should().Contain(r => !r.Success, "the time ranges overlap, so the saved states hold violating rows");

        var second = await RunAsync(plan, Parts(), MlIncrementalTestData.Later(4.5), store);
        second.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 3, PartitionsRemoved = 0, StateBytesWritten = 0L, Messages = Array.Empty<string>() });
    }

    [Fact]
    public async Task A_check_against_another_table_key_set_still_reads_every_partition_and_names_the_checks_that_do()
    {
        var plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse("""
            {"name": "keys", "expectations": [{"type": "expect_column_values_to_not_be_in_other_table", "kwargs": {"column": "ts", "other_table_name": "later"}}]}
            """));
        var store = new MemoryStateStore();
        await RunAsync(plan, Parts(), MlIncrementalTestData.Later(4.5), store);
        var second = await RunAsync(plan, Parts(), MlIncrementalTestData.Later(4.5), store);
        second.Meta.Incremental!.PartitionsRecomputed.Should().Be(3);
        second.Meta.Incremental.Messages.Should().ContainSingle().Which.Should()
            .Contain("not saved").And.Contain("the other-table key check and the near-duplicate checks").And.NotContain("recency").And.NotContain("agreement");
    }

    [Fact]
    public async Task A_time_range_state_is_rebased_when_the_other_table_moves_and_read_again_only_where_its_times_straddle_the_bound()
    {
        var plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse("""
            {"name": "time", "expectations": [{"type": "expect_table_time_range_to_precede_other_table", "kwargs": {"time_column": "ts", "other_table_name": "later", "gap": "P1D"}}]}
            """));
        var store = new MemoryStateStore();
        var parts = Parts();

        // Bound min(other) − gap = day 9: no row violates.
        (await RunAsync(plan, parts, MlIncrementalTestData.Later(10, 11), store)).Meta.Incremental!.PartitionsRecomputed.Should().Be(3);

        // Day 6: still every partition below the bound; their states are re-based, nothing is read.
        var below = await RunAsync(plan, parts, MlIncrementalTestData.Later(7), store);
        below.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 3, Messages = Array.Empty<string>() });

        // Day 3.5: p2 (days 4–5) is now wholly above it, but its state counted no row against the old bound, so it is read again.
        var above = await RunAsync(plan, parts, MlIncrementalTestData.Later(4.5), store);
        above.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 1, PartitionsReused = 2 });
        above.Meta.Incremental!.Messages.Should().ContainSingle().Which.Should().Contain("1 partition").And.Contain("p2").And.Contain("moved since this partition was saved");
        above.Results[0].Result.UnexpectedCount.Should().Be(2);

        // Day −0.5: p0 and p1 are read again; p2, every row of which violated the old bound, violates the new one wholly.
        var all = await RunAsync(plan, parts, MlIncrementalTestData.Later(0.5), store);
        all.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 2, PartitionsReused = 1 });
        all.Results[0].Result.UnexpectedCount.Should().Be(6);

        // An other table without times: nothing violates, every state re-based.
        var none = await RunAsync(plan, parts, MlIncrementalTestData.Later(null, null), store);
        none.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 0, PartitionsReused = 3, Messages = Array.Empty<string>() });
        none.Results[0].Result.UnexpectedCount.Should().Be(0);

        // A bound inside p1's days (2–3): p1 straddles it and is read again; p0 lies below it, and p2 (whose file holds the
        // day 3.5 bound, every row violating) lies wholly above it, so both are re-based.
        var straddle = await RunAsync(plan, parts, MlIncrementalTestData.Later(3.5), store);
        straddle.Meta.Incremental.Should().BeEquivalentTo(new { PartitionsRecomputed = 1, PartitionsReused = 2 });
        straddle.Results[0].Result.UnexpectedCount.Should().Be(3);
    }

    [Fact]
    public async Task A_corrupt_ml_state_is_caught_by_the_checksum_and_recomputed()
    {
        var plan = ValidationPlan.Compile(Expectations.SuiteJson.Parse(MlIncrementalTestData.SuiteJson));
        var store = new MemoryStateStore();
        await RunAsync(plan, Parts(), MlIncrementalTestData.Later(4.5), store);
        foreach (var key in store.Blobs.Keys)
        {
            store.Blobs[key][^2] ^= 0x10;
        }

        var report = await RunAsync(plan, Parts(), MlIncrementalTestData.Later(4.5), store);
        report.Meta.Incremental!.PartitionsRecomputed.Should().Be(3);
        report.Meta.Incremental.Messages.Should().ContainSingle().Which.Should().Contain("3 partitions: the saved state is corrupt");
    }

    /// <summary>The metrics of the ML checks' saved states, by name.</summary>
    public static TheoryData<string> Metrics() => ["recency", "recency by every key type", "ratings by rater", "rating counts", "text ratings", "time range", "time range, the other table without times", "labels by features"];

    private static MetricKey KeyOf(string name, InMemoryTable later) => name switch
    {
        "recency" => new GroupMaxMetric("ts", ValueList<string>.Empty, ValueList<DataKind>.Empty),
        "recency by every key type" => new GroupMaxMetric(
            "ts",
            ValueList.From(["flag", "n", "f", "dec", "s"]),
            ValueList.From([DataKind.Boolean, DataKind.Integer, DataKind.Float, DataKind.Decimal, DataKind.String])),
        "ratings by rater" => new RatingsMetric(ValueList.From(["r1", "r2"]), DataKind.Integer, Ordered: true),
        "rating counts" => new RatingsMetric(ValueList.From(["r1", "r2", "r3"]), DataKind.Integer, Ordered: false),
        "text ratings" => new RatingsMetric(ValueList.From(["l1", "l2"]), DataKind.String, Ordered: false),
        "time range" => new TimeRangePrecedesMetric(later, "ts", TimeSpan.TicksPerDay, 2, new OtherTableScans()),
        "labels by features" => new DetermineColumnMetric(
            ValueList.From(["flag", "s"]), ValueList.From([DataKind.Boolean, DataKind.String]), "l1", DataKind.String, MultiColumnIgnoreRowIf.AllValuesAreMissing),
        _ => new TimeRangePrecedesMetric(MlIncrementalTestData.Later(null, null), "ts", TimeSpan.TicksPerDay, 2, new OtherTableScans()),
    };

    private static MetricAccumulator Fold(MetricKey key, MetricContext context, InMemoryTable table, long offset)
    {
        var state = key.CreateAccumulator(context);
        foreach (var chunk in table.ReadAsync(key.Columns.ToList()).ToBlockingEnumerable())
        {
            state.Add(new DataChunk(chunk.RowOffset + offset, chunk.RowCount, chunk.Columns, "t"));
        }

        return state;
    }

    private static byte[] Save(MetricAccumulator state, long rowBase)
    {
        var writer = new StateWriter(rowBase);
        state.Save(writer);
        return writer.Written.ToArray();
    }

    [Fact]
    public void An_agreement_state_holds_one_entry_per_rating_profile_so_its_size_does_not_grow_with_the_rows()
    {
        // Three raters over the labels 0–3 and null: at most C(5 + 2, 3) = 35 item profiles, 25 rater pairs.
        static InMemoryTable Labels(int rows) => MlPartsSource.Table(
            [.. Enumerable.Range(0, rows).Select(i => new MlRow(null, null, null, null, null, null, i % 5 == 4 ? null : i % 4, (i / 5) % 5 == 4 ? null : (i / 5) % 4, (i / 25) % 4, null, null))],
            "labels");
        var context = new MetricContext(MlPartsSource.Table([], "schema").Columns.ToDictionary(c => c.Name));
        foreach (var (key, most) in new[] { (new RatingsMetric(ValueList.From(["r1", "r2", "r3"]), DataKind.Integer, Ordered: false), 35), (new RatingsMetric(ValueList.From(["r1", "r2"]), DataKind.Integer, Ordered: true), 25) })
        {
            var small = Save(Fold(key, context, Labels(100), 0), 0);
            var large = Save(Fold(key, context, Labels(100_000), 0), 0);
            large.Length.Should().Be(small.Length, "100 rows already show every profile; 100,000 add none");
            // Rows, the four categories (length + tag + 8 bytes each), then the profiles (category numbers + rows).
            large.Length.Should().BeLessThanOrEqualTo(8 + 4 + (4 * (4 + 9)) + 4 + (most * ((4 * key.RaterColumns.Count) + 8)));
        }
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void A_state_saved_and_loaded_at_another_row_offset_merges_like_the_original_and_no_cut_of_it_loads(string name)
    {
        var later = MlIncrementalTestData.Later(3.5);
        var key = KeyOf(name, later);
        var context = new MetricContext(MlPartsSource.Table([], "schema").Columns.ToDictionary(c => c.Name));
        var head = MlPartsSource.Table(Parts()[0].Rows, "head");
        var tail = MlPartsSource.Table([.. Parts()[1].Rows, .. Parts()[2].Rows], "tail");

        // The tail starts at row 2; saved there, loaded as if two rows had been added before it (row 4).
        var original = Fold(key, context, tail, 2);
        var blob = Save(original, 2);
        var loaded = key.CreateAccumulator(context);
        var reader = new StateReader(blob, 4);
        loaded.Load(reader);
        reader.AtEnd.Should().BeTrue();
        Save(loaded, 4).Should().Equal(blob, "a loaded state saves back to the same bytes");

        var shifted = Fold(key, context, tail, 4);
        var expected = Fold(key, context, head, 0);
        expected.Merge(shifted);
        var actual = Fold(key, context, head, 0);
        actual.Merge(loaded);
        Save(actual, 0).Should().Equal(Save(expected, 0), "the loaded state merges as the state computed at its new offset does");

        for (var cut = 0; cut < blob.Length; cut++)
        {
            var partial = key.CreateAccumulator(context);
            var act = () => partial.Load(new StateReader(blob.AsMemory(0, cut), 4));
            act.Should().Throw<KernelException>($"a state cut at byte {cut} of {blob.Length} must not load");
        }
    }
}
