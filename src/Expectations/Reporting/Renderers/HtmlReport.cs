using System.Globalization;
using System.Text;
using System.Text.Json;
using Expectations.Reporting;

namespace Expectations;

/// <summary>
/// Renders a <see cref="ValidationReport"/> as data docs: one self-contained HTML file with the overall status, every
/// expectation's status and observed values, the unexpected samples at their row indices, what the ML checks found as
/// tables (leaked keys, near-duplicate pairs, confusion matrices …), and inline SVG bars of how much of each column was
/// unexpected.
/// </summary>
/// <remarks>
/// The page loads nothing: no script, no font, no image or style sheet from elsewhere, and a Content-Security-Policy of
/// <c>default-src 'none'</c> keeps it so. Every text from the data or the suite is HTML-escaped. The markup is also
/// well-formed XML, so tools can read it back.
/// </remarks>
public static class HtmlReport
{
    // Width in SVG units of a full (100 %) bar.
    private const int BarWidth = 120;

    // Unexpected values listed per expectation: COMPLETE results can hold millions, and the page must stay openable.
    private const int MaxSampleRows = 200;

    private const string Style = """
        :root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --info: #0969da; --error: #8250df; --muted: #59636e; --line: #d1d9e0; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; background: #fff; }
        header { padding: 20px 28px; border-bottom: 1px solid var(--line); }
        header.failed { border-top: 6px solid var(--fail); }
        header.passed { border-top: 6px solid var(--pass); }
        h1 { font-size: 22px; margin: 0 0 6px; }
        h2 { font-size: 17px; margin: 24px 0 8px; }
        main { padding: 0 28px 28px; }
        .verdict { display: inline-block; padding: 1px 10px; border-radius: 4px; color: #fff; font-weight: 700; margin-right: 8px; }
        .verdict.failed { background: var(--fail); }
        .verdict.passed { background: var(--pass); }
        .meta { color: var(--muted); margin: 2px 0; }
        .meta code { color: #1f2328; }
        table { border-collapse: collapse; margin: 6px 0 12px; }
        th, td { text-align: left; vertical-align: top; padding: 4px 10px; border-bottom: 1px solid var(--line); }
        th { background: #f6f8fa; }
        caption { text-align: left; white-space: nowrap; font-weight: 600; padding: 4px 0; }
        table.ml-details caption { white-space: normal; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code, pre, .value { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
        .value { white-space: pre-wrap; word-break: break-all; }
        pre { background: #f6f8fa; padding: 8px 10px; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 4px 0; }
        .status { display: inline-block; min-width: 52px; text-align: center; font-weight: 700; font-size: 12px; padding: 0 6px; border-radius: 3px; color: #fff; }
        .status.pass { background: var(--pass); } .status.fail { background: var(--fail); } .status.warn { background: var(--warn); }
        .status.info { background: var(--info); } .status.error { background: var(--error); }
        .status.gate { outline: 2px solid var(--fail); outline-offset: 1px; }
        details { border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; padding: 0 12px; }
        details[open] { padding-bottom: 8px; }
        summary { cursor: pointer; padding: 8px 0; font-weight: 600; }
        summary code { font-weight: 400; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 6px 0; }
        dt { color: var(--muted); }
        dd { margin: 0; }
        svg { vertical-align: middle; }
        .bar-bg { fill: #eaeef2; }
        .bar.fail { fill: var(--fail); } .bar.error { fill: var(--error); } .bar.warn { fill: var(--warn); } .bar.info { fill: var(--info); } .bar.pass { fill: var(--pass); }
        footer { color: var(--muted); padding: 12px 28px; border-top: 1px solid var(--line); font-size: 12px; }
        """;

    /// <summary>The report as one HTML document.</summary>
    public static string Render(ValidationReport report, ReportRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= ReportRenderOptions.Default;
        var meta = report.Meta;
        var fails = ReportFacts.RunFails(report, options.FailOn);
        var verdict = fails ? "FAILED" : "PASSED";
        var h = new Html();

        h.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
         .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
         .Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n")
         .Raw("<meta name=\"generator\" content=\"").Text(meta.Engine).Raw("\" />\n")
         .Raw("<title>").Text($"{verdict}: {meta.SuiteName} on {meta.DataSource}").Raw("</title>\n")
         .Raw("<style>\n").Raw(Style).Raw("\n</style>\n</head>\n<body>\n");

        WriteHeader(h, report, options, fails, verdict);
        h.Raw("<main>\n");
        WriteOverview(h, report, options);
        WriteDetails(h, report, options);
        h.Raw("</main>\n<footer>Generated by ").Text(meta.Engine).Raw(" from a validation report (schema ")
         .Text(ReportJson.SchemaVersion).Raw("). Row indices are 0-based across row groups and files.</footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void WriteHeader(Html h, ValidationReport report, ReportRenderOptions options, bool fails, string verdict)
    {
        var meta = report.Meta;
        h.Raw("<header class=\"").Raw(fails ? "failed" : "passed").Raw("\">\n<h1><span class=\"verdict ").Raw(fails ? "failed" : "passed").Raw("\">")
         .Raw(verdict).Raw("</span>").Text(meta.SuiteName).Raw("</h1>\n");
        h.Raw("<p class=\"meta\">on <code>").Text(meta.DataSource).Raw("</code> · ").Text(ReportFacts.Plural(meta.RowCount, "row"))
         .Raw(" · ").Text(ReportFacts.Duration(meta.Duration)).Raw(" · run ").Text(meta.RunTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))
         .Raw(" · result format ").Text(ResultFormat.ToWireName(meta.ResultFormat)).Raw(" · fails on ").Text(ReportFacts.SeverityName(options.FailOn)).Raw("</p>\n");
        h.Raw("<p class=\"meta\">").Text(ReportFacts.Counts(report)).Raw("</p>\n");
        WriteStatusBar(h, report);
        h.Raw("</header>\n");
    }

    /// <summary>One stacked bar of the statuses, so the proportion of problems is seen before any number is read.</summary>
    private static void WriteStatusBar(Html h, ValidationReport report)
    {
        var total = report.Results.Length;
        if (total == 0)
        {
            return;
        }

        const int width = 480;
        h.Raw("<svg class=\"status-bar\" role=\"img\" width=\"").Raw(Num(width)).Raw("\" height=\"14\" viewBox=\"0 0 ").Raw(Num(width)).Raw(" 14\">");
        h.Raw("<title>").Text(ReportFacts.Counts(report)).Raw("</title>");
        double x = 0;
        foreach (var status in (ResultStatus[])[ResultStatus.Fail, ResultStatus.Error, ResultStatus.Warn, ResultStatus.Info, ResultStatus.Pass])
        {
            var n = report.Results.Count(r => ReportFacts.Status(r) == status);
            if (n == 0)
            {
                continue;
            }

            var w = width * (double)n / total;
            h.Raw("<rect class=\"bar ").Raw(Css(status)).Raw("\" x=\"").Raw(Num(x)).Raw("\" y=\"0\" width=\"").Raw(Num(w)).Raw("\" height=\"14\">")
             .Raw("<title>").Text($"{n} {ReportFacts.Word(status)}").Raw("</title></rect>");
            x += w;
        }

        h.Raw("</svg>\n");
    }

    private static void WriteOverview(Html h, ValidationReport report, ReportRenderOptions options)
    {
        h.Raw("<h2>Expectations</h2>\n<table class=\"results\">\n<thead><tr><th>Status</th><th>Severity</th><th>Expectation</th><th>Column</th>")
         .Raw("<th>Unexpected</th><th>Observed</th></tr></thead>\n<tbody>\n");
        foreach (var (result, index) in Ordered(report, options))
        {
            var status = ReportFacts.Status(result);
            h.Raw("<tr class=\"").Raw(Css(status)).Raw("\"><td>");
            StatusBadge(h, result, options);
            h.Raw("</td><td>").Text(ReportFacts.SeverityName(result.Expectation.Severity))
             .Raw("</td><td><a href=\"#").Raw(Anchor(index)).Raw("\"><code>").Text(result.Expectation.Type).Raw("</code></a></td><td>")
             .Text(ReportFacts.Subject(result.Expectation)).Raw("</td><td class=\"num\">");
            if (result.Result.UnexpectedPercent is { } percent)
            {
                PercentBar(h, percent, status);
                h.Raw(" ").Text(ReportFacts.Unexpected(result.Result) ?? "");
            }

            h.Raw("</td><td><span class=\"value\">");
            if (result.ExceptionInfo is { } ex)
            {
                h.Text(ex.ExceptionType);
            }
            else if (ReportFacts.Observed(result) is { } observed)
            {
                h.Text(observed);
            }

            h.Raw("</span></td></tr>\n");
        }

        h.Raw("</tbody>\n</table>\n");
    }

    /// <summary>
    /// An anomaly expectation's metric series as inline SVG: the earlier runs as a line, the interval its strategy allowed
    /// as a band, and this run's value as a dot (red when it lies outside).
    /// </summary>
    private static void AnomalyChart(Html h, ExpectationResult result)
    {
        if (result.Expectation is not IAnomalyExpectation || result.Result.Details is not { ValueKind: System.Text.Json.JsonValueKind.Object } d
            || result.Result.ObservedValue is not { ValueKind: System.Text.Json.JsonValueKind.Number } observed
            || !d.TryGetProperty("history", out var history) || history.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return;
        }

        var values = history.EnumerateArray().Select(p => p.TryGetProperty("value", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number ? v.GetDouble() : double.NaN).Where(double.IsFinite).ToList();
        var current = observed.GetDouble();
        double? Bound(string name) => d.TryGetProperty(name, out var b) && b.ValueKind == System.Text.Json.JsonValueKind.Number ? b.GetDouble() : null;
        var (lower, upper) = (Bound("lower_bound"), Bound("upper_bound"));
        var all = values.Append(current).Concat(lower is { } l ? [l] : []).Concat(upper is { } u ? [u] : []).ToList();
        double min = all.Min(), max = all.Max();
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            (min, max) = (min - 1, max + 1);
        }

        const double Width = 360, Height = 90, Pad = 6;
        var steps = Math.Max(1, values.Count);
        double X(int i) => Pad + i * (Width - 2 * Pad) / steps;
        double Y(double v) => Height - Pad - (v - min) / (max - min) * (Height - 2 * Pad);
        h.Raw("<svg class=\"anomaly-chart\" role=\"img\" width=\"").Raw(Num(Width)).Raw("\" height=\"").Raw(Num(Height)).Raw("\" viewBox=\"0 0 ").Raw(Num(Width)).Raw(" ").Raw(Num(Height)).Raw("\">");
        h.Raw("<title>").Text(string.Create(CultureInfo.InvariantCulture, $"{values.Count} earlier runs and this run ({current:G6})")).Raw("</title>");
        if (lower is not null || upper is not null)
        {
            var top = Y(upper ?? max);
            var bottom = Y(lower ?? min);
            h.Raw("<rect class=\"band\" x=\"").Raw(Num(X(values.Count) - 5)).Raw("\" y=\"").Raw(Num(top)).Raw("\" width=\"10\" height=\"").Raw(Num(Math.Max(1, bottom - top))).Raw("\" fill=\"#9ecae1\" fill-opacity=\"0.6\"/>");
        }

        if (values.Count > 0)
        {
            h.Raw("<polyline fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" points=\"");
            for (var i = 0; i < values.Count; i++)
            {
                h.Raw(Num(X(i))).Raw(",").Raw(Num(Y(values[i]))).Raw(" ");
            }

            h.Raw(Num(X(values.Count))).Raw(",").Raw(Num(Y(current))).Raw("\"/>");
        }

        h.Raw("<circle cx=\"").Raw(Num(X(values.Count))).Raw("\" cy=\"").Raw(Num(Y(current))).Raw("\" r=\"4\" fill=\"").Raw(result.Success ? "#2ca02c" : "#d62728").Raw("\"/>");
        h.Raw("</svg>\n");
    }

    private static void WriteDetails(Html h, ValidationReport report, ReportRenderOptions options)
    {
        h.Raw("<h2>Details</h2>\n");
        foreach (var (result, index) in Ordered(report, options))
        {
            var e = result.Expectation;
            var status = ReportFacts.Status(result);

            // Problems are open, passes collapsed: the page reads as a list of what to fix.
            h.Raw("<details id=\"").Raw(Anchor(index)).Raw("\" class=\"").Raw(Css(status)).Raw(status == ResultStatus.Pass ? "\">" : "\" open=\"open\">")
             .Raw("<summary>");
            StatusBadge(h, result, options);
            h.Raw(" <code>").Text(e.Type).Raw("</code> ").Text(ReportFacts.Subject(e)).Raw("</summary>\n");

            h.Raw("<dl>\n");
            Term(h, "severity", ReportFacts.SeverityName(e.Severity));
            using (var kwargs = ReportFacts.Kwargs(e))
            {
                foreach (var kwarg in kwargs.RootElement.EnumerateObject())
                {
                    Term(h, kwarg.Name, ReportFacts.Display(kwarg.Value, 2000));
                }
            }

            if (e.Id is { } id)
            {
                Term(h, "id", id);
            }

            var r = result.Result;
            if (r.ElementCount is { } elements)
            {
                Term(h, "rows checked", elements.ToString("N0", CultureInfo.InvariantCulture));
            }

            if (r.MissingCount is { } missing)
            {
                Term(h, "null values", string.Create(CultureInfo.InvariantCulture, $"{missing:N0} ({r.MissingPercent ?? 0:0.##}%)"));
            }

            if (ReportFacts.Unexpected(r) is { } unexpected)
            {
                Term(h, "unexpected values", unexpected);
            }

            if (ReportFacts.Observed(result) is { } observed)
            {
                Term(h, "observed value", observed);
            }

            h.Raw("</dl>\n");
            AnomalyChart(h, result);
            WriteDetailTables(h, result);

            if (result.ExceptionInfo is { } ex)
            {
                h.Raw("<p>Checking raised <code>").Text(ex.ExceptionType).Raw("</code>; the other expectations still ran.</p>\n<pre>")
                 .Text(ex.ExceptionMessage).Raw("</pre>\n");
                if (ex.ExceptionTraceback is { Length: > 0 } trace)
                {
                    h.Raw("<details><summary>Traceback</summary><pre>").Text(trace).Raw("</pre></details>\n");
                }
            }

            if (r.ObservedValue is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } structured)
            {
                h.Raw("<pre>").Text(ReportFacts.Indented(structured)).Raw("</pre>\n");
            }

            WriteSamples(h, r, status);
            WriteValueCounts(h, r, status);

            if (e.Meta is { } notes)
            {
                h.Raw("<p class=\"meta\">meta</p><pre>").Text(ReportFacts.Indented(notes)).Raw("</pre>\n");
            }

            h.Raw("</details>\n");
        }
    }

    /// <summary>What an ML check found (leaked keys, near-duplicate pairs, the confusion matrix …): one table each, see <see cref="MlDetailTables"/>.</summary>
    private static void WriteDetailTables(Html h, ExpectationResult result)
    {
        foreach (var table in MlDetailTables.For(result, MaxSampleRows))
        {
            h.Raw("<table class=\"ml-details\">\n<caption>").Text(table.Caption).Raw("</caption>\n<thead><tr>");
            foreach (var header in table.Headers)
            {
                h.Raw("<th>").Text(header).Raw("</th>");
            }

            h.Raw("</tr></thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                h.Raw("<tr>");
                for (var i = 0; i < row.Count; i++)
                {
                    h.Raw(i < table.Numeric.Count && table.Numeric[i] ? "<td class=\"num\">" : "<td class=\"value\">").Text(row[i]).Raw("</td>");
                }

                h.Raw("</tr>\n");
            }

            h.Raw("</tbody>\n</table>\n");
            if (table.More is { } more)
            {
                h.Raw("<p class=\"meta more\">").Text("… " + more + ".").Raw("</p>\n");
            }
        }
    }

    private static void WriteSamples(Html h, ResultDetails r, ResultStatus status)
    {
        var samples = ReportFacts.Samples(r, MaxSampleRows);
        if (samples.Count == 0)
        {
            return;
        }

        var more = ReportFacts.SampleCount(r) - samples.Count;

        var complete = r.PartialUnexpectedList is null;
        h.Raw("<table class=\"samples\">\n<caption>").Text(complete ? "Unexpected values" : "Sample of unexpected values").Raw("</caption>\n")
         .Raw("<thead><tr><th>Row</th><th>Value</th></tr></thead>\n<tbody>\n");
        foreach (var (value, row) in samples)
        {
            h.Raw("<tr class=\"").Raw(Css(status)).Raw("\"><td class=\"num\">").Text(row is { } i ? i.ToString(CultureInfo.InvariantCulture) : "—")
             .Raw("</td><td class=\"value\">").Text(ReportFacts.Display(value, 1000)).Raw("</td></tr>\n");
        }

        h.Raw("</tbody>\n</table>\n");
        if (more > 0)
        {
            h.Raw("<p class=\"meta\">").Text(string.Create(CultureInfo.InvariantCulture, $"… and {more:N0} more in the JSON report.")).Raw("</p>\n");
        }
    }

    /// <summary>The most frequent unexpected values with bars relative to the most frequent one.</summary>
    private static void WriteValueCounts(Html h, ResultDetails r, ResultStatus status)
    {
        if (r.PartialUnexpectedCounts is not { Count: > 0 } counts)
        {
            return;
        }

        var max = Math.Max(1, counts.Max(c => c.Count));
        h.Raw("<table class=\"value-counts\">\n<caption>Unexpected values by count (in the sample)</caption>\n")
         .Raw("<thead><tr><th>Value</th><th>Count</th></tr></thead>\n<tbody>\n");
        foreach (var c in counts)
        {
            h.Raw("<tr><td class=\"value\">").Text(ReportFacts.Display(c.Value, 1000)).Raw("</td><td class=\"num\">");
            Bar(h, (double)c.Count / max, status, c.Count.ToString(CultureInfo.InvariantCulture));
            h.Raw(" ").Text(c.Count.ToString("N0", CultureInfo.InvariantCulture)).Raw("</td></tr>\n");
        }

        h.Raw("</tbody>\n</table>\n");
    }

    private static void PercentBar(Html h, double percent, ResultStatus status) =>
        Bar(h, percent / 100, status, percent.ToString("0.##", CultureInfo.InvariantCulture) + "% unexpected");

    /// <summary>A horizontal bar for <paramref name="fraction"/> of full width; any non-zero fraction stays visible.</summary>
    private static void Bar(Html h, double fraction, ResultStatus status, string title)
    {
        fraction = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        var width = fraction == 0 ? 0 : Math.Max(1.5, BarWidth * fraction);
        h.Raw("<svg class=\"bar-chart\" role=\"img\" width=\"").Raw(Num(BarWidth)).Raw("\" height=\"10\" viewBox=\"0 0 ").Raw(Num(BarWidth)).Raw(" 10\">")
         .Raw("<title>").Text(title).Raw("</title>")
         .Raw("<rect class=\"bar-bg\" x=\"0\" y=\"0\" width=\"").Raw(Num(BarWidth)).Raw("\" height=\"10\" />")
         .Raw("<rect class=\"bar ").Raw(Css(status)).Raw("\" x=\"0\" y=\"0\" width=\"").Raw(Num(width)).Raw("\" height=\"10\" /></svg>");
    }

    private static void StatusBadge(Html h, ExpectationResult result, ReportRenderOptions options)
    {
        var status = ReportFacts.Status(result);
        // A warning that fails the run (fail-on warning) is ringed in red, so the badge says both what it is and what it did.
        h.Raw("<span class=\"status ").Raw(Css(status)).Raw(status == ResultStatus.Warn && result.Fails(options.FailOn) ? " gate" : "").Raw("\">")
         .Raw(ReportFacts.Word(status)).Raw("</span>");
    }

    private static void Term(Html h, string name, string value) =>
        h.Raw("<dt>").Text(name).Raw("</dt><dd class=\"value\">").Text(value).Raw("</dd>\n");

    /// <summary>Results that fail the run first, then the other unsuccessful ones, then passes; each keeps its suite position for its anchor.</summary>
    private static IEnumerable<(ExpectationResult Result, int Index)> Ordered(ValidationReport report, ReportRenderOptions options) =>
        report.Results.Select((r, i) => (r, i)).OrderBy(x => x.r.Fails(options.FailOn) ? 0 : x.r.Success ? 2 : 1);

    private static string Anchor(int index) => "e" + index.ToString(CultureInfo.InvariantCulture);

    private static string Css(ResultStatus status) => status.ToString().ToLowerInvariant();

    private static string Num(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A string builder that separates markup written by this renderer from text, which is always escaped.</summary>
    private sealed class Html
    {
        private readonly StringBuilder _sb = new(16 * 1024);

        public Html Raw(string markup)
        {
            _sb.Append(markup);
            return this;
        }

        /// <summary>Appends text escaped for element content and quoted attribute values; characters HTML cannot carry become <c>\uXXXX</c>.</summary>
        public Html Text(string text)
        {
            foreach (var c in ReportFacts.XmlSafe(text))
            {
                _ = c switch
                {
                    '&' => _sb.Append("&amp;"),
                    '<' => _sb.Append("&lt;"),
                    '>' => _sb.Append("&gt;"),
                    '"' => _sb.Append("&quot;"),
                    '\'' => _sb.Append("&#39;"),
                    _ => _sb.Append(c),
                };
            }

            return this;
        }

        public override string ToString() => _sb.ToString();
    }
}
