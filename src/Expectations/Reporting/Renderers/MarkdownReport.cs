using System.Text;
using Expectations.Reporting;

namespace Expectations;

/// <summary>
/// Renders a <see cref="ValidationReport"/> as GitHub-flavoured Markdown for a pull-request comment or a CI job summary
/// (<c>$GITHUB_STEP_SUMMARY</c>): a status line, a table of the unsuccessful expectations with counts and sample
/// values at their rows, what the ML checks found as tables below it (leaked keys, near-duplicate pairs, confusion
/// matrices …, see docs/reports.md), and the passed ones in a collapsed <c>&lt;details&gt;</c> block.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The report as Markdown, ending in a newline. Every value from the data or the suite is escaped.</summary>
    public static string Render(ValidationReport report, ReportRenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= ReportRenderOptions.Default;
        var meta = report.Meta;
        var fails = ReportFacts.RunFails(report, options.FailOn);
        var sb = new StringBuilder();

        sb.Append("### ").Append(fails ? "❌ FAILED" : "✅ PASSED").Append(": ").Append(Text(meta.SuiteName))
          .Append(" on ").Append(Text(meta.DataSource)).Append("\n\n");
        sb.Append(ReportFacts.Counts(report)).Append(" · ").Append(ReportFacts.Plural(meta.RowCount, "row")).Append(" · ")
          .Append(ReportFacts.Duration(meta.Duration)).Append(" · fails on ").Append(ReportFacts.SeverityName(options.FailOn)).Append("\n\n");

        var unsuccessful = report.Results.Where(r => !r.Success).ToList();
        if (unsuccessful.Count > 0)
        {
            sb.Append("| Status | Severity | Expectation | Column | Unexpected | Observed / sample values (row) |\n");
            sb.Append("| --- | --- | --- | --- | ---: | --- |\n");

            // Failures that fail the run first, then the ones that are only reported: the reader sees what blocks first.
            foreach (var result in unsuccessful.OrderBy(r => r.Fails(options.FailOn) ? 0 : 1))
            {
                var status = ReportFacts.Status(result);
                sb.Append("| ").Append(Badge(status, result.Fails(options.FailOn)))
                  .Append(" | ").Append(ReportFacts.SeverityName(result.Expectation.Severity))
                  .Append(" | ").Append(Code(result.Expectation.Type))
                  .Append(" | ").Append(Text(ReportFacts.Subject(result.Expectation)))
                  .Append(" | ").Append(Text(ReportFacts.Unexpected(result.Result) ?? ""))
                  .Append(" | ").Append(Text(Detail(result, options.MaxSamples)))
                  .Append(" |\n");
            }

            sb.Append('\n');
            WriteDetailTables(sb, unsuccessful.OrderBy(r => r.Fails(options.FailOn) ? 0 : 1), options.MaxSamples);
        }

        var passed = report.Results.Where(r => r.Success).ToList();
        if (passed.Count > 0)
        {
            sb.Append("<details><summary>").Append(ReportFacts.Plural(passed.Count, "passed expectation")).Append("</summary>\n\n");
            sb.Append("| Expectation | Column | Observed |\n| --- | --- | --- |\n");
            foreach (var result in passed)
            {
                sb.Append("| ").Append(Code(result.Expectation.Type))
                  .Append(" | ").Append(Text(ReportFacts.Subject(result.Expectation)))
                  .Append(" | ").Append(Text(PassedSummary(result)))
                  .Append(" |\n");
            }

            sb.Append("\n</details>\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// What the ML checks found, below the table (a cell cannot hold a table): per result a heading, then each of its
    /// <see cref="MlDetailTables"/> as a captioned table of at most <paramref name="maxRows"/> rows.
    /// </summary>
    private static void WriteDetailTables(StringBuilder sb, IEnumerable<ExpectationResult> results, int maxRows)
    {
        foreach (var result in results)
        {
            var tables = MlDetailTables.For(result, maxRows);
            if (tables.Count == 0)
            {
                continue;
            }

            sb.Append("#### ").Append(Code(result.Expectation.Type)).Append(" on ").Append(Text(ReportFacts.Subject(result.Expectation))).Append("\n\n");
            foreach (var table in tables)
            {
                sb.Append("**").Append(Text(table.Caption)).Append("**\n\n");
                sb.Append("| ").Append(string.Join(" | ", table.Headers.Select(Text))).Append(" |\n");
                sb.Append('|').Append(string.Concat(table.Numeric.Select(n => n ? " ---: |" : " --- |"))).Append('\n');
                foreach (var row in table.Rows)
                {
                    sb.Append("| ").Append(string.Join(" | ", row.Select(Text))).Append(" |\n");
                }

                if (table.More is { } more)
                {
                    sb.Append("\n_… ").Append(Text(more)).Append("_\n");
                }

                sb.Append('\n');
            }
        }
    }

    private static string PassedSummary(ExpectationResult result) =>
        ReportFacts.Observed(result) is { } observed ? "observed " + observed
        : ReportFacts.Unexpected(result.Result) is { } unexpected ? unexpected + " unexpected"
        : "";

    private static string Badge(ResultStatus status, bool failsRun) => status switch
    {
        ResultStatus.Fail => "❌ FAIL",
        ResultStatus.Warn => failsRun ? "❌ WARN" : "⚠️ WARN",
        ResultStatus.Info => "ℹ️ INFO",
        ResultStatus.Error => "💥 ERROR",
        _ => "✅ PASS",
    };

    /// <summary>The error for a raised check; otherwise the observed value and the samples.</summary>
    private static string Detail(ExpectationResult result, int maxSamples)
    {
        if (result.ExceptionInfo is { } ex)
        {
            return ex.ExceptionType + ": " + ex.ExceptionMessage;
        }

        var parts = new List<string>();
        if (ReportFacts.Observed(result) is { } observed)
        {
            parts.Add("observed " + observed);
        }

        var samples = ReportFacts.SampleText(result.Result, maxSamples);
        if (samples.Length > 0)
        {
            parts.Add(samples);
        }

        return string.Join("; ", parts);
    }

    /// <summary>An expectation type as inline code; type names are identifiers, but a stray backtick must not end the span.</summary>
    private static string Code(string identifier) => "`" + identifier.Replace("`", "'", StringComparison.Ordinal) + "`";

    /// <summary>
    /// Text from the data or suite, safe in a table cell and in a heading: one line, Markdown punctuation backslash-escaped
    /// (so <c>*</c>, <c>_</c>, <c>|</c>, <c>[</c> and <c>&lt;tag&gt;</c> show as typed instead of formatting, linking or HTML).
    /// </summary>
    internal static string Text(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r':
                    break;
                case '\n':
                    sb.Append(' ');
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '!' or '#' or '$':
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }
}
