using System.CommandLine;

namespace Expectations.Cli;

/// <summary>The report formats of the tool: <c>--format</c> names them, and each has a renderer in <c>Expectations.Reporting</c>.</summary>
internal enum ReportFormat
{
    /// <summary>A table for people (<see cref="TextReport"/>).</summary>
    Text,

    /// <summary>GX validation-result JSON (<see cref="ReportJson"/>).</summary>
    Json,

    /// <summary>A summary for a pull-request comment or CI job summary (<see cref="MarkdownReport"/>).</summary>
    Markdown,

    /// <summary>JUnit XML for CI test tabs (<see cref="JUnitReport"/>).</summary>
    JUnit,

    /// <summary>Self-contained HTML data docs (<see cref="HtmlReport"/>).</summary>
    Html,
}

/// <summary>Where one run's reports go: stdout in <see cref="Format"/>, and any number of files, each in its own format.</summary>
/// <param name="Format">The format of <c>--format</c>: of stdout, or of <see cref="Output"/> when that is set.</param>
/// <param name="Output">The <c>--output</c> file, or null for stdout.</param>
/// <param name="Files">Every file to write (including <see cref="Output"/>) with its format and the option that named it.</param>
internal sealed record ReportOutputs(ReportFormat Format, string? Output, IReadOnlyList<ReportOutputs.File> Files)
{
    /// <summary>One report file.</summary>
    /// <param name="Path">Where to write it.</param>
    /// <param name="Format">In which format.</param>
    /// <param name="Option">The option that asked for it, for messages.</param>
    internal sealed record File(string Path, ReportFormat Format, string Option);

    private static readonly (string Name, ReportFormat Format)[] FormatNames =
        [("text", ReportFormat.Text), ("json", ReportFormat.Json), ("markdown", ReportFormat.Markdown), ("junit", ReportFormat.JUnit), ("html", ReportFormat.Html)];

    /// <summary>What stdout shows: the <c>--format</c> report, or the text report when that report goes to <c>--output</c>.</summary>
    public ReportFormat StdoutFormat => Output is null ? Format : ReportFormat.Text;

    /// <summary>
    /// Refuses, before any data is read, files that cannot be written: a file where a folder should be (missing folders are
    /// created when writing), a folder as target, or one path
    /// named by two options (the second write would replace the first).
    /// </summary>
    /// <exception cref="CliInputException">The first problem found.</exception>
    public void Check() => OutputSet.Check([.. Files.Select(f => ((string?)f.Path, f.Option))]);

    /// <summary>Stages every report file in <paramref name="set"/> (published with the run's other outputs); files are written whether the data passed or not.</summary>
    public async Task StageAsync(OutputSet set, ValidationReport report, Severity failOn, CancellationToken cancellationToken)
    {
        foreach (var file in Files)
        {
            await set.WriteTextAsync(file.Path, Render(file.Format, report, failOn, color: false, width: CliTerminal.FullLines), cancellationToken);
        }
    }

    /// <summary>Writes stdout: the report in <see cref="StdoutFormat"/>, and under the text report a line per file written.</summary>
    public async Task PrintAsync(ValidationReport report, Severity failOn, TextWriter stdout, CliTerminal terminal)
    {
        await stdout.WriteAsync(Render(StdoutFormat, report, failOn, terminal.Color, terminal.Width));

        // Only under the text report: a note after JSON or XML on stdout would break whatever reads it.
        if (StdoutFormat == ReportFormat.Text && Files.Count > 0)
        {
            await stdout.WriteLineAsync();
            foreach (var file in Files)
            {
                await stdout.WriteLineAsync($"{Describe(file.Format)} written to {file.Path}");
            }
        }
    }

    /// <summary>The report in <paramref name="format"/>, as written to a file or stdout (ending in a newline).</summary>
    public static string Render(ReportFormat format, ValidationReport report, Severity failOn, bool color, int width)
    {
        var options = new ReportRenderOptions { FailOn = failOn };
        return format switch
        {
            ReportFormat.Json => ReportJson.Serialize(report) + "\n",
            ReportFormat.Markdown => MarkdownReport.Render(report, options),
            ReportFormat.JUnit => JUnitReport.Render(report, options) + "\n",
            ReportFormat.Html => HtmlReport.Render(report, options),
            _ => TextReport.Render(report, new TextReportOptions { Color = color, Width = width, FailOn = failOn }),
        };
    }

    /// <summary>
    /// The format of an <c>--output</c> file without <c>--format</c>: by its extension (<c>.json</c>, <c>.xml</c> = JUnit,
    /// <c>.html</c>/<c>.htm</c>, <c>.md</c>/<c>.markdown</c>), text otherwise.
    /// </summary>
    public static ReportFormat FormatOfFile(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => ReportFormat.Json,
        ".xml" => ReportFormat.JUnit,
        ".html" or ".htm" => ReportFormat.Html,
        ".md" or ".markdown" => ReportFormat.Markdown,
        _ => ReportFormat.Text,
    };

    private static string Describe(ReportFormat format) => format switch
    {
        ReportFormat.Json => "JSON report",
        ReportFormat.Markdown => "Markdown summary",
        ReportFormat.JUnit => "JUnit XML",
        ReportFormat.Html => "HTML report",
        _ => "Text report",
    };

    /// <summary>The output options of <c>validate</c>; <see cref="Read"/> turns a parse into <see cref="ReportOutputs"/>.</summary>
    internal sealed class Options
    {
        private readonly Option<string> _format = new("--format", "-f")
        {
            Description = "Report format on stdout (or in --output): text (default, a table for people), json (GX validation result), "
                + "markdown (PR comment / job summary), junit (JUnit XML) or html (self-contained data docs).",
            DefaultValueFactory = _ => "text",
        };

        private readonly Option<string?> _output = new("--output", "-o")
        {
            Description = "Write the report to FILE (published with the run's other files when all are complete) in --format, or without --format by the extension "
                + "(.json, .xml = JUnit, .html, .md; text otherwise); stdout then shows the text report.",
            HelpName = "FILE",
        };

        private readonly Option<string?> _junit = new("--junit") { Description = "Also write JUnit XML to FILE (for CI test tabs).", HelpName = "FILE" };

        private readonly Option<string?> _html = new("--html") { Description = "Also write the self-contained HTML report to FILE.", HelpName = "FILE" };

        private readonly Option<string?> _markdown = new("--markdown") { Description = "Also write the Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY).", HelpName = "FILE" };

        public Options() => _format.AcceptOnlyFromAmong([.. FormatNames.Select(f => f.Name)]);

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            foreach (var option in (Option[])[_format, _output, _junit, _html, _markdown])
            {
                command.Options.Add(option);
            }
        }

        /// <summary>The outputs a parse asks for.</summary>
        public ReportOutputs Read(ParseResult parse)
        {
            var name = parse.GetValue(_format) ?? "text";
            var format = FormatNames.First(f => f.Name == name).Format;
            var formatGiven = parse.GetResult(_format) is { Implicit: false };
            var output = parse.GetValue(_output);
            var files = new List<File>();
            if (output is not null)
            {
                files.Add(new File(output, formatGiven ? format : FormatOfFile(output), "--output"));
            }

            Add(files, parse.GetValue(_junit), ReportFormat.JUnit, "--junit");
            Add(files, parse.GetValue(_html), ReportFormat.Html, "--html");
            Add(files, parse.GetValue(_markdown), ReportFormat.Markdown, "--markdown");
            return new ReportOutputs(format, output, files);

            static void Add(List<File> files, string? path, ReportFormat format, string option)
            {
                if (path is not null)
                {
                    files.Add(new File(path, format, option));
                }
            }
        }
    }
}
