namespace Expectations.Tests.Json;

/// <summary>
/// Kwargs that GX 0.x suites carry and GX 1.x does not know: accepted as GX 0.x accepted them (ignored, or honoured
/// where the expectation models them); names no GX version knows stay an error.
/// </summary>
public class LegacyKwargTests
{
    private static Expectation Load(string type, string kwargs) =>
        SuiteJson.Parse($$"""{"expectation_suite_name": "legacy", "expectations": [{"expectation_type": "{{type}}", "kwargs": {{kwargs}}}]}""").Expectations.Single();

    [Theory]
    [InlineData("""{"column": "a", "strictly": true}""")]
    [InlineData("""{"column": "a", "mostly": 0.9, "strictly": false, "include_config": true, "catch_exceptions": true, "result_format": "BASIC"}""")]
    [InlineData("""{"column": "a", "parse_strings_as_datetimes": true, "allow_cross_type_comparisons": true, "output_strftime_format": "%Y"}""")]
    [InlineData("""{"column": "a", "auto": false, "profiler_config": {"name": "p"}, "batch_id": "b1", "meta": {"x": 1}}""")]
    public void A_gx_0x_not_null_with_legacy_kwargs_loads_and_ignores_them(string kwargs)
    {
        var loaded = Load(ColumnValuesToNotBeNull.TypeName, kwargs);

        loaded.Should().BeOfType<ColumnValuesToNotBeNull>().Which.Column.Should().Be("a");
        SuiteJson.Serialize(new ExpectationSuite("s", [loaded])).Should().NotContain("strictly").And.NotContain("parse_strings")
            .And.NotContain("allow_cross").And.NotContain("output_strftime").And.NotContain("profiler_config");
    }

    [Fact]
    public void The_between_kwargs_gx_0x_wrote_are_accepted_and_the_bounds_still_apply()
    {
        var loaded = Load(ColumnValuesToBeBetween.TypeName,
            """{"column": "a", "min_value": 0, "max_value": 10, "allow_cross_type_comparisons": null, "parse_strings_as_datetimes": false, "output_strftime_format": null, "mostly": 0.5}""");

        loaded.Should().Be(new ColumnValuesToBeBetween { Column = "a", Bounds = new(0, 10), Mostly = 0.5 });
        var report = new ExpectationSuite("s", [loaded]).Validate(InMemoryTable.Builder().Add("a", new long?[] { 1, 20, 30 }).Build());
        report.Results.Single().Success.Should().BeFalse("two of three values are above max_value, more than mostly allows");
    }

    [Fact]
    public void A_legacy_kwarg_an_expectation_models_is_honoured()
    {
        Load(ColumnValuesToBeIncreasing.TypeName, """{"column": "a", "strictly": true, "parse_strings_as_datetimes": true}""")
            .Should().Be(new ColumnValuesToBeIncreasing { Column = "a", Strictly = true, ParseStringsAsDatetimes = true });
    }

    [Fact]
    public void A_kwarg_of_another_expectation_is_ignored_as_gx_0x_did()
    {
        Load(TableRowCountToBeBetween.TypeName, """{"min_value": 1, "mostly": 0.9, "column": "x"}""")
            .Should().Be(new TableRowCountToBeBetween { Bounds = new(1, null) });
    }

    [Theory]
    [InlineData("""{"column": "a", "strictlyy": true}""", "strictlyy")]
    [InlineData("""{"column": "a", "mostyl": 0.9}""", "did you mean 'mostly'")]
    [InlineData("""{"column": "a", "frobnicate": 1}""", "frobnicate")]
    public void A_name_no_gx_version_knows_is_still_an_error_naming_it(string kwargs, string message)
    {
        var act = () => Load(ColumnValuesToNotBeNull.TypeName, kwargs);
        act.Should().Throw<SuiteFormatException>().WithMessage($"*{message}*").And.JsonPath.Should().StartWith("$.expectations[0].kwargs.");
    }
}
