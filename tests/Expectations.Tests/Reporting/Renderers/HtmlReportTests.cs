using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Expectations.Tests.Reporting.Renderers;

public class HtmlReportTests
{
    /// <summary>The page read back as XML: the renderer writes well-formed markup, so structure can be checked, not just substrings.</summary>
    internal static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> Rows(XDocument doc) =>
        doc.Descendants("table").Single(t => (string?)t.Attribute("class") == "results").Element("tbody")!.Elements("tr");

    private static XElement Details(XDocument doc, string type, string subject) =>
        doc.Descendants("details").Single(d => d.Element("summary") is { } s && s.Element("code")?.Value == type && s.Value.EndsWith(subject, StringComparison.Ordinal));

    [Theory]
    [InlineData("passing")]
    [InlineData("failing")]
    [InlineData("error")]
    [InlineData("warning")]
    [InlineData("awkward")]
    public void Page_is_self_contained_and_runs_nothing(string name)
    {
        var report = name switch
        {
            "passing" => SampleReports.Passing(),
            "failing" => SampleReports.Failing(),
            "error" => SampleReports.WithError(),
            "warning" => SampleReports.WarningOnly(),
            _ => SampleReports.AwkwardValues(),
        };

        var html = HtmlReport.Render(report);
        var doc = Parse(html);

        html.Should().StartWith("<!DOCTYPE html>");
        doc.Descendants().Should().NotContain(e => e.Name.LocalName == "script" || e.Name.LocalName == "link" || e.Name.LocalName == "img"
            || e.Name.LocalName == "iframe" || e.Name.LocalName == "object");
        var attributes = doc.Descendants().SelectMany(e => e.Attributes()).ToList();
        attributes.Should().NotContain(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase), "no event handlers");
        attributes.Where(a => a.Name.LocalName is "href" or "src" or "action" or "xlink:href").Should().OnlyContain(a => a.Value.StartsWith('#'), "only links within the page");
        html.Should().NotContainEquivalentOf("url(").And.NotContainEquivalentOf("@import");
        doc.Descendants("meta").Should().Contain(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy"
            && ((string?)m.Attribute("content"))!.StartsWith("default-src 'none'", StringComparison.Ordinal));
        var anchors = doc.Descendants("a").Select(a => ((string)a.Attribute("href")!)[1..]).ToList();
        anchors.Should().HaveCount(report.Results.Length).And.OnlyContain(id => doc.Descendants("details").Any(d => (string?)d.Attribute("id") == id), "every link has its target");
    }

    [Fact]
    public void Data_values_are_escaped_never_markup()
    {
        var html = HtmlReport.Render(SampleReports.Failing());
        var doc = Parse(html);

        html.Should().NotContainEquivalentOf("<script");
        html.Should().Contain("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;");
        doc.Descendants("td").Should().Contain(td => td.Value == "\"" + SampleReports.Script + "\"", "the value reads as typed once the page is parsed");
        doc.Descendants("h1").Single().Value.Should().Be("FAILEDorders & <co>");
        doc.Descendants("title").First().Value.Should().Be("FAILED: orders & <co> on orders.parquet");
    }

    [Fact]
    public void Passing_report_shows_passed_status_and_collapses_details()
    {
        var doc = Parse(HtmlReport.Render(SampleReports.Passing()));

        doc.Descendants("header").Single().Attribute("class")!.Value.Should().Be("passed");
        Rows(doc).Should().HaveCount(3).And.OnlyContain(r => (string?)r.Attribute("class") == "pass");
        doc.Descendants("details").Where(d => d.Attribute("id") is not null).Should().HaveCount(3).And.OnlyContain(d => d.Attribute("open") == null);
        Details(doc, "expect_table_row_count_to_be_between", "(table)").Descendants("dd").Should().Contain(dd => dd.Value == "6 (expected min_value 1)");
    }

    [Fact]
    public void Failing_report_puts_failures_first_with_samples_at_their_rows_and_bars()
    {
        var doc = Parse(HtmlReport.Render(SampleReports.Failing()));

        doc.Descendants("h1").Single().Element("span")!.Value.Should().Be("FAILED");
        Rows(doc).Select(r => (string?)r.Attribute("class")).Should().Equal("fail", "fail", "warn", "pass");
        var between = Details(doc, "expect_column_values_to_be_between", "amount");
        between.Attribute("open").Should().NotBeNull();
        var samples = between.Descendants("table").Single(t => (string?)t.Attribute("class") == "samples").Element("tbody")!.Elements("tr")
            .Select(tr => (tr.Elements("td").First().Value, tr.Elements("td").Last().Value)).ToList();
        samples.Should().Equal(("3", "50000"), ("4", "-1"));
        between.Descendants("dd").Should().Contain(dd => dd.Value == "2 of 5 (40%)").And.Contain(dd => dd.Value == "1 (16.67%)");

        // The unexpected-percentage bar is 40 % of the 120-unit track.
        var bar = Rows(doc).First().Descendants("rect").Single(r => ((string)r.Attribute("class")!).StartsWith("bar ", StringComparison.Ordinal));
        double.Parse((string)bar.Attribute("width")!, CultureInfo.InvariantCulture).Should().Be(48);
        Rows(doc).First().Descendants("title").Single().Value.Should().Be("40% unexpected");

        var max = Details(doc, "expect_column_max_to_be_between", "amount");
        max.Descendants("dd").Should().Contain(dd => dd.Value == "50000 (expected min_value 0, max_value 100)");
        var counts = Details(doc, "expect_column_values_to_be_in_set", "label").Descendants("table").Single(t => (string?)t.Attribute("class") == "value-counts");
        counts.Element("tbody")!.Elements("tr").Should().HaveCount(2);
    }

    [Fact]
    public void Raised_check_shows_its_exception()
    {
        var doc = Parse(HtmlReport.Render(SampleReports.WithError()));

        Rows(doc).First().Attribute("class")!.Value.Should().Be("error");
        var details = Details(doc, "expect_column_values_to_not_be_null", "amuont");
        details.Element("summary")!.Element("span")!.Value.Should().Be("ERROR");
        details.Element("pre")!.Value.Should().Contain("'amount'");
        details.Element("p")!.Value.Should().Contain("ExpectationException");
    }

    [Fact]
    public void Warning_is_marked_as_failing_the_run_only_at_fail_on_warning()
    {
        var report = SampleReports.WarningOnly();

        var lenient = Parse(HtmlReport.Render(report));
        var strict = Parse(HtmlReport.Render(report, new ReportRenderOptions { FailOn = Severity.Warning }));

        lenient.Descendants("header").Single().Attribute("class")!.Value.Should().Be("passed");
        lenient.Descendants("span").Should().Contain(s => (string?)s.Attribute("class") == "status warn");
        strict.Descendants("header").Single().Attribute("class")!.Value.Should().Be("failed");
        strict.Descendants("span").Should().Contain(s => (string?)s.Attribute("class") == "status warn gate");
    }
}
