namespace Expectations.Tests.Reporting.Renderers;

/// <summary>The HTML report as a browser shows it: Debian's Chromium, headless and offline.</summary>
public sealed class HtmlChromiumTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("expectations-html-");

    public void Dispose() => _folder.Delete(recursive: true);

    [ChromiumFact]
    public async Task Failing_report_loads_without_errors_and_shows_the_failed_expectations()
    {
        var report = SampleReports.Failing();
        var file = Path.Combine(_folder.FullName, "report.html");
        await File.WriteAllTextAsync(file, HtmlReport.Render(report));

        var run = await HeadlessChromium.DumpDomAsync(file, TimeSpan.FromSeconds(90));

        run.ExitCode.Should().Be(0, run.Log);
        run.ConsoleMessages.Should().BeEmpty("the page has no script to fail and loads nothing the policy would refuse");

        var dom = HtmlReportTests.Parse(ToXml(run.Dom));
        dom.Descendants("script").Should().BeEmpty("the data's <script> must stay text");
        dom.Descendants("h1").Single().Value.Should().Be("FAILEDorders & <co>");
        var failed = report.Results.Where(r => !r.Success).Select(r => r.Expectation.Type).ToList();
        failed.Should().HaveCount(3);
        var shown = dom.Descendants("details").Where(d => d.Attribute("open") is not null).Select(d => d.Element("summary")!.Element("code")!.Value).ToList();
        shown.Should().BeEquivalentTo(failed, "each failed expectation is open in the rendered page");
        dom.Descendants("td").Should().Contain(td => td.Value == "\"" + SampleReports.Script + "\"");
    }

    [ChromiumFact]
    public async Task Drift_report_with_charts_loads_without_errors_and_shows_both_series_per_column()
    {
        var report = Drift.DriftReportReadabilityTests.Report();
        var file = Path.Combine(_folder.FullName, "drift.html");
        await File.WriteAllTextAsync(file, DriftReportWriter.ToHtml(report));

        var run = await HeadlessChromium.DumpDomAsync(file, TimeSpan.FromSeconds(90));

        run.ExitCode.Should().Be(0, run.Log);
        run.ConsoleMessages.Should().BeEmpty("the page has no script and loads nothing the policy would refuse");
        var dom = HtmlReportTests.Parse(ToXml(run.Dom));
        dom.Descendants("script").Should().BeEmpty();
        dom.Descendants("meta").Should().Contain(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy" && ((string?)m.Attribute("content"))!.StartsWith("default-src 'none'", StringComparison.Ordinal));
        foreach (var column in report.Columns)
        {
            var svg = dom.Descendants().Single(e => e.Name.LocalName == "svg" && (string?)e.Attribute("data-column") == column.Column);
            svg.Descendants().Where(e => e.Name.LocalName == "rect").Select(r => (string?)r.Attribute("class")).Should().Contain(["baseline", "current"]);
            svg.Elements().Should().Contain(e => e.Name.LocalName == "title").And.Contain(e => e.Name.LocalName == "desc");
        }

        var quiet = dom.Descendants("details").Single();
        quiet.Attribute("open").Should().BeNull();
        quiet.Descendants().Where(e => e.Name.LocalName == "svg").Select(s => (string?)s.Attribute("data-column")).Should().BeEquivalentTo(report.Columns.Where(c => !c.Drifted).Select(c => c.Column));
    }

    [ChromiumFact]
    public async Task Profile_page_with_tail_histograms_loads_without_errors()
    {
        var ids = Enumerable.Range(0, 6000).Select(i => (double?)(i == 0 ? 12_500_000 : i % 700)).ToArray();
        var profile = await DatasetProfile.BuildAsync(InMemoryTable.Builder("t").Add("amount", ids).Build());
        var file = Path.Combine(_folder.FullName, "profile.html");
        await File.WriteAllTextAsync(file, ProfileHtml.Render(profile));

        var run = await HeadlessChromium.DumpDomAsync(file, TimeSpan.FromSeconds(90));

        run.ExitCode.Should().Be(0, run.Log);
        run.ConsoleMessages.Should().BeEmpty();
        run.Dom.Should().Contain("up to 12,500,000").And.NotContain("<script");
    }

    [ChromiumFact]
    public async Task Console_check_sees_a_script_error_and_a_refused_load()
    {
        // The check above must be able to fail: a page with a script error, and one whose policy refuses an image, are caught.
        var broken = Path.Combine(_folder.FullName, "broken.html");
        await File.WriteAllTextAsync(broken, "<!DOCTYPE html><html><body><p>x</p><script>notDefined()</script></body></html>");
        var fetching = Path.Combine(_folder.FullName, "fetching.html");
        await File.WriteAllTextAsync(fetching, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\" /></head>"
            + "<body><img src=\"http://example.invalid/x.png\" /></body></html>");

        var scriptError = await HeadlessChromium.DumpDomAsync(broken, TimeSpan.FromSeconds(90));
        var refused = await HeadlessChromium.DumpDomAsync(fetching, TimeSpan.FromSeconds(90));

        scriptError.ConsoleMessages.Should().ContainSingle(m => m.Contains("Uncaught ReferenceError", StringComparison.Ordinal));
        refused.ConsoleMessages.Should().ContainSingle(m => m.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    /// <summary>
    /// Chromium serialises the DOM as HTML: void elements without a closing slash and the doctype. Closing the few void
    /// elements the report uses makes it XML again, so the rendered structure can be checked.
    /// </summary>
    private static string ToXml(string dom)
    {
        var xml = System.Text.RegularExpressions.Regex.Replace(dom, "<(meta|br|hr|img|input|link)([^>]*?)/?>", "<$1$2/>");
        return xml.Replace("&nbsp;", "&#160;", StringComparison.Ordinal);
    }
}
