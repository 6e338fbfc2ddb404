using System.CommandLine;
using Expectations.Data;
using Expectations.Json;
using Expectations.Reporting;

namespace Expectations.Cli;

/// <summary><c>expectations validate --suite SUITE.json DATA</c>: runs a suite over a Parquet file, folder or CSV file and reports.</summary>
internal static class ValidateCommand
{
    private static readonly string[] ResultFormatNames = ["BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE"];

    /// <summary>The parsed options of one run.</summary>
    internal sealed record Arguments(string Suite, string Data, ReportOutputs Outputs, ResultFormatLevel ResultFormat, Severity FailOn)
    {
        /// <summary>Values of suite parameters (<c>--param NAME=VALUE</c>).</summary>
        public IReadOnlyDictionary<string, Scalar> Parameters { get; init; } = new Dictionary<string, Scalar>();

        /// <summary>Where to split the rows (<c>--quarantine</c>, <c>--valid</c>), or null to only validate.</summary>
        public QuarantineTargets? Quarantine { get; init; }
    }

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
        var outputs = new ReportOutputs.Options();
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
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "A suite parameter's value, for {\"$PARAMETER\": \"NAME\"} in the suite; repeatable. VALUE is typed: true/false, a number, an ISO date, else a string (\"...\" forces a string).",
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        parameters.Validators.Add(result =>
        {
            if (!SuiteParameterArgument.TryParseAll(result.Tokens.Select(t => t.Value), out _, out var error))
            {
                result.AddError(error!);
            }
        });

        var command = new Command("validate", "Validate DATA against a suite; exit code 0 when it passes, 1 when an expectation fails, 2 on bad input.")
        {
            suite, data, resultFormat, failOn, parameters,
        };
        outputs.AddTo(command);
        var quarantine = new QuarantineOptions();
        quarantine.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            // The validator above already refused unknown names; SUMMARY covers the default.
            var level = ResultFormat.TryParseLevel(parse.GetValue(resultFormat), out var parsed) ? parsed : ResultFormatLevel.Summary;
            var arguments = new Arguments(
                parse.GetRequiredValue(suite),
                parse.GetRequiredValue(data),
                outputs.Read(parse),
                level,
                parse.GetValue(failOn) == "warning" ? Severity.Warning : Severity.Error)
            {
                // The validator above already refused malformed values.
                Parameters = SuiteParameterArgument.TryParseAll(parse.GetValue(parameters) ?? [], out var values, out _) ? values : [],
                Quarantine = quarantine.Read(parse),
            };
            return RunAsync(arguments, stdout, stderr, terminal, cancellationToken);
        });
        return command;
    }

    /// <summary>Validates and writes the report; every failure of the input becomes one line on stderr and exit code 2.</summary>
    internal static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CliTerminal terminal, CancellationToken cancellationToken)
    {
        try
        {
            // Report files are checked before the data is read, so a typo in a folder name fails fast even on big data.
            args.Outputs.Check();
            var report = await ValidateAsync(args, stderr, cancellationToken);
            var failed = report.Failures(args.FailOn).Any();
            await args.Outputs.WriteAsync(report, args.FailOn, stdout, terminal, cancellationToken);
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

    private static async Task<ValidationReport> ValidateAsync(Arguments args, TextWriter stderr, CancellationToken cancellationToken)
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
            var options = new ValidationOptions { ResultFormat = ResultFormat.Of(args.ResultFormat), Parameters = args.Parameters };
            return args.Quarantine is { } targets
                ? await targets.RunAsync(plan, args.Data, source, options, stderr, cancellationToken)
                : await plan.ValidateAsync(source, options, cancellationToken);
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
