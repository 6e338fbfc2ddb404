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

    private const string EvaluationParameter =
        "Bounds given as `{\"$PARAMETER\": \"now() - timedelta(weeks=52*100)\"}` are Python expressions GX evaluates when it runs. "
        + "Expectations keeps suites declarative: a bound is a value (a timestamp is an ISO-8601 string), so the pipeline that builds the "
        + "suite computes relative dates. Such a suite fails to load with an error at the kwarg's JSON path instead of running with a wrong bound.";

    public static IReadOnlyDictionary<(string File, string Title), string> Entries { get; } = new Dictionary<(string File, string Title), string>
    {
        [("column_map_expectations/expect_column_values_to_be_between.json", "test_conditional_expectation_fails")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_between_tz_naive.json", "test_conditional_expectation_passes")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_between_tz_naive.json", "test_conditional_expectation_fails")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_in_set.json", "test_conditional_expectation_passes")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_in_set.json", "test_conditional_expectation_fails")] = RowCondition,
        [("column_map_expectations/expect_column_values_to_be_between__evaluation_parameters.json", "basic_positive_now_test")] = EvaluationParameter,
        [("column_map_expectations/expect_column_values_to_be_between__evaluation_parameters.json", "basic_negative_now_test_pandas_spark_select_sql")] = EvaluationParameter,
        [("column_map_expectations/expect_column_values_to_be_between__evaluation_parameters.json", "basic_positive_now_timedelta_test")] = EvaluationParameter,
        [("column_map_expectations/expect_column_values_to_be_between__evaluation_parameters.json", "basic_negative_now_timedelta_test_pandas_spark_select_sql")] = EvaluationParameter,
        [("column_map_expectations/expect_column_values_to_be_between__evaluation_parameters.json", "basic_positive_datetime_test")] = EvaluationParameter,
        [("column_map_expectations/expect_column_values_to_be_between__evaluation_parameters.json", "basic_negative_datetime_test_pandas_spark_select_sql")] = EvaluationParameter,
    };

    /// <summary>The explanation of a failing test, or null.</summary>
    public static string? For(string file, string title) => Entries.TryGetValue((file, title), out var why) ? why : null;
}
