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

    /// <summary>The level as GX writes it (<c>BOOLEAN_ONLY</c>, <c>BASIC</c>, <c>SUMMARY</c>, <c>COMPLETE</c>).</summary>
    public string LevelName => ToWireName(Level);

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

    /// <summary>How many unexpected rows to keep samples of under this format (all for COMPLETE).</summary>
    internal int SampleCap => Level switch
    {
        ResultFormatLevel.BooleanOnly => 0,
        ResultFormatLevel.Complete => int.MaxValue,
        _ => PartialUnexpectedCount,
    };
}
