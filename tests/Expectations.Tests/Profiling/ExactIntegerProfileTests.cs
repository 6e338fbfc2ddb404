using System.Text.Json;

namespace Expectations.Tests.Profiling;

/// <summary>
/// Profiles of integer columns keep exact integers (issue 10): min, max, quantiles and top values are values of the
/// column, written as exact JSON integers, restored exactly, for long and ulong columns alike.
/// </summary>
public class ExactIntegerProfileTests
{
    private const long TwoTo53 = 1L << 53;

    private static DatasetProfile Build(IDataSource source, ProfileOptions? options = null) => DatasetProfile.BuildAsync(source, options).GetAwaiter().GetResult();

    private static JsonElement Summary(DatasetProfile profile, int column = 0)
    {
        using var doc = JsonDocument.Parse(profile.ToJson());
        return doc.RootElement.GetProperty("columns")[column].GetProperty("summary").Clone();
    }

    [Fact]
    public void Long_extremes_and_quantiles_beyond_two_to_the_53_are_exact()
    {
        long?[] values = [TwoTo53 + 1, TwoTo53 + 3, TwoTo53 + 5, null, long.MaxValue];
        var c = Build(InMemoryTable.Builder().Add("id", values).Build()).Columns[0];
        c.IntegerMin.Should().Be((Int128)(TwoTo53 + 1));
        c.IntegerMax.Should().Be((Int128)long.MaxValue);
        c.IntegerQuantile(0.5).Should().Be((Int128)(TwoTo53 + 3));
        c.IntegerQuantile(0).Should().Be((Int128)(TwoTo53 + 1));
        c.IntegerQuantile(1).Should().Be((Int128)long.MaxValue);
        c.DistinctCount.Should().Be(4, "2^53 + 1, + 3 and + 5 are three values although they round to two doubles");
        c.TopValues().Select(v => v.Value).Should().BeEquivalentTo("9007199254740993", "9007199254740995", "9007199254740997", "9223372036854775807");

        var summary = Summary(Build(InMemoryTable.Builder().Add("id", values).Build()));
        summary.GetProperty("min").GetRawText().Should().Be("9007199254740993");
        summary.GetProperty("max").GetRawText().Should().Be("9223372036854775807");
        summary.GetProperty("quantiles").GetProperty("p50").GetRawText().Should().Be("9007199254740995");
        summary.GetProperty("quantiles").GetProperty("p01").GetRawText().Should().Be("9007199254740993");
        ProfileHtml.Render(Build(InMemoryTable.Builder().Add("id", values).Build())).Should().Contain("9007199254740993 / 9223372036854775807");
    }

    [Fact]
    public void Unsigned_columns_are_exact_up_to_ulong_max()
    {
        ulong?[] values = [ulong.MaxValue, ulong.MaxValue - 1, 9223372036854775808UL];
        var profile = Build(InMemoryTable.Builder().Add("u", values).Build());
        var c = profile.Columns[0];
        c.IntegerMax.Should().Be((Int128)ulong.MaxValue);
        c.IntegerMin.Should().Be((Int128)9223372036854775808UL);
        c.IntegerQuantile(0.5).Should().Be((Int128)(ulong.MaxValue - 1));
        c.DistinctCount.Should().Be(3);
        Summary(profile).GetProperty("max").GetRawText().Should().Be("18446744073709551615");
        Summary(profile).GetProperty("min").GetRawText().Should().Be("9223372036854775808");
    }

    [Fact]
    public void Sketched_quantiles_of_integer_columns_are_still_values_of_the_column()
    {
        // 20,000 values 2^62 + 3i: far past the exact limit, so the sketch compacts; every item it keeps is a column value.
        const long start = 1L << 62;
        var values = Enumerable.Range(0, 20_000).Select(i => (long?)(start + (3L * i))).ToArray();
        var c = Build(InMemoryTable.Builder().Add("id", values).Build(), ProfileOptions.Default with { ExactValueLimit = 500 }).Columns[0];
        c.QuantilesAreExact.Should().BeFalse();
        foreach (var q in new[] { 0.01, 0.25, 0.5, 0.75, 0.99 })
        {
            var v = c.IntegerQuantile(q)!.Value;
            ((v - start) % 3).Should().Be(Int128.Zero, $"the {q}-quantile {v} is a value of the column");
            v.Should().BeInRange(start, start + (3L * 19_999));
        }

        c.IntegerQuantile(0).Should().Be((Int128)start);
        c.IntegerQuantile(1).Should().Be((Int128)(start + (3L * 19_999)));
    }

    [Fact]
    public void Saving_and_loading_keeps_every_integer_exact_and_merges_exactly()
    {
        long?[] first = [long.MinValue, TwoTo53 + 1, 7];
        long?[] second = [long.MaxValue, TwoTo53 + 1];
        var a = Build(InMemoryTable.Builder().Add("id", first).Build());
        var b = Build(InMemoryTable.Builder().Add("id", second).Build());
        var json = a.ToJson();
        json.Should().Contain("-9223372036854775808").And.Contain("9007199254740993");
        var loaded = DatasetProfile.Parse(json);
        loaded.ToJson().Should().Be(json);
        var merged = loaded.Merge(DatasetProfile.Parse(b.ToJson())).Columns[0];
        merged.IntegerMin.Should().Be((Int128)long.MinValue);
        merged.IntegerMax.Should().Be((Int128)long.MaxValue);
        merged.IntegerQuantile(0.5).Should().Be((Int128)(TwoTo53 + 1));
        merged.DistinctCount.Should().Be(4);
        merged.TopValues(1).Single().Should().Be(new ValueCount("9007199254740993", 2));
    }

    [Fact]
    public void Profiles_written_with_double_sketch_items_still_load()
    {
        var json = Build(InMemoryTable.Builder().Add("n", new long?[] { 1, 2, 3 }).Build()).ToJson();
        using var doc = JsonDocument.Parse(json);
        var levels = doc.RootElement.GetProperty("columns")[0].GetProperty("state").GetProperty("quantile_sketch").GetProperty("levels").GetRawText();
        var old = json.Replace(levels, levels.Replace("1", "1.0", StringComparison.Ordinal).Replace("2", "2.0", StringComparison.Ordinal).Replace("3", "3.0", StringComparison.Ordinal), StringComparison.Ordinal);
        old.Should().NotBe(json);
        var c = DatasetProfile.Parse(old).Columns[0];
        c.IntegerQuantile(0.5).Should().Be((Int128)2);
        c.Quantile(0.5).Should().Be(2);
    }

    [Fact]
    public void Double_views_of_integer_columns_are_unchanged()
    {
        var c = Build(InMemoryTable.Builder().Add("n", new long?[] { 1, 2, 2, 10 }).Build()).Columns[0];
        c.Min.Should().Be(1);
        c.Max.Should().Be(10);
        c.Quantile(0.5).Should().Be(2);
        c.EqualWidthHistogram(3)!.Counts.Should().Equal(3, 0, 1);
        c.TopValues(1).Single().Should().Be(new ValueCount("2", 2));
    }

    [Fact]
    public void Float_columns_have_no_integer_view()
    {
        var c = Build(InMemoryTable.Builder().Add("x", new double?[] { 1, 2.5 }).Build()).Columns[0];
        c.IntegerMin.Should().BeNull();
        c.IntegerQuantile(0.5).Should().BeNull();
        Summary(Build(InMemoryTable.Builder().Add("x", new double?[] { 1, 2.5 }).Build())).GetProperty("max").GetDouble().Should().Be(2.5);
    }

    [Fact]
    public void An_integer_column_delivered_partly_as_floats_falls_back_to_doubles()
    {
        var ints = Build(InMemoryTable.Builder().Add("n", new long?[] { 1, 2 }).Build());
        var floats = Build(InMemoryTable.Builder().AddBatch(new PrimitiveBatch<double>("n", DataKind.Integer, new[] { 2.5, 4 }, default, 0), "double").Build());
        var merged = ints.Merge(floats).Columns[0];
        merged.IntegerMin.Should().BeNull("2.5 is no integer");
        merged.Min.Should().Be(1);
        merged.Max.Should().Be(4);
        merged.Quantile(0.5).Should().Be(2);
        floats.Merge(ints).Columns[0].Quantile(0.75).Should().Be(2.5);
        DatasetProfile.Parse(ints.Merge(floats).ToJson()).Columns[0].Quantile(1).Should().Be(4);
        merged.TopValues(4).Select(v => v.Value).Should().BeEquivalentTo("1", "2", "2.5", "4");
    }
}
