using System.CommandLine;

namespace Expectations.Cli;

/// <summary>
/// <c>expectations drift BASELINE CURRENT [--columns a,b] [--exact] [--format json|text|html] [--output FILE]</c>:
/// compares CURRENT with BASELINE (a profile JSON or a dataset); exit 1 when a column drifted, 2 on bad input.
/// </summary>
internal static class DriftCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var baseline = new Argument<string>("BASELINE") { Description = "The baseline: a profile .json written by 'expectations profile', or a dataset (.parquet file or folder, .csv)." };
        var current = new Argument<string>("CURRENT") { Description = "The current data: a .parquet file, a folder of .parquet files, or a .csv file." };
        var columns = new Option<string?>("--columns", "-c") { Description = "Compare only these columns (comma-separated); default: every column both sides have.", HelpName = "a,b" };
        var exact = new Option<bool>("--exact") { Description = "Keep every value of the datasets: exact KS statistic (memory grows with the data)." };
        var format = new Option<string>("--format", "-f") { Description = "Report format: text, json or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file; stdout then shows the text report.", HelpName = "FILE" };
        var parseDates = DataSources.ParseDatesOption();
        var command = new Command("drift", "Compare CURRENT with BASELINE column by column (KS, PSI, Jensen–Shannon, Wasserstein, L∞, chi-square); exit 0 no drift, 1 drift, 2 bad input.")
        {
            baseline, current, columns, exact, format, output, parseDates,
        };
        command.SetAction((parse, cancellationToken) => ProfileCommand.Guard(stderr, async () =>
        {
            var names = parse.GetValue(columns) is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            if (names is { Length: 0 })
            {
                throw new CliInputException("--columns names no column");
            }

            AtomicFile.Check((parse.GetValue(output), "--output"));
            var report = await CompareAsync(parse.GetRequiredValue(baseline), parse.GetRequiredValue(current), names, parse.GetValue(exact), DataSources.ParseDates(parse, parseDates), cancellationToken);
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
                await AtomicFile.WriteAllTextAsync(path, content, cancellationToken);
                await stdout.WriteAsync(DriftReportWriter.ToText(report));
                await stdout.WriteLineAsync($"\nReport written to {path}");
            }
            else
            {
                await stdout.WriteAsync(content);
            }

            return report.Drifted ? ExitCodes.ValidationFailed : ExitCodes.Success;
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

    private static async Task<DriftReport> CompareAsync(string baselinePath, string currentPath, string[]? columns, bool exact, IReadOnlyCollection<string> parseDates, CancellationToken cancellationToken)
    {
        DatasetProfile baseline;
        if (File.Exists(baselinePath) && Path.GetExtension(baselinePath).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            baseline = DatasetProfile.Load(baselinePath);
        }
        else
        {
            baseline = await ProfileCommand.ProfileAsync(baselinePath, exact, cancellationToken, columns, parseDates);
        }

        if (baseline.RowCount == 0)
        {
            throw new CliInputException($"the baseline {baseline.Source} has no rows: there is no distribution to compare with");
        }

        if (columns is not null)
        {
            var missing = columns.Where(c => baseline.Column(c) is null).ToList();
            if (missing.Count > 0)
            {
                throw new CliInputException($"column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} not in the baseline; it has {string.Join(", ", baseline.Columns.Select(c => c.Name))}");
            }
        }

        var source = await DataSources.OpenAsync(currentPath, cancellationToken, parseDates);
        try
        {
            var names = columns ?? [.. baseline.Columns.Select(c => c.Name).Where(n => source.Columns.Any(c => c.Name == n))];
            var absent = names.Where(n => source.Columns.All(c => c.Name != n)).ToList();
            if (absent.Count > 0)
            {
                throw new CliInputException($"column(s) {string.Join(", ", absent.Select(m => $"'{m}'"))} not in {source.Description}");
            }

            var options = exact || baseline.Columns.Any(c => c.KeepsAllValues) ? ProfileOptions.Exact : ProfileOptions.Default;
            var current = await DatasetProfile.BuildAsync(source, options, names, cancellationToken);
            if (current.RowCount == 0)
            {
                throw new CliInputException($"the current data {source.Description} has no rows: there is no distribution to compare");
            }

            var report = DriftDetector.Compare(baseline, current, null, names);
            return report with
            {
                OnlyInBaseline = [.. baseline.Columns.Select(c => c.Name).Where(n => !names.Contains(n))],
                OnlyInCurrent = [.. source.Columns.Select(c => c.Name).Where(n => !names.Contains(n))],
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
}
