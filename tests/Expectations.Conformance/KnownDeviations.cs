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

    /// <summary>The explanation of a failing test, or null.</summary>
    public static string? For(string file, string title) => Entries.TryGetValue((file, title), out var why) ? why : null;
}
