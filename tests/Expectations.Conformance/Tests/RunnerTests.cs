using System.Text.Json;

namespace Expectations.Conformance.Tests;

public sealed class RunnerTests
{
    private const string Fixture = """
    {
      "expectation_type": "expect_column_values_to_be_between",
      "datasets": [{
        "data": {"x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "y": [1, 2, 3, 4, 5, 6, 7, 8, 9, "abc"]},
        "tests": [
          {"title": "right", "exact_match_out": false, "in": {"column": "x", "min_value": 1, "max_value": 9},
           "out": {"success": false, "unexpected_list": [10], "unexpected_index_list": [{"x": 10, "pk_index": 9}]}},
          {"title": "wrong_values", "exact_match_out": false, "in": {"column": "x", "min_value": 1, "max_value": 8},
           "out": {"success": false, "unexpected_list": [10], "unexpected_index_list": [{"x": 10, "pk_index": 9}]}},
          {"title": "wrong_index", "exact_match_out": false, "in": {"column": "x", "min_value": 1, "max_value": 9},
           "out": {"success": false, "unexpected_list": [10], "unexpected_index_list": [{"x": 10, "pk_index": 8}]}},
          {"title": "sql_only", "exact_match_out": false, "only_for": ["sqlite"], "in": {"column": "x", "min_value": 1}, "out": {"success": true}},
          {"title": "suppressed", "exact_match_out": false, "suppress_test_for": ["pandas"], "in": {"column": "x", "min_value": 1}, "out": {"success": true}},
          {"title": "mixed_types", "exact_match_out": false, "in": {"column": "y", "min_value": 1, "max_value": 10, "catch_exceptions": true},
           "out": {}, "error": {"traceback_substring": "TypeError: Column values, min_value, and max_value must either be None or of the same type."}},
          {"title": "bad_arguments", "exact_match_out": false, "in": {"column": "x", "min_value": 10, "max_value": 0}, "out": {},
           "error": {"traceback_substring": "this text is not ours"}},
          {"title": "unexpected_error", "exact_match_out": false, "in": {"column": "y", "min_value": 1, "max_value": 10}, "out": {"success": false}},
          {"title": "unknown_kwarg", "exact_match_out": false, "in": {"column": "x", "min_value": 1, "bogus": 1}, "out": {"success": true}}
        ]
      }]
    }
    """;

    private static Dictionary<string, TestOutcome> Run(string fixture) =>
        ConformanceRunner.RunFile(FixtureLoader.Parse(fixture, "test.json")).ToDictionary(o => o.Title);

    [Fact]
    public void Each_test_gets_the_outcome_its_comparison_decides()
    {
        var outcomes = Run(Fixture);

        Assert.Equal(OutcomeStatus.Passed, outcomes["right"].Status);
        Assert.Equal(OutcomeStatus.Failed, outcomes["wrong_values"].Status);
        Assert.Contains("unexpected_list", outcomes["wrong_values"].Reason, StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.Failed, outcomes["wrong_index"].Status);
        Assert.Contains("unexpected_index_list", outcomes["wrong_index"].Reason, StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.NotApplicable, outcomes["sql_only"].Status);
        Assert.Equal(OutcomeStatus.NotApplicable, outcomes["suppressed"].Status);
    }

    [Fact]
    public void Expected_errors_pass_when_raised_and_record_whether_gxs_text_matched()
    {
        var outcomes = Run(Fixture);

        Assert.Equal(OutcomeStatus.Passed, outcomes["mixed_types"].Status);
        Assert.True(outcomes["mixed_types"].ErrorSubstringMatched);
        Assert.Equal(OutcomeStatus.Passed, outcomes["bad_arguments"].Status);
        Assert.False(outcomes["bad_arguments"].ErrorSubstringMatched);
    }

    [Fact]
    public void Unexpected_errors_and_unloadable_kwargs_fail_with_the_message()
    {
        var outcomes = Run(Fixture);

        Assert.Equal(OutcomeStatus.Failed, outcomes["unexpected_error"].Status);
        Assert.Contains("raised", outcomes["unexpected_error"].Reason, StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.Failed, outcomes["unknown_kwarg"].Status);
        Assert.Contains("bogus", outcomes["unknown_kwarg"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Tests_of_unregistered_expectation_types_are_skipped()
    {
        var outcome = Assert.Single(Run("""
            {"expectation_type": "expect_column_values_to_be_frobnicated", "datasets": [{"data": {"x": [1]},
             "tests": [{"title": "t", "exact_match_out": false, "in": {"column": "x"}, "out": {"success": true}}]}]}
            """).Values);

        Assert.Equal(OutcomeStatus.Skipped, outcome.Status);
    }

    [Fact]
    public void Pythons_bare_non_finite_literals_become_strings_outside_string_values()
    {
        var text = FixtureLoader.QuoteNonFiniteLiterals("""{"a": [NaN, -Infinity, Infinity], "b": "NaN here", "NaNa": 1}""");

        Assert.Equal("""{"a": ["NaN", "-Infinity", "Infinity"], "b": "NaN here", "NaNa": 1}""", text);
    }

    [Fact]
    public void Tables_are_inferred_as_pandas_infers_them()
    {
        var data = JsonDocument.Parse("""{"i": [1, 2], "in": [1, null], "f": [1, 2.5], "s": ["a", null], "m": [2.0, "abc"], "mn": [1, null], "b": [true, false], "e": [null, null]}""").RootElement;

        var table = FixtureTable.Build(data, null, "t");

        var kinds = table.Columns.ToDictionary(c => c.Name, c => c.Kind);
        Assert.Equal(DataKind.Integer, kinds["i"]);
        Assert.Equal(DataKind.Float, kinds["in"]);
        Assert.Equal(DataKind.Float, kinds["f"]);
        Assert.Equal(DataKind.String, kinds["s"]);
        Assert.Equal(DataKind.String, kinds["m"]);
        Assert.Equal(DataKind.Boolean, kinds["b"]);
        Assert.Equal(DataKind.Float, kinds["e"]);
        Assert.Equal(DataKind.Float, kinds["mn"]);
        var chunk = Assert.Single(table.ReadAsync(["m"]).ToBlockingEnumerable());
        Assert.Equal("2.0", chunk["m"].GetJsonValue(0).GetString());
    }

    [Fact]
    public void Schemas_apply_pandas_dtypes_including_astype_str()
    {
        var data = JsonDocument.Parse("""{"n": ["1", "2"], "s": [1, null], "t": ["Jan 01 1970 12:00:01", null], "z": [1, null]}""").RootElement;
        var schema = new Dictionary<string, string> { ["n"] = "int", ["s"] = "str", ["t"] = "datetime64[ns]", ["z"] = "Int64Dtype" };

        var table = FixtureTable.Build(data, schema, "t");

        var kinds = table.Columns.ToDictionary(c => c.Name, c => c.Kind);
        Assert.Equal(DataKind.Integer, kinds["n"]);
        Assert.Equal(DataKind.String, kinds["s"]);
        Assert.Equal(DataKind.Timestamp, kinds["t"]);
        Assert.Equal(DataKind.Integer, kinds["z"]);
        var chunk = Assert.Single(table.ReadAsync(["s", "t"]).ToBlockingEnumerable());
        Assert.Equal("None", chunk["s"].GetJsonValue(1).GetString());
        Assert.Equal("1970-01-01T12:00:01", chunk["t"].GetJsonValue(0).GetString());
        Assert.Equal(1, chunk["t"].NullCount);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("2.0", "2.0")]
    [InlineData("2.5", "2.5")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("true", "True")]
    [InlineData("null", "None")]
    public void Python_str_of_json_values(string json, string expected) =>
        Assert.Equal(expected, FixtureTable.PythonStr(JsonDocument.Parse(json).RootElement));
}
