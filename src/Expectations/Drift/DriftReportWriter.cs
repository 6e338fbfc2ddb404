using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Expectations.Drift;
using Expectations.Profiling;

namespace Expectations;

/// <summary>Renders a <see cref="DriftReport"/> as JSON, plain text or a self-contained HTML page.</summary>
public static class DriftReportWriter
{
    /// <summary>
    /// The report as JSON: the verdict (<c>passed</c>, <c>drifted</c>, <c>has_errors</c>), the missing and new columns,
    /// and per column its kind, status and tests (<c>method</c>, <c>statistic</c>, <c>p_value</c>, <c>threshold</c>,
    /// <c>drifted</c>, ...).
    /// </summary>
    public static string ToJson(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("baseline", report.Baseline);
            w.WriteString("current", report.Current);
            w.WriteBoolean("passed", report.Passed);
            w.WriteBoolean("drifted", report.Drifted);
            w.WriteBoolean("has_errors", report.HasErrors);
            WriteStrings(w, "missing_columns", report.MissingColumns);
            w.WriteBoolean("missing_columns_allowed", report.MissingColumnsAllowed);
            WriteStrings(w, "only_in_baseline", report.OnlyInBaseline);
            WriteStrings(w, "only_in_current", report.OnlyInCurrent);
            w.WriteStartArray("columns");
            foreach (var c in report.Columns)
            {
                WriteColumn(w, c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One column's drift as a JSON element (used as an expectation's <c>details</c>).</summary>
    internal static JsonElement ToJsonElement(DriftTest chosen, ColumnDrift column)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            WriteTestFields(w, chosen);
            w.WriteString("status", Snake(column.Status.ToString()));
            if (column.NewCategories.Count > 0)
            {
                WriteStrings(w, "new_categories", column.NewCategories);
            }

            if (column.VanishedCategories.Count > 0)
            {
                WriteStrings(w, "vanished_categories", column.VanishedCategories);
            }

            w.WriteStartArray("tests");
            foreach (var t in column.Tests)
            {
                w.WriteStartObject();
                WriteTestFields(w, t);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// The report as text: the headline, then one block per column that drifted, is missing or could not be compared
    /// (worst first, with its tests), then one line naming the columns that did not drift (their tests are in the JSON and
    /// HTML reports). Numbers are rounded for reading, never in scientific notation; exact values stay in the JSON.
    /// </summary>
    public static string ToText(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Drift of {report.Current} against {report.Baseline}: ");
        sb.AppendLine(Verdict(report));
        foreach (var c in report.Columns.Where(c => !Quiet(c)))
        {
            var state = c.Status switch
            {
                DriftStatus.Error => "ERROR",
                DriftStatus.Missing => report.MissingColumnsAllowed ? "miss" : "MISS",
                _ => c.Drifted ? "DRIFT" : "ok",
            };
            sb.Append(CultureInfo.InvariantCulture, $"  {state,-5} {c.Column} ({c.Family.ToString().ToLowerInvariant()})");
            sb.AppendLine(c.Message is null ? "" : $": {c.Message}");
            foreach (var t in c.Tests)
            {
                sb.Append(CultureInfo.InvariantCulture, $"        {(t.Drifted ? "!" : " ")} {t.Method,-13} {Num(t.Statistic),12}");
                if (t.PValue is { } p)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  p {PValue(p)}");
                }

                if (t.Threshold is { } th)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  threshold {(t.PValue is null ? "≥" : "p <")} {Num(th)}");
                }

                if (t.Worst.Count > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  worst: {t.Worst[0].Label} ({t.Worst[0].Baseline:P1} → {t.Worst[0].Current:P1})");
                }

                sb.AppendLine();
            }

            if (c.NewCategories.Count > 0)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"          new categories: {string.Join(", ", c.NewCategories.Take(10))}");
            }

            if (c.VanishedCategories.Count > 0)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"          vanished categories: {string.Join(", ", c.VanishedCategories.Take(10))}");
            }
        }

        var quiet = report.Columns.Where(Quiet).ToList();
        if (quiet.Count > 0)
        {
            var notes = quiet.Where(c => c.Message is not null).Select(c => c.Column).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"  ok    {quiet.Count} column{(quiet.Count == 1 ? "" : "s")} did not drift: {string.Join(", ", quiet.Select(c => c.Column))}");
            sb.AppendLine(notes.Count == 0 ? "" : $" (only the missing rate compared for {string.Join(", ", notes)}: see the HTML or JSON report)");
        }

        if (report.OnlyInBaseline.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  only in the baseline: {string.Join(", ", report.OnlyInBaseline)}");
        }

        if (report.OnlyInCurrent.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  only in the current data: {string.Join(", ", report.OnlyInCurrent)}");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The report as one self-contained HTML page (inline CSS and SVG, no scripts, nothing loaded: a Content-Security-Policy
    /// of <c>default-src 'none'</c>): the verdict, the columns that drifted, are missing or could not be compared, each with
    /// a chart of both distributions and its tests, then the columns that did not drift, collapsed in one
    /// <c>&lt;details&gt;</c>.
    /// </summary>
    public static string ToHtml(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" />").Append(ProfileHtml.Csp).Append("<title>Drift report</title><style>")
          .Append(ProfileHtml.Css).Append(DriftCharts.Css)
          .Append("</style></head><body>");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>Drift: {H(report.Current)} against {H(report.Baseline)}</h1>");
        var missing = report.MissingColumns.Count;
        var summary = report.HasErrors ? "Some columns could not be compared."
            : string.Join(" ", new[]
            {
                report.Drifted ? $"{report.Columns.Count(c => c.Drifted)} of {Compared(report)} columns drifted." : missing == 0 || report.MissingColumnsAllowed ? "No drift." : "",
                missing == 0 ? "" : $"{missing} baseline column{(missing == 1 ? " is" : "s are")} missing from the current data{(report.MissingColumnsAllowed ? " (allowed)" : "")}: {string.Join(", ", report.MissingColumns)}.",
            }.Where(p => p.Length > 0));
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"{(report.Passed ? "good" : "bad")}\">{H(summary)}</p>");
        if (report.OnlyInCurrent.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>Only in the current data: {H(string.Join(", ", report.OnlyInCurrent))}</p>");
        }

        var loud = report.Columns.Where(c => !Quiet(c)).ToList();
        var quiet = report.Columns.Where(Quiet).ToList();
        if (loud.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<h2>Columns that drifted, are missing or could not be compared ({loud.Count})</h2>");
            foreach (var c in loud)
            {
                ColumnHtml(sb, report, c);
            }
        }

        if (quiet.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<details class=\"quiet\"><summary>{quiet.Count} column{(quiet.Count == 1 ? "" : "s")} did not drift: {H(string.Join(", ", quiet.Select(c => c.Column)))}</summary>");
            foreach (var c in quiet)
            {
                ColumnHtml(sb, report, c);
            }

            sb.Append("</details>");
        }

        sb.Append("<p class=\"note\">Numbers are rounded for reading; the JSON report (<code>--format json</code>) holds the exact values.</p></body></html>");
        return sb.ToString();
    }

    /// <summary>Whether a column goes into the collapsed part: compared (or without values) and not drifted.</summary>
    private static bool Quiet(ColumnDrift c) => c.Status is DriftStatus.Compared or DriftStatus.NoValues && !c.Drifted;

    /// <summary>One column: name, status and message, the chart of both distributions, the tests.</summary>
    private static void ColumnHtml(StringBuilder sb, DriftReport report, ColumnDrift c)
    {
        var status = c.Status switch
        {
            DriftStatus.Error => "error",
            DriftStatus.Missing => report.MissingColumnsAllowed ? "missing (allowed)" : "missing",
            _ => c.Drifted ? "drifted" : "ok",
        };
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"col\" id=\"col-{DriftCharts.Id(c.Column)}\"><h3>{H(c.Column)} <small>{c.Family.ToString().ToLowerInvariant()}</small> <span class=\"{(status is "ok" or "missing (allowed)" ? "good" : "bad")}\">{status}</span></h3>");
        if (c.Message is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>{H(c.Message)}</p>");
        }

        if (c.Distribution is { } d)
        {
            DriftCharts.Svg(sb, c.Column, d);
        }

        if (c.NewCategories.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>New categories: {H(string.Join(", ", c.NewCategories.Take(20)))}{(c.NewCategories.Count > 20 ? " …" : "")}</p>");
        }

        if (c.VanishedCategories.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>Vanished categories: {H(string.Join(", ", c.VanishedCategories.Take(20)))}{(c.VanishedCategories.Count > 20 ? " …" : "")}</p>");
        }

        if (c.Tests.Count > 0)
        {
            sb.Append("<table><tr><th>test</th><th>statistic</th><th>p-value</th><th>threshold</th><th>worst bin / category</th></tr>");
            foreach (var t in c.Tests)
            {
                var worst = t.Worst.Count > 0 ? $"{H(t.Worst[0].Label)}: {t.Worst[0].Baseline:P1} → {t.Worst[0].Current:P1}" : H(t.Note ?? "");
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"{(t.Drifted ? "bad" : "")}\">{t.Method}</td><td>{H(Num(t.Statistic))}</td><td>{(t.PValue is { } p ? H(Num(p)) : "")}</td><td>{(t.Threshold is { } th ? H(Num(th)) : "info")}</td><td>{worst}</td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append("</div>");
    }

    /// <summary>The text report's headline: ERRORS, what failed (drift, missing columns), or no drift.</summary>
    private static string Verdict(DriftReport report)
    {
        if (report.HasErrors)
        {
            return "ERRORS";
        }

        var missing = report.MissingColumns;
        var parts = new List<string>();
        if (report.Drifted)
        {
            parts.Add($"DRIFTED ({report.Columns.Count(c => c.Drifted)} of {Compared(report)} columns)");
        }

        if (missing.Count > 0 && !report.MissingColumnsAllowed)
        {
            parts.Add($"MISSING {missing.Count} baseline column{(missing.Count == 1 ? "" : "s")} ({string.Join(", ", missing)})");
        }

        if (parts.Count == 0)
        {
            parts.Add("no drift");
            if (missing.Count > 0)
            {
                parts.Add($"{missing.Count} baseline column{(missing.Count == 1 ? "" : "s")} missing, allowed ({string.Join(", ", missing)})");
            }
        }

        return string.Join("; ", parts);
    }

    /// <summary>How many columns were compared (not missing, not in error).</summary>
    private static int Compared(DriftReport report) => report.Columns.Count(c => c.Status is DriftStatus.Compared or DriftStatus.NoValues);

    private static void WriteColumn(Utf8JsonWriter w, ColumnDrift c)
    {
        w.WriteStartObject();
        w.WriteString("column", c.Column);
        w.WriteString("kind", c.Family.ToString().ToLowerInvariant());
        w.WriteString("status", Snake(c.Status.ToString()));
        w.WriteBoolean("drifted", c.Drifted);
        if (c.Message is not null)
        {
            w.WriteString("message", c.Message);
        }

        w.WriteStartArray("tests");
        foreach (var t in c.Tests)
        {
            w.WriteStartObject();
            WriteTestFields(w, t);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "new_categories", c.NewCategories);
        WriteStrings(w, "vanished_categories", c.VanishedCategories);
        w.WriteEndObject();
    }

    private static void WriteTestFields(Utf8JsonWriter w, DriftTest t)
    {
        w.WriteString("method", t.Method);
        WriteNumber(w, "statistic", t.Statistic);
        if (t.PValue is not null)
        {
            WriteNumber(w, "p_value", t.PValue);
        }

        WriteNumber(w, "threshold", t.Threshold);
        w.WriteBoolean("drifted", t.Drifted);
        if (t.ErrorBound is not null)
        {
            WriteNumber(w, "error_bound", t.ErrorBound);
        }

        if (t.Note is not null)
        {
            w.WriteString("note", t.Note);
        }

        if (t.Worst.Count > 0)
        {
            w.WriteStartArray("worst");
            foreach (var x in t.Worst)
            {
                w.WriteStartObject();
                w.WriteString("label", x.Label);
                w.WriteNumber("baseline", x.Baseline);
                w.WriteNumber("current", x.Current);
                w.WriteNumber("contribution", x.Contribution);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else if (value is { } nonFinite)
        {
            w.WriteString(name, double.IsNaN(nonFinite) ? "NaN" : nonFinite > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static string Snake(string pascal) => string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>A statistic for reading: rounded, never in scientific notation (exact in the JSON).</summary>
    private static string Num(double? v) => ReadableValues.Number(v);

    /// <summary>A p-value after "p": <c>= 0.9853</c>, or <c>&lt; 0.0001</c>.</summary>
    private static string PValue(double p) => Num(p) is var text && text.StartsWith('<') ? text : "= " + text;

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
