using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Expectations.Tests.Reporting.Renderers;

namespace Expectations.Tests.Drift;

/// <summary>
/// The drift reports people read (issue 11): drifted columns first and the rest collapsed, numbers without float noise
/// (exact values stay in the JSON), timestamps as dates, and a chart of both distributions per column.
/// </summary>
public class DriftReportReadabilityTests
{
    private static readonly Regex Exponent = new(@"[0-9]E[-+]?[0-9]", RegexOptions.Compiled);

    private static DatasetProfile Build(IDataSource source) => DatasetProfile.BuildAsync(source).GetAwaiter().GetResult();

    /// <summary>Four numeric columns and a label: <c>shifted</c> and <c>label</c> drift, <c>same</c> and <c>tiny</c> do not.</summary>
    internal static DriftReport Report()
    {
        static IDataSource Table(int seed, bool drift)
        {
            var random = new Random(seed);
            var n = 3000;
            var same = new double?[n];
            var tiny = new double?[n];
            var shifted = new double?[n];
            var labels = new string?[n];
            var at = new DateTime?[n];
            for (var i = 0; i < n; i++)
            {
                same[i] = random.NextDouble() * 100;
                // Identical on both sides except one value: PSI and JS are far below 0.0001.
                tiny[i] = i == 0 && drift ? 1000.5 : i;
                shifted[i] = (random.NextDouble() * 100) + (drift ? 40 : 0);
                labels[i] = drift && i % 2 == 0 ? "new & <odd>" : (i % 3) switch { 0 => "red", 1 => "green", _ => "blue" };
                at[i] = new DateTime(2026, 1, 1).AddMinutes(i * 7 * (drift ? 2 : 1));
            }

            return InMemoryTable.Builder("t").Add("same", same).Add("tiny", tiny).Add("shifted", shifted).Add("label", labels).Add("at", at).Build();
        }

        return DriftDetector.Compare(Build(Table(1, drift: false)), Build(Table(2, drift: true)));
    }

    [Fact]
    public void The_text_lists_drifted_columns_first_and_the_others_on_one_line()
    {
        var report = Report();
        report.Columns.Where(c => c.Drifted).Select(c => c.Column).Should().BeEquivalentTo("shifted", "label", "at");
        var text = DriftReportWriter.ToText(report);
        var lines = text.Split('\n');
        var quiet = lines.Single(l => l.Contains("did not drift", StringComparison.Ordinal));
        quiet.Should().Be("  ok    2 columns did not drift: " + string.Join(", ", report.Columns.Where(c => !c.Drifted).Select(c => c.Column)));
        quiet.Should().Contain("same").And.Contain("tiny");
        var firstDrift = Array.FindIndex(lines, l => l.StartsWith("  DRIFT", StringComparison.Ordinal));
        var lastDrift = Array.FindLastIndex(lines, l => l.StartsWith("  DRIFT", StringComparison.Ordinal));
        firstDrift.Should().Be(1, "the first block after the headline is a drifted column");
        lastDrift.Should().BeLessThan(Array.IndexOf(lines, quiet));
        lines.Should().NotContain(l => l.StartsWith("  ok    same", StringComparison.Ordinal) || l.StartsWith("  ok    tiny", StringComparison.Ordinal), "non-drifted columns are not expanded");
    }

    [Fact]
    public void Numbers_are_rounded_for_reading_and_exact_in_the_json()
    {
        var report = Report();
        var tinyJs = report.Column("tiny")!.Test(DriftMethods.JensenShannon)!.Statistic!.Value;
        tinyJs.Should().BeGreaterThan(0).And.BeLessThan(1e-4, "the case the check is about: a statistic that G4 would write with an exponent");
        report.Column("shifted")!.Test(DriftMethods.KolmogorovSmirnov)!.PValue.Should().BeLessThan(1e-10);

        var text = DriftReportWriter.ToText(report);
        var html = DriftReportWriter.ToHtml(report);
        Exponent.Matches(text).Should().BeEmpty(text);
        Exponent.Matches(html).Should().BeEmpty("not in the tables, nor in the charts' labels");
        text.Should().Contain("p < 0.0001");
        html.Should().Contain("&lt; 0.0001");

        using var json = JsonDocument.Parse(DriftReportWriter.ToJson(report));
        var tiny = json.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("column").GetString() == "tiny");
        tiny.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("method").GetString() == "js").GetProperty("statistic").GetDouble()
            .Should().Be(tinyJs, "the JSON keeps the exact value");
    }

    [Fact]
    public void The_html_shows_drifted_columns_open_with_a_chart_of_both_distributions_and_collapses_the_rest()
    {
        var report = Report();
        var dom = HtmlReportTests.Parse(DriftReportWriter.ToHtml(report));
        var body = dom.Root!.Element("body")!;
        var quiet = body.Elements("details").Single();
        quiet.Attribute("open").Should().BeNull("the columns that did not drift are collapsed");
        quiet.Element("summary")!.Value.Should().Be("2 columns did not drift: " + string.Join(", ", report.Columns.Where(c => !c.Drifted).Select(c => c.Column)));

        var open = body.Elements("div").Where(d => (string?)d.Attribute("class") == "col").ToList();
        open.Select(d => d.Element("h3")!.Nodes().OfType<XText>().First().Value.Trim()).Should().Equal(report.Columns.Where(c => c.Drifted).Select(c => c.Column));
        foreach (var column in report.Columns)
        {
            var svg = dom.Descendants("svg").Single(s => (string?)s.Attribute("data-column") == column.Column);
            svg.Attribute("role")!.Value.Should().Be("img");
            svg.Element("title")!.Value.Should().Contain(column.Column);
            svg.Element("desc")!.Value.Should().NotBeEmpty();
            var rects = svg.Descendants("rect").ToList();
            rects.Should().Contain(r => (string?)r.Attribute("class") == "baseline" && double.Parse(r.Attribute(column.Family == ProfileFamily.String ? "width" : "height")!.Value, CultureInfo.InvariantCulture) > 0);
            rects.Should().Contain(r => (string?)r.Attribute("class") == "current" && double.Parse(r.Attribute(column.Family == ProfileFamily.String ? "width" : "height")!.Value, CultureInfo.InvariantCulture) > 0);
            svg.Descendants("text").Select(t => t.Value).Should().Contain(t => t.StartsWith("baseline (", StringComparison.Ordinal)).And.Contain(t => t.StartsWith("current (", StringComparison.Ordinal));
            svg.Descendants("g").Should().OnlyContain(g => g.Element("title") != null && g.Element("title")!.Value.Contains("baseline ") && g.Element("title")!.Value.Contains("current "));
        }

        var label = dom.Descendants("svg").Single(s => (string?)s.Attribute("data-column") == "label");
        label.Descendants("text").Select(t => t.Value).Should().Contain("new & <odd>", "categories are labelled as text, escaped");
        dom.Descendants("script").Should().BeEmpty();
    }

    [Fact]
    public void Timestamp_drift_is_shown_in_dates()
    {
        var report = Report();
        var html = DriftReportWriter.ToHtml(report);
        var svg = HtmlReportTests.Parse(html).Descendants("svg").Single(s => (string?)s.Attribute("data-column") == "at");
        var texts = svg.Descendants("text").Select(t => t.Value).Where(t => !t.StartsWith("baseline", StringComparison.Ordinal) && !t.StartsWith("current", StringComparison.Ordinal) && t != "⋯").ToList();
        texts.Should().NotBeEmpty().And.OnlyContain(t => Regex.IsMatch(t, @"20\d\d-\d\d-\d\d"), "axis and tail labels are dates");
        svg.Descendants("title").Skip(1).Select(t => t.Value).Should().OnlyContain(t => Regex.IsMatch(t, @"^(from |above )?2026-\d\d-\d\d"));
        var at = report.Column("at")!;
        at.Test(DriftMethods.Mean)!.Note.Should().MatchRegex(@"^2026-\d\d-\d\d \d\d:\d\d:\d\d → 2026-\d\d-\d\d \d\d:\d\d:\d\d$", "a timestamp's mean is a date");
        at.Test(DriftMethods.Stdev)!.Note.Should().MatchRegex(@"^[0-9.]+ days → [0-9.]+ days$", "its spread a duration");
        html.Should().NotContain(new DateTime(2026, 1, 1).Ticks.ToString(CultureInfo.InvariantCulture)[..10], "no ticks");
    }

    [Fact]
    public void Identifier_like_columns_have_no_chart()
    {
        var ids = Enumerable.Range(0, 500).Select(i => (long?)i).ToArray();
        var report = DriftDetector.Compare(Build(InMemoryTable.Builder().Add("id", ids).Build()), Build(InMemoryTable.Builder().Add("id", ids.Select(i => i + 1000).ToArray()).Build()));
        report.Columns.Single().Message.Should().Contain("identifier");
        DriftReportWriter.ToHtml(report).Should().NotContain("<svg");
        DriftReportWriter.ToText(report).Should().Contain("ok    1 column did not drift: id (only the missing rate compared for id");
    }
}
