using System.Text.RegularExpressions;
using Expectations.Parquet;
using Expectations.Profiling;
using Expectations.Tests.Docs;

namespace Expectations.Tests.Profiling;

/// <summary>
/// The profile page people read (issue 11): identifiers as exact integers, histograms that show the outliers' range,
/// timestamps as dates, no number in scientific notation.
/// </summary>
public class ProfileReadabilityTests
{
    private static DatasetProfile Build(IDataSource source) => DatasetProfile.BuildAsync(source).GetAwaiter().GetResult();

    private static async Task<DatasetProfile> SampleAsync()
    {
        await using var source = await ParquetDataSource.OpenAsync(Path.Combine(CatalogDocTests.RepoRoot(), "samples", "transactions.parquet"));
        return await DatasetProfile.BuildAsync(source);
    }

    /// <summary>The HTML of one column's block.</summary>
    private static string ColumnBlock(string html, string column)
    {
        var start = html.IndexOf($"<h3>{column} <small>", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0, $"the page has a block for {column}");
        var end = html.IndexOf("<div class=\"col\">", start, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    private static string Svg(string block, string cls = "histogram") =>
        Regex.Match(block, $"<svg[^>]*class=\"{cls}\".*?</svg>", RegexOptions.Singleline).Value;

    [Fact]
    public async Task The_samples_amount_histogram_shows_the_range_up_to_the_maximum()
    {
        var profile = await SampleAsync();
        var amount = profile.Column("amount")!;
        amount.Max.Should().Be(12_500_000);
        amount.EqualWidthHistogram()!.Edges[^1].Should().BeLessThan(2_000, "the sketch compacted the outliers away: the plain histogram ends near 1,420");

        var histogram = ReadableHistogram.Of(amount)!;
        var bins = histogram.Bins(amount);
        bins[^1].Place.Should().Be(BinPlace.Above);
        bins[^1].Upper.Should().Be(12_500_000, "the tail ends at the exact maximum");
        bins[^1].Count.Should().BeGreaterThan(0);
        bins.Sum(b => b.Count).Should().Be(amount.ValueCount);
        bins.Where(b => b.Place == BinPlace.Body).Should().HaveCount(20);

        var svg = Svg(ColumnBlock(ProfileHtml.Render(profile), "amount"));
        svg.Should().Contain("above 679.98, up to 12,500,000", "the tail bar is labelled with its range")
            .And.Contain("to 12,500,000: " + bins[^1].Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), "and its count, as text")
            .And.Contain("<title id=").And.Contain("<desc id=");
        ColumnBlock(ProfileHtml.Render(profile), "amount").Should().Contain("min / max</th><td>-387.96 / 12,500,000<");
    }

    [Fact]
    public void A_histogram_without_outliers_has_no_tail_bins_and_spans_min_to_max()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (double?)(i % 1000) / 10).ToArray();
        var c = Build(InMemoryTable.Builder().Add("x", values).Build()).Columns[0];
        var bins = ReadableHistogram.Of(c)!.Bins(c);
        bins.Should().OnlyContain(b => b.Place == BinPlace.Body);
        bins[0].Lower.Should().Be(0);
        bins[^1].Upper.Should().Be(99.9);
        bins.Sum(b => b.Count).Should().Be(10_000);
    }

    [Fact]
    public void A_low_outlier_gets_its_own_labelled_bin_below_the_body()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (double?)(100 + (i % 100))).Append(-1_000_000).ToArray();
        var c = Build(InMemoryTable.Builder().Add("x", values).Build()).Columns[0];
        var bins = ReadableHistogram.Of(c)!.Bins(c);
        bins[0].Place.Should().Be(BinPlace.Below);
        bins[0].Count.Should().Be(1);
        bins[0].Label.Should().Be("from -1,000,000 to below 100");
    }

    [Fact]
    public void An_identifier_column_is_shown_as_exact_integers_never_in_scientific_notation()
    {
        var ids = Enumerable.Range(0, 6000).Select(i => (long?)(1_234_567_890_123L + (i * 7L))).ToArray();
        var html = ProfileHtml.Render(Build(InMemoryTable.Builder().Add("id", ids).Build()));
        var block = ColumnBlock(html, "id");
        block.Should().Contain("1234567890123 / 1234567932116", "min and max are exact");
        Regex.Match(block, "quantiles[^<]*</th><td>([^<]*)<").Groups[1].Value.Split(" / ").Take(7)
            .Should().OnlyContain(q => Regex.IsMatch(q.Split(' ')[0], "^12345679[0-9]{5}$|^12345678[0-9]{5}$"), "every quantile is a whole id");
        Svg(block).Should().Contain("1234567890123");
        html.Should().NotContainAny("E+", "E-", "e+1");
        html.Should().NotContain("1.23E+12");
    }

    [Theory]
    [InlineData(1L << 60)] // beyond 2^53 doubles cannot tell v from v - 1: the first bin is closed instead
    [InlineData(638_000_000_000_000_000L)] // the magnitude of timestamp ticks
    [InlineData(-5L)]
    public void Large_and_small_integers_land_in_the_body_without_a_spurious_tail(long start)
    {
        var values = Enumerable.Range(0, 5000).Select(i => (long?)(start + (i * 1000L))).ToArray();
        var c = Build(InMemoryTable.Builder().Add("id", values).Build()).Columns[0];
        var bins = ReadableHistogram.Of(c)!.Bins(c);
        bins.Should().OnlyContain(b => b.Place == BinPlace.Body, "evenly spread values have no tail");
        bins.Sum(b => b.Count).Should().Be(5000);
        bins[0].Count.Should().BeGreaterThan(0);
        bins[0].Label.Should().StartWith(start.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Small_integer_ranges_get_one_bin_per_value()
    {
        var values = Enumerable.Range(0, 500).Select(i => (long?)(1 + (i % 10))).ToArray();
        var c = Build(InMemoryTable.Builder().Add("q", values).Build()).Columns[0];
        var bins = ReadableHistogram.Of(c)!.Bins(c);
        bins.Select(b => b.Label).Should().Equal("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        bins.Should().OnlyContain(b => b.Count == 50);
    }

    [Fact]
    public async Task Timestamps_are_dates_everywhere_the_page_shows_them()
    {
        var profile = await SampleAsync();
        var created = profile.Column("created_at")!;
        var block = ColumnBlock(ProfileHtml.Render(profile), "created_at");
        block.Should().Contain("2026-01-01T00:04:47 / 2031-10-11T19:13:22", "min and max");
        Regex.Match(block, "quantiles[^<]*</th><td>([^<]*)<").Groups[1].Value.Split(" / ").Take(7)
            .Should().OnlyContain(q => Regex.IsMatch(q, "^20[23][0-9]-[01][0-9]-[0-3][0-9]T"));
        var svg = Svg(block);
        svg.Should().Contain("up to 2031-10-11 19:13", "the 2031 timestamps form the upper tail");
        foreach (Match title in Regex.Matches(svg, "<title>([^<]*)</title>"))
        {
            title.Groups[1].Value.Should().MatchRegex(@"^(above |from )?20[23]\d-\d\d-\d\d \d\d:\d\d", "each bar is labelled with dates");
        }

        Svg(block, "top-values").Should().MatchRegex(@">2026-\d\d-\d\dT\d\d:\d\d:\d\d<", "top values are ISO dates");
        block.Should().NotContain(created.IntegerMin!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "ticks are never shown");
        block.Should().NotContainAny("E+", "E-");
    }

    [Fact]
    public async Task The_page_declares_a_policy_that_loads_and_runs_nothing()
    {
        var html = ProfileHtml.Render(await SampleAsync());
        html.Should().Contain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />")
            .And.NotContain("<script");
    }
}
