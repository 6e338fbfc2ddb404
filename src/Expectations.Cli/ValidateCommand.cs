using System.CommandLine;
using Expectations.Data;
using Expectations.Json;
using Expectations.Reporting;

namespace Expectations.Cli;

/// <summary><c>expectations validate --suite SUITE.json DATA</c>: runs a suite over a Parquet file, folder or CSV file and reports.</summary>
internal static class ValidateCommand
{
    private static readonly string[] ResultFormatNames = ["BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE"];

    /// <summary>The report formats <c>--format</c> accepts.</summary>
    internal enum ReportFormat
    {
        Text,
        Json,
    }

    /// <summary>The parsed options of one run.</summary>
    internal sealed record Arguments(string Suite, string Data, ReportFormat Format, string? Output, ResultFormatLevel ResultFormat, Severity FailOn);

    public static Command Build(TextWriter stdout, TextWriter stderr, CliTerminal terminal)
    {
        var suite = new Option<string>("--suite", "-s")
        {
            Description = "The suite: a Great Expectations 1.x (or 0.x) expectation suite JSON file.",
            Required = true,
            HelpName = "SUITE.json",
        };
        var data = new Argument<string>("DATA")
        {
            Description = "The data: a .parquet file, a folder of .parquet files, or a .csv file.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Report format: text (a table for people) or json (GX validation result).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to this file (replaced atomically); stdout then shows the text report.",
            HelpName = "FILE",
        };
        var resultFormat = new Option<string>("--result-format")
        {
            Description = "Detail of each result: BOOLEAN_ONLY, BASIC, SUMMARY (default) or COMPLETE.",
            HelpName = "LEVEL",
            DefaultValueFactory = _ => "SUMMARY",
        };
        resultFormat.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !ResultFormat.TryParseLevel(value, out _))
            {
                result.AddError($"--result-format '{value}' is not one of {string.Join(", ", ResultFormatNames)}");
            }
        });
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Lowest severity whose failure makes the exit code 1: error (default) or warning.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning");

        var command = new Command("validate", "Validate DATA against a suite; exit code 0 when it passes, 1 when an expectation fails, 2 on bad input.")
        {
            suite, data, format, output, resultFormat, failOn,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            // The validator above already refused unknown names; SUMMARY covers the default.
            var level = ResultFormat.TryParseLevel(parse.GetValue(resultFormat), out var parsed) ? parsed : ResultFormatLevel.Summary;
            var arguments = new Arguments(
                parse.GetRequiredValue(suite),
                parse.GetRequiredValue(data),
                parse.GetValue(format) == "json" ? ReportFormat.Json : ReportFormat.Text,
                parse.GetValue(output),
                level,
                parse.GetValue(failOn) == "warning" ? Severity.Warning : Severity.Error);
            return RunAsync(arguments, stdout, stderr, terminal, cancellationToken);
        });
        return command;
    }

    /// <summary>Validates and writes the report; every failure of the input becomes one line on stderr and exit code 2.</summary>
    internal static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CliTerminal terminal, CancellationToken cancellationToken)
    {
        try
        {
            var report = await ValidateAsync(args, cancellationToken);
            var failed = report.Failures(args.FailOn).Any();
            var screen = TextReport.Render(report, new TextReportOptions { Color = terminal.Color, Width = terminal.Width, FailOn = args.FailOn });
            if (args.Output is { } path)
            {
                var content = args.Format == ReportFormat.Json
                    ? ReportJson.Serialize(report) + "\n"
                    : TextReport.Render(report, new TextReportOptions { FailOn = args.FailOn });
                await AtomicFile.WriteAllTextAsync(path, content, cancellationToken);
                await stdout.WriteAsync(screen);
                await stdout.WriteLineAsync($"\nReport written to {path}");
            }
            else
            {
                await stdout.WriteAsync(args.Format == ReportFormat.Json ? ReportJson.Serialize(report) + "\n" : screen);
            }

            await stdout.FlushAsync(cancellationToken);
            return failed ? ExitCodes.ValidationFailed : ExitCodes.Success;
        }
        catch (Exception ex) when (ex is SuiteFormatException or InvalidExpectationException or DataSourceException or CliInputException)
        {
            return Cli.Fail(stderr, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Cli.Fail(stderr, "cancelled", ExitCodes.Cancelled);
        }
        catch (Exception ex)
        {
            // Anything else is a bug in the tool, not in the user's input: say so, without a stack trace on the terminal.
            return Cli.Fail(stderr, $"internal error ({ex.GetType().Name}: {ex.Message}); please report this as a bug", ExitCodes.InternalError);
        }
    }

    private static async Task<ValidationReport> ValidateAsync(Arguments args, CancellationToken cancellationToken)
    {
        if (Directory.Exists(args.Suite))
        {
            throw new CliInputException($"suite '{args.Suite}' is a folder, not a suite JSON file");
        }

        if (!File.Exists(args.Suite))
        {
            throw new CliInputException($"suite file '{args.Suite}' does not exist");
        }

        // The suite is read and compiled before the data is opened, so a broken suite fails fast even on big data.
        var plan = ValidationPlan.Compile(SuiteJson.ReadFile(args.Suite));
        var source = await DataSources.OpenAsync(args.Data, cancellationToken);
        try
        {
            // Progress on stderr only for a terminal and only for runs longer than a second (ProgressLine decides).
            using var progress = ProgressLine.ForConsole();
            var options = new ValidationOptions { ResultFormat = ResultFormat.Of(args.ResultFormat), Progress = progress };
            return await plan.ValidateAsync(source, options, cancellationToken);
        }
        finally
        {
            if (source is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}
