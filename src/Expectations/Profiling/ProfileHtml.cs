using System.Globalization;
using System.Net;
using System.Text;

namespace Expectations;

/// <summary>An alert about a column that a person should look at.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Kind">Short name: many_missing, constant, all_unique (exact count), nearly_unique (approximate count), high_cardinality, skewed, many_zeros, infinite_values.</param>
/// <param name="Message">What was seen.</param>
public sealed record ProfileAlert(string Column, string Kind, string Message);

/// <summary>Renders a <see cref="DatasetProfile"/> as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources.</summary>
public static class ProfileHtml
{
    internal const string Css = "body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}"
        + ".bad{color:#b00020;font-weight:bold}.good{color:#1b7a1b;font-weight:bold}.col{border:1px solid #ddd;border-radius:6px;padding:1em;margin:1em 0}"
        + "svg{background:#fafafa}.alert{background:#fff4e5;border-left:4px solid #f0a000;padding:4px 8px;margin:2px 0}";

    /// <summary>The alerts for a profile: many missing (≥ 20 %), constant, all unique (only from an exact distinct count; nearly unique otherwise), high cardinality, skewed, many zeros (≥ 50 %), infinite values.</summary>
    public static IReadOnlyList<ProfileAlert> Alerts(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var alerts = new List<ProfileAlert>();
        foreach (var c in profile.Columns)
        {
            var values = c.ValueCount - c.InfinityCount;
            if (c.RowCount > 0 && c.MissingRate >= 0.2)
            {
                alerts.Add(new(c.Name, "many_missing", $"{c.MissingRate:P1} of rows are null or NaN"));
            }

            var distinct = c.DistinctCount;
            if (values > 1 && distinct == 1)
            {
                alerts.Add(new(c.Name, "constant", $"one distinct value ({c.TopValues(1)[0].Value})"));
            }
            else if (values > 1 && c.Family != ProfileFamily.Boolean && c.DistinctRelativeError == 0 && distinct == values)
            {
                alerts.Add(new(c.Name, "all_unique", $"every value is distinct ({distinct:N0}): an identifier?"));
            }
            else if (values > 1 && c.Family != ProfileFamily.Boolean && distinct >= values * (1 - (2 * c.DistinctRelativeError)) && distinct > 1)
            {
                // An approximate count cannot prove uniqueness: the sample's transaction_id has duplicates at 4,972 distinct of 5,000.
                alerts.Add(new(c.Name, "nearly_unique",
                    $"about {distinct:N0} distinct of {values:N0} (approximate count, ±{c.DistinctRelativeError:P1}): likely an identifier, uniqueness not proven (check it with expect_column_values_to_be_unique)"));
            }
            else if (c.Family == ProfileFamily.String && distinct > 100 && distinct > values / 2)
            {
                alerts.Add(new(c.Name, "high_cardinality", $"{distinct:N0} distinct values in {values:N0}"));
            }

            if (c.Mean is { } mean && c.StandardDeviation is { } sd && sd > 0 && double.IsFinite(mean) && c.Quantile(0.5) is { } median)
            {
                var skew = 3 * (mean - median) / sd;
                if (Math.Abs(skew) >= 1)
                {
                    alerts.Add(new(c.Name, "skewed", $"Pearson's median skewness 3(mean − median)/σ = {skew:0.##}"));
                }
            }

            if (values > 0 && c.ZeroCount >= 0.5 * values && c.Family == ProfileFamily.Numeric)
            {
                alerts.Add(new(c.Name, "many_zeros", $"{(double)c.ZeroCount / values:P1} of values are 0"));
            }

            if (c.InfinityCount > 0)
            {
                alerts.Add(new(c.Name, "infinite_values", $"{c.InfinityCount:N0} infinite values"));
            }
        }

        return alerts;
    }

    /// <summary>The HTML page.</summary>
    public static string Render(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Profile of ").Append(H(profile.Source)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        sb.Append("<h1>Profile of ").Append(H(profile.Source)).Append("</h1>");
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Overview</h2><table><tr><th>rows</th><td>{profile.RowCount:N0}</td></tr><tr><th>columns</th><td>{profile.Columns.Count}</td></tr>");
        foreach (var family in Enum.GetValues<ProfileFamily>())
        {
            var n = profile.Columns.Count(c => c.Family == family);
            if (n > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><th>{family.ToString().ToLowerInvariant()}</th><td>{n}</td></tr>");
            }
        }

        sb.Append("</table>");
        var alerts = Alerts(profile);
        sb.Append(CultureInfo.InvariantCulture, $"<h2>Alerts ({alerts.Count})</h2>");
        foreach (var a in alerts)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"alert\"><b>{H(a.Column)}</b> {a.Kind.Replace('_', ' ')}: {H(a.Message)}</div>");
        }

        sb.Append("<h2>Columns</h2>");
        foreach (var c in profile.Columns)
        {
            Column(sb, c);
        }

        sb.Append("</body></html>");
        return sb.ToString();
    }

    private static void Column(StringBuilder sb, ColumnProfile c)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"col\"><h3>{H(c.Name)} <small>{c.Family.ToString().ToLowerInvariant()} · {H(c.PhysicalType)}</small></h3><table>");
        Row(sb, "rows", c.RowCount.ToString("N0", CultureInfo.InvariantCulture));
        Row(sb, "missing (null or NaN)", $"{c.NullCount + c.NaNCount:N0} ({c.MissingRate:P1})");
        Row(sb, "distinct", c.DistinctCount.ToString("N0", CultureInfo.InvariantCulture) + (c.DistinctRelativeError > 0 ? $" (±{c.DistinctRelativeError:P2})" : ""));
        if (c.Family is ProfileFamily.Numeric or ProfileFamily.Timestamp)
        {
            string F(double? x) => x is { } v ? (c.Family == ProfileFamily.Timestamp && double.IsFinite(v) ? c.FormatNumber(v) : v.ToString("G6", CultureInfo.InvariantCulture)) : "n/a";
            string Exact(Int128? x, double? otherwise) => x is { } v ? c.FormatInteger(v) : F(otherwise);
            Row(sb, "min / max", $"{Exact(c.IntegerMin, c.Min)} / {Exact(c.IntegerMax, c.Max)}");
            if (c.Family == ProfileFamily.Numeric)
            {
                Row(sb, "mean ± stdev", $"{F(c.Mean)} ± {F(c.StandardDeviation)}");
                Row(sb, "zeros / negatives / infinite", $"{c.ZeroCount:N0} / {c.NegativeCount:N0} / {c.InfinityCount:N0}");
            }

            Row(sb, "quantiles 5 / 25 / 50 / 75 / 95 %", $"{F(c.Quantile(0.05))} / {F(c.Quantile(0.25))} / {F(c.Quantile(0.5))} / {F(c.Quantile(0.75))} / {F(c.Quantile(0.95))}" + (c.QuantileRankError > 0 ? $" (rank error ≤ {c.QuantileRankError:P2})" : " (exact)"));
            sb.Append("</table>");
            if (c.EqualWidthHistogram() is { } h)
            {
                HistogramSvg(sb, h, F);
            }
        }
        else
        {
            if (c.Family is ProfileFamily.String or ProfileFamily.Binary or ProfileFamily.List)
            {
                var unit = c.Family switch { ProfileFamily.Binary => " (bytes)", ProfileFamily.List => " (elements)", _ => "" };
                Row(sb, $"length{unit} min / mean / max", $"{c.MinLength?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} / {c.MeanLength?.ToString("0.#", CultureInfo.InvariantCulture) ?? "n/a"} / {c.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}");
                Row(sb, c.Family switch { ProfileFamily.Binary => "empty values", ProfileFamily.List => "empty lists", _ => "empty strings" }, c.EmptyCount.ToString("N0", CultureInfo.InvariantCulture));
            }

            if (c.Elements is { } e)
            {
                var range = e.Family is ProfileFamily.Numeric or ProfileFamily.Timestamp && e.Min is { } lo && e.Max is { } hi
                    ? $", min {(e.Family == ProfileFamily.Timestamp ? e.FormatNumber(lo) : lo.ToString("G6", CultureInfo.InvariantCulture))}, max {(e.Family == ProfileFamily.Timestamp ? e.FormatNumber(hi) : hi.ToString("G6", CultureInfo.InvariantCulture))}"
                    : "";
                Row(sb, $"elements ({e.Kind.ToString().ToLowerInvariant()})", $"{e.RowCount:N0}, {e.NullCount:N0} null, {e.DistinctCount:N0} distinct{range}");
            }

            if (c.Family == ProfileFamily.Nested)
            {
                Row(sb, "fields", "profiled as columns of their own (name.field)");
            }

            sb.Append("</table>");
        }

        TopValuesSvg(sb, c);
        sb.Append("</div>");
    }

    private static void HistogramSvg(StringBuilder sb, Histogram h, Func<double?, string> format)
    {
        const int width = 420, height = 120;
        var max = Math.Max(1, h.Counts.Max());
        var barWidth = (double)width / h.Counts.Count;
        sb.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}\" height=\"{height + 18}\" role=\"img\" aria-label=\"histogram\">");
        for (var i = 0; i < h.Counts.Count; i++)
        {
            var bar = height * h.Counts[i] / (double)max;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * barWidth:0.##}\" y=\"{height - bar:0.##}\" width=\"{Math.Max(1, barWidth - 1):0.##}\" height=\"{bar:0.##}\" fill=\"#4a78c2\"><title>{H(format(h.Edges[i]))} – {H(format(h.Edges[i + 1]))}: {h.Counts[i]:N0}</title></rect>");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{height + 14}\" font-size=\"11\">{H(format(h.Edges[0]))}</text><text x=\"{width}\" y=\"{height + 14}\" font-size=\"11\" text-anchor=\"end\">{H(format(h.Edges[^1]))}</text></svg>");
    }

    private static void TopValuesSvg(StringBuilder sb, ColumnProfile c)
    {
        var top = c.TopValues(10);
        if (top.Count == 0)
        {
            return;
        }

        const int width = 420, row = 16;
        var max = Math.Max(1, top.Max(t => t.Count));
        var values = Math.Max(1, c.ValueCount - c.InfinityCount);
        sb.Append(CultureInfo.InvariantCulture, $"<p>Most frequent values{(c.TopValuesErrorBound > 0 ? $" (counts may be up to {c.TopValuesErrorBound:N0} low)" : "")}:</p><svg width=\"{width + 260}\" height=\"{top.Count * row}\" role=\"img\" aria-label=\"top values\">");
        for (var i = 0; i < top.Count; i++)
        {
            var label = top[i].Value.Length > 30 ? top[i].Value[..29] + "…" : top[i].Value;
            var bar = 240.0 * top[i].Count / max;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{(i * row) + 12}\" font-size=\"12\">{H(label.Length == 0 ? "(empty)" : label)}</text><rect x=\"180\" y=\"{(i * row) + 2}\" width=\"{bar:0.##}\" height=\"{row - 4}\" fill=\"#6aa86a\"/><text x=\"{185 + bar:0.##}\" y=\"{(i * row) + 12}\" font-size=\"11\">{top[i].Count:N0} ({(double)top[i].Count / values:P1})</text>");
        }

        sb.Append("</svg>");
    }

    private static void Row(StringBuilder sb, string name, string value) => sb.Append("<tr><th>").Append(H(name)).Append("</th><td>").Append(H(value)).Append("</td></tr>");

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
