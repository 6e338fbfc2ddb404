using System.CommandLine;
using Expectations.Parquet;
using Expectations.Sql;

namespace Expectations.Cli;

/// <summary>
/// <c>expectations validate --suite SUITE.json DATA</c>: runs a suite over a Parquet file, folder or CSV file and reports;
/// or, with <c>--sql</c>, inside a SQL engine over a table or query.
/// </summary>
internal static class ValidateCommand
{
    private static readonly string[] ResultFormatNames = ["BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE"];

    /// <summary>The parsed options of one run.</summary>
    internal sealed record Arguments(string Suite, string? Data, ReportOutputs Outputs, ResultFormatLevel ResultFormat, Severity FailOn)
    {
        /// <summary>Values of suite parameters (<c>--param NAME=VALUE</c>).</summary>
        public IReadOnlyDictionary<string, Scalar> Parameters { get; init; } = new Dictionary<string, Scalar>();

        /// <summary>Other tables by name (<c>--other-table NAME=PATH</c>), for <c>expect_table_row_count_to_equal_other_table</c>.</summary>
        public IReadOnlyDictionary<string, string> OtherTables { get; init; } = new Dictionary<string, string>();

        /// <summary>Where to split the rows (<c>--quarantine</c>, <c>--valid</c>), or null to only validate.</summary>
        public QuarantineTargets? Quarantine { get; init; }

        /// <summary>How CSV files are read: DATA's columns to read as timestamps (<c>--parse-dates</c>), and <c>--replace-invalid-utf8</c>.</summary>
        public CsvReading Csv { get; init; } = CsvReading.Default;

        /// <summary>A table or query inside a SQL engine to validate there instead of DATA (<c>--sql</c>), or null.</summary>
        public SqlTarget? Sql { get; init; }
        /// <summary>Which partitions and which Delta version to read (<c>--partition</c>, <c>--version</c>, <c>--as-of</c>).</summary>
        public TableReading Table { get; init; } = TableReading.Default;

        /// <summary>The time each regex, LIKE, strftime or JSON-schema expectation may spend matching over the whole run (<c>--regex-budget SECONDS</c>; 0 = no budget), or null for the library's default.</summary>
        public TimeSpan? RegexBudget { get; init; }

        /// <summary>The folder of saved partition states for an incremental run (<c>--state FOLDER</c>), or null.</summary>
        public string? StateFolder { get; init; }

        /// <summary>The metrics repository to append to and compare with (<c>--history FILE</c>), or null.</summary>
        public string? HistoryFile { get; init; }

        /// <summary>Tags of the run's history points (<c>--tag KEY=VALUE</c>; <c>dataset</c> and <c>partition</c> name those fields).</summary>
        public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

        /// <summary>The pipeline run's id (<c>--run-id</c>), or null for a new one.</summary>
        public string? RunId { get; init; }

        /// <summary>The run's time (<c>--now</c>): what <c>now()</c> means and the history timestamp; null for the clock.</summary>
        public DateTime? Now { get; init; }
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
            Description = "The data: a .parquet file, a folder of .parquet files (Hive-partitioned key=value sub-folders included), a Delta table folder (with _delta_log), or a .csv file (or --sql instead).",
            Arity = ArgumentArity.ZeroOrOne,
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

        var otherTables = new Option<string[]>("--other-table")
        {
            Description = "A second table by name, for expect_table_row_count_to_equal_other_table (other_table_name); repeatable. PATH opens like DATA.",
            HelpName = "NAME=PATH",
            Arity = ArgumentArity.ZeroOrMore,
        };
        otherTables.Validators.Add(result =>
        {
            if (!TryParseOtherTables(result.Tokens.Select(t => t.Value), out _, out var error))
            {
                result.AddError(error!);
            }
        });

        var regexBudget = new Option<double?>("--regex-budget")
        {
            Description = "Seconds each regex, LIKE, strftime or JSON-schema expectation may spend matching over the whole run before it fails with a timeout (default 10; 0 = no budget). The rest of the suite still runs.",
            HelpName = "SECONDS",
        };
        regexBudget.Validators.Add(result =>
        {
            // The tokens, not the converted value: a value that does not convert would throw from the converter here.
            foreach (var token in result.Tokens)
            {
                if (!double.TryParse(token.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                    || !(seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2))
                {
                    result.AddError($"--regex-budget must be a number of seconds, 0 or more (got '{token.Value}').");
                }
            }
        });

        var state = new Option<string?>("--state")
        {
            Description = "Keep each partition's metric state in FOLDER and reuse it: later runs read only new and changed Parquet files and row groups, and give the report a full run gives (see docs/incremental.md). One folder per suite and dataset.",
            HelpName = "FOLDER",
        };

        var history = new Option<string?>("--history")
        {
            Description = "Append the run's metrics to this metrics repository and compare with it in anomaly expectations: a SQLite file, or JSON lines when FILE ends in .jsonl (see docs/history.md).",
            HelpName = "FILE",
        };
        var tags = new Option<string[]>("--tag")
        {
            Description = "A tag of the run's history points; repeatable. dataset=NAME names the series compared (default: the suite's name), partition=P the partition.",
            HelpName = "KEY=VALUE",
            Arity = ArgumentArity.ZeroOrMore,
        };
        tags.Validators.Add(result =>
        {
            if (!TryParseTags(result.Tokens.Select(t => t.Value), out _, out var error))
            {
                result.AddError(error!);
            }
        });
        var runId = new Option<string?>("--run-id") { Description = "The pipeline run's id recorded in the history (default: a new GUID).", HelpName = "ID" };
        var now = new Option<string?>("--now")
        {
            Description = "The run's time (ISO 8601, UTC unless an offset is given): the history timestamp and what now() means in suite parameters. Default: the clock.",
            HelpName = "TIME",
        };
        now.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!TryParseTime(token.Value, out _))
                {
                    result.AddError($"--now '{token.Value}' is not an ISO 8601 time (e.g. 2024-06-03 or 2024-06-03T06:00:00Z)");
                }
            }
        });

        var csv = new DataSources.CsvOptionsSet();
        var sql = new SqlTarget.Options();
        var table = new DataSources.TableOptionsSet();
        var command = new Command("validate", "Validate DATA against a suite; exit code 0 when it passes, 1 when an expectation fails, 2 on bad input.")
        {
            suite, data, resultFormat, failOn, parameters, otherTables, regexBudget, state, history, tags, runId, now,
        };
        csv.AddTo(command);
        sql.AddTo(command);
        table.AddTo(command);
        outputs.AddTo(command);
        var quarantine = new QuarantineOptions();
        quarantine.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            SqlTarget? target;
            try
            {
                target = sql.Read(parse);
            }
            catch (CliInputException ex)
            {
                return Cli.Fail(stderr, ex.Message);
            }

            // The validator above already refused unknown names; SUMMARY covers the default.
            var level = ResultFormat.TryParseLevel(parse.GetValue(resultFormat), out var parsed) ? parsed : ResultFormatLevel.Summary;
            var arguments = new Arguments(
                parse.GetRequiredValue(suite),
                parse.GetValue(data),
                outputs.Read(parse),
                level,
                parse.GetValue(failOn) == "warning" ? Severity.Warning : Severity.Error)
            {
                // The validator above already refused malformed values.
                Parameters = SuiteParameterArgument.TryParseAll(parse.GetValue(parameters) ?? [], out var values, out _) ? values : [],
                Quarantine = quarantine.Read(parse),
                OtherTables = TryParseOtherTables(parse.GetValue(otherTables) ?? [], out var tables, out _) ? tables : new Dictionary<string, string>(),
                Csv = csv.Read(parse),
                Sql = target,
                Table = table.Read(parse),
                RegexBudget = parse.GetValue(regexBudget) is { } seconds ? (seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds)) : null,
                StateFolder = parse.GetValue(state),
                HistoryFile = parse.GetValue(history),
                Tags = TryParseTags(parse.GetValue(tags) ?? [], out var parsedTags, out _) ? parsedTags : new Dictionary<string, string>(),
                RunId = parse.GetValue(runId),
                Now = parse.GetValue(now) is { } time && TryParseTime(time, out var t) ? t : null,
            };
            return await RunAsync(arguments, stdout, stderr, terminal, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Validates and writes the report; every failure of the input becomes one line on stderr and exit code 2. All
    /// output files of the run (reports, quarantine files) are published together at the end (<see cref="OutputSet"/>):
    /// a run that fails, is cancelled or is killed earlier changes none of them.
    /// </summary>
    internal static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CliTerminal terminal, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;

        // Return to System.CommandLine at once: it registers its SIGINT/SIGTERM handler only when the action first
        // yields, and reading a CSV file never does, so without this a signal would kill the run instead of cancelling it.
        await Task.Yield();
        try
        {
            // Report files are checked before the data is read, so a typo in a folder name fails fast even on big data.
            args.Outputs.Check();
            await using var outputs = new OutputSet(started);
            outputs.CleanStale([.. args.Outputs.Files.Select(f => f.Path), args.Quarantine?.InvalidPath, args.Quarantine?.ValidPath]);
            var (report, split) = await ValidateAsync(args, outputs, cancellationToken);
            var failed = report.Failures(args.FailOn).Any();
            await args.Outputs.StageAsync(outputs, report, args.FailOn, cancellationToken);
            await outputs.CommitAsync(cancellationToken);

            // Only now that the files are in place do the messages say so.
            if (split is not null)
            {
                await args.Quarantine!.PrintAsync(split, stderr);
            }

            await args.Outputs.PrintAsync(report, args.FailOn, stdout, terminal);
            await stdout.FlushAsync(CancellationToken.None);
            return failed ? ExitCodes.ValidationFailed : ExitCodes.Success;
        }
        catch (Exception ex) when (ex is SuiteFormatException or InvalidExpectationException or DataSourceException or CliInputException or InvalidDataException)
        {
            return Cli.Fail(stderr, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Cli.Cancelled(stderr);
        }
        catch (Exception ex)
        {
            // Anything else is a bug in the tool, not in the user's input: say so, without a stack trace on the terminal.
            return Cli.Fail(stderr, $"internal error ({ex.GetType().Name}: {ex.Message}); please report this as a bug", ExitCodes.InternalError);
        }
    }

    private static async Task<(ValidationReport Report, ParquetQuarantineResult? Split)> ValidateAsync(Arguments args, OutputSet outputs, CancellationToken cancellationToken)
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
        if (args.Sql is { } target)
        {
            return (await ValidateSqlAsync(plan, args, target, cancellationToken), null);
        }

        if (args.Data is null)
        {
            throw new CliInputException("give DATA (a .parquet file, a folder of .parquet files or a .csv file) or --sql CONNECTION");
        }

        var opened = new List<IDataSource>();
        var source = await DataSources.OpenAsync(args.Data, cancellationToken, args.Csv, args.Table);
        opened.Add(source);
        try
        {
            var others = new Dictionary<string, IDataSource>(StringComparer.Ordinal);
            foreach (var (name, path) in args.OtherTables)
            {
                var other = await DataSources.OpenAsync(path, cancellationToken, args.Csv with { ParseDates = [] });
                opened.Add(other);
                others[name] = other;
            }

            // Progress on stderr only for a terminal and only for runs longer than a second (ProgressLine decides).
            using var progress = ProgressLine.ForConsole();
            var options = Options(args, others) with { Progress = progress };
            if (args.StateFolder is { } folder)
            {
                if (File.Exists(folder))
                {
                    throw new CliInputException($"--state '{folder}' is a file; it must be a folder (created when missing)");
                }

                options = options with { StateStore = new FolderStateStore(folder) };
            }

            if (args.Quarantine is { } targets)
            {
                var split = await targets.RunAsync(plan, args.Data, source, options, outputs, cancellationToken);
                return (split.Report, split);
            }

            return (await plan.ValidateAsync(source, options, cancellationToken), null);
        }
        finally
        {
            foreach (var disposable in opened.OfType<IAsyncDisposable>())
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>The run's options but progress: result format, parameters, other tables, regex budget, history, time.</summary>
    private static ValidationOptions Options(Arguments args, IReadOnlyDictionary<string, IDataSource> others)
    {
        var options = new ValidationOptions
        {
            ResultFormat = ResultFormat.Of(args.ResultFormat),
            Parameters = args.Parameters,
            OtherTables = others,
            Now = args.Now,
            History = args.HistoryFile is { } file ? HistoryOf(args, file) : null,
        };
        return args.RegexBudget is { } budget ? options with { RegexBudget = budget } : options;
    }

    /// <summary>
    /// Runs the suite inside the SQL engine <paramref name="target"/> names. What needs DATA as files (quarantine, CSV
    /// options, other tables) is refused; an engine error is reported with the connection string's secrets redacted.
    /// </summary>
    private static async Task<ValidationReport> ValidateSqlAsync(ValidationPlan plan, Arguments args, SqlTarget target, CancellationToken cancellationToken)
    {
        if (args.Data is not null)
        {
            throw new CliInputException($"give DATA ('{args.Data}') or --sql, not both");
        }

        if (args.Quarantine is not null)
        {
            throw new CliInputException("--quarantine and --valid split files; they cannot be used with --sql");
        }

        if (args.Csv.ParseDates.Count > 0 || args.Csv.ReplaceInvalidUtf8)
        {
            throw new CliInputException("--parse-dates and --replace-invalid-utf8 read CSV files; they cannot be used with --sql");
        }

        if (args.OtherTables.Count > 0)
        {
            throw new CliInputException("--other-table opens files; it cannot be used with --sql");
        }

        if (args.StateFolder is not null)
        {
            throw new CliInputException("--state saves the metric states of files; it cannot be used with --sql");
        }

        if (args.Table.Partitions.Count > 0 || args.Table.Version is not null || args.Table.AsOf is not null)
        {
            throw new CliInputException("--partition, --version and --as-of choose files of a folder or Delta table; with --sql, select the rows with --query");
        }

        var (source, connection) = await target.OpenAsync(cancellationToken);
        await using (connection)
        {
            try
            {
                return await plan.ValidateAsync(source, Options(args, new Dictionary<string, IDataSource>()), cancellationToken);
            }
            catch (DataSourceException ex)
            {
                throw new CliInputException(target.Redact(ex.Message));
            }
        }
    }

    /// <summary>The run's metric history: the repository <paramref name="file"/> names, with <c>--tag</c> and <c>--run-id</c>.</summary>
    private static MetricHistory HistoryOf(Arguments args, string file)
    {
        if (Directory.Exists(file))
        {
            throw new CliInputException($"--history '{file}' is a folder; it must be a file (a SQLite file, or .jsonl for JSON lines)");
        }

        var tags = args.Tags.Where(t => t.Key is not ("dataset" or "partition")).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return new MetricHistory(HistoryCommand.Open(file))
        {
            Dataset = args.Tags.GetValueOrDefault("dataset"),
            Partition = args.Tags.GetValueOrDefault("partition"),
            RunId = args.RunId,
            Tags = tags,
        };
    }

    /// <summary>Parses an ISO 8601 time; without an offset it is UTC.</summary>
    internal static bool TryParseTime(string value, out DateTime time)
    {
        var ok = DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed);
        time = ok ? parsed.UtcDateTime : default;
        return ok;
    }

    /// <summary>Parses <c>KEY=VALUE</c> tags; keys must be unique.</summary>
    internal static bool TryParseTags(IEnumerable<string> values, out Dictionary<string, string> tags, out string? error)
    {
        tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"--tag '{value}' must be KEY=VALUE";
                return false;
            }

            if (!tags.TryAdd(value[..eq], value[(eq + 1)..]))
            {
                error = $"--tag names '{value[..eq]}' twice";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>Parses <c>NAME=PATH</c> pairs; names must be unique.</summary>
    internal static bool TryParseOtherTables(IEnumerable<string> values, out Dictionary<string, string> tables, out string? error)
    {
        tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == value.Length - 1)
            {
                error = $"--other-table '{value}' must be NAME=PATH";
                return false;
            }

            if (!tables.TryAdd(value[..eq], value[(eq + 1)..]))
            {
                error = $"--other-table names '{value[..eq]}' twice";
                return false;
            }
        }

        error = null;
        return true;
    }
}
