using System.CommandLine;
using System.Text.Json;

namespace Expectations.Cli;

/// <summary>
/// <c>expectations splits --train A --validation B --test C [--time-column ts --gap P7D] [--key user_id] [--text-column body]</c>:
/// checks the splits of a dataset for leakage. For each ordered pair of splits (train before validation before test) it
/// runs, on the earlier split against the later one: <c>expect_table_time_range_to_precede_other_table</c> (with
/// <c>--time-column</c>), <c>expect_column_values_to_not_be_in_other_table</c> (one per <c>--key</c>; <c>a,b</c> is a
/// compound key) and <c>expect_column_values_to_not_have_near_duplicates_in_other_table</c> (per <c>--text-column</c>).
/// One report of every result, as <c>validate</c> writes it; exit code 1 on leakage.
/// </summary>
internal static class SplitsCommand
{
    /// <summary>The parsed options of one run.</summary>
    internal sealed record Arguments(IReadOnlyList<(string Name, string Path)> Splits, ReportOutputs Outputs, ResultFormatLevel ResultFormat, Severity FailOn)
    {
        public string? TimeColumn { get; init; }

        public string? Gap { get; init; }

        public IReadOnlyList<IReadOnlyList<string>> Keys { get; init; } = [];

        public IReadOnlyList<string> TextColumns { get; init; } = [];

        public double? Threshold { get; init; }
    }

    public static Command Build(TextWriter stdout, TextWriter stderr, CliTerminal terminal)
    {
        var train = new Option<string>("--train") { Description = "The training split: a .parquet file, a folder of .parquet files, or a .csv file.", Required = true, HelpName = "PATH" };
        var validation = new Option<string?>("--validation") { Description = "The validation split (opens like --train).", HelpName = "PATH" };
        var test = new Option<string?>("--test") { Description = "The test split (opens like --train).", HelpName = "PATH" };
        var time = new Option<string?>("--time-column")
        {
            Description = "A timestamp column: each earlier split must end before each later one begins (read as timestamps from CSV).",
            HelpName = "NAME",
        };
        var gap = new Option<string?>("--gap")
        {
            Description = "With --time-column: the least gap between splits, an ISO-8601 duration such as P7D or PT36H (default 0).",
            HelpName = "DURATION",
        };
        gap.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!IsoDurationText.TryCheck(token.Value, out var error))
                {
                    result.AddError($"--gap: {error}");
                }
            }
        });
        var keys = new Option<string[]>("--key")
        {
            Description = "An entity column that must not occur in two splits (the same user in train and test); a,b is a compound key; repeatable.",
            HelpName = "COLUMN[,COLUMN]",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var text = new Option<string[]>("--text-column")
        {
            Description = "A text column whose values must have no near-duplicate in a later split (MinHash + exact Jaccard); repeatable.",
            HelpName = "NAME",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "With --text-column: the Jaccard similarity (of 5-character shingles of normalised text) that makes two texts near-duplicates, in (0, 1]; default 0.8.",
            HelpName = "J",
        };
        threshold.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!double.TryParse(token.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var j) || !(j > 0 && j <= 1))
                {
                    result.AddError($"--threshold must be a number above 0 and at most 1 (got '{token.Value}').");
                }
            }
        });
        var resultFormat = new Option<string>("--result-format")
        {
            Description = "Detail of each result: BOOLEAN_ONLY, BASIC, SUMMARY (default) or COMPLETE.",
            HelpName = "LEVEL",
            DefaultValueFactory = _ => "SUMMARY",
        };
        resultFormat.AcceptOnlyFromAmong("BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE", "boolean_only", "basic", "summary", "complete");
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Lowest severity whose failure makes the exit code 1: error (default) or warning.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning");
        var outputs = new ReportOutputs.Options();
        var command = new Command("splits", "Check train/validation/test splits for leakage (time overlap, shared keys, near-duplicate texts); exit code 0 when none leaks, 1 on leakage, 2 on bad input.")
        {
            train, validation, test, time, gap, keys, text, threshold, resultFormat, failOn,
        };
        outputs.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var splits = new List<(string, string)> { ("train", parse.GetRequiredValue(train)) };
            if (parse.GetValue(validation) is { } v)
            {
                splits.Add(("validation", v));
            }

            if (parse.GetValue(test) is { } t)
            {
                splits.Add(("test", t));
            }

            var level = ResultFormat.TryParseLevel(parse.GetValue(resultFormat), out var parsed) ? parsed : ResultFormatLevel.Summary;
            var arguments = new Arguments(splits, outputs.Read(parse), level, parse.GetValue(failOn) == "warning" ? Severity.Warning : Severity.Error)
            {
                TimeColumn = parse.GetValue(time),
                Gap = parse.GetValue(gap),
                Keys = [.. (parse.GetValue(keys) ?? []).Select(k => (IReadOnlyList<string>)[.. k.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)])],
                TextColumns = parse.GetValue(text) ?? [],
                Threshold = parse.GetValue(threshold),
            };
            return RunAsync(arguments, stdout, stderr, terminal, cancellationToken);
        });
        return command;
    }

    /// <summary>The checks of each earlier split against each later one, as one suite per earlier split.</summary>
    internal static IReadOnlyList<(string Split, ExpectationSuite Suite)> Suites(Arguments args)
    {
        var suites = new List<(string, ExpectationSuite)>();
        for (var i = 0; i < args.Splits.Count - 1; i++)
        {
            var here = args.Splits[i].Name;
            var expectations = new List<Expectation>();
            for (var j = i + 1; j < args.Splits.Count; j++)
            {
                var there = args.Splits[j].Name;
                var meta = Meta(here, there);
                if (args.TimeColumn is { } ts)
                {
                    expectations.Add(new TableTimeRangeToPrecedeOtherTable { TimeColumn = ts, OtherTableName = there, Gap = args.Gap, Meta = meta });
                }

                foreach (var key in args.Keys)
                {
                    expectations.Add(key.Count == 1
                        ? new ColumnValuesToNotBeInOtherTable { Column = key[0], OtherTableName = there, Meta = meta }
                        : new ColumnValuesToNotBeInOtherTable { ColumnList = ValueList.From(key), OtherTableName = there, Meta = meta });
                }

                foreach (var column in args.TextColumns)
                {
                    expectations.Add(new ColumnValuesToNotHaveNearDuplicatesInOtherTable { Column = column, OtherTableName = there, Threshold = args.Threshold, Meta = meta });
                }
            }

            suites.Add((here, new ExpectationSuite($"splits: {here}", expectations)));
        }

        return suites;
    }

    private static JsonElement Meta(string here, string there)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["notes"] = $"{here} vs {there}",
            ["split"] = here,
            ["other_split"] = there,
        }));
        return doc.RootElement.Clone();
    }

    internal static async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CliTerminal terminal, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        await Task.Yield();
        var opened = new List<IDataSource>();
        try
        {
            if (args.Splits.Count < 2)
            {
                throw new CliInputException("give --validation or --test (or both) besides --train: leakage is between two splits");
            }

            if (args.TimeColumn is null && args.Keys.Count == 0 && args.TextColumns.Count == 0)
            {
                throw new CliInputException("nothing to check: give --time-column, --key or --text-column");
            }

            if (args.Gap is not null && args.TimeColumn is null)
            {
                throw new CliInputException("--gap needs --time-column");
            }

            if (args.Threshold is not null && args.TextColumns.Count == 0)
            {
                throw new CliInputException("--threshold needs --text-column");
            }

            if (args.Keys.Any(k => k.Count == 0))
            {
                throw new CliInputException("--key holds no column name");
            }

            args.Outputs.Check();
            await using var outputs = new OutputSet(started);
            outputs.CleanStale([.. args.Outputs.Files.Select(f => f.Path)]);

            var sources = new Dictionary<string, IDataSource>(StringComparer.Ordinal);
            foreach (var (name, path) in args.Splits)
            {
                var csv = File.Exists(path) && Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);
                var reading = csv && args.TimeColumn is { } ts ? CsvReading.Default with { ParseDates = [ts] } : CsvReading.Default;
                var source = await DataSources.OpenAsync(path, cancellationToken, reading);
                opened.Add(source);
                sources[name] = source;
            }

            var results = new List<ExpectationResult>();
            long rows = 0;
            foreach (var (split, suite) in Suites(args))
            {
                var report = await ValidationPlan.Compile(suite).ValidateAsync(sources[split], new ValidationOptions
                {
                    ResultFormat = ResultFormat.Of(args.ResultFormat),
                    OtherTables = sources,
                }, cancellationToken);
                results.AddRange(report.Results);
                rows += report.Meta.RowCount;
            }

            var combined = new ValidationReport
            {
                Results = [.. results],
                Meta = new ReportMeta
                {
                    SuiteName = "splits",
                    DataSource = string.Join(", ", args.Splits.Select(s => $"{s.Name}={s.Path}")),
                    RunTime = started,
                    Duration = DateTime.UtcNow - started,
                    RowCount = rows,
                    ResultFormat = args.ResultFormat,
                },
            };
            var failed = combined.Failures(args.FailOn).Any();
            await args.Outputs.StageAsync(outputs, combined, args.FailOn, cancellationToken);
            await outputs.CommitAsync(cancellationToken);
            await args.Outputs.PrintAsync(combined, args.FailOn, stdout, terminal);
            await stdout.FlushAsync(CancellationToken.None);
            return failed ? ExitCodes.ValidationFailed : ExitCodes.Success;
        }
        catch (Exception ex) when (ex is SuiteFormatException or InvalidExpectationException or DataSourceException or CliInputException)
        {
            return Cli.Fail(stderr, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Cli.Cancelled(stderr);
        }
        catch (Exception ex)
        {
            return Cli.Fail(stderr, $"internal error ({ex.GetType().Name}: {ex.Message}); please report this as a bug", ExitCodes.InternalError);
        }
        finally
        {
            foreach (var disposable in opened.OfType<IAsyncDisposable>())
            {
                await disposable.DisposeAsync();
            }
        }
    }
}

/// <summary>The CLI's check of <c>--gap</c>: the library's own rule, through the expectation that takes it.</summary>
internal static class IsoDurationText
{
    public static bool TryCheck(string text, out string error)
    {
        try
        {
            new TableTimeRangeToPrecedeOtherTable { TimeColumn = "t", OtherTableName = "o", Gap = text }.ThrowIfInvalid();
            error = "";
            return true;
        }
        catch (InvalidExpectationException ex)
        {
            error = ex.Message[(ex.Message.IndexOf("gap ", StringComparison.Ordinal) + 4)..];
            return false;
        }
    }
}
