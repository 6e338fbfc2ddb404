using System.Globalization;
using System.Text;
using Expectations.Reporting;

namespace Expectations;

/// <summary>Options of <see cref="TextReport.Render"/>.</summary>
public sealed record TextReportOptions
{
    /// <summary>Plain text, 100 columns, five samples per failure, failing on errors.</summary>
    public static TextReportOptions Default { get; } = new();

    /// <summary>Whether to colour the text with ANSI escape codes (only for a terminal that shows them).</summary>
    public bool Color { get; init; }

    /// <summary>The line width to fit; longer lines are wrapped (details) or cut with an ellipsis (one-line entries). At least 40.</summary>
    public int Width { get; init; } = 100;

    /// <summary>How many unexpected values (with their row indices) to show per failure.</summary>
    public int MaxSamples { get; init; } = 5;

    /// <summary>The severity from which a failed expectation fails the validation (decides PASSED/FAILED in the header).</summary>
    public Severity FailOn { get; init; } = Severity.Error;
}

/// <summary>
/// Renders a <see cref="ValidationReport"/> as a compact table for a person at a terminal: a header line with the
/// verdict and counts, then every unsuccessful expectation with what was observed, then the passed ones, one line each.
/// </summary>
public static class TextReport
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Magenta = "\u001b[35m";
    private const string Cyan = "\u001b[36m";

    // Details are indented under the status column so the eye can scan statuses down the left edge.
    private const int Indent = 8;

    // A wrapped detail longer than this many lines is cut: the report must stay a summary.
    private const int MaxDetailLines = 4;

    /// <summary>The report as text lines ending in a newline; ANSI colours only when <see cref="TextReportOptions.Color"/> is set.</summary>
    public static string Render(ValidationReport report, TextReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= TextReportOptions.Default;
        var width = Math.Max(40, options.Width);
        var paint = new Painter(options.Color);
        var sb = new StringBuilder();

        WriteHeader(sb, report, options.FailOn, paint, width);

        // Failures first, then warnings, then info; suite order within each.
        var failed = report.Results.Where(r => !r.Success).OrderBy(r => SeverityRank(r.Expectation.Severity)).ToList();
        var passed = report.Results.Where(r => r.Success).ToList();
        var typeWidth = report.Results.Select(r => r.Expectation.Type.Length).DefaultIfEmpty(0).Max();

        // Subjects of passed lines are padded so their summaries line up, unless one long name would push them all off screen.
        var subjectWidth = Math.Min(24, passed.Select(r => Subject(r.Expectation).Length).DefaultIfEmpty(0).Max());

        if (failed.Count > 0)
        {
            sb.Append('\n');
            foreach (var result in failed)
            {
                var (status, colour) = FailedStatus(result, options.FailOn);
                AppendEntryLine(sb, paint, status, colour, result, typeWidth, 0, width, bold: true);
                foreach (var line in Wrap(FailureText.Summary(result, options.MaxSamples), width - Indent).Take(MaxDetailLines))
                {
                    sb.Append(' ', Indent).Append(line).Append('\n');
                }

                // What an ML check found, as aligned tables; lines too wide for the terminal are cut, not wrapped, to keep the columns.
                foreach (var table in MlDetailTables.For(result, options.MaxSamples))
                {
                    foreach (var line in MlDetailTables.PlainLines(table))
                    {
                        sb.Append(' ', Indent).Append(MlDetailTables.Shorten(line, width - Indent)).Append('\n');
                    }
                }

                if (Notes(result.Expectation) is { } notes)
                {
                    foreach (var line in Wrap("note: " + notes, width - Indent).Take(MaxDetailLines))
                    {
                        sb.Append(' ', Indent).Append(paint.Paint(line, Dim)).Append('\n');
                    }
                }
            }
        }

        if (passed.Count > 0)
        {
            sb.Append('\n');
            foreach (var result in passed)
            {
                AppendEntryLine(sb, paint, "PASS", Green, result, typeWidth, subjectWidth, width, bold: false);
            }
        }

        return sb.ToString();
    }

    private static void WriteHeader(StringBuilder sb, ValidationReport report, Severity failOn, Painter paint, int width)
    {
        var meta = report.Meta;
        var fails = report.Results.Any(r => r.Fails(failOn));
        var errors = report.Results.Count(r => !r.Success && r.Expectation.Severity == Severity.Error);
        var warnings = report.Results.Count(r => !r.Success && r.Expectation.Severity == Severity.Warning);
        var infos = report.Results.Count(r => !r.Success && r.Expectation.Severity == Severity.Info);
        var passedCount = report.Results.Count(r => r.Success);

        var counts = new List<string> { Plural(report.Results.Length, "expectation") + ":", $"{passedCount:N0} passed" };
        if (errors > 0)
        {
            counts.Add($"{errors:N0} failed");
        }

        if (warnings > 0)
        {
            counts.Add(Plural(warnings, "warning"));
        }

        if (infos > 0)
        {
            counts.Add($"{infos:N0} info");
        }

        var verdict = fails ? "FAILED" : "PASSED";
        var title = Wrap($"{verdict}  {meta.SuiteName} on {meta.DataSource} · {Plural(meta.RowCount, "row")} · {FormatDuration(meta.Duration)}", width).ToList();
        sb.Append(paint.Paint(verdict, (fails ? Red : Green) + Bold)).Append(title[0].AsSpan(verdict.Length)).Append('\n');
        foreach (var line in title.Skip(1).Append(counts[0] + " " + string.Join(", ", counts.Skip(1))).SelectMany(l => Wrap(l, width - Indent)))
        {
            sb.Append(' ', Indent).Append(line).Append('\n');
        }
    }

    private static (string Status, string Colour) FailedStatus(ExpectationResult result, Severity failOn)
    {
        if (result.ExceptionInfo is not null)
        {
            return ("ERROR", Magenta);
        }

        return result.Expectation.Severity switch
        {
            Severity.Error => ("FAIL", Red),
            Severity.Warning => ("WARN", result.Fails(failOn) ? Red : Yellow),
            _ => ("INFO", Cyan),
        };
    }

    /// <summary>One line: status, severity, type (padded so the subjects line up), subject; a passed entry adds its summary.</summary>
    private static void AppendEntryLine(StringBuilder sb, Painter paint, string status, string colour, ExpectationResult result, int typeWidth, int subjectWidth, int width, bool bold)
    {
        var e = result.Expectation;
        var severity = e.Severity.ToString().ToLowerInvariant();
        var subject = Subject(e);
        if (result.Success && subjectWidth > 0 && subject.Length > subjectWidth)
        {
            // Long column lists are cut so the summaries of passed lines stay aligned.
            subject = subject[..(subjectWidth - 1)] + "…";
        }

        var plain = new StringBuilder();
        plain.Append(status.PadRight(Indent - 1)).Append(' ');
        var prefixLength = plain.Length;
        plain.Append(severity.PadRight(8)).Append(e.Type.PadRight(typeWidth)).Append("  ").Append(subject);
        if (result.Success)
        {
            plain.Append(new string(' ', Math.Max(0, subjectWidth - subject.Length))).Append("  ").Append(PassSummary(result));
        }

        var line = Truncate(plain.ToString(), width);
        var head = line[..Math.Min(prefixLength, line.Length)];
        var rest = line[head.Length..];
        sb.Append(paint.Paint(head, colour + (bold ? Bold : ""))).Append(bold ? rest : paint.Paint(rest, Dim)).Append('\n');
    }

    private static int SeverityRank(Severity severity) => severity switch
    {
        Severity.Error => 0,
        Severity.Warning => 1,
        _ => 2,
    };

    /// <summary>
    /// A passed line's summary, short enough for one line: how many values were unexpected (with <c>mostly</c> when
    /// some were, so a reader sees why it still passed), else what was observed.
    /// </summary>
    private static string PassSummary(ExpectationResult result)
    {
        var r = result.Result;
        if (FailureText.UnexpectedOfNonMissing(r) is { } counts)
        {
            return r.UnexpectedCount > 0 && result.Expectation is ColumnMapExpectation { Mostly: { } mostly }
                ? string.Create(CultureInfo.InvariantCulture, $"{counts} unexpected, mostly {mostly:0.###}")
                : counts + " unexpected";
        }

        return FailureText.Summary(result, 1);
    }

    /// <summary>The expectation's <c>meta.notes</c> (GX: a string, or <c>{"format": …, "content": [...]}</c>), or null.</summary>
    private static string? Notes(Expectation expectation)
    {
        if (expectation.Meta is not { ValueKind: System.Text.Json.JsonValueKind.Object } meta || !meta.TryGetProperty("notes", out var notes))
        {
            return null;
        }

        return notes.ValueKind switch
        {
            System.Text.Json.JsonValueKind.String => notes.GetString(),
            System.Text.Json.JsonValueKind.Object when notes.TryGetProperty("content", out var content) => content.ValueKind == System.Text.Json.JsonValueKind.Array
                ? string.Join(" ", content.EnumerateArray().Where(c => c.ValueKind == System.Text.Json.JsonValueKind.String).Select(c => c.GetString()))
                : content.ValueKind == System.Text.Json.JsonValueKind.String ? content.GetString() : null,
            _ => null,
        };
    }

    /// <summary>What the expectation is about: its column, its columns (multi-column kwargs), or "(table)".</summary>
    private static string Subject(Expectation expectation) => ReportFacts.Subject(expectation);

    /// <summary>
    /// Splits <paramref name="text"/> into lines of at most <paramref name="width"/> characters, breaking after "; ", ", " and " · "
    /// so that a sample value stays next to its row index; a piece longer than a line is broken at spaces, a word longer than a line is cut.
    /// </summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        width = Math.Max(10, width);
        var line = new StringBuilder();
        foreach (var piece in Pieces(text, width))
        {
            if (line.Length > 0 && line.Length + piece.TrimEnd().Length > width)
            {
                yield return line.ToString().TrimEnd();
                line.Clear();
            }

            line.Append(piece);
        }

        if (line.Length > 0)
        {
            yield return line.ToString().TrimEnd();
        }
    }

    /// <summary>The unbreakable pieces of <paramref name="text"/>, each with its trailing separator.</summary>
    private static IEnumerable<string> Pieces(string text, int width)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = NextBreak(text, start);
            var piece = text[start..end];
            if (piece.TrimEnd().Length <= width)
            {
                yield return piece;
            }
            else
            {
                // Empty words keep runs of spaces (the header's "PASSED  suite") as they were.
                foreach (var word in piece.TrimEnd(' ').Split(' '))
                {
                    yield return Truncate(word, width) + " ";
                }
            }

            start = end;
        }
    }

    private static int NextBreak(string text, int start)
    {
        for (var i = start; i < text.Length - 1; i++)
        {
            if (text[i] is ',' or ';' or '·' && text[i + 1] == ' ')
            {
                return i + 2;
            }
        }

        return text.Length;
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> characters, marking the cut with an ellipsis.</summary>
    internal static string Truncate(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static string Plural(long n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    private static string FormatDuration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.##} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms");

    private readonly record struct Painter(bool Enabled)
    {
        public string Paint(string text, string code) => Enabled && text.Length > 0 ? code + text + Reset : text;
    }
}
