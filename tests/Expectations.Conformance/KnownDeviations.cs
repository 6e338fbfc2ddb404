namespace Expectations.Conformance;

/// <summary>
/// Fixture tests where Expectations deliberately differs from GX, keyed by fixture file and test title, with
/// the argument for our behaviour. The runner still counts them as failed; docs/conformance.md prints the
/// argument beside the generated reason, and a stale entry (its test passes or is gone) is reported.
/// </summary>
internal static class KnownDeviations
{
    /// <summary>The entries: (file relative to the fixtures folder, test title) → why we differ.</summary>
    private const string MixedObjectColumn =
        "The condition `y == 9` selects rows of column `y`, which mixes numbers and text (`[1, …, 9, \"abc\"]`, a pandas `object` "
        + "column). Expectations' columns are typed: a column holding text holds text, so `y` is a string column and the string \"9\" "
        + "is not the number 9 — exactly what pandas answers for a `str` column. Copying pandas' per-value comparison of Python "
        + "objects would make a condition's meaning depend on how each cell happened to be typed.";

    private const string HashableCounts =
        "GX cannot count unexpected values that are dicts and writes `details.partial_unexpected_counts_error` instead of "
        + "`partial_unexpected_counts`. Expectations counts the combinations and reports real `partial_unexpected_counts`: more "
        + "useful, and no error text for a non-error.";

    public static IReadOnlyDictionary<(string File, string Title), string> Entries { get; } = new Dictionary<(string File, string Title), string>
    {
        [("column_map_expectations/expect_column_values_to_be_between.json", "test_conditional_expectation_fails")] = MixedObjectColumn,
        [("column_map_expectations/expect_column_values_to_be_between_tz_naive.json", "test_conditional_expectation_fails")] = MixedObjectColumn,
        [("multicolumn_map_expectations/expect_compound_columns_to_be_unique.json", "unexpected_values_exact_match_out_without_unexpected_index_list")] = HashableCounts,
    };

    /// <summary>The explanation of a failing test, or null.</summary>
    public static string? For(string file, string title) => Entries.TryGetValue((file, title), out var why) ? why : null;
}
