using System.Globalization;
using System.Text;
using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>One-line, human descriptions of results, shared by exceptions and renderers.</summary>
public static class FailureText
{

    /// <summary>Describes a result: type, column, severity, counts, observed value and a few unexpected values with rows.</summary>
    public static string Describe(ExpectationResult result, int maxSamples = 5)
    {
        ArgumentNullException.ThrowIfNull(result);
        var e = result.Expectation;
        var sb = new StringBuilder();
        sb.Append(e.Type);
        if (e.ColumnName is { } col)
        {
            sb.Append(" [").Append(col).Append(']');
        }

        if (e.Severity != Severity.Error)
        {
            sb.Append(" (").Append(e.Severity.ToString().ToLowerInvariant()).Append(')');
        }

        sb.Append(": ").Append(Summary(result, maxSamples));
        return sb.ToString();
    }

    /// <summary>What happened, without the expectation's name: counts, observed value, samples or the error.</summary>
    public static string Summary(ExpectationResult result, int maxSamples = 5)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ExceptionInfo is { } ex)
        {
            return "error: " + ex.ExceptionMessage;
        }

        var r = result.Result;
        var parts = new List<string>();
        if (UnexpectedOfNonMissing(r) is { } counts)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{counts} values unexpected ({r.UnexpectedPercent ?? 0:0.##}%)"));
        }

        if (r.ObservedValue is { } observed)
        {
            parts.Add("observed " + Compact(observed) + Expected(result));
        }

        if (MlFacts(result) is { } facts)
        {
            parts.Add(facts);
        }

        var samples = r.PartialUnexpectedList ?? r.UnexpectedList;
        var indices = r.PartialUnexpectedIndexList ?? r.UnexpectedIndexList;
        if (samples is { Count: > 0 })
        {
            var shown = samples.Take(maxSamples).Select((v, i) => indices is not null && i < indices.Count ? $"{Compact(v)} (row {indices[i]})" : Compact(v));
            parts.Add("e.g. " + string.Join(", ", shown) + (samples.Count > maxSamples ? ", …" : ""));
        }

        if (parts.Count == 0)
        {
            parts.Add(result.Success ? "passed" : "failed");
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// What the ML checks' details say that a person acts on, in one sentence: the time ranges and the other side's rows,
    /// the leaked keys with their rows on both sides, near-duplicate pairs (texts shortened) and clusters, stale groups,
    /// the confusion matrix and agreement band, the value proportions out of bounds, groups with conflicting labels, or why a
    /// statistic is undefined. Null for other expectations. The tables behind these facts are <see cref="Reporting.MlDetailTables"/>.
    /// </summary>
    internal static string? MlFacts(ExpectationResult result)
    {
        if (result.Result.Details is not { ValueKind: JsonValueKind.Object } d)
        {
            return null;
        }

        try
        {
            return MlFacts(result, d);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            // Details of another shape (built by hand, or by another engine): no sentence rather than no report.
            return null;
        }
    }

    private static string? MlFacts(ExpectationResult result, JsonElement d)
    {

        var inv = CultureInfo.InvariantCulture;
        string Text(string name) => d.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()) : "none";
        static string Short(string? text, int length = 40) => text is null ? "" : Reporting.MlDetailTables.Shorten(Reporting.MlDetailTables.Line(text), length);
        var note = d.TryGetProperty("note", out var n) ? "; " + n.GetString() : "";
        switch (result.Expectation.Type)
        {
            case TableTimeRangeToPrecedeOtherTable.TypeName:
                var early = d.GetProperty("other_unexpected_count").GetInt64();
                var firstEarly = d.GetProperty("other_partial_unexpected_list").EnumerateArray().Take(3).Select(x => $"row {x.GetProperty("row").GetInt64()}");
                return $"this table ends {Text("max")}, '{Text("other_table")}' begins {Text("other_min")}: gap {Text("actual_gap")}, required {Text("required_gap")}"
                    + (early > 0 ? string.Create(inv, $"; {early:N0} rows there too early ({string.Join(", ", firstEarly)})") : "") + note;
            case ColumnValuesToNotBeInOtherTable.TypeName:
                var keys = d.GetProperty("leaked_keys").EnumerateArray().Take(3).Select(k => string.Create(inv,
                    $"{Compact(k.GetProperty("key"))} ({k.GetProperty("rows").GetInt64():N0} here from row {k.GetProperty("first_row").GetInt64()}, {k.GetProperty("other_rows").GetInt64():N0} there from row {k.GetProperty("other_first_row").GetInt64()})")).ToList();
                return keys.Count == 0 ? null : string.Create(inv, $"{d.GetProperty("leaked_key_count").GetInt64():N0} keys also in '{Text("other_table")}': {string.Join(", ", keys)}");
            case ColumnValuesToNotHaveNearDuplicatesInOtherTable.TypeName:
                var pairs = d.GetProperty("pairs").EnumerateArray().Take(2).Select(p => string.Create(inv,
                    $"row {p.GetProperty("row").GetInt64()} ≈ row {p.GetProperty("other_row").GetInt64()} there (Jaccard {p.GetProperty("jaccard").GetDouble():0.###}): \"{Short(p.GetProperty("text").GetString())}\" / \"{Short(p.GetProperty("other_text").GetString())}\"")).ToList();
                return string.Create(inv, $"expected recall {d.GetProperty("expected_recall").GetDouble():0.####} at Jaccard {d.GetProperty("threshold").GetDouble()}") + (pairs.Count > 0 ? "; " + string.Join("; ", pairs) : "");
            case ColumnValuesToNotHaveNearDuplicates.TypeName:
                var clusters = d.GetProperty("clusters").EnumerateArray().Take(3).Select(c => string.Create(inv,
                    $"rows {string.Join(", ", c.GetProperty("rows").EnumerateArray().Take(5).Select(x => x.GetInt64()))} (Jaccard {c.GetProperty("min_jaccard").GetDouble():0.###}–{c.GetProperty("max_jaccard").GetDouble():0.###}): \"{Short(c.GetProperty("texts")[0].GetString())}\"")).ToList();
                return clusters.Count == 0 ? null : string.Create(inv, $"{d.GetProperty("cluster_count").GetInt64():N0} clusters: {string.Join("; ", clusters)}");
            case ColumnMaxToBeRecent.TypeName:
                var stale = d.TryGetProperty("stale_groups", out var groups)
                    ? groups.EnumerateArray().Take(3).Select(g => $"{Compact(g.GetProperty("group"))} (last {g.GetProperty("max").GetString()})").ToList()
                    : [];
                return $"newest {Text("max")} as of {Text("as_of")}, max age {Text("max_age")}"
                    + (stale.Count > 0 ? string.Create(inv, $"; {d.GetProperty("stale_group_count").GetInt64():N0} stale groups: {string.Join(", ", stale)}") : "") + note;
            case ColumnPairCohensKappaToBeBetween.TypeName:
                return $"categories {Text("categories")}, confusion matrix {Text("confusion_matrix")} (rows: {result.Expectation.CheckedColumns[0]})"
                    + (d.TryGetProperty("band", out var band) ? $"; {band.GetString()}" : "") + note;
            case ColumnValueProportionsToBeBetween.TypeName:
                var outside = d.TryGetProperty("out_of_bounds", out var oob) && oob.ValueKind == JsonValueKind.Array ? oob.EnumerateArray().ToList() : [];
                static double? End(JsonElement v, string name) => v.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.Number ? x.GetDouble() : null;
                return outside.Count == 0 ? null : string.Create(inv, $"{outside.Count:N0} out of bounds: ") + string.Join(", ", outside.Take(3).Select(v =>
                    $"{Compact(v.GetProperty("value"))} {Readable(v.GetProperty("proportion"))} (bounds {Reporting.MlDetailTables.Range(End(v, "min"), End(v, "max"))})")) + (outside.Count > 3 ? ", …" : "");
            case Reporting.MlDetailTables.DetermineColumnType:
                var conflicts = d.TryGetProperty("conflicting_groups", out var cg) && cg.ValueKind == JsonValueKind.Array ? cg.EnumerateArray().Take(2).Select(g => string.Create(inv,
                    $"{Compact(g.GetProperty("key"))} → {string.Join(" / ", g.GetProperty("labels").EnumerateArray().Take(3).Select(l => $"{Compact(l.GetProperty("value"))} ×{l.GetProperty("rows").GetInt64():N0}"))}")).ToList() : [];
                return conflicts.Count == 0 ? null : string.Create(inv, $"{d.GetProperty("conflicting_group_count").GetInt64():N0} groups with conflicting labels: {string.Join("; ", conflicts)}");
            case MulticolumnFleissKappaToBeBetween.TypeName or MulticolumnKrippendorffAlphaToBeBetween.TypeName:
                return (d.TryGetProperty("band", out var b) ? b.GetString() : null) is { } text ? text + note : note.Length > 0 ? note[2..] : null;
            default:
                return null;
        }
    }

    /// <summary>"n of m" for a row-level result (m: the non-missing values), or null for results without unexpected counts.</summary>
    internal static string? UnexpectedOfNonMissing(ResultDetails r) => r.UnexpectedCount is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"{n:N0} of {(r.ElementCount ?? 0) - (r.MissingCount ?? 0):N0}")
        : null;

    /// <summary>
    /// What the result was held to: for an anomaly expectation the interval its strategy allowed, e.g.
    /// " (expected 77 to 165 by relative_change over 2 runs)" or " (not enough history (0 of 1 runs))"; else
    /// <see cref="Expected(Expectation)"/>.
    /// </summary>
    internal static string Expected(ExpectationResult result)
    {
        if (result.Expectation is not IAnomalyExpectation || result.Result.Details is not { ValueKind: JsonValueKind.Object } d
            || !d.TryGetProperty("strategy", out var strategy))
        {
            return Expected(result.Expectation);
        }

        if (d.TryGetProperty("reason", out var reason))
        {
            return " (" + reason.GetString() + ")";
        }

        static string End(JsonElement d, string name, string unbounded) =>
            d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? Readable(v) : unbounded;
        var runs = d.TryGetProperty("history_length", out var n) ? n.GetRawText() : "?";
        return $" (expected {End(d, "lower_bound", "−∞")} to {End(d, "upper_bound", "+∞")} by {strategy.GetString()} over {runs} runs)";
    }

    /// <summary>The bounds or value an aggregate was held to, e.g. " (expected min_value 0, max_value 100000)".</summary>
    internal static string Expected(Expectation expectation)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            SuiteJson.WriteExpectation(writer, expectation);
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        var kwargs = doc.RootElement.GetProperty("kwargs");
        var shown = new List<string>();
        foreach (var name in (string[])["min_value", "max_value", "value", "value_set", "column_set", "column_list", "quantile_ranges", "threshold"])
        {
            if (kwargs.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
            {
                shown.Add(name + " " + Compact(v));
            }
        }

        return shown.Count == 0 ? "" : " (expected " + string.Join(", ", shown) + ")";
    }

    /// <summary>
    /// A number for a person: integers as written (IDs keep every digit); fractions rounded, 2,613.4679602888086 → 2,613.47,
    /// 0.50109248 → 0.5011, 2.101E-13 → 2.1E-13. Exact values stay in the JSON report.
    /// </summary>
    internal static string Readable(JsonElement number)
    {
        var raw = number.GetRawText();
        if (raw.IndexOfAny(['.', 'e', 'E']) < 0 || !number.TryGetDouble(out var x) || !double.IsFinite(x) || (Math.Abs(x) >= 1e15 && x == Math.Floor(x)))
        {
            return raw;
        }

        return ScalarFormatting.Rounded(x, group: true, static v => v.ToString("G2", CultureInfo.InvariantCulture));
    }

    /// <summary>A JSON value in one short line.</summary>
    public static string Compact(JsonElement value)
    {
        // Relaxed escaping: "Zürich" and "<b>" stay readable; quotes, backslashes and control characters are still escaped.
        var text = value.ValueKind switch
        {
            JsonValueKind.String => JsonStrings.Quote(value.GetString(), readable: true),
            JsonValueKind.Number => Readable(value),
            _ => value.GetRawText(),
        };
        text = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        return text.Length > 80 ? text[..77] + "…" : text;
    }
}
