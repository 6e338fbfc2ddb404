namespace Expectations.Tests.Reporting.Renderers;

public class MarkdownReportTests
{
    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    [Fact]
    public void Passing_report_has_a_passed_status_line_and_the_passes_collapsed()
    {
        var md = MarkdownReport.Render(SampleReports.Passing());

        var lines = Lines(md);
        lines[0].Should().Be("### ✅ PASSED: orders on orders.parquet");
        lines[2].Should().StartWith("3 expectations: 3 passed · 6 rows · ").And.EndWith(" · fails on error");
        md.Should().NotContain("| Status |", "there is no failure table when nothing failed");
        md.Should().Contain("<details><summary>3 passed expectations</summary>").And.EndWith("</details>\n");
        lines.Should().Contain(l => l.StartsWith("| `expect_table_row_count_to_be_between` | (table) | observed 6", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("| `expect_column_mean_to_be_between` | amount | observed ", StringComparison.Ordinal));
    }

    [Fact]
    public void Failing_report_lists_failures_with_counts_and_sample_values_at_their_rows()
    {
        var md = MarkdownReport.Render(SampleReports.Failing());

        var lines = Lines(md);
        lines[0].Should().Be(@"### ❌ FAILED: orders \& \<co\> on orders.parquet");
        lines[2].Should().StartWith("4 expectations: 1 passed, 2 failed, 1 warning · 6 rows");
        var header = Array.IndexOf(lines, "| Status | Severity | Expectation | Column | Unexpected | Observed / sample values (row) |");
        header.Should().BeGreaterThan(0);
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        rows.Should().HaveCount(3);
        rows[0].Should().Be("| ❌ FAIL | error | `expect_column_values_to_be_between` | amount | 2 of 5 (40%) | 50000 (row 3), -1 (row 4) |");
        rows[1].Should().Be("| ❌ FAIL | error | `expect_column_max_to_be_between` | amount |  | observed 50000 (expected min\\_value 0, max\\_value 100) |");
        rows[2].Should().StartWith("| ⚠️ WARN | warning | `expect_column_values_to_be_in_set` | label | 2 of 5 (40%) | \"bogus\" (row 3), \"\\<script\\>alert(1)\\</script\\>\" (row 5) |",
            "a failed warning that does not fail the run comes after the failures that do");
        md.Should().Contain("<details><summary>1 passed expectation</summary>");
    }

    [Fact]
    public void Warning_that_fails_the_run_is_marked_so_at_fail_on_warning()
    {
        var report = SampleReports.WarningOnly();

        var lenient = MarkdownReport.Render(report);
        var strict = MarkdownReport.Render(report, new ReportRenderOptions { FailOn = Severity.Warning });

        lenient.Should().StartWith("### ✅ PASSED").And.Contain("| ⚠️ WARN | warning |");
        strict.Should().StartWith("### ❌ FAILED").And.Contain("| ❌ WARN | warning |");
    }

    [Fact]
    public void Raised_check_shows_error_with_the_exception_message()
    {
        var md = MarkdownReport.Render(SampleReports.WithError());

        md.Should().StartWith("### ❌ FAILED");
        var row = Lines(md).Single(l => l.StartsWith("| 💥 ERROR", StringComparison.Ordinal));
        row.Should().StartWith("| 💥 ERROR | error | `expect_column_values_to_not_be_null` | amuont |  | ");
        row.Should().Contain("ExpectationException: ").And.Contain("'amount'");
    }

    [Fact]
    public void Values_cannot_break_the_table_or_inject_markup()
    {
        var md = MarkdownReport.Render(SampleReports.AwkwardValues(), new ReportRenderOptions { MaxSamples = 10 });

        var row = Lines(md).Single(l => l.StartsWith("| ❌ FAIL", StringComparison.Ordinal));
        // Seven cells: the pipe inside "a|b" is escaped, the line break inside a value does not end the row.
        row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|').Should().Be(7);
        row.Should().Contain(@"""a\|b"" (row 0)").And.Contain(@"""\*bold\*"" (row 1)").And.Contain(@"""line\\nbreak"" (row 2)")
            .And.Contain(@"""ctrl\\u0001char"" (row 3)").And.Contain(@"""\[x\](http://example.invalid)"" (row 5)");
    }

    [Theory]
    [InlineData("a|b", @"a\|b")]
    [InlineData("<img src=x onerror=alert(1)>", @"\<img src=x onerror=alert(1)\>")]
    [InlineData("two\r\nlines", "two lines")]
    [InlineData(@"C:\path_to\*", @"C:\\path\_to\\\*")]
    public void Text_escapes_markdown_and_html(string input, string expected) =>
        MarkdownReport.Text(input).Should().Be(expected);
}

public class FailureTextReadabilityTests
{
    [Fact]
    public void Sample_strings_keep_non_ascii_and_angle_brackets_as_typed()
    {
        var table = InMemoryTable.Builder().Add("city", new string?[] { "Zürich", "<b>", "a\"b" }).Build();
        var report = ValidationPlan.Compile(Expect.Suite("s").Column("city", c => c.InSet("Bern")).Build()).Validate(table);

        var summary = FailureText.Summary(report.Results[0]);

        summary.Should().Contain("\"Zürich\" (row 0)").And.Contain("\"<b>\" (row 1)").And.Contain("\"a\\\"b\" (row 2)");
    }
}
