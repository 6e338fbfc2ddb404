using Expectations.Drift;
using Expectations.Profiling;

namespace Expectations.Tests.Profiling;

public class ProfileTests
{
    private static DatasetProfile Build(IDataSource source, ProfileOptions? options = null) => DatasetProfile.BuildAsync(source, options).GetAwaiter().GetResult();

    private static InMemoryTable Mixed(int seed, int rows)
    {
        var random = new Random(seed);
        var amounts = new double?[rows];
        var counts = new long?[rows];
        var labels = new string?[rows];
        var flags = new bool?[rows];
        var times = new DateTime?[rows];
        for (var i = 0; i < rows; i++)
        {
            amounts[i] = i % 17 == 0 ? null : i % 101 == 0 ? double.NaN : Math.Round(random.NextDouble() * 100 - 10, 2);
            counts[i] = i % 13 == 0 ? null : random.Next(0, 50);
            labels[i] = i % 11 == 0 ? null : i % 29 == 0 ? "" : "cat" + random.Next(0, 7) + (i % 3 == 0 ? "é" : "");
            flags[i] = i % 7 == 0 ? null : random.Next(0, 3) == 0;
            times[i] = i % 19 == 0 ? null : new DateTime(2024, 1, 1).AddMinutes(random.Next(0, 100_000));
        }

        return InMemoryTable.Builder($"mixed {seed}").Add("amount", amounts).Add("count", counts).Add("label", labels).Add("flag", flags).Add("time", times).Build();
    }

    [Fact]
    public void Numeric_profile_has_counts_moments_quantiles_and_histograms()
    {
        double?[] values = [1, 2, 2, 3, null, double.NaN, 0, -4, double.PositiveInfinity, 10];
        var c = Build(InMemoryTable.Builder().Add("x", values).Build()).Columns[0];
        c.RowCount.Should().Be(10);
        c.NullCount.Should().Be(1);
        c.NaNCount.Should().Be(1);
        c.InfinityCount.Should().Be(1);
        c.ValueCount.Should().Be(8);
        c.ZeroCount.Should().Be(1);
        c.NegativeCount.Should().Be(1);
        c.MissingRate.Should().BeApproximately(0.2, 1e-15);
        c.Min.Should().Be(-4);
        c.Max.Should().Be(double.PositiveInfinity, "infinities count in min, max and mean, as pandas");
        c.DistinctCount.Should().Be(6, "finite distinct values: 1, 2, 3, 0, -4, 10");
        c.Quantile(0.5).Should().Be(2, "the 4th of -4, 0, 1, 2, 2, 3, 10");
        c.Quantile(0).Should().Be(-4);
        c.Quantile(1).Should().Be(10);
        c.QuantilesAreExact.Should().BeTrue();
        c.TopValues(1).Single().Should().Be(new ValueCount("2", 2));
        var h = c.EqualWidthHistogram(7)!;
        h.Edges.Should().HaveCount(8);
        h.Counts.Sum().Should().Be(7);
        h.Counts[0].Should().Be(1, "-4 alone in [-4, -2]");
    }

    [Fact]
    public void Sample_variance_matches_a_two_pass_reference()
    {
        var values = Enumerable.Range(0, 5000).Select(i => (double?)(1e6 + Math.Sin(i))).ToArray();
        var c = Build(InMemoryTable.Builder().Add("x", values).Build()).Columns[0];
        var mean = values.Average(v => v!.Value);
        var variance = values.Sum(v => (v!.Value - mean) * (v.Value - mean)) / (values.Length - 1);
        c.Mean.Should().BeApproximately(mean, 1e-8);
        c.Variance.Should().BeApproximately(variance, variance * 1e-9);
    }

    [Fact]
    public void String_bool_and_timestamp_profiles()
    {
        var p = Build(InMemoryTable.Builder()
            .Add("s", new string?[] { "a", "bé", "", null, "a" })
            .Add("b", new bool?[] { true, false, true, null, true })
            .Add("t", new DateTime?[] { new(2024, 1, 1), new(2024, 1, 3), null, new(2024, 1, 2), new(2024, 1, 2) })
            .Build());
        var s = p.Column("s")!;
        s.Family.Should().Be(ProfileFamily.String);
        s.EmptyCount.Should().Be(1);
        s.MinLength.Should().Be(0);
        s.MaxLength.Should().Be(2, "code points, not bytes");
        s.MeanLength.Should().Be(1);
        s.DistinctCount.Should().Be(3);
        s.TopValues(1).Single().Should().Be(new ValueCount("a", 2));
        var b = p.Column("b")!;
        b.TrueCount.Should().Be(3);
        b.TopValues().Should().Equal(new ValueCount("true", 3), new ValueCount("false", 1));
        var t = p.Column("t")!;
        t.Family.Should().Be(ProfileFamily.Timestamp);
        t.FormatNumber(t.Quantile(0.5)!.Value).Should().Be("2024-01-02T00:00:00");
        t.Min.Should().Be(new DateTime(2024, 1, 1).Ticks);
    }

    [Fact]
    public void Merged_profiles_of_two_parts_equal_the_profile_of_the_whole()
    {
        var first = Mixed(1, 2000);
        var second = Mixed(2, 1500);
        var merged = Build(first).Merge(Build(second));
        var direct = Build(Concat(first, second));
        merged.RowCount.Should().Be(3500);
        foreach (var m in merged.Columns)
        {
            var d = direct.Column(m.Name)!;
            m.RowCount.Should().Be(d.RowCount);
            m.NullCount.Should().Be(d.NullCount);
            m.NaNCount.Should().Be(d.NaNCount);
            m.DistinctCount.Should().Be(d.DistinctCount, m.Name);
            if (m.TopValuesErrorBound == 0)
            {
                m.TopValues(5).Should().Equal(d.TopValues(5), m.Name);
            }
            else
            {
                // Misra–Gries summaries depend on arrival order: compare each kept count with the exact one within the bound.
                var exactCounts = Build(Concat(first, second), ProfileOptions.Default with { CategoryCapacity = 100_000 }).Column(m.Name)!.TopValues(100_000).ToDictionary(v => v.Value, v => v.Count);
                foreach (var v in m.TopValues(20))
                {
                    v.Count.Should().BeInRange(exactCounts[v.Value] - m.TopValuesErrorBound, exactCounts[v.Value]);
                }
            }
            if (m.Mean is { } mean)
            {
                mean.Should().BeApproximately(d.Mean!.Value, Math.Abs(mean) * 1e-12 + 1e-12);
                m.Variance!.Value.Should().BeApproximately(d.Variance!.Value, d.Variance.Value * 1e-9);
                m.Quantile(0.3).Should().Be(d.Quantile(0.3), "both are exact below the exact-value limit");
            }
        }
    }

    [Fact]
    public void Profile_json_round_trips_and_loaded_profiles_merge()
    {
        var profile = Build(Mixed(3, 6000), ProfileOptions.Default with { ExactValueLimit = 500, ExactDistinctLimit = 20, CategoryCapacity = 3 });
        var json = profile.ToJson();
        json.Should().Contain("\"format\": \"expectations-profile\"").And.Contain("\"version\": 1");
        var loaded = DatasetProfile.Parse(json);
        loaded.ToJson().Should().Be(json, "loading restores the full state");
        var merged = loaded.Merge(DatasetProfile.Parse(Build(Mixed(4, 100), ProfileOptions.Default with { ExactValueLimit = 500, ExactDistinctLimit = 20, CategoryCapacity = 3 }).ToJson()));
        merged.RowCount.Should().Be(6100);
        merged.Column("amount")!.QuantilesAreExact.Should().BeFalse();
        merged.Column("label")!.TopValuesErrorBound.Should().BeGreaterThan(0, "3 counters cannot hold 15 labels exactly");
    }

    [Theory]
    [InlineData("{}", "$.format")]
    [InlineData("[1]", "$.format")]
    [InlineData("not json", "malformed JSON at line 1, column 2")]
    [InlineData("""{"format": "expectations-profile", "version": 99, "columns": []}""", "version 99 is not supported")]
    [InlineData("""{"format": "expectations-profile", "version": 1, "row_count": 1, "columns": [{"name": "x", "kind": "weird", "physical_type": "t"}]}""", "$.columns[0].kind")]
    [InlineData("""{"format": "expectations-profile", "version": 1, "row_count": 1, "columns": [{"name": "x", "kind": "float", "physical_type": "t"}]}""", "$.columns[0].state")]
    public void Bad_profile_json_is_a_clear_error(string json, string fragment)
    {
        var act = () => DatasetProfile.Parse(json);
        act.Should().Throw<ProfileFormatException>().Which.Message.Should().Contain(fragment);
    }

    [Theory]
    [InlineData("frequencies", "$.columns[0].state.frequencies.values[0]: expected a [value, count] pair")]
    [InlineData("empty level", "$.columns[0].state.quantile_sketch: the levels hold 0 items, which does not agree with count 3 of an exact sketch")]
    [InlineData("outlier", "$.columns[0].state.quantile_sketch: the item 1E+308 is outside the column's range [1, 3]")]
    [InlineData("moment key", "$.columns[0].state.float_moments.count: missing")]
    public async Task A_profile_whose_state_contradicts_itself_is_refused_at_load(string change, string message)
    {
        // Found by the profile fuzz target (fuzz/corpus/regressions/profile): these loaded, then IndexOutOfRange,
        // InvalidOperation (an empty quantile) or an infinite histogram edge (ArgumentException) escaped a later save.
        var table = InMemoryTable.Builder().Add("a", new long?[] { 1, 2, 3 }).Build();
        var json = System.Text.Json.Nodes.JsonNode.Parse((await DatasetProfile.BuildAsync(table)).ToJson())!;
        DatasetProfile.Parse(json.ToJsonString()).Columns.Should().ContainSingle("the profile as saved loads");
        var state = json["columns"]![0]!["state"]!;
        switch (change)
        {
            case "frequencies": state["frequencies"]!["values"]![0] = new System.Text.Json.Nodes.JsonArray(); break;
            case "empty level": state["quantile_sketch"]!["levels"]![0] = new System.Text.Json.Nodes.JsonArray(); break;
            case "moment key": state["float_moments"]!.AsObject().Remove("count"); break;
            default: state["quantile_sketch"]!["levels"]![0]![0] = 1e308; break;
        }

        var load = () => DatasetProfile.Parse(json.ToJsonString());

        load.Should().Throw<ProfileFormatException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_profile_string_is_a_format_error_naming_the_path()
    {
        // Found by AFL++ on the profile target (fuzz/corpus/regressions/profile/afl-invalid-utf8-string.json): the JSON
        // reader checks UTF-8 only when a string is read, and an InvalidOperationException escaped.
        var table = InMemoryTable.Builder("source-x").Add("a", new long?[] { 1, 2, 3 }).Build();
        var bytes = System.Text.Encoding.UTF8.GetBytes((await DatasetProfile.BuildAsync(table)).ToJson());
        var at = bytes.AsSpan().IndexOf("source-x"u8);
        at.Should().BePositive();
        bytes[at + 7] = 0x83;

        var load = () => DatasetProfile.Load(new MemoryStream(bytes));

        load.Should().Throw<ProfileFormatException>().Which.Message.Should().Be("$.source: the text is not valid UTF-8");
    }

    [Fact]
    public void Quantile_sketch_rank_error_is_within_the_stated_bound()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 200_000).Select(_ => random.NextDouble() * random.NextDouble()).ToArray();
        var sketch = new QuantileSketch<double>(200, 0);
        foreach (var v in values)
        {
            sketch.Add(v);
        }

        sketch.IsExact.Should().BeFalse();
        var sample = sketch.ToSample();
        sample.Total.Should().Be(values.Length);
        sample.Values.Length.Should().BeLessThan(1000, "the sketch is small");
        Array.Sort(values);
        var worst = 0.0;
        for (var q = 0.01; q < 1; q += 0.01)
        {
            var x = values[(int)(q * values.Length)];
            var trueRank = (double)UpperBound(values, x) / values.Length;
            worst = Math.Max(worst, Math.Abs(((double)sample.RankAtOrBelow(x) / sample.Total) - trueRank));
        }

        worst.Should().BeLessThan(QuantileSketch.RankErrorK200);
    }

    [Fact]
    public void Distinct_sketch_is_exact_below_its_limit_and_within_three_standard_errors_above()
    {
        var exact = new DistinctSketch(5000);
        var hll = new DistinctSketch(100);
        for (var i = 0; i < 300_000; i++)
        {
            var h = DistinctSketch.Mix((ulong)(i % 150_000));
            hll.Add(h);
            if (i < 4000)
            {
                exact.Add(h);
            }
        }

        exact.Estimate().Should().Be(4000);
        exact.IsExact.Should().BeTrue();
        hll.IsExact.Should().BeFalse();
        ((double)hll.Estimate()).Should().BeApproximately(150_000, 150_000 * 3 * DistinctSketch.StandardError);
        var small = new DistinctSketch(10);
        for (var i = 0; i < 500; i++)
        {
            small.Add(DistinctSketch.Mix((ulong)i));
        }

        ((double)small.Estimate()).Should().BeApproximately(500, 500 * 0.03, "small cardinalities in register mode stay accurate without bias tables");
    }

    [Fact]
    public void Sketched_ks_statistic_is_within_the_stated_bound_of_the_exact_one()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 5; trial++)
        {
            var shift = trial * 0.05;
            var a = Enumerable.Range(0, 20_000).Select(_ => Normal(random)).ToArray();
            var b = Enumerable.Range(0, 15_000).Select(_ => Normal(random) + shift).ToArray();
            var exact = DriftDetector.CompareColumn(Profile(a, ProfileOptions.Exact), Profile(b, ProfileOptions.Exact)).Test(DriftMethods.KolmogorovSmirnov)!;
            var sketched = DriftDetector.CompareColumn(Profile(a, ProfileOptions.Default), Profile(b, ProfileOptions.Default)).Test(DriftMethods.KolmogorovSmirnov)!;
            exact.ErrorBound.Should().Be(0);
            sketched.ErrorBound.Should().BeApproximately(2 * QuantileSketch.RankErrorK200, 1e-15);
            sketched.Statistic!.Value.Should().BeApproximately(exact.Statistic!.Value, sketched.ErrorBound!.Value);
            exact.Statistic.Value.Should().BeApproximately(DriftStatistics.KolmogorovSmirnov(Tests.Drift.DriftReferenceTests.Exact(a), Tests.Drift.DriftReferenceTests.Exact(b)), 1e-15);
        }
    }

    private static ColumnProfile Profile(double[] values, ProfileOptions options) =>
        Tests.Drift.DriftReferenceTests.Profile("x", values, options).Columns[0];

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static int UpperBound(double[] sorted, double x)
    {
        var lo = 0;
        var hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>A source that yields the chunks of two tables in turn (global row offsets continue).</summary>
    private static IDataSource Concat(InMemoryTable first, InMemoryTable second) => new Concatenated(first, second);

    private sealed class Concatenated(InMemoryTable first, InMemoryTable second) : IDataSource
    {
        public string Description => "concatenated";

        public IReadOnlyList<ColumnInfo> Columns => first.Columns;

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            long offset = 0;
            foreach (var table in new[] { first, second })
            {
                await foreach (var chunk in table.ReadAsync(columns, cancellationToken))
                {
                    yield return new DataChunk(offset + chunk.RowOffset, chunk.RowCount, chunk.Columns);
                }

                offset += table.RowCount;
            }
        }
    }
}
