using System.Text.Json;

namespace Expectations.Conformance.Tests;

public sealed class ResultComparerTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement Ours(string result, bool success = false, string? exception = null)
    {
        var raised = exception is null ? "false" : "true";
        var outcome = success ? "true" : "false";
        return J("{\"success\": " + outcome + ", \"expectation_config\": {}, \"result\": " + result
            + ", \"exception_info\": {\"raised_exception\": " + raised + ", \"exception_message\": " + JsonSerializer.Serialize(exception) + "}}");
    }

    [Theory]
    [InlineData(1.0, 1.0 + 5e-8, true)]
    [InlineData(1.0, 1.0 + 2e-7, false)]
    [InlineData(1e9, 1e9 + 50, true)]
    [InlineData(0.0, 1e-12, false)]
    public void Numbers_match_within_the_default_relative_tolerance(double expected, double actual, bool equal) =>
        Assert.Equal(equal, new ResultComparer().NumbersEqual(expected, actual));

    [Fact]
    public void A_tests_own_tolerance_replaces_the_default_and_adds_numpys_absolute_tolerance()
    {
        var test = new FixtureTest("t", false, J("{}"), J("{}"), 0.01, null, true);
        var comparer = ResultComparer.For(test);

        Assert.True(comparer.NumbersEqual(100, 100.9));
        Assert.False(comparer.NumbersEqual(100, 101.1));
        Assert.True(comparer.NumbersEqual(0, 5e-9));
        Assert.Empty(comparer.Compare(J("""{"observed_value": 2.5}"""), Ours("""{"observed_value": 2.52}"""), false));
    }

    [Fact]
    public void Objects_need_the_same_keys_and_equal_values()
    {
        var c = new ResultComparer();

        Assert.True(c.ValuesEqual(J("""{"a": 1, "b": [1, "x"]}"""), J("""{"b": [1.0, "x"], "a": 1}""")));
        Assert.False(c.ValuesEqual(J("""{"a": 1}"""), J("""{"a": 1, "b": 2}""")));
        Assert.False(c.ValuesEqual(J("""{"a": 1, "b": 2}"""), J("""{"a": 1}""")));
        Assert.False(c.ValuesEqual(J("""{"a": 1}"""), J("""{"a": "1"}""")));
        Assert.False(c.ValuesEqual(J("[1, 2]"), J("[2, 1]")));
    }

    [Fact]
    public void Index_lists_match_pk_index_against_our_row_indices_in_order()
    {
        var c = new ResultComparer();
        var gx = J("""[{"x": 1, "pk_index": 0}, {"pk_index": 9, "x": 10}]""");

        Assert.True(c.IndexListsEqual(gx, J("[0, 9]")));
        Assert.False(c.IndexListsEqual(gx, J("[9, 0]")));
        Assert.False(c.IndexListsEqual(gx, J("[0, 8]")));
        Assert.False(c.IndexListsEqual(gx, J("[0]")));
        Assert.True(c.IndexListsEqual(J("[3, 4]"), J("[3, 4]")));
        Assert.True(c.IndexListsEqual(J("[]"), J("[]")));
    }

    [Fact]
    public void Unexpected_lists_of_orderable_values_are_multisets_and_other_lists_are_ordered()
    {
        var c = new ResultComparer();

        Assert.True(c.UnorderedListsEqual(J("[2, 1, 2]"), J("[1, 2, 2]")));
        Assert.False(c.UnorderedListsEqual(J("[2, 1, 2]"), J("[1, 1, 2]")));
        Assert.True(c.UnorderedListsEqual(J("""["b", "a"]"""), J("""["a", "b"]""")));
        Assert.True(c.UnorderedListsEqual(J("[null, null]"), J("[null, null]")));
        Assert.False(c.UnorderedListsEqual(J("[null, 1]"), J("[1, null]")));
        Assert.False(c.UnorderedListsEqual(J("[1]"), J("[1, 1]")));
    }

    [Fact]
    public void Iso_timestamps_compare_by_instant_and_other_strings_exactly()
    {
        var c = new ResultComparer();

        Assert.True(c.ValuesEqual(J("\"2018-01-01\""), J("\"2018-01-01T00:00:00\"")));
        Assert.True(c.ValuesEqual(J("\"2018-01-02 00:34:01\""), J("\"2018-01-02T00:34:01\"")));
        Assert.False(c.ValuesEqual(J("\"2018-01-02\""), J("\"2018-01-01T00:00:00\"")));
        Assert.False(c.ValuesEqual(J("\"abc\""), J("\"ABC\"")));
    }

    [Fact]
    public void Compare_checks_only_the_keys_in_out_and_names_each_difference()
    {
        var c = new ResultComparer();
        var ours = Ours("""{"element_count": 3, "unexpected_list": [1, 2], "unexpected_index_list": [0, 1]}""");

        Assert.Empty(c.Compare(J("""{"success": false, "unexpected_list": [2, 1]}"""), ours));

        var problems = c.Compare(J("""{"success": true, "unexpected_index_list": [{"x": 1, "pk_index": 0}, {"x": 3, "pk_index": 2}], "result": {"element_count": 4}}"""), ours);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("success:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("unexpected_index_list:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("result.element_count:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_field_and_an_unknown_out_key_are_differences()
    {
        var c = new ResultComparer();

        Assert.Contains("has no 'observed_value'", Assert.Single(c.Compare(J("""{"observed_value": 4}"""), Ours("{}"))), StringComparison.Ordinal);
        Assert.Contains("does not know", Assert.Single(c.Compare(J("""{"frobnicate": 1}"""), Ours("{}"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_match_fails_when_an_exception_was_raised()
    {
        var c = new ResultComparer();
        var raised = Ours("{}", exception: "boom");

        Assert.Empty(c.Compare(J("""{"success": false}"""), raised, exactMatch: false));
        Assert.Contains("boom", Assert.Single(c.Compare(J("""{"success": false}"""), raised, exactMatch: true)), StringComparison.Ordinal);
    }
}
