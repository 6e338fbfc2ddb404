namespace Expectations.Conformance;

/// <summary>
/// Fixture tests where Expectations deliberately differs from GX, keyed by fixture file and test title, with
/// the argument for our behaviour. The runner still counts them as failed; docs/conformance.md prints the
/// argument beside the generated reason, and a stale entry (its test passes or is gone) is reported.
/// </summary>
internal static class KnownDeviations
{
    /// <summary>The entries: (file relative to the fixtures folder, test title) → why we differ.</summary>
    private const string HashableCounts =
        "GX cannot count unexpected values that are dicts and writes `details.partial_unexpected_counts_error` instead of "
        + "`partial_unexpected_counts`. Expectations counts the combinations and reports real `partial_unexpected_counts`: more "
        + "useful, and no error text for a non-error.";

    public static IReadOnlyDictionary<(string File, string Title), string> Entries { get; } = new Dictionary<(string File, string Title), string>
    {
        [("multicolumn_map_expectations/expect_compound_columns_to_be_unique.json", "unexpected_values_exact_match_out_without_unexpected_index_list")] = HashableCounts,
        [("multicolumn_map_expectations/expect_select_column_values_to_be_unique_within_record.json", "unexpected_values_exact_match_out_without_unexpected_index_list")] = HashableCounts,
    };

    private const string TypedBetween =
        "GX's own `schemas.sqlite` / `schemas.postgresql` make `numeric` an INTEGER column, so its values are numbers in the "
        + "engine and integer bounds compare with them; the TypeError GX expects comes from pandas' object column of strings "
        + "(in memory this test passes: the column is text there).";

    /// <summary>Per SQL backend, as <see cref="Entries"/>: tests where that engine's answer differs from GX's for a reason.</summary>
    public static IReadOnlyDictionary<(string Backend, string File, string Title), string> BackendEntries { get; } = new Dictionary<(string Backend, string File, string Title), string>
    {
        [("duckdb", "column_aggregate_expectations/expect_column_stdev_to_be_between.json", "positive_test__exact_min_and_max_sqlalchemy")] =
            "GX has no DuckDB backend; this SQL test pins PostgreSQL's `stddev_samp` to the last bit (1.1547005383792515). On DuckDB "
            + "the backend computes the deviation in two passes, as numpy does (DuckDB's own `stddev_samp` gives the same digits and "
            + "fails with 'out of range' near the largest doubles), and gets 1.1547005383792517; the bounds are exact, so the last binary digit decides.",
        [("sqlite", "column_map_expectations/expect_column_values_to_be_between.json", "error_on_string-to-int_comparisons")] = TypedBetween,
        [("postgresql", "column_map_expectations/expect_column_values_to_be_between.json", "error_on_string-to-int_comparisons")] = TypedBetween,
        [("clickhouse", "column_map_expectations/expect_column_values_to_be_unique.json", "positive_case_all_null_values")] =
            "The checked column is named `null`. ClickHouse 18.16 forwards the query to the shards with the identifier written "
            + "unquoted (`isNull(null)`), the shards read the NULL literal, and the initiator finds no column of the name it "
            + "expects; the query fails, so the result is exception_info. Any other name works; a table of one node is not affected.",
    };

    /// <summary>The explanation of a failing test on <paramref name="backend"/> (null or <c>memory</c> for the in-memory engine), or null.</summary>
    public static string? For(string file, string title, string? backend = null) =>
        backend is null or "memory"
            ? Entries.TryGetValue((file, title), out var why) ? why : null
            : BackendEntries.TryGetValue((backend, file, title), out var because) ? because : null;

    /// <summary>The keys of the entries for <paramref name="backend"/>.</summary>
    public static IEnumerable<(string File, string Title)> Keys(string? backend) =>
        backend is null or "memory" ? Entries.Keys : BackendEntries.Keys.Where(k => k.Backend == backend).Select(k => (k.File, k.Title));
}
