using System.Text.Json;
using static Expectations.Tests.Checks.Aggregate.AggregateTestKit;

namespace Expectations.Tests.Checks.Aggregate;

/// <summary>GX's fixtures for the distinct-value, unique-count and unique-proportion expectations (pandas cases), transcribed.</summary>
public class DistinctValueFixtureTests
{
    private static readonly InMemoryTable Dist = InMemoryTable.Builder()
        .Add("dist1", new long?[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        .Add("dist2", new double?[] { 1, 2, 3, 4, 5, null, null, null })
        .Add("dist3", new long?[] { 2, 2, 2, 2, 5, 6, 7, 8 })
        .Add("dist4", new double?[] { 1, 1, 1, 1, 2, null, null, null })
        .Add("dist4b", new double?[] { 1, 1, 1, 1, null, null, null, null })
        .Add("dist5", new string?[] { "hello", "mello", "jello", "hello", "mello", "jello", "hello", "mello" })
        .Build();

    [Theory]
    [InlineData("""{"column": "dist1", "value_set": [1, 2, 3, 4, 5, 6, 7, 8, 9]}""", true, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist1", "value_set": null}""", true, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist2", "value_set": [1, 2, 3, 4, 5]}""", true, "[1, 2, 3, 4, 5]")]
    [InlineData("""{"column": "dist3", "value_set": [2, 5, 6, 7, 8, 9]}""", true, "[2, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist4", "value_set": [1, 2, 9]}""", true, "[1, 2]")]
    [InlineData("""{"column": "dist1", "value_set": [9]}""", false, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist1", "value_set": [2, 3, 4, 5, 6, 7, 8, 9]}""", false, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist2", "value_set": [1, 2, 3, 4]}""", false, "[1, 2, 3, 4, 5]")]
    [InlineData("""{"column": "dist3", "value_set": [2, 5, 6, 7]}""", false, "[2, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist3", "value_set": [2.0, 5.0, 6.0, 7.0, 8.0]}""", true, "[2, 5, 6, 7, 8]")]
    public void In_set(string kwargs, bool success, string observed) =>
        Run(Dist, "expect_column_distinct_values_to_be_in_set", kwargs).ShouldMatch(success, observed);

    [Fact]
    public void In_set_details_carry_value_counts_ascending_by_value()
    {
        var result = Run(Dist, "expect_column_distinct_values_to_be_in_set", """{"column": "dist4", "value_set": [1, 2, 9]}""");
        using var expected = JsonDocument.Parse("""{"value_counts": [{"value": 1, "count": 4}, {"value": 2, "count": 1}]}""");
        SameJson(result.Result.Details!.Value, expected.RootElement).Should().BeTrue(result.Result.Details.Value.GetRawText());
    }

    [Theory]
    [InlineData("""{"column": "dist1", "value_set": [1, 2, 3]}""", true, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist2", "value_set": [1, 2, 3]}""", true, "[1, 2, 3, 4, 5]")]
    [InlineData("""{"column": "dist3", "value_set": [2, 5]}""", true, "[2, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist4", "value_set": [1]}""", true, "[1, 2]")]
    [InlineData("""{"column": "dist1", "value_set": [9]}""", false, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist1", "value_set": [1, 9]}""", false, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist2", "value_set": [9]}""", false, "[1, 2, 3, 4, 5]")]
    [InlineData("""{"column": "dist3", "value_set": [9]}""", false, "[2, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist5", "value_set": ["hello", "mello"]}""", true, """["hello", "jello", "mello"]""")]
    [InlineData("""{"column": "dist5", "value_set": ["hello", "yellow"]}""", false, """["hello", "jello", "mello"]""")]
    [InlineData("""{"column": "dist5", "value_set": ["Hello"]}""", false, """["hello", "jello", "mello"]""")]
    public void Contain_set(string kwargs, bool success, string observed) =>
        Run(Dist, "expect_column_distinct_values_to_contain_set", kwargs).ShouldMatch(success, observed);

    [Theory]
    [InlineData("""{"column": "dist1", "value_set": [1, 2, 3, 4, 5, 6, 7, 8]}""", true, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist3", "value_set": [2, 5, 6, 7, 8]}""", true, "[2, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist4", "value_set": [1, 2]}""", true, "[1, 2]")]
    [InlineData("""{"column": "dist1", "value_set": [1]}""", false, "[1, 2, 3, 4, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist3", "value_set": [2]}""", false, "[2, 5, 6, 7, 8]")]
    [InlineData("""{"column": "dist4", "value_set": [1]}""", false, "[1, 2]")]
    [InlineData("""{"column": "dist4", "value_set": [1, 2, 3]}""", false, "[1, 2]")]
    public void Equal_set(string kwargs, bool success, string observed) =>
        Run(Dist, "expect_column_distinct_values_to_equal_set", kwargs).ShouldMatch(success, observed);

    [Fact]
    public void Timestamps_match_set_members_given_as_dates()
    {
        var data = InMemoryTable.Builder()
            .Add("dates", new DateTime?[] { new(2018, 1, 1), new(2018, 1, 2), new(2018, 1, 3), new(2018, 1, 3), new(2018, 1, 2), null })
            .Build();
        Run(data, "expect_column_distinct_values_to_contain_set", """{"column": "dates", "value_set": ["2018-01-01", "2018-01-02T00:00:00"]}""")
            .ShouldMatch(true, """["2018-01-01T00:00:00", "2018-01-02T00:00:00", "2018-01-03T00:00:00"]""");
        Run(data, "expect_column_distinct_values_to_equal_set", """{"column": "dates", "value_set": ["2018-01-01", "2018-01-02", "2018-01-04"]}""")
            .Success.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"column": "dist1", "min_value": 0.5, "max_value": 1}""", true, "1")]
    [InlineData("""{"column": "dist2", "min_value": 0.5, "max_value": 1}""", true, "1")]
    [InlineData("""{"column": "dist3", "min_value": 0.6, "max_value": 0.7}""", true, "0.625")]
    [InlineData("""{"column": "dist4b", "min_value": 0.3, "max_value": null}""", false, "0.25")]
    [InlineData("""{"column": "dist1", "min_value": null, "max_value": null, "catch_exceptions": true}""", true, null)]
    public void Proportion_of_unique_values(string kwargs, bool success, string? observed) =>
        Run(Dist, "expect_column_proportion_of_unique_values_to_be_between", kwargs).ShouldMatch(success, observed);

    [Theory]
    [InlineData("""{"column": "dist1", "min_value": 0, "max_value": 10}""", true, "8")]
    [InlineData("""{"column": "dist2", "min_value": 0, "max_value": 10}""", true, "5")]
    [InlineData("""{"column": "dist3", "min_value": null, "max_value": 10}""", true, "5")]
    [InlineData("""{"column": "dist4b", "min_value": 2, "max_value": null}""", false, "1")]
    [InlineData("""{"column": "dist5", "min_value": 3, "max_value": 3}""", true, "3")]
    public void Unique_value_count(string kwargs, bool success, string observed) =>
        Run(Dist, "expect_column_unique_value_count_to_be_between", kwargs).ShouldMatch(success, observed);

    [Fact]
    public void Nan_is_not_a_distinct_value_and_negative_zero_equals_zero()
    {
        var data = InMemoryTable.Builder().Add("v", new double?[] { 0.0, -0.0, double.NaN, 1.5, null }).Build();
        Run(data, "expect_column_distinct_values_to_equal_set", """{"column": "v", "value_set": [0, 1.5]}""").ShouldMatch(true, "[0, 1.5]");
        Run(data, "expect_column_proportion_of_unique_values_to_be_between", """{"column": "v"}""").ShouldMatch(true, "0.6666666666666666");
    }

    [Fact]
    public void Empty_column_has_no_distinct_values_and_proportion_zero_as_gx()
    {
        var empty = InMemoryTable.Builder().Add("e", new string?[] { null, null }).Build();
        Run(empty, "expect_column_distinct_values_to_be_in_set", """{"column": "e", "value_set": ["a"]}""").ShouldMatch(true, "[]");
        Run(empty, "expect_column_distinct_values_to_contain_set", """{"column": "e", "value_set": ["a"]}""").ShouldMatch(false, "[]");
        Run(empty, "expect_column_unique_value_count_to_be_between", """{"column": "e", "min_value": 0, "max_value": 0}""").ShouldMatch(true, "0");
        Run(empty, "expect_column_proportion_of_unique_values_to_be_between", """{"column": "e", "max_value": 0}""").ShouldMatch(true, "0");
    }
}
