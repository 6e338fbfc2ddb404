using System.Globalization;
using System.Net;
using System.Text;
using Expectations.Profiling;

namespace Expectations;

/// <summary>An alert about a column that a person should look at.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Kind">Short name: many_missing, constant, all_unique (exact count), nearly_unique (approximate count), high_cardinality, likely_leakage_key, skewed, many_zeros, infinite_values.</param>
/// <param name="Message">What was seen.</param>
public sealed record ProfileAlert(string Column, string Kind, string Message);

/// <summary>Renders a <see cref="DatasetProfile"/> as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources.</summary>
public static class ProfileHtml
{
    internal const string Css = "body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}"
        + ".bad{color:#b00020;font-weight:bold}.good{color:#1b7a1b;font-weight:bold}.col{border:1px solid #ddd;border-radius:6px;padding:1em;margin:1em 0}"
        + "svg{background:#fafafa}.tails{color:#555;font-size:12px;margin:2px 0 8px}.alert{background:#fff4e5;border-left:4px solid #f0a000;padding:4px 8px;margin:2px 0}";

    /// <summary>The Content-Security-Policy of every profile and drift page: nothing loads, nothing runs, inline styles apply.</summary>
    internal const string Csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />";

    /// <summary>
    /// The alerts for a profile: many missing (≥ 20 %), constant, all unique (only from an exact distinct count; nearly unique
    /// otherwise), high cardinality, likely leakage key (see <see cref="LeakageKeys.Reason"/>), skewed, many zeros (≥ 50 %),
    /// infinite values.
    /// </summary>
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

            if (LeakageKeys.Reason(c) is { } reason)
            {
                alerts.Add(new(c.Name, "likely_leakage_key", reason));
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
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">").Append(Csp).Append("<title>Profile of ").Append(H(profile.Source)).Append("</title><style>").Append(Css).Append("</style></head><body>");
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
            // Integer and timestamp values exact (IDs keep every digit, timestamps ISO-8601), fractions rounded, never an exponent.
            string Q(double q) => ReadableValues.Value(c, c.Quantile(q), c.IntegerQuantile(q));
            Row(sb, "min / max", $"{ReadableValues.Value(c, c.Min, c.IntegerMin)} / {ReadableValues.Value(c, c.Max, c.IntegerMax)}");
            if (c.Family == ProfileFamily.Numeric)
            {
                Row(sb, "mean ± stdev", $"{ReadableValues.Number(c.Mean)} ± {ReadableValues.Number(c.StandardDeviation)}");
                Row(sb, "zeros / negatives / infinite", $"{c.ZeroCount:N0} / {c.NegativeCount:N0} / {c.InfinityCount:N0}");
            }

            Row(sb, "quantiles 1 / 5 / 25 / 50 / 75 / 95 / 99 %", $"{Q(0.01)} / {Q(0.05)} / {Q(0.25)} / {Q(0.5)} / {Q(0.75)} / {Q(0.95)} / {Q(0.99)}" + (c.QuantileRankError > 0 ? $" (rank error ≤ {c.QuantileRankError:P2})" : " (exact)"));
            sb.Append("</table>");
            if (ReadableHistogram.Of(c) is { } h)
            {
                HistogramSvg(sb, c, h);
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
                var range = e.Family is ProfileFamily.Numeric or ProfileFamily.Timestamp && e.Min is not null && e.Max is not null
                    ? $", min {ReadableValues.Value(e, e.Min, e.IntegerMin)}, max {ReadableValues.Value(e, e.Max, e.IntegerMax)}"
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

    /// <summary>
    /// The histogram as inline SVG: the body's equal-width bins in blue, each tail bin apart in orange behind a gap, every
    /// bar with a title (range: count), the axis ends and the tails' ranges as text, and a line under it saying what the
    /// tails hold.
    /// </summary>
    private static void HistogramSvg(StringBuilder sb, ColumnProfile c, ReadableHistogram h)
    {
        const int bodyWidth = 420, tailWidth = 36, gap = 22, height = 120;
        var bins = h.Bins(c);
        var body = bins.Where(b => b.Place == BinPlace.Body).ToList();
        var below = bins.FirstOrDefault(b => b.Place == BinPlace.Below);
        var above = bins.FirstOrDefault(b => b.Place == BinPlace.Above);
        var left = below is null ? 0 : tailWidth + gap;
        var width = left + bodyWidth + (above is null ? 0 : gap + tailWidth);
        var max = Math.Max(1, bins.Max(b => b.Count));
        var span = TimeSpan.FromTicks((long)Math.Clamp(h.Edges[^1] - h.Edges[0], 0, TimeSpan.MaxValue.Ticks));
        var id = "h" + Math.Abs(StringComparer.Ordinal.GetHashCode(c.Name) % 1_000_000).ToString(CultureInfo.InvariantCulture);
        var tails = string.Join("; ", new[] { below, above }.Where(b => b is not null).Select(b => $"{b!.Count:N0} value{(b.Count == 1 ? "" : "s")} {b.Label}"));
        sb.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}\" height=\"{height + 34}\" viewBox=\"0 0 {width} {height + 34}\" role=\"img\" aria-labelledby=\"{id}t {id}d\" class=\"histogram\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}t\">Histogram of {H(c.Name)}</title><desc id=\"{id}d\">{body.Count} equal-width bins from {H(h.Format(h.Edges[0], span))} to {H(h.Format(h.Edges[^1], span))}{(tails.Length > 0 ? "; drawn apart: " + H(tails) : "")}</desc>");
        void Bar(double x, double w, ReadableBin b, string fill)
        {
            // A tail of a few values stays visible: at least 6 units high, its count written above it.
            var bar = b.Count == 0 ? 0 : Math.Max(b.Place == BinPlace.Body ? 1 : 6, height * b.Count / (double)max);
            if (b.Place != BinPlace.Body)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (w / 2):0.##}\" y=\"{Math.Max(10, height - bar - 3):0.##}\" font-size=\"11\" text-anchor=\"middle\">{b.Count:N0}</text>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{height - bar:0.##}\" width=\"{Math.Max(1, w - 1):0.##}\" height=\"{bar:0.##}\" fill=\"{fill}\"><title>{H(b.Label)}: {b.Count:N0}</title></rect>");
        }

        var barWidth = (double)bodyWidth / Math.Max(1, body.Count);
        for (var i = 0; i < body.Count; i++)
        {
            Bar(left + (i * barWidth), barWidth, body[i], "#4a78c2");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height + 14}\" font-size=\"11\">{H(h.Format(h.Edges[0], span))}</text><text x=\"{left + bodyWidth}\" y=\"{height + 14}\" font-size=\"11\" text-anchor=\"end\">{H(h.Format(h.Edges[^1], span))}</text>");
        if (below is not null)
        {
            Bar(0, tailWidth, below, "#e08a1e");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{tailWidth + (gap / 2)}\" y=\"{height - 4}\" font-size=\"14\" text-anchor=\"middle\">⋯</text><text x=\"0\" y=\"{height + 28}\" font-size=\"11\">from {H(h.Format(below.Lower, span))}: {below.Count:N0}</text>");
        }

        if (above is not null)
        {
            var x = left + bodyWidth + gap;
            Bar(x, tailWidth, above, "#e08a1e");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x - (gap / 2)}\" y=\"{height - 4}\" font-size=\"14\" text-anchor=\"middle\">⋯</text><text x=\"{width}\" y=\"{height + 28}\" font-size=\"11\" text-anchor=\"end\">to {H(h.Format(above.Upper, span))}: {above.Count:N0}</text>");
        }

        sb.Append("</svg>");
        if (tails.Length > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"tails\">The bars cover the 1st to 99th percentile in equal widths; outside them, drawn apart in orange: {H(tails)}.</p>");
        }
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
        sb.Append(CultureInfo.InvariantCulture, $"<p>Most frequent values{(c.TopValuesErrorBound > 0 ? $" (counts may be up to {c.TopValuesErrorBound:N0} low)" : "")}:</p><svg width=\"{width + 260}\" height=\"{top.Count * row}\" role=\"img\" aria-label=\"most frequent values of {H(c.Name)}\" class=\"top-values\">");
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
