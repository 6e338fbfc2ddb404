namespace Expectations.Conformance;

/// <summary>
/// Fixture tests where Expectations deliberately differs from GX, keyed by fixture file and test title, with
/// the argument for our behaviour. The runner still counts them as failed; docs/conformance.md prints the
/// argument beside the generated reason, and a stale entry (its test passes or is gone) is reported.
/// </summary>
internal static class KnownDeviations
{
    /// <summary>The entries: (file relative to the fixtures folder, test title) → why we differ.</summary>
    private const string RowCondition =
        "Conditional expectations (`row_condition` with `condition_parser: pandas`) are not supported yet. GX evaluates the condition "
        + "with `DataFrame.query`, a Python expression language; Expectations rejects the kwarg when the suite loads, naming it, "
        + "rather than ignoring it and validating rows the suite meant to exclude.";

    public static IReadOnlyDictionary<(string File, string Title), string> Entries { get; } = new Dictionary<(string File, string Title), string>
    {
        [("column_map_expectations/expect_column_values_to_be_between.json", "test_conditional_expectation_fails")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_between_tz_naive.json", "test_conditional_expectation_passes")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_between_tz_naive.json", "test_conditional_expectation_fails")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_in_set.json", "test_conditional_expectation_passes")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_in_set.json", "test_conditional_expectation_fails")] = RowCondition,
    };

    /// <summary>The explanation of a failing test, or null.</summary>
    public static string? For(string file, string title) => Entries.TryGetValue((file, title), out var why) ? why : null;
}
