using System.Globalization;
using System.Net;
using System.Text;

namespace Expectations.Drift;

/// <summary>
/// The drift report's charts, inline SVG: per column the baseline's and the current data's distributions overlaid on the
/// same bins, as shares of each side's values (the two sides may differ in size). Numeric and timestamp columns: the
/// baseline's histogram (equal-width bins over its 1st–99th percentile, tails apart) with the baseline as wide pale bars
/// and the current data as narrow dark bars in each bin; categorical columns: paired horizontal bars per category. Each
/// chart has a title and a description, a legend in text, and every bin a title with both shares and counts.
/// </summary>
internal static class DriftCharts
{
    /// <summary>Extra styles of the drift page.</summary>
    public const string Css = "details.quiet{border:1px solid #ddd;border-radius:6px;padding:0 1em;margin:1em 0}details.quiet>summary{cursor:pointer;padding:.6em 0;font-weight:bold}"
        + ".note{color:#555;font-size:12px}";

    private const string BaselineFill = "#9db9e8";
    private const string CurrentFill = "#d9480f";

    /// <summary>A stable id for a column's elements (letters and digits of its name, then a hash).</summary>
    public static string Id(string column)
    {
        var letters = new string([.. column.Where(char.IsAsciiLetterOrDigit).Take(24)]);
        var hash = 17u;
        foreach (var ch in column)
        {
            hash = unchecked((hash * 31) + ch);
        }

        return $"{letters}-{hash % 100000:00000}";
    }

    /// <summary>Appends the chart of one column.</summary>
    public static void Svg(StringBuilder sb, string column, DriftDistribution d)
    {
        if (d.Bins.Count == 0)
        {
            return;
        }

        if (d.IsHistogram)
        {
            Histogram(sb, column, d);
        }
        else
        {
            Categories(sb, column, d);
        }
    }

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    private static string BinTitle(DriftBin b, long bt, long ct) =>
        $"{b.Label}: baseline {Percent(Share(b.BaselineCount, bt))} ({b.BaselineCount:N0}), current {Percent(Share(b.CurrentCount, ct))} ({b.CurrentCount:N0})";

    private static void Open(StringBuilder sb, string column, string kind, int width, int height, DriftDistribution d, string desc)
    {
        var id = "c-" + Id(column);
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"drift-chart\" data-column=\"{H(column)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{H(kind)} of {H(column)}: baseline and current data</title><desc id=\"{id}-d\">{H(desc)}</desc>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"2\" width=\"10\" height=\"10\" fill=\"{BaselineFill}\"/><text x=\"14\" y=\"11\" font-size=\"11\">baseline ({d.BaselineTotal:N0} values)</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"170\" y=\"2\" width=\"10\" height=\"10\" fill=\"{CurrentFill}\"/><text x=\"184\" y=\"11\" font-size=\"11\">current ({d.CurrentTotal:N0} values)</text>");
    }

    private static void Histogram(StringBuilder sb, string column, DriftDistribution d)
    {
        const int bodyWidth = 480, tailWidth = 30, gap = 20, top = 20, plot = 120;
        var bins = d.Bins;
        var (bt, ct) = (d.BaselineTotal, d.CurrentTotal);
        var below = bins[0].IsTail ? bins[0] : null;
        var above = bins[^1].IsTail ? bins[^1] : null;
        var body = bins.Where(b => !b.IsTail).ToList();
        var left = below is null ? 0 : tailWidth + gap;
        var width = Math.Max(340, left + bodyWidth + (above is null ? 0 : gap + tailWidth));
        var max = Math.Max(1e-12, bins.Max(b => Math.Max(Share(b.BaselineCount, bt), Share(b.CurrentCount, ct))));
        var height = top + plot + 34;
        var tails = string.Join("; ", new[] { below, above }.Where(b => b is not null).Select(b => BinTitle(b!, bt, ct)));
        var desc = body.Count == 0 ? "no bins"
            : $"{body.Count} bins of the baseline from {FirstOf(body[0].Label)} to {LastOf(body[^1].Label)}, shares of each side's values"
              + (tails.Length > 0 ? $"; drawn apart: {tails}" : "");
        Open(sb, column, "Histogram", width, height, d, desc);

        void Pair(double x, double w, DriftBin b)
        {
            double Bar(long count, long total) => count == 0 ? 0 : Math.Max(1.5, plot * Share(count, total) / max);
            var (hb, hc) = (Bar(b.BaselineCount, bt), Bar(b.CurrentCount, ct));
            sb.Append(CultureInfo.InvariantCulture, $"<g><title>{H(BinTitle(b, bt, ct))}</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"baseline\" x=\"{x:0.##}\" y=\"{top + plot - hb:0.##}\" width=\"{Math.Max(1, w - 1):0.##}\" height=\"{hb:0.##}\" fill=\"{BaselineFill}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"current\" x=\"{x + (w * 0.3):0.##}\" y=\"{top + plot - hc:0.##}\" width=\"{Math.Max(1, (w * 0.4) - 0.5):0.##}\" height=\"{hc:0.##}\" fill=\"{CurrentFill}\" fill-opacity=\"0.85\"/></g>");
        }

        var step = (double)bodyWidth / Math.Max(1, body.Count);
        for (var i = 0; i < body.Count; i++)
        {
            Pair(left + (i * step), step, body[i]);
        }

        var axis = top + plot + 14;
        if (body.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{axis}\" font-size=\"11\">{H(FirstOf(body[0].Label))}</text><text x=\"{left + bodyWidth}\" y=\"{axis}\" font-size=\"11\" text-anchor=\"end\">{H(LastOf(body[^1].Label))}</text>");
        }

        if (below is not null)
        {
            Pair(0, tailWidth, below);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{tailWidth + (gap / 2)}\" y=\"{top + plot - 4}\" font-size=\"14\" text-anchor=\"middle\">⋯</text><text x=\"0\" y=\"{axis + 14}\" font-size=\"11\">{H(below.Label)}</text>");
        }

        if (above is not null)
        {
            var x = left + bodyWidth + gap;
            Pair(x, tailWidth, above);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x - (gap / 2)}\" y=\"{top + plot - 4}\" font-size=\"14\" text-anchor=\"middle\">⋯</text><text x=\"{width}\" y=\"{axis + 14}\" font-size=\"11\" text-anchor=\"end\">{H(above.Label)}</text>");
        }

        sb.Append("</svg>");
        if (tails.Length > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Bins cover the baseline's 1st to 99th percentile in equal widths; drawn apart: {H(tails)}.</p>");
        }
    }

    private static void Categories(StringBuilder sb, string column, DriftDistribution d)
    {
        const int labelWidth = 170, barWidth = 300, row = 26, top = 20;
        var (bt, ct) = (d.BaselineTotal, d.CurrentTotal);
        var max = Math.Max(1e-12, d.Bins.Max(b => Math.Max(Share(b.BaselineCount, bt), Share(b.CurrentCount, ct))));
        var width = labelWidth + barWidth + 130;
        var height = top + (d.Bins.Count * row) + 4;
        Open(sb, column, "Categories", width, height, d, $"{d.Bins.Count} categories, most frequent in the baseline first; for each its share of the baseline's and of the current data's values");
        for (var i = 0; i < d.Bins.Count; i++)
        {
            var b = d.Bins[i];
            var y = top + (i * row);
            var (sbp, scp) = (Share(b.BaselineCount, bt), Share(b.CurrentCount, ct));
            var label = b.Label.Length > 26 ? b.Label[..25] + "…" : b.Label;
            sb.Append(CultureInfo.InvariantCulture, $"<g><title>{H(BinTitle(b, bt, ct))}</title><text x=\"0\" y=\"{y + 16}\" font-size=\"12\">{H(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"baseline\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{barWidth * sbp / max:0.##}\" height=\"10\" fill=\"{BaselineFill}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"current\" x=\"{labelWidth}\" y=\"{y + 13}\" width=\"{barWidth * scp / max:0.##}\" height=\"10\" fill=\"{CurrentFill}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + (barWidth * Math.Max(sbp, scp) / max) + 6:0.##}\" y=\"{y + 16}\" font-size=\"11\">{Percent(sbp)} → {Percent(scp)}</text></g>");
        }

        sb.Append("</svg>");
    }

    /// <summary>The lower end of a body bin's label ("a – b" or "a–b" or "a").</summary>
    private static string FirstOf(string label) => label.Split([" – ", "–"], 2, StringSplitOptions.None)[0];

    /// <summary>The upper end of a body bin's label.</summary>
    private static string LastOf(string label) => label.Split([" – ", "–"], StringSplitOptions.None)[^1];

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
