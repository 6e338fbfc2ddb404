using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Expectations.Reporting;
using Expectations.Tests.Reporting.Renderers;
using static Expectations.Tests.Reporting.MlSampleReports;

namespace Expectations.Tests.Reporting;

/// <summary>
/// What the ML checks found is a table a person can act on in every format: the same cells in HTML (parsed), Markdown
/// (parsed, unescaped), JUnit (parsed XML) and the text report, escaped for each format, shortened and capped.
/// </summary>
public partial class MlReportTableTests
{
    private static readonly ValidationReport Ml = Failing();

    // --- Reading each format back into (caption, headers, rows) ---

    private static (List<string> Headers, List<List<string>> Rows, string? More) FromHtml(string html, string type, string subject, string caption)
    {
        var doc = HtmlReportTests.Parse(html);
        var details = doc.Descendants("details").Single(d => d.Element("summary") is { } s && s.Element("code")?.Value == type && s.Value.EndsWith(" " + subject, StringComparison.Ordinal));
        var table = details.Elements("table").Where(t => (string?)t.Attribute("class") == "ml-details" && t.Element("caption")!.Value == caption)
            .Should().ContainSingle($"one HTML table is captioned \"{caption}\"").Subject;
        var more = table.ElementsAfterSelf().FirstOrDefault() is { Name.LocalName: "p" } p && ((string?)p.Attribute("class"))!.Contains("more", StringComparison.Ordinal) ? p.Value : null;
        return ([.. table.Element("thead")!.Descendants("th").Select(th => th.Value)],
            [.. table.Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToList())], more);
    }

    /// <summary>A Markdown table row's cells: split at unescaped pipes, backslash escapes removed.</summary>
    private static List<string> MarkdownCells(string line)
    {
        line.Should().StartWith("| ").And.EndWith(" |");
        return [.. UnescapedPipe().Split(line[1..^1]).Select(c => Unescape(c.Trim()))];
    }

    private static string Unescape(string markdown) => MarkdownEscape().Replace(markdown, "$1");

    private static (List<string> Headers, List<List<string>> Rows, string? More) FromMarkdown(string markdown, string type, string subject, string caption)
    {
        var lines = markdown.Split('\n');
        var section = Array.FindIndex(lines, l => l.StartsWith("#### `" + type + "` on ", StringComparison.Ordinal) && Unescape(l).EndsWith(" on " + subject, StringComparison.Ordinal));
        section.Should().BeGreaterThan(0, $"the Markdown has a section for {type} on {subject}");
        var at = Array.FindIndex(lines, section, l => l.StartsWith("**", StringComparison.Ordinal) && Unescape(l.Trim('*')) == caption);
        at.Should().BeGreaterThan(0, $"the Markdown has a table captioned \"{caption}\"");
        lines[at + 1].Should().BeEmpty();
        var headers = MarkdownCells(lines[at + 2]);
        var separator = MarkdownCells(lines[at + 3]);
        separator.Should().HaveCount(headers.Count).And.OnlyContain(c => c == "---" || c == "---:");
        var rows = lines.Skip(at + 4).TakeWhile(l => l.StartsWith('|')).Select(MarkdownCells).ToList();
        rows.Should().OnlyContain(r => r.Count == headers.Count, "no cell breaks its row");
        var after = lines.Skip(at + 4 + rows.Count).SkipWhile(l => l.Length == 0).FirstOrDefault();
        var more = after is not null && after.StartsWith("_… ", StringComparison.Ordinal) ? Unescape(after[1..^1]) : null;
        return (headers, rows, more);
    }

    /// <summary>A plain-text table (text report, JUnit body): the caption line, the header line, rows; cells are separated by two or more spaces.</summary>
    private static (List<string> Headers, List<List<string>> Rows, string? More) FromPlain(string text, string caption, int from = 0)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var at = lines.IndexOf(caption + ":", from);
        at.Should().BeGreaterThanOrEqualTo(0, $"the text has a table captioned \"{caption}\"");
        static List<string> Cells(string line) => [.. Columns().Split(line)];
        var headers = Cells(lines[at + 1]);
        var rows = new List<List<string>>();
        string? more = null;
        foreach (var line in lines.Skip(at + 2))
        {
            if (line.StartsWith("… ", StringComparison.Ordinal))
            {
                more = line;
            }

            if (line.Length == 0 || line.EndsWith(':') || line.StartsWith("… ", StringComparison.Ordinal) || line.StartsWith("FAIL", StringComparison.Ordinal)
                || line.StartsWith("PASS", StringComparison.Ordinal) || Cells(line).Count > headers.Count)
            {
                break;
            }

            rows.Add(Cells(line));
        }

        return (headers, rows, more);
    }

    private static string JUnitBody(string xml, string type, string subject)
    {
        JUnitSchema.Validate(xml).Should().BeEmpty();
        var testcase = XDocument.Parse(xml).Descendants("testcase").Single(c => (string?)c.Attribute("name") == $"{type} [{subject}]");
        return testcase.Element("failure")!.Value;
    }

    /// <summary>
    /// Asserts that every format shows the table with these cells (trailing empty cells are not printed in plain text).
    /// <paramref name="html"/> false leaves HTML out: it lists every row the result kept, whatever <paramref name="maxSamples"/> is.
    /// </summary>
    private static void InEveryFormat(ValidationReport report, string type, string subject, string caption, string[] headers, string[][] rows, string? more = null, int maxSamples = 5, bool html = true)
    {
        var options = new ReportRenderOptions { MaxSamples = maxSamples };
        var expected = rows.Select(r => r.ToList()).ToList();
        var plain = rows.Select(r => r.Reverse().SkipWhile(c => c.Length == 0).Reverse().ToList()).ToList();

        if (html)
        {
            var page = FromHtml(HtmlReport.Render(report, options), type, subject, caption);
            page.Headers.Should().Equal(headers);
            page.Rows.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), "HTML");
            page.More.Should().Be(more is null ? null : "… " + more + ".");
        }

        var md = FromMarkdown(MarkdownReport.Render(report, options), type, subject, caption);
        md.Headers.Should().Equal(headers);
        md.Rows.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), "Markdown");
        md.More.Should().Be(more is null ? null : "… " + more);

        var junit = FromPlain(JUnitBody(JUnitReport.Render(report, options), type, subject), caption);
        junit.Headers.Should().Equal(headers.Select(h => h.Trim()));
        junit.Rows.Should().BeEquivalentTo(plain, o => o.WithStrictOrdering(), "JUnit");
        junit.More.Should().Be(more is null ? null : "… " + more);

        var rendered = TextReport.Render(report, new TextReportOptions { Width = 400, MaxSamples = maxSamples });
        var entry = rendered.Split('\n').Select(l => l.Trim()).ToList()
            .FindIndex(l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains(" " + type + " ", StringComparison.Ordinal) && l.EndsWith("  " + subject, StringComparison.Ordinal));
        entry.Should().BeGreaterThanOrEqualTo(0, $"the text report has an entry for {type} on {subject}");
        var text = FromPlain(rendered, caption, entry);
        text.Headers.Should().Equal(headers);
        text.Rows.Should().BeEquivalentTo(plain, o => o.WithStrictOrdering(), "text");
        text.More.Should().Be(more is null ? null : "… " + more);
    }

    // --- One test per check: the table with the right cells in every format ---

    [Fact]
    public void Leaked_keys_show_their_rows_on_both_sides()
    {
        InEveryFormat(Ml, ColumnValuesToNotBeInOtherTable.TypeName, "user_id", "Keys also in 'test' (2 keys; 3 of 4 rows there)",
            ["user_id", "Rows here", "First row here", "Rows in 'test'", "First row in 'test'"],
            [["2", "2", "1", "1", "0"], ["4", "1", "4", "2", "2"]]);
    }

    [Fact]
    public void A_multi_column_key_gets_a_column_per_key_column_with_hostile_text_shortened()
    {
        InEveryFormat(Ml, ColumnValuesToNotBeInOtherTable.TypeName, "user_id, region", "Keys also in 'test' (2 keys; 3 of 4 rows there)",
            ["user_id", "region", "Rows here", "First row here", "Rows in 'test'", "First row in 'test'"],
            [["2", "\"<script>alert(1)</script> a|b⏎c 𝔘𝔫𝔦𝔠𝔬𝔡…", "1", "1", "1", "0"], ["4", "\"us\"", "1", "4", "2", "2"]]);
    }

    [Fact]
    public void Near_duplicate_pairs_stand_side_by_side_with_their_texts_shortened()
    {
        InEveryFormat(Ml, ColumnValuesToNotHaveNearDuplicatesInOtherTable.TypeName, "body",
            "Near-duplicate pairs with 'test' (1 pair at Jaccard ≥ 0.7; expected recall 0.9899)",
            ["Row", "body", "Row in 'test'", "body in 'test'", "Jaccard"],
            [["0", "The quick brown fox⏎jumps over the lazy dog near the 𝔯𝔦𝔳𝔢𝔯𝔟…", "0", "the quick brown fox jumps over the lazy dog near the 𝔯𝔦𝔳𝔢𝔯𝔟…", "1"]]);
    }

    [Fact]
    public void Near_duplicate_clusters_list_their_rows_and_texts()
    {
        InEveryFormat(Ml, ColumnValuesToNotHaveNearDuplicates.TypeName, "body",
            "Near-duplicate clusters in body (1 cluster at Jaccard ≥ 0.7; expected recall 0.9899)",
            ["Size", "Rows", "Jaccard", "Text", "Another text"],
            [["2", "2, 3", "1", "a unique sentence about cats", "(same text after normalizing)"]]);
    }

    [Fact]
    public void Time_ranges_show_the_gap_and_the_other_sides_early_rows()
    {
        InEveryFormat(Ml, TableTimeRangeToPrecedeOtherTable.TypeName, "ts", "Time ranges of ts",
            ["Latest here", "Earliest in 'test'", "Actual gap", "Required gap"],
            [["2024-01-06T00:00:00", "2024-01-04T00:00:00", "-P2D", "P1D"]]);
        InEveryFormat(Ml, TableTimeRangeToPrecedeOtherTable.TypeName, "ts", "Rows of 'test' earlier than allowed (2 rows)",
            ["Row in 'test'", "ts"], [["0", "2024-01-04T00:00:00"], ["2", "2024-01-06T12:00:00"]]);
    }

    [Fact]
    public void Stale_groups_show_their_last_timestamp_and_age()
    {
        InEveryFormat(Ml, ColumnMaxToBeRecent.TypeName, "ts", "Stale groups (1 of 3; older than P2D as of 2024-01-07T00:00:00)",
            ["tenant", "Last ts", "Age"], [["\"initech\"", "2024-01-04T00:00:00", "P3D"]]);
    }

    [Fact]
    public void The_confusion_matrix_is_a_table_with_totals_and_per_class_agreement()
    {
        // a = [1, 1, 2, 2, 1, null], b = [1, 2, 2, 1, 1, 1]: the null row is left out; (1,1) twice, (1,2), (2,2), (2,1) once.
        InEveryFormat(Ml, ColumnPairCohensKappaToBeBetween.TypeName, "a, b",
            "Confusion matrix: rows a, columns b (5 rated pairs, 1 left out for a null rating; observed agreement 0.6, chance 0.52)",
            ["a ↓ b →", "1", "2", "Total", "Per-class agreement"],
            [["1", "2", "1", "3", "0.667"], ["2", "1", "1", "2", "0.5"], ["Total", "3", "2", "5", ""]]);
    }

    [Fact]
    public void Value_proportions_stand_against_their_bounds_out_of_bounds_first()
    {
        // Common min 0.2 for every value; pos also [0.4, 0.9]; the named value "unknown" does not occur, share 0 against its own [0.1, –].
        InEveryFormat(Ml, ColumnValueProportionsToBeBetween.TypeName, "label", "Value proportions of label (3 values, 2 out of bounds)",
            ["label", "Count", "Proportion", "Allowed", "In bounds"],
            [["\"neg\"", "1", "0.1667", "≥ 0.2", "no"], ["\"unknown\"", "0", "0", "≥ 0.1", "no"], ["\"pos\"", "5", "0.8333", "0.4–0.9", "yes"]]);
    }

    [Fact]
    public void Conflicting_label_groups_render_from_the_determine_column_contract()
    {
        var report = Report("labels", DetermineColumnResult());
        InEveryFormat(report, DetermineColumnResult().Expectation.Type, "text, source, label", "Groups with conflicting label (3 groups)",
            ["text", "source", "Rows", "label values (rows)"],
            [["\"great | product⏎buy <now>\"", "\"web\"", "4", "\"spam\" × 3 (first row 0), \"ham\" × 1 (first row 5)"],
             ["\"hello\"", "null", "2", "1 × 1 (first row 2), 2 × 1 (first row 7)"]],
            more: "1 more group not shown");
        FailureText.Summary(DetermineColumnResult()).Should().Contain("3 groups with conflicting labels: {\"text\": \"great | product\\nbuy <now>\", \"source\": \"web\"} → \"spam\" ×3 / \"ham\" ×1");
    }

    [Fact]
    public void The_one_line_facts_name_the_values_out_of_bounds()
    {
        var proportions = Ml.Results.Single(r => r.Expectation is ColumnValueProportionsToBeBetween);
        FailureText.Summary(proportions).Should().Contain("2 out of bounds: \"neg\" 0.1667 (bounds ≥ 0.2), \"unknown\" 0 (bounds ≥ 0.1)");
        var pairs = Ml.Results.Single(r => r.Expectation is ColumnValuesToNotHaveNearDuplicatesInOtherTable);
        FailureText.Summary(pairs).Should().Contain("\"The quick brown fox⏎jumps over the lazy…\"").And.NotContain("\n", "a summary is one line");
    }

    // --- Escaping, caps, shortening, no noise ---

    [Fact]
    public void Hostile_text_is_escaped_for_each_format()
    {
        var report = Ml with { Results = [.. Ml.Results, DetermineColumnResult()] };
        var html = HtmlReport.Render(report);
        var markdown = MarkdownReport.Render(report);
        var junit = JUnitReport.Render(report);
        var text = TextReport.Render(report);

        HtmlReportTests.Parse(html).Descendants().Should().NotContain(e => e.Name.LocalName == "script" || e.Name.LocalName == "now" || e.Name.LocalName == "b");
        html.Should().Contain("&quot;&lt;script&gt;alert(1)&lt;/script&gt; a|b⏎c").And.Contain("&lt;b&gt;fast&lt;/b&gt;");
        markdown.Should().Contain("\"\\<script\\>alert(1)\\</script\\> a\\|b⏎c").And.Contain("buy \\<now\\>");
        markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Should()
            .OnlyContain(l => !UnescapedTag().IsMatch(l), "no raw tag in a Markdown table");
        JUnitSchema.Validate(junit).Should().BeEmpty();
        XDocument.Parse(junit).Descendants("failure").Should().Contain(f => f.Value.Contains("\"great | product⏎buy <now>\"", StringComparison.Ordinal), "XML carries the text, escaped by the writer");
        foreach (var output in new[] { html, markdown, junit, text })
        {
            WellFormedUtf16(output).Should().BeTrue("a cut never splits a surrogate pair");
        }
    }

    [Fact]
    public void Rows_are_capped_at_max_samples_and_the_rest_is_counted()
    {
        InEveryFormat(Ml, ColumnValuesToNotBeInOtherTable.TypeName, "user_id", "Keys also in 'test' (2 keys; 3 of 4 rows there)",
            ["user_id", "Rows here", "First row here", "Rows in 'test'", "First row in 'test'"], [["2", "2", "1", "1", "0"]],
            more: "1 more key not shown", maxSamples: 1, html: false);
    }

    [Fact]
    public void Html_lists_every_row_the_result_kept_and_counts_the_ones_it_did_not_keep()
    {
        var all = FromHtml(HtmlReport.Render(Ml, new ReportRenderOptions { MaxSamples = 1 }), ColumnValuesToNotBeInOtherTable.TypeName, "user_id", "Keys also in 'test' (2 keys; 3 of 4 rows there)");
        all.Rows.Should().HaveCount(2, "the page is the full view: MaxSamples caps the summaries");
        all.More.Should().BeNull();

        var kept = Expect.Suite("s").Column<long>("user_id", c => c.NotInOtherTable("test")).Build().Validate(Train(), Options(partialUnexpectedCount: 1));
        var one = FromHtml(HtmlReport.Render(kept), ColumnValuesToNotBeInOtherTable.TypeName, "user_id", "Keys also in 'test' (2 keys; 3 of 4 rows there)");
        one.Rows.Should().HaveCount(1);
        one.More.Should().Be("… 1 more key not shown.");
    }

    [Fact]
    public void A_confusion_matrix_of_many_categories_shows_the_first_twelve()
    {
        var report = ManyCategories(15);
        var table = MlDetailTables.For(report.Results.Single(), 5).Single();
        table.Headers.Should().HaveCount(1 + MlDetailTables.MaxCategories + 2);
        table.Rows.Should().HaveCount(MlDetailTables.MaxCategories + 1, "twelve categories and the totals");
        table.Rows[^1].Should().StartWith(["Total", "0", "2"]);
        table.Rows[^1][^2].Should().Be("15", "totals count every rated pair, shown or not");
        table.More.Should().Be("3 more categories not shown");
        FromMarkdown(MarkdownReport.Render(report), ColumnPairCohensKappaToBeBetween.TypeName, "a, b", table.Caption).More.Should().Be("… 3 more categories not shown");
    }

    [Fact]
    public void Passing_results_render_no_tables()
    {
        var report = Passing();
        report.Results.Should().OnlyContain(r => r.Success);
        report.Results.SelectMany(r => MlDetailTables.For(r, 100)).Should().BeEmpty();

        HtmlReportTests.Parse(HtmlReport.Render(report)).Descendants("table").Should().NotContain(t => (string?)t.Attribute("class") == "ml-details");
        MarkdownReport.Render(report).Should().NotContain("####").And.NotContain("**");
        TextReport.Render(report).Should().NotContain("Keys also in").And.NotContain("Stale groups").And.NotContain("Near-duplicate");
        XDocument.Parse(JUnitReport.Render(report)).Descendants("testcase").Should().OnlyContain(c => !c.HasElements);
    }

    [Fact]
    public void Details_of_another_shape_give_fewer_tables_never_an_exception()
    {
        foreach (var details in new[] { """{"conflicting_groups": [{"key": 5}], "conflicting_group_count": "x"}""", """{"conflicting_groups": 3}""", "[]",
            """{"conflicting_groups": [{"key": {"a": 1}, "rows": "many", "labels": [{"value": [1, 2]}]}]}""" })
        {
            var result = DetermineColumnResult() with { Result = new ResultDetails { Details = JsonDocument.Parse(details).RootElement } };
            var report = Report("odd", result);

            var render = () => string.Concat(HtmlReport.Render(report), MarkdownReport.Render(report), JUnitReport.Render(report), TextReport.Render(report), FailureText.Summary(result));
            render.Should().NotThrow(details);
        }

        var leaked = Ml.Results[0] with { Result = Ml.Results[0].Result with { Details = JsonDocument.Parse("""{"leaked_keys": [{"rows": 1}]}""").RootElement } };
        MlDetailTables.For(leaked, 5).Should().BeEmpty("a key entry without its key is not shown half-read");
    }

    [Fact]
    public void Shortening_cuts_whole_characters_and_marks_the_cut()
    {
        var astral = string.Concat(Enumerable.Repeat("𝔘", 70));
        var cut = MlDetailTables.Shorten(astral, 60);
        cut.Should().Be(string.Concat(Enumerable.Repeat("𝔘", 59)) + "…");
        WellFormedUtf16(cut).Should().BeTrue();

        var accents = string.Concat(Enumerable.Repeat("e\u0301", 10));
        MlDetailTables.Shorten(accents, 5).Should().Be(string.Concat(Enumerable.Repeat("e\u0301", 4)) + "…", "a letter keeps its combining accent");
        MlDetailTables.Shorten("abcdef", 5).Should().Be("abcd…");
        MlDetailTables.Shorten("abcde", 5).Should().Be("abcde", "nothing to cut");
        MlDetailTables.Line("a\r\nb\nc\td\u0007").Should().Be("a⏎b⏎c d\\u0007");
    }

    [Fact]
    public void Near_duplicate_texts_that_differ_late_are_shown_from_just_before_the_difference()
    {
        const string Start = "Handle before laptop works watch great support keyboard headphones desk ";
        var (text, other) = MlDetailTables.TextPair(Start + "bright screen and a long tail of words", Start.ToUpperInvariant() + "dim screen and a long tail of words");
        text.Should().Be("…headphones desk bright screen and a long tail of words");
        other.Should().Be("…HEADPHONES DESK dim screen and a long tail of words");

        MlDetailTables.TextPair("short one", "short two").Should().Be(("short one", "short two"));
        var same = Start + Start;
        MlDetailTables.TextPair(same, same).Text.Should().StartWith("Handle before").And.EndWith("…", "an exact copy shows its start");
        var astral = string.Concat(Enumerable.Repeat("𝔘", 50));
        var (x, y) = MlDetailTables.TextPair(astral + "a" + astral, astral + "b" + astral);
        WellFormedUtf16(x).Should().BeTrue();
        WellFormedUtf16(y).Should().BeTrue();
        x.Should().Contain("a").And.StartWith("…");
    }

    private static bool WellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex(@"(?<!\\)<")]
    private static partial Regex UnescapedTag();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Columns();
}
