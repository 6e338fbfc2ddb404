namespace Expectations;

/// <summary>
/// How <see cref="CsvDataSource"/> reads a CSV file. Every setting has a default that suits files written by
/// pandas, Excel (with a comma separator) and most exporters; parsing is always culture invariant.
/// </summary>
public sealed record CsvOptions
{
    /// <summary>The null tokens used when <see cref="NullTokens"/> is not set: empty field, <c>NA</c>, <c>N/A</c>, <c>null</c>, <c>NULL</c>.</summary>
    /// <remarks>
    /// <c>NaN</c> is deliberately not a null token: in a <see cref="DataKind.Float"/> column it is read as
    /// <see cref="double.NaN"/>, a value, so that "missing" and "not a number" stay distinguishable (as in Arrow,
    /// Parquet and Polars). pandas folds both into NaN; to get that behaviour add <c>"NaN"</c> to <see cref="NullTokens"/>.
    /// </remarks>
    public static IReadOnlyList<string> DefaultNullTokens { get; } = ["", "NA", "N/A", "null", "NULL"];

    /// <summary>
    /// The field separator, or null (the default) to detect it from the header line (<c>,</c> <c>;</c> <c>\t</c> <c>|</c>
    /// and the others Sep recognizes), falling back to <c>,</c> when the header holds none of them (a single column).
    /// </summary>
    public char? Separator { get; init; }

    /// <summary>
    /// Explicit column types by column name. A column named here is read as that kind and skips inference; every
    /// other column is inferred from the first <see cref="InferenceRows"/> rows. Naming a column the file lacks is an error.
    /// Inference never yields <see cref="DataKind.Timestamp"/> (dates stay strings, as in pandas): name a column here
    /// as <see cref="DataKind.Timestamp"/> to parse its ISO-8601 dates, as pandas' <c>parse_dates</c> does.
    /// </summary>
    public IReadOnlyDictionary<string, DataKind>? ColumnTypes { get; init; }

    /// <summary>
    /// How many data rows type inference looks at (default 10,000; <see cref="int.MaxValue"/> scans the whole file).
    /// </summary>
    /// <remarks>
    /// Larger than the handful of rows some readers sample (Microsoft.Data.Analysis looks at 10): the first rows of a
    /// real file are often unrepresentative (sorted ids, a leading block of nulls, floats that happen to be whole),
    /// and a wrong guess is costly here because a later row that does not parse as the inferred type stops the read
    /// with a <see cref="DataSourceException"/> rather than losing data. 10,000 rows parse in a few milliseconds.
    /// </remarks>
    public int InferenceRows { get; init; } = 10_000;

    /// <summary>
    /// Field values read as null (missing), compared exactly and case-sensitively against the unquoted field text;
    /// they apply to every column, strings included. Defaults to <see cref="DefaultNullTokens"/>; an empty list makes
    /// every field a value (an empty field in a string column is then an empty string).
    /// </summary>
    public IReadOnlyList<string> NullTokens { get; init; } = DefaultNullTokens;

    /// <summary>
    /// Whether invalid UTF-8 byte sequences are read as U+FFFD (the replacement character) instead of stopping the read
    /// (default false: a <see cref="DataSourceException"/> names the file, line, data row, column and bytes, so that a
    /// Latin-1 or Windows-1252 export is not validated as silently garbled text).
    /// </summary>
    public bool ReplaceInvalidUtf8 { get; init; }

    /// <summary>Rows per chunk handed to the validator (default 65,536); buffers of this size are allocated once per read and reused.</summary>
    public int ChunkRows { get; init; } = 65_536;
}
