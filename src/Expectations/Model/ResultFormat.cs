namespace Expectations;

/// <summary>How much detail each result carries (Great Expectations' <c>result_format</c> levels).</summary>
public enum ResultFormatLevel
{
    /// <summary>Only <c>success</c>.</summary>
    BooleanOnly,
    /// <summary>Counts, percentages, observed value and a capped sample of unexpected values.</summary>
    Basic,
    /// <summary>Basic plus the sample's row indices and value counts (the default).</summary>
    Summary,
    /// <summary>Summary plus every unexpected value and row index.</summary>
    Complete,
}

/// <summary>The <c>result_format</c> of a run or of one expectation.</summary>
public sealed record ResultFormat
{
    /// <summary>The default: <see cref="ResultFormatLevel.Summary"/> with 20 sample values.</summary>
    public static ResultFormat Default { get; } = new();

    /// <summary>The detail level.</summary>
    public ResultFormatLevel Level { get; init; } = ResultFormatLevel.Summary;

    /// <summary>How many unexpected values the partial lists hold (GX's <c>partial_unexpected_count</c>, default 20).</summary>
    public int PartialUnexpectedCount { get; init; } = 20;

    /// <summary>
    /// Key columns that identify unexpected rows (GX's <c>unexpected_index_column_names</c>, for example a primary
    /// key): each entry of <c>unexpected_index_list</c> and <c>partial_unexpected_index_list</c> becomes an object of
    /// the checked column(s) and these columns, <c>{"id": 7, "amount": -3}</c>, instead of a row number.
    /// </summary>
    public ValueList<string> UnexpectedIndexColumnNames { get; init; } = ValueList<string>.Empty;

    /// <summary>
    /// Whether results carry <c>unexpected_rows</c> (GX's <c>include_unexpected_rows</c>): every column of the first
    /// <see cref="PartialUnexpectedCount"/> unexpected rows, as objects. The run then reads every column of the data.
    /// </summary>
    public bool IncludeUnexpectedRows { get; init; }

    /// <summary>
    /// Whether to leave the unexpected values out (GX's <c>exclude_unexpected_values</c>): no
    /// <c>partial_unexpected_list</c>, <c>partial_unexpected_counts</c> or <c>unexpected_list</c>; counts and
    /// indices stay.
    /// </summary>
    public bool ExcludeUnexpectedValues { get; init; }

    /// <summary>
    /// GX's <c>return_unexpected_index_query</c> (default true). Accepted so GX suites load and round-trip; it has no
    /// effect here: an in-memory engine has no query or filter that would fetch the unexpected rows, and
    /// <see cref="ResultFormatLevel.Complete"/> already lists every unexpected row index.
    /// </summary>
    public bool ReturnUnexpectedIndexQuery { get; init; } = true;

    /// <summary>The level as GX writes it (<c>BOOLEAN_ONLY</c>, <c>BASIC</c>, <c>SUMMARY</c>, <c>COMPLETE</c>).</summary>
    public string LevelName => ToWireName(Level);

    /// <summary>Whether any option besides <see cref="Level"/> differs from its default (then JSON writes the object form).</summary>
    public bool HasOptions =>
        PartialUnexpectedCount != Default.PartialUnexpectedCount || UnexpectedIndexColumnNames.Count > 0 || IncludeUnexpectedRows
        || ExcludeUnexpectedValues || !ReturnUnexpectedIndexQuery;

    /// <summary>A format of the given level with default options.</summary>
    public static ResultFormat Of(ResultFormatLevel level) => new() { Level = level };

    /// <summary>Parses a GX level name, case-insensitively.</summary>
    public static bool TryParseLevel(string? name, out ResultFormatLevel level)
    {
        switch (name?.ToUpperInvariant())
        {
            case "BOOLEAN_ONLY": level = ResultFormatLevel.BooleanOnly; return true;
            case "BASIC": level = ResultFormatLevel.Basic; return true;
            case "SUMMARY": level = ResultFormatLevel.Summary; return true;
            case "COMPLETE": level = ResultFormatLevel.Complete; return true;
            default: level = default; return false;
        }
    }

    /// <summary>The GX name of <paramref name="level"/>.</summary>
    public static string ToWireName(ResultFormatLevel level) => level switch
    {
        ResultFormatLevel.BooleanOnly => "BOOLEAN_ONLY",
        ResultFormatLevel.Basic => "BASIC",
        ResultFormatLevel.Summary => "SUMMARY",
        _ => "COMPLETE",
    };

    /// <summary>
    /// The columns whose values each unexpected-row sample must carry besides the checked ones: every column of
    /// <paramref name="schema"/> for <see cref="IncludeUnexpectedRows"/>, else <paramref name="domainColumns"/> and
    /// the <see cref="UnexpectedIndexColumnNames"/> (empty when neither option is set or the level keeps no samples).
    /// </summary>
    internal ValueList<string> SampleRowColumns(IEnumerable<string> schema, IReadOnlyList<string> domainColumns)
    {
        if (Level == ResultFormatLevel.BooleanOnly)
        {
            return ValueList<string>.Empty;
        }

        var keys = Level >= ResultFormatLevel.Summary ? UnexpectedIndexColumnNames : ValueList<string>.Empty;
        if (IncludeUnexpectedRows)
        {
            return ValueList.From(schema.Concat(keys).Distinct(StringComparer.Ordinal));
        }

        return keys.Count == 0 ? keys : ValueList.From(domainColumns.Concat(keys).Distinct(StringComparer.Ordinal));
    }

    /// <summary>How many unexpected rows to keep samples of under this format (all for COMPLETE).</summary>
    internal int SampleCap => Level switch
    {
        ResultFormatLevel.BooleanOnly => 0,
        ResultFormatLevel.Complete => int.MaxValue,
        _ => PartialUnexpectedCount,
    };
}
