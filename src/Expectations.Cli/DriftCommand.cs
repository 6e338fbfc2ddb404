using System.CommandLine;

namespace Expectations.Cli;

/// <summary>
/// <c>expectations drift BASELINE CURRENT [--columns a,b] [--exact] [--allow-missing-columns] [--format json|text|html] [--output FILE]</c>:
/// compares CURRENT with BASELINE (a profile JSON or a dataset); exit 1 when a column drifted or a baseline column is
/// missing from CURRENT, 2 on bad input.
/// </summary>
internal static class DriftCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var baseline = new Argument<string>("BASELINE") { Description = "The baseline: a profile .json written by 'expectations profile', or a dataset (.parquet file or folder, .csv)." };
        var current = new Argument<string>("CURRENT") { Description = "The current data: a .parquet file, a folder of .parquet files, or a .csv file." };
        var columns = new Option<string?>("--columns", "-c") { Description = "Compare only these columns of the baseline (comma-separated); default: every column of the baseline.", HelpName = "a,b" };
        var exact = new Option<bool>("--exact") { Description = "Keep every value of the datasets: exact KS statistic (memory grows with the data)." };
        var allowMissing = new Option<bool>("--allow-missing-columns")
        {
            Description = "Let baseline columns that CURRENT lacks pass (they are still reported as missing); by default a missing column exits 1.",
        };
        var format = new Option<string>("--format", "-f") { Description = "Report format: text, json or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file; stdout then shows the text report.", HelpName = "FILE" };
        var csv = new DataSources.CsvOptionsSet();
        var command = new Command("drift", "Compare CURRENT with BASELINE column by column (KS, PSI, Jensen–Shannon, Wasserstein, L∞, chi-square); exit 0 no drift, 1 drift or a missing column, 2 bad input.")
        {
            baseline, current, columns, exact, allowMissing, format, output,
        };
        csv.AddTo(command);
        command.SetAction((parse, cancellationToken) => ProfileCommand.Guard(stderr, async () =>
        {
            var names = parse.GetValue(columns) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            if (names is { Length: 0 })
            {
                throw new CliInputException("--columns names no column");
            }

            OutputSet.Check((parse.GetValue(output), "--output"));
            await using var outputs = new OutputSet();
            outputs.CleanStale([parse.GetValue(output)]);
            var options = DriftOptions.Default with { AllowMissingColumns = parse.GetValue(allowMissing) };
            var report = await CompareAsync(parse.GetRequiredValue(baseline), parse.GetRequiredValue(current), names, parse.GetValue(exact), options, csv.Read(parse), cancellationToken);
            if (report.HasErrors)
            {
                // Exit 2 is bad input: one line on stderr saying what and where, and no report (stdout or --output).
                return Cli.Fail(stderr, ErrorMessage(report));
            }

            var fmt = parse.GetValue(format);
            var content = fmt switch
            {
                "json" => DriftReportWriter.ToJson(report) + "\n",
                "html" => DriftReportWriter.ToHtml(report),
                _ => DriftReportWriter.ToText(report),
            };
            if (parse.GetValue(output) is { } path)
            {
                await outputs.WriteTextAsync(path, content, cancellationToken);
                await outputs.CommitAsync(cancellationToken);
                await stdout.WriteAsync(DriftReportWriter.ToText(report));
                await stdout.WriteLineAsync($"\nReport written to {path}");
            }
            else
            {
                await stdout.WriteAsync(content);
            }

            return report.Passed ? ExitCodes.Success : ExitCodes.ValidationFailed;
        }, cancellationToken));
        return command;
    }

    /// <summary>The one stderr line for a comparison with column errors: where (both inputs), then each problem (the first five).</summary>
    internal static string ErrorMessage(DriftReport report)
    {
        const int Shown = 5;
        var errors = report.Columns.Where(c => c.Status == DriftStatus.Error).Select(c => c.Message ?? $"column '{c.Column}' cannot be compared").ToList();
        var listed = string.Join("; ", errors.Take(Shown)) + (errors.Count > Shown ? $"; and {errors.Count - Shown} more column(s)" : "");
        return $"cannot compare {report.Current} with {report.Baseline}: {listed}";
    }

    /// <summary>
    /// Profiles BASELINE (unless it is a profile) and CURRENT over the requested columns (default: all of the
    /// baseline's) and compares them. Baseline columns CURRENT lacks are reported as missing; a requested column the
    /// baseline lacks, or data without rows, is bad input.
    /// </summary>
    private static async Task<DriftReport> CompareAsync(string baselinePath, string currentPath, string[]? columns, bool exact, DriftOptions options, CsvReading reading, CancellationToken cancellationToken)
    {
        DatasetProfile baseline;
        if (File.Exists(baselinePath) && Path.GetExtension(baselinePath).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            baseline = DatasetProfile.Load(baselinePath);
            CheckInBaseline(columns, [.. baseline.Columns.Select(c => c.Name)], baselinePath);
        }
        else
        {
            var baselineSource = await DataSources.OpenAsync(baselinePath, cancellationToken, reading);
            try
            {
                // Checked before profiling: the profiler's own message would not say which side lacks the column.
                CheckInBaseline(columns, [.. baselineSource.Columns.Select(c => c.Name)], baselinePath);
                baseline = await DatasetProfile.BuildAsync(baselineSource, exact ? ProfileOptions.Exact : ProfileOptions.Default, columns, cancellationToken);
            }
            finally
            {
                if (baselineSource is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }
        }

        if (baseline.RowCount == 0)
        {
            throw new CliInputException($"the baseline {baseline.Source} has no rows: there is no distribution to compare with");
        }

        var source = await DataSources.OpenAsync(currentPath, cancellationToken, reading);
        try
        {
            var requested = columns ?? [.. baseline.Columns.Select(c => c.Name)];
            var currentNames = source.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var shared = requested.Where(currentNames.Contains).ToList();
            var profileOptions = exact || baseline.Columns.Any(c => c.KeepsAllValues) ? ProfileOptions.Exact : ProfileOptions.Default;
            var current = await DatasetProfile.BuildAsync(source, profileOptions, shared, cancellationToken);
            if (current.RowCount == 0)
            {
                throw new CliInputException($"the current data {source.Description} has no rows: there is no distribution to compare");
            }

            // The current profile holds only the shared columns: the other requested ones come out as missing.
            var report = DriftDetector.Compare(baseline, current, options, requested);
            var baselineNames = baseline.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            return report with
            {
                OnlyInBaseline = [.. baseline.Columns.Select(c => c.Name).Where(n => !currentNames.Contains(n))],
                OnlyInCurrent = [.. source.Columns.Select(c => c.Name).Where(n => !baselineNames.Contains(n))],
            };
        }
        finally
        {
            if (source is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>Refuses <c>--columns</c> naming a column the baseline does not have (bad input: there is nothing to compare with).</summary>
    private static void CheckInBaseline(string[]? columns, IReadOnlyList<string> baselineColumns, string baselinePath)
    {
        var unknown = (columns ?? []).Where(c => !baselineColumns.Contains(c, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliInputException(
                $"--columns: column(s) {string.Join(", ", unknown.Select(m => $"'{m}'"))} not in the baseline {baselinePath}; it has {string.Join(", ", baselineColumns)}");
        }
    }
}
