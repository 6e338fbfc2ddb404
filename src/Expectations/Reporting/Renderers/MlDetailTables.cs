using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Expectations.Reporting;

/// <summary>
/// One captioned table of what an ML check found (leaked keys, near-duplicate pairs, a confusion matrix …), as plain
/// text cells: one line each, long texts already shortened. Every renderer escapes the cells for its own format.
/// </summary>
/// <param name="Caption">What the table shows, with the totals (for example "Keys also in 'test' (7 keys; …)").</param>
/// <param name="Headers">The column headers.</param>
/// <param name="Numeric">Per column, whether it holds numbers (right-aligned).</param>
/// <param name="Rows">The rows shown, each with one cell per header.</param>
/// <param name="More">What was left out, e.g. "5 more keys not shown", or null when everything is shown.</param>
internal sealed record DetailTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<bool> Numeric, IReadOnlyList<IReadOnlyList<string>> Rows, string? More);

/// <summary>
/// The one reading of the ML checks' <c>details</c> (the shapes their evaluators write) into <see cref="DetailTable"/>s,
/// shared by the text, Markdown, HTML and JUnit renderers so no renderer parses the JSON itself. Only unsuccessful
/// results get tables (a passing check adds no noise; its JSON details stay in the report), and tables without rows are
/// not made. Details that do not have the expected shape (a report
/// read from elsewhere) give fewer tables, never an exception.
/// </summary>
internal static class MlDetailTables
{
    /// <summary>The wire name of the label-consistency check (its details: <c>conflicting_group_count</c>, <c>conflicting_groups</c>).</summary>
    public const string DetermineColumnType = "expect_multicolumn_values_to_determine_column";

    /// <summary>Texts from the data (near-duplicates) are cut to this many characters (text elements) with "…".</summary>
    public const int MaxTextLength = 60;

    /// <summary>Keys, group values and labels are cut to this many characters.</summary>
    public const int MaxValueLength = 40;

    /// <summary>A confusion matrix shows at most this many categories (rows and columns).</summary>
    public const int MaxCategories = 12;

    // Row indices listed in one cell (a near-duplicate cluster's rows), and labels in one cell (a conflicting group).
    private const int MaxListed = 8;

    /// <summary>
    /// The tables for an unsuccessful <paramref name="result"/>, each with at most <paramref name="maxRows"/> rows; empty for a
    /// passing or raised result and for other expectations.
    /// </summary>
    public static IReadOnlyList<DetailTable> For(ExpectationResult result, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(result);
        maxRows = Math.Max(1, maxRows);
        if (result.Success || result.ExceptionInfo is not null)
        {
            return [];
        }

        var d = result.Result.Details is { ValueKind: JsonValueKind.Object } details ? details : default;
        var tables = new List<DetailTable>();
        try
        {
            switch (result.Expectation)
            {
                case TableTimeRangeToPrecedeOtherTable e when d.ValueKind == JsonValueKind.Object:
                    TimeRange(tables, e, d, maxRows);
                    break;
                case ColumnValuesToNotBeInOtherTable e when d.ValueKind == JsonValueKind.Object:
                    LeakedKeys(tables, e, d, maxRows);
                    break;
                case ColumnValuesToNotHaveNearDuplicatesInOtherTable e when d.ValueKind == JsonValueKind.Object:
                    NearPairs(tables, e, d, maxRows);
                    break;
                case ColumnValuesToNotHaveNearDuplicates e when d.ValueKind == JsonValueKind.Object:
                    NearClusters(tables, e, d, maxRows);
                    break;
                case ColumnMaxToBeRecent e when d.ValueKind == JsonValueKind.Object:
                    StaleGroups(tables, e, d, maxRows);
                    break;
                case ColumnPairCohensKappaToBeBetween e when d.ValueKind == JsonValueKind.Object:
                    ConfusionMatrix(tables, e, d);
                    break;
                case ColumnValueProportionsToBeBetween e:
                    Proportions(tables, e, result.Result, d, maxRows);
                    break;
                case { Type: DetermineColumnType } e when d.ValueKind == JsonValueKind.Object:
                    ConflictingGroups(tables, e, d, maxRows);
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException)
        {
            // Details of another shape (a result built by hand or by another backend): the tables read so far; the JSON report has the rest.
        }

        return tables;
    }

    private static void TimeRange(List<DetailTable> tables, TableTimeRangeToPrecedeOtherTable e, JsonElement d, int maxRows)
    {
        var other = Quoted(Str(d, "other_table") ?? e.OtherTableName);
        if (Str(d, "max") is { } max && Str(d, "other_min") is { } otherMin)
        {
            tables.Add(new DetailTable($"Time ranges of {e.TimeColumn}",
                ["Latest here", $"Earliest in {other}", "Actual gap", "Required gap"], [false, false, false, false],
                [[max, otherMin, Str(d, "actual_gap") ?? "—", Str(d, "required_gap") ?? "—"]], null));
        }

        var early = Array(d, "other_partial_unexpected_list");
        if (early.Count == 0)
        {
            return;
        }

        var total = Long(d, "other_unexpected_count") ?? early.Count;
        var rows = early.Take(maxRows).Select(x => (IReadOnlyList<string>)[RowIndex(x, "row"), Str(x, "value") ?? "—"]).ToList();
        tables.Add(new DetailTable($"Rows of {other} earlier than allowed ({Count(total, "row")})",
            [$"Row in {other}", e.TimeColumn], [true, false], rows, More(total - rows.Count, "row")));
    }

    private static void LeakedKeys(List<DetailTable> tables, ColumnValuesToNotBeInOtherTable e, JsonElement d, int maxRows)
    {
        var keys = Array(d, "leaked_keys");
        if (keys.Count == 0)
        {
            return;
        }

        var other = Quoted(Str(d, "other_table") ?? e.OtherTableName);
        var columns = e.KeyColumns.Count > 0 ? e.KeyColumns : ["key"];
        var rows = keys.Take(maxRows).Select(k =>
        {
            var cells = KeyCells(k.GetProperty("key"), columns);
            cells.Add(Number(k, "rows"));
            cells.Add(RowIndex(k, "first_row"));
            cells.Add(Number(k, "other_rows"));
            cells.Add(RowIndex(k, "other_first_row"));
            return (IReadOnlyList<string>)cells;
        }).ToList();
        var total = Long(d, "leaked_key_count") ?? keys.Count;
        var caption = $"Keys also in {other} ({Count(total, "key")}"
            + (Long(d, "other_rows_leaked") is { } there && Long(d, "other_row_count") is { } all ? Invariant($"; {there:N0} of {all:N0} rows there") : "") + ")";
        tables.Add(new DetailTable(caption, [.. columns, "Rows here", "First row here", $"Rows in {other}", $"First row in {other}"],
            [.. columns.Select(_ => false), true, true, true, true], rows, More(total - rows.Count, "key")));
    }

    private static void NearPairs(List<DetailTable> tables, ColumnValuesToNotHaveNearDuplicatesInOtherTable e, JsonElement d, int maxRows)
    {
        var pairs = Array(d, "pairs");
        if (pairs.Count == 0)
        {
            return;
        }

        var other = Quoted(Str(d, "other_table") ?? e.OtherTableName);
        var rows = pairs.Take(maxRows).Select(p =>
        {
            var (text, otherText) = TextPair(Str(p, "text"), Str(p, "other_text"));
            return (IReadOnlyList<string>)[RowIndex(p, "row"), text, RowIndex(p, "other_row"), otherText, Similarity(p, "jaccard")];
        }).ToList();
        var total = Long(d, "near_duplicate_pairs") ?? pairs.Count;
        tables.Add(new DetailTable($"Near-duplicate pairs with {other} ({Count(total, "pair")}{Recall(d)})",
            ["Row", e.Column, $"Row in {other}", $"{e.Column} in {other}", "Jaccard"], [true, false, true, false, true], rows, More(total - rows.Count, "pair")));
    }

    private static void NearClusters(List<DetailTable> tables, ColumnValuesToNotHaveNearDuplicates e, JsonElement d, int maxRows)
    {
        var clusters = Array(d, "clusters");
        if (clusters.Count == 0)
        {
            return;
        }

        var rows = clusters.Take(maxRows).Select(c =>
        {
            var size = Long(c, "size") ?? 0;
            var members = Array(c, "rows");
            var listed = string.Join(", ", members.Take(MaxListed).Select(r => r.GetInt64().ToString(CultureInfo.InvariantCulture)));
            var texts = Array(c, "texts").Select(t => t.GetString()).ToList();
            var variants = texts.Count switch
            {
                0 => "—",
                1 => "(same text after normalizing)",
                _ => Text(texts[1]) + (texts.Count > 2 ? Invariant($" (+{texts.Count - 2} more)") : ""),
            };
            var (lo, hi) = (Similarity(c, "min_jaccard"), Similarity(c, "max_jaccard"));
            return (IReadOnlyList<string>)[Invariant($"{size:N0}"), listed + (size > Math.Min(members.Count, MaxListed) ? ", …" : ""), lo == hi ? lo : lo + "–" + hi,
                texts.Count > 0 ? Text(texts[0]) : "—", variants];
        }).ToList();
        var total = Long(d, "cluster_count") ?? clusters.Count;
        tables.Add(new DetailTable($"Near-duplicate clusters in {e.Column} ({Count(total, "cluster")}{Recall(d)})",
            ["Size", "Rows", "Jaccard", "Text", "Another text"], [true, false, true, false, false], rows, More(total - rows.Count, "cluster")));
    }

    private static void StaleGroups(List<DetailTable> tables, ColumnMaxToBeRecent e, JsonElement d, int maxRows)
    {
        var stale = Array(d, "stale_groups");
        if (stale.Count == 0)
        {
            return;
        }

        var columns = e.GroupBy is { Count: > 0 } g ? (IReadOnlyList<string>)g : ["group"];
        var rows = stale.Take(maxRows).Select(s =>
        {
            var cells = KeyCells(s.GetProperty("group"), columns);
            cells.Add(Str(s, "max") ?? "—");
            cells.Add(s.TryGetProperty("age_seconds", out var age) && age.TryGetDouble(out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds
                ? Model.IsoDuration.Format(TimeSpan.FromSeconds(Math.Round(seconds)))
                : "—");
            return (IReadOnlyList<string>)cells;
        }).ToList();
        var total = Long(d, "stale_group_count") ?? stale.Count;
        var of = Long(d, "group_count") is { } groups ? Invariant($" of {groups:N0}") : "";
        tables.Add(new DetailTable($"Stale groups ({total:N0}{of}; older than {Str(d, "max_age") ?? e.MaxAge} as of {Str(d, "as_of") ?? "the run"})",
            [.. columns, "Last " + e.Column, "Age"], [.. columns.Select(_ => false), false, false], rows, More(total - rows.Count, "stale group")));
    }

    private static void ConfusionMatrix(List<DetailTable> tables, ColumnPairCohensKappaToBeBetween e, JsonElement d)
    {
        var categories = Array(d, "categories");
        var matrix = Array(d, "confusion_matrix");
        if (categories.Count == 0 || matrix.Count != categories.Count)
        {
            return;
        }

        var k = categories.Count;
        var shown = Math.Min(k, MaxCategories);
        var perClass = d.TryGetProperty("per_class_agreement", out var pc) && pc.ValueKind == JsonValueKind.Object ? pc.EnumerateObject().Select(p => p.Value).ToList() : [];
        var columnTotals = new long[k];
        var rows = new List<IReadOnlyList<string>>();
        for (var i = 0; i < k; i++)
        {
            var counts = matrix[i].EnumerateArray().Select(c => c.GetInt64()).ToList();
            for (var j = 0; j < Math.Min(k, counts.Count); j++)
            {
                columnTotals[j] += counts[j];
            }

            if (i < shown)
            {
                rows.Add([Value(categories[i]), .. counts.Take(shown).Select(c => Invariant($"{c:N0}")), Invariant($"{counts.Sum():N0}"),
                    i < perClass.Count && perClass[i].ValueKind == JsonValueKind.Number ? perClass[i].GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : "—"]);
            }
        }

        rows.Add(["Total", .. columnTotals.Take(shown).Select(c => Invariant($"{c:N0}")), Invariant($"{columnTotals.Sum():N0}"), ""]);
        var caption = new StringBuilder($"Confusion matrix: rows {e.ColumnA}, columns {e.ColumnB}");
        var facts = new List<string>();
        if (Long(d, "rated_pairs") is { } pairs)
        {
            facts.Add(Count(pairs, "rated pair") + (Long(d, "rows_left_out") is { } left ? Invariant($", {left:N0} left out for a null rating") : ""));
        }

        if (Double(d, "observed_agreement") is { } po && Double(d, "chance_agreement") is { } pe)
        {
            facts.Add(Invariant($"observed agreement {po:0.###}, chance {pe:0.###}"));
        }

        if (Str(d, "weights") is { } weights and not "none")
        {
            facts.Add(weights + " weights");
        }

        if (facts.Count > 0)
        {
            caption.Append(" (").Append(string.Join("; ", facts)).Append(')');
        }

        tables.Add(new DetailTable(caption.ToString(),
            [$"{e.ColumnA} ↓ {e.ColumnB} →", .. categories.Take(shown).Select(Value), "Total", "Per-class agreement"],
            [false, .. Enumerable.Repeat(true, shown), true, true], rows, More(k - shown, "category", "categories")));
    }

    private static void Proportions(List<DetailTable> tables, ColumnValueProportionsToBeBetween e, ResultDetails r, JsonElement d, int maxRows)
    {
        if (r.ObservedValue is not { ValueKind: JsonValueKind.Array } observed)
        {
            return;
        }

        var outside = d.ValueKind == JsonValueKind.Object ? Array(d, "out_of_bounds") : [];
        bool Outside(JsonElement value) => outside.Any(o => o.TryGetProperty("value", out var v) && JsonElement.DeepEquals(v, value));
        var perValue = e.PerValue();
        // A value that occurs is held to the common bounds and to its own (both apply: the narrower interval shows); a named
        // value that does not occur only to its own.
        string Allowed(JsonElement value, bool occurs)
        {
            double? lo = occurs && e.Bounds.MinValue is { IsNumeric: true } a ? a.AsDouble() : null;
            double? hi = occurs && e.Bounds.MaxValue is { IsNumeric: true } b ? b.AsDouble() : null;
            foreach (var (name, min, max) in perValue.Where(p => Names(p.Value, value)))
            {
                lo = min is { } m && (lo is null || m > lo) ? m : lo;
                hi = max is { } x && (hi is null || x < hi) ? x : hi;
            }

            return Range(lo, hi);
        }

        var entries = observed.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("value", out _))
            .Select(o => (Value: o.GetProperty("value"), Count: Long(o, "count"), Share: Double(o, "proportion"), Occurs: true)).ToList();

        // A value named in value_bounds that does not occur has share 0; it is listed among the values outside only.
        foreach (var o in outside)
        {
            if (o.TryGetProperty("value", out var v) && !entries.Any(x => JsonElement.DeepEquals(x.Value, v)))
            {
                entries.Add((v, 0, Double(o, "proportion") ?? 0, false));
            }
        }

        if (entries.Count == 0)
        {
            return;
        }

        // Values outside their bounds first: with many classes they are the ones to see.
        var ordered = entries.Select(x => (x.Value, x.Count, x.Share, x.Occurs, Out: Outside(x.Value))).OrderBy(x => x.Out ? 0 : 1).ToList();
        var rows = ordered.Take(maxRows).Select(x => (IReadOnlyList<string>)[Value(x.Value), x.Count is { } c ? Invariant($"{c:N0}") : "—",
            x.Share is { } s ? s.ToString("0.####", CultureInfo.InvariantCulture) : "—", Allowed(x.Value, x.Occurs), x.Out ? "no" : "yes"]).ToList();
        var outCount = ordered.Count(x => x.Out);
        tables.Add(new DetailTable($"Value proportions of {e.Column} ({Count(ordered.Count, "value")}, {outCount:N0} out of bounds)",
            [e.Column, "Count", "Proportion", "Allowed", "In bounds"], [false, true, true, false, false], rows, More(ordered.Count - rows.Count, "value")));
    }

    private static void ConflictingGroups(List<DetailTable> tables, Expectation e, JsonElement d, int maxRows)
    {
        var groups = Array(d, "conflicting_groups");
        if (groups.Count == 0)
        {
            return;
        }

        // The features are the keys' members (every group has the same); the label column is the expectation's "column".
        var features = groups.Select(g => g.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.Object ? k.EnumerateObject().Select(p => p.Name) : [])
            .SelectMany(n => n).Distinct(StringComparer.Ordinal).ToList();
        string label;
        using (var kwargs = ReportFacts.Kwargs(e))
        {
            label = kwargs.RootElement.TryGetProperty("column", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "label";
        }

        var rows = groups.Take(maxRows).Select(g =>
        {
            var cells = KeyCells(g.GetProperty("key"), features.Count > 0 ? features : ["key"]);
            cells.Add(Number(g, "rows"));
            var labels = Array(g, "labels");
            cells.Add(string.Join(", ", labels.Take(MaxListed).Select(l =>
                Invariant($"{(l.TryGetProperty("value", out var v) ? Value(v) : "—")} × {Long(l, "rows") ?? 0:N0} (first row {RowIndex(l, "first_row")})")))
                + (labels.Count > MaxListed ? Invariant($", … (+{labels.Count - MaxListed})") : ""));
            return (IReadOnlyList<string>)cells;
        }).ToList();
        var total = Long(d, "conflicting_group_count") ?? groups.Count;
        var headers = features.Count > 0 ? features : ["key"];
        tables.Add(new DetailTable($"Groups with conflicting {label} ({Count(total, "group")})",
            [.. headers, "Rows", $"{label} values (rows)"], [.. headers.Select(_ => false), true, false], rows, More(total - rows.Count, "group")));
    }

    /// <summary>One cell per key column: the members of an object key, or the one value of a single-column key.</summary>
    private static List<string> KeyCells(JsonElement key, IReadOnlyList<string> columns)
    {
        if (columns.Count > 1 || key.ValueKind == JsonValueKind.Object && columns.All(c => key.TryGetProperty(c, out _)))
        {
            return [.. columns.Select(c => key.ValueKind == JsonValueKind.Object && key.TryGetProperty(c, out var v) ? Value(v) : "—")];
        }

        return [Value(key)];
    }

    /// <summary>Whether a <c>value_bounds</c> name (JSON keys are text) names <paramref name="value"/>: its text, number or boolean.</summary>
    private static bool Names(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() == name,
        JsonValueKind.Number => double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && value.GetDouble() == x,
        JsonValueKind.True or JsonValueKind.False => bool.TryParse(name, out var b) && b == value.GetBoolean(),
        _ => false,
    };

    private static string Recall(JsonElement d) =>
        (Double(d, "threshold") is { } t ? Invariant($" at Jaccard ≥ {t:0.###}") : "")
        + (Double(d, "expected_recall") is { } r ? Invariant($"; expected recall {r:0.####}") : "");

    private static string Quoted(string name) => "'" + name + "'";

    private static string Count(long n, string noun) => ReportFacts.Plural(n, noun);

    private static string? More(long n, string noun, string? plural = null) =>
        n <= 0 ? null : Invariant($"{n:N0} more {(n == 1 ? noun : plural ?? noun + "s")} not shown");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<JsonElement> Array(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray()] : [];

    private static string? Str(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Line(v.GetString()!) : null;

    private static long? Long(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static double? Double(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string Number(JsonElement o, string name) => Long(o, name) is { } n ? Invariant($"{n:N0}") : "—";

    /// <summary>A 0-based row index as written (no digit grouping: it is an address, not an amount).</summary>
    private static string RowIndex(JsonElement o, string name) => Long(o, name) is { } n ? n.ToString(CultureInfo.InvariantCulture) : "—";

    private static string Similarity(JsonElement o, string name) => Double(o, name) is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A value from the data (key, group, category, label) as a JSON literal, shortened: strings quoted (quotes and
    /// backslashes escaped, line breaks as ⏎, every other character as typed), numbers with all their digits.
    /// </summary>
    private static string Value(JsonElement value) => Shorten(value.ValueKind == JsonValueKind.String
        ? "\"" + Line(value.GetString()!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)) + "\""
        : Line(ReportFacts.Display(value, int.MaxValue)), MaxValueLength);

    /// <summary>Bounds for a person: "0.2–0.6", "≥ 0.2", "≤ 0.6" or "any".</summary>
    public static string Range(double? lo, double? hi) => (lo, hi) switch
    {
        ({ } l, { } h) => Invariant($"{l:0.####}–{h:0.####}"),
        ({ } l, null) => Invariant($"≥ {l:0.####}"),
        (null, { } h) => Invariant($"≤ {h:0.####}"),
        _ => "any",
    };

    /// <summary>A text from the data, unquoted, on one line (breaks shown as ⏎) and shortened.</summary>
    private static string Text(string? text) => text is null ? "—" : Shorten(Line(text), MaxTextLength);

    /// <summary>
    /// Two near-duplicate texts, shortened so the reader sees where they differ: when they share a start longer than the
    /// cells (a word changed late in a long text), both cells begin shortly before the first difference, marked "…".
    /// </summary>
    public static (string Text, string OtherText) TextPair(string? text, string? otherText)
    {
        if (text is null || otherText is null)
        {
            return (Text(text), Text(otherText));
        }

        var (a, b) = (Line(text), Line(otherText));
        var common = 0;
        while (common < a.Length && common < b.Length && char.ToUpperInvariant(a[common]) == char.ToUpperInvariant(b[common]))
        {
            common++;
        }

        // Context before the difference: back to a word start when one is near, never into a surrogate pair.
        const int Before = 16;
        if (common < MaxTextLength - Before || (a.Length <= MaxTextLength && b.Length <= MaxTextLength) || (common == a.Length && common == b.Length))
        {
            return (Shorten(a, MaxTextLength), Shorten(b, MaxTextLength));
        }

        var start = common - Before;
        var space = a.LastIndexOf(' ', start, Math.Min(start, 10));
        start = space >= 0 ? space + 1 : start;
        if (char.IsLowSurrogate(a[start]))
        {
            start--;
        }

        return ("…" + Shorten(a[start..], MaxTextLength - 1), "…" + Shorten(b[start..], MaxTextLength - 1));
    }

    /// <summary>
    /// <paramref name="text"/> on one line: line breaks as ⏎, tabs as spaces, other control characters as <c>\uXXXX</c>,
    /// so a cell never breaks a table row in any format.
    /// </summary>
    public static string Line(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            _ = c switch
            {
                '\n' or '\r' or '\u2028' or '\u2029' => sb.Append('⏎'),
                '\t' => sb.Append(' '),
                _ when char.IsControl(c) => sb.Append(Invariant($"\\u{(int)c:X4}")),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> cut to <paramref name="max"/> text elements, the last being "…": never inside a surrogate pair or
    /// between a letter and its combining marks.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var elements = 0;
        var end = 0;
        while (end < text.Length)
        {
            if (elements == max - 1)
            {
                // Cut only if more than one element remains: "…" must replace at least two.
                var next = end + StringInfo.GetNextTextElementLength(text, end);
                return next >= text.Length ? text : string.Concat(text.AsSpan(0, end), "…");
            }

            end += StringInfo.GetNextTextElementLength(text, end);
            elements++;
        }

        return text;
    }

    /// <summary>
    /// The table as plain-text lines (for the text report and JUnit bodies): the caption, then columns padded to their widest
    /// cell (numbers right-aligned), then what was left out.
    /// </summary>
    public static IEnumerable<string> PlainLines(DetailTable table)
    {
        var widths = table.Headers.Select((h, i) => table.Rows.Select(r => i < r.Count ? Width(r[i]) : 0).Append(Width(h)).Max()).ToList();
        string Line(IReadOnlyList<string> cells, bool header) => string.Join("  ", widths.Select((w, i) =>
        {
            var cell = i < cells.Count ? cells[i] : "";
            var pad = new string(' ', w - Width(cell));
            return table.Numeric[i] && !header ? pad + cell : cell + pad;
        })).TrimEnd();

        yield return table.Caption + ":";
        yield return Line(table.Headers, header: true);
        foreach (var row in table.Rows)
        {
            yield return Line(row, header: false);
        }

        if (table.More is { } more)
        {
            yield return "… " + more;
        }
    }

    private static int Width(string cell) => new StringInfo(cell).LengthInTextElements;
}
