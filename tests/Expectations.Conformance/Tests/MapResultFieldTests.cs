using System.Text.Json;

namespace Expectations.Conformance.Tests;

/// <summary>
/// The exact field sets GX 1.x writes for map results (its <c>_format_map_output</c>), which the fixtures' loose
/// comparison does not pin down: the null checks report no missing-value fields, the others the whole family.
/// </summary>
public sealed class MapResultFieldTests
{
    private static readonly InMemoryTable Table = InMemoryTable.Builder()
        .Add("one_null", new double?[] { 4, 5, null, 7 })
        .Build();

    private static JsonElement Run(Expectation expectation, ResultFormatLevel level)
    {
        var report = ValidationPlan.Compile(new ExpectationSuite("s", [expectation])).Validate(Table, new ValidationOptions { ResultFormat = ResultFormat.Of(level) });
        return ConformanceRunner.Wire(report.Results[0]).GetProperty("result");
    }

    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Null_checks_report_no_missing_fields_and_a_percentage_of_all_rows()
    {
        var result = Run(new ColumnValuesToNotBeNull { Column = "one_null" }, ResultFormatLevel.Basic);

        Assert.Equal(["element_count", "unexpected_count", "unexpected_percent", "partial_unexpected_list"], Keys(result));
        Assert.Equal(25.0, result.GetProperty("unexpected_percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("partial_unexpected_list")[0].ValueKind);
    }

    [Fact]
    public void Be_null_reports_the_values_as_unexpected_over_all_rows()
    {
        var result = Run(new ColumnValuesToBeNull { Column = "one_null", Mostly = 0.7 }, ResultFormatLevel.Complete);

        Assert.Equal(75.0, result.GetProperty("unexpected_percent").GetDouble());
        Assert.False(result.TryGetProperty("missing_count", out _));
        Assert.Equal([0L, 1, 3], result.GetProperty("unexpected_index_list").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public void Other_map_checks_report_the_whole_missing_family()
    {
        var result = Run(new ColumnValuesToBeBetween { Column = "one_null", Bounds = new(5, null) }, ResultFormatLevel.Basic);

        Assert.Equal(
            ["element_count", "missing_count", "missing_percent", "unexpected_count", "unexpected_percent", "unexpected_percent_total", "unexpected_percent_nonmissing", "partial_unexpected_list"],
            Keys(result));
        Assert.Equal(100.0 / 3, result.GetProperty("unexpected_percent").GetDouble(), 12);
        Assert.Equal(25.0, result.GetProperty("unexpected_percent_total").GetDouble());
    }
}
