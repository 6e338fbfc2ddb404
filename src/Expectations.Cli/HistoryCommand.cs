using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Expectations.Sql.Sqlite;

namespace Expectations.Cli;

/// <summary>
/// <c>expectations history FILE [--dataset D] [--metric M] [--column C] [--since T] [--format text|json|csv]</c>: lists
/// the points of a metrics repository that <c>validate --history</c> wrote, oldest first.
/// </summary>
internal static class HistoryCommand
{
    /// <summary>The repository in <paramref name="file"/>: JSON lines for <c>.jsonl</c>/<c>.ndjson</c>, else SQLite.</summary>
    public static IMetricRepository Open(string file) =>
        file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            ? new JsonLinesMetricRepository(file)
            : new SqliteMetricRepository(file);

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "The metrics repository: a SQLite file, or JSON lines (.jsonl), as written by validate --history." };
        var dataset = new Option<string?>("--dataset") { Description = "Only this dataset.", HelpName = "D" };
        var metric = new Option<string?>("--metric") { Description = "Only this metric (row_count, null_fraction, mean, …).", HelpName = "M" };
        var column = new Option<string?>("--column") { Description = "Only this column; '' for table metrics.", HelpName = "C" };
        var since = new Option<string?>("--since") { Description = "Only points at or after this time (ISO 8601, UTC unless an offset is given).", HelpName = "T" };
        var format = new Option<string>("--format", "-f") { Description = "Output: text (default), json (one object per line) or csv.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var command = new Command("history", "List the metrics that validate --history appended, oldest first; exit 0, or 2 on bad input.")
        {
            file, dataset, metric, column, since, format,
        };
        command.SetAction((parse, cancellationToken) => ProfileCommand.Guard(stderr, async () =>
        {
            var path = parse.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                throw new CliInputException($"metrics repository '{path}' does not exist");
            }

            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
            {
                from = ValidateCommand.TryParseTime(text, out var t) ? new DateTimeOffset(t, TimeSpan.Zero) : throw new CliInputException($"--since '{text}' is not an ISO 8601 time");
            }

            IReadOnlyList<MetricPoint> points;
            try
            {
                points = await Open(path).ReadAsync(new MetricQuery { Dataset = parse.GetValue(dataset), Metric = parse.GetValue(metric), Column = parse.GetValue(column), Since = from }, cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                throw new CliInputException(ex.Message);
            }

            await stdout.WriteAsync(Render(points, parse.GetValue(format) ?? "text"));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    internal static string Render(IReadOnlyList<MetricPoint> points, string format)
    {
        var text = new StringBuilder();
        static string Time(MetricPoint p) => p.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        switch (format)
        {
            case "json":
                foreach (var p in points)
                {
                    using var buffer = new MemoryStream();
                    using (var w = new Utf8JsonWriter(buffer))
                    {
                        w.WriteStartObject();
                        w.WriteString("timestamp", Time(p));
                        w.WriteString("run_id", p.RunId);
                        w.WriteString("dataset", p.Dataset);
                        w.WriteString("suite", p.Suite);
                        w.WriteString("partition", p.Partition);
                        w.WriteString("expectation", p.Expectation);
                        w.WriteString("column", p.Column);
                        w.WriteString("metric", p.Metric);
                        w.WriteNumber("value", p.Value);
                        w.WriteStartObject("tags");
                        foreach (var (k, v) in p.Tags)
                        {
                            w.WriteString(k, v);
                        }

                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    text.Append(Encoding.UTF8.GetString(buffer.ToArray())).Append('\n');
                }

                break;
            case "csv":
                static string Csv(string? v) => v is null ? "" : v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
                text.Append("timestamp,run_id,dataset,suite,partition,expectation,column,metric,value\n");
                foreach (var p in points)
                {
                    text.Append(string.Join(",", Time(p), Csv(p.RunId), Csv(p.Dataset), Csv(p.Suite), Csv(p.Partition), Csv(p.Expectation), Csv(p.Column), Csv(p.Metric), Number(p.Value))).Append('\n');
                }

                break;
            default:
                if (points.Count == 0)
                {
                    text.Append("No metrics match.\n");
                    break;
                }

                var rows = points.Select(p => new[] { Time(p), p.Dataset, p.Column ?? "(table)", p.Metric + (p.Expectation is { } e ? $" [{e}]" : ""), Number(p.Value), p.RunId }).ToList();
                string[] header = ["timestamp", "dataset", "column", "metric", "value", "run"];
                var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
                text.Append(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd()).Append('\n');
                foreach (var r in rows)
                {
                    text.Append(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()).Append('\n');
                }

                text.Append(CultureInfo.InvariantCulture, $"{points.Count} points from {points.Select(p => p.RunId).Distinct().Count()} runs\n");
                break;
        }

        return text.ToString();
    }
}
