using System.CommandLine;

namespace Expectations.Cli;

/// <summary>
/// <c>expectations profile DATA --output profile.json [--html profile.html]</c>: profiles a dataset into a baseline; with
/// <c>--sql</c>, a table or query of a SQL engine, streamed (so baselines can be taken from a warehouse).
/// </summary>
internal static class ProfileCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var data = new Argument<string?>("DATA") { Description = "The data: a .parquet file, a folder of .parquet files, or a .csv file (or --sql instead).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output", "-o") { Description = "Write the profile JSON (a drift baseline) to this file.", Required = true, HelpName = "profile.json" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML page of the profile.", HelpName = "profile.html" };
        var exact = new Option<bool>("--exact") { Description = "Keep every value: exact quantiles and exact KS later (the profile grows with the data)." };
        var csv = new DataSources.CsvOptionsSet();
        var sql = new SqlTarget.Options();
        var command = new Command("profile", "Profile DATA (counts, moments, quantiles, distinct counts, top values, histograms) into a JSON baseline; exit 0, or 2 on bad input.")
        {
            data, output, html, exact,
        };
        csv.AddTo(command);
        sql.AddTo(command);
        SqlTarget? target = null;
        command.SetAction((parse, cancellationToken) => Guard(stderr, async () =>
        {
            target = sql.Read(parse);
            var dataPath = parse.GetValue(data);
            var reading = csv.Read(parse);
            if (target is not null && dataPath is not null)
            {
                throw new CliInputException($"give DATA ('{dataPath}') or --sql, not both");
            }

            if (target is null && dataPath is null)
            {
                throw new CliInputException("give DATA (a .parquet file, a folder of .parquet files or a .csv file) or --sql CONNECTION");
            }

            if (target is not null && (reading.ParseDates.Count > 0 || reading.ReplaceInvalidUtf8))
            {
                throw new CliInputException("--parse-dates and --replace-invalid-utf8 read CSV files; they cannot be used with --sql");
            }

            var path = parse.GetRequiredValue(output);
            var htmlPath = parse.GetValue(html);

            // Both files are checked before the data is read and written before stdout says anything, so bad input
            // (exit 2) leaves stdout empty.
            OutputSet.Check((path, "--output"), (htmlPath, "--html"));
            await using var outputs = new OutputSet();
            outputs.CleanStale([path, htmlPath]);
            var options = parse.GetValue(exact) ? ProfileOptions.Exact : ProfileOptions.Default;
            var profile = target is not null
                ? await ProfileSqlAsync(target, options, cancellationToken)
                : await ProfileAsync(dataPath!, options, cancellationToken, reading: reading);
            await outputs.WriteTextAsync(path, profile.ToJson() + "\n", cancellationToken);
            if (htmlPath is not null)
            {
                await outputs.WriteTextAsync(htmlPath, ProfileHtml.Render(profile), cancellationToken);
            }

            // Both files at once: never a new profile beside the HTML page of an older one.
            await outputs.CommitAsync(cancellationToken);

            await stdout.WriteLineAsync($"Profiled {profile.RowCount:N0} rows, {profile.Columns.Count} columns of {profile.Source}: {path}");
            if (htmlPath is not null)
            {
                await stdout.WriteLineAsync($"HTML profile: {htmlPath}");
            }

            foreach (var alert in ProfileHtml.Alerts(profile))
            {
                await stdout.WriteLineAsync($"  alert: {alert.Column}: {alert.Kind.Replace('_', ' ')} ({alert.Message})");
            }

            return ExitCodes.Success;
        }, cancellationToken, message => target?.Redact(message) ?? message));
        return command;
    }

    /// <summary>Opens DATA as <c>validate</c> does and profiles it.</summary>
    internal static Task<DatasetProfile> ProfileAsync(string path, bool exact, CancellationToken cancellationToken, IReadOnlyCollection<string>? columns = null, CsvReading? reading = null) =>
        ProfileAsync(path, exact ? ProfileOptions.Exact : ProfileOptions.Default, cancellationToken, columns, reading);

    /// <summary>Opens DATA as <c>validate</c> does and profiles it with <paramref name="options"/>.</summary>
    internal static async Task<DatasetProfile> ProfileAsync(string path, ProfileOptions options, CancellationToken cancellationToken, IReadOnlyCollection<string>? columns = null, CsvReading? reading = null)
    {
        var source = await DataSources.OpenAsync(path, cancellationToken, reading);
        try
        {
            return await DatasetProfile.BuildAsync(source, options, columns, cancellationToken);
        }
        finally
        {
            if (source is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>Streams the rows of a SQL table or query into the profiler.</summary>
    private static async Task<DatasetProfile> ProfileSqlAsync(SqlTarget target, ProfileOptions options, CancellationToken cancellationToken)
    {
        var (source, connection) = await target.OpenAsync(cancellationToken);
        await using (connection)
        {
            var rows = await source.ReadRowsAsync(cancellationToken: cancellationToken);
            try
            {
                return await DatasetProfile.BuildAsync(rows, options, null, cancellationToken);
            }
            finally
            {
                if (rows is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// Runs a command body; bad input becomes one stderr line and exit 2, anything else an internal error (3).
    /// <paramref name="redact"/> cleans each message first (secrets of a <c>--sql</c> connection string).
    /// </summary>
    internal static async Task<int> Guard(TextWriter stderr, Func<Task<int>> body, CancellationToken cancellationToken, Func<string, string>? redact = null)
    {
        redact ??= static m => m;
        // As in validate: System.CommandLine registers its SIGINT/SIGTERM handler once the action first yields.
        await Task.Yield();
        try
        {
            return await body();
        }
        catch (Exception ex) when (ex is DataSourceException or CliInputException or ProfileFormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Cli.Fail(stderr, redact(ex.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Cli.Cancelled(stderr);
        }
        catch (Exception ex)
        {
            return Cli.Fail(stderr, $"internal error ({ex.GetType().Name}: {redact(ex.Message)}); please report this as a bug", ExitCodes.InternalError);
        }
    }
}
