using static Expectations.Tests.Checks.Aggregate.AggregateTestKit;

namespace Expectations.Tests.Checks.Aggregate;

/// <summary>
/// The pandas cases of GX's fixtures for the "statistic between" expectations
/// (conformance/gx/column_aggregate_expectations), transcribed: data typed as pandas types it (an integer
/// column with a null is float64 there), kwargs and expected output verbatim.
/// </summary>
public class StatisticFixtureTests
{
    // min/max/sum fixtures share this dataset.
    private static readonly InMemoryTable Wxy = InMemoryTable.Builder()
        .Add("w", new long?[] { 1, 2, 3, 4, 5, 5, 4, 3, 2, 1 })
        .Add("x", new double?[] { 2, 3, 4, 5, 6, 7, 8, 9, null, null })
        .Add("y", new long?[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4 })
        .Add("a", new double?[] { null, 0, null, null, 1, null, null, 2, null, null })
        .Add("ts", new DateTime?[]
        {
            new(1970, 1, 1, 12, 0, 1), new(1999, 12, 31, 12, 0, 1), new(2000, 1, 1, 12, 0, 1), new(2000, 2, 1, 12, 0, 1), new(2000, 3, 1, 12, 0, 1),
            new(2000, 4, 1, 12, 0, 1), new(2000, 5, 1, 12, 0, 1), new(2000, 6, 1, 12, 0, 1), null, new(2001, 1, 1, 12, 0, 1),
        })
        .Add("z", new string?[] { "a", "b", "c", "d", "e", null, null, null, null, null })
        .Build();

    private static readonly InMemoryTable Empty = InMemoryTable.Builder().Add("empty_column", Array.Empty<long?>()).Build();

    [Theory]
    [InlineData("""{"column": "w", "result_format": "BASIC", "min_value": -10, "max_value": 5}""", true, "1")]
    [InlineData("""{"column": "w", "result_format": "BASIC", "min_value": 4, "max_value": null}""", false, "1")]
    [InlineData("""{"column": "w", "result_format": "SUMMARY", "min_value": 0, "max_value": 1}""", true, "1")]
    [InlineData("""{"column": "x", "min_value": 1}""", true, "2.0")]
    [InlineData("""{"column": "w", "min_value": 50}""", false, "1")]
    [InlineData("""{"column": "a", "min_value": 1, "max_value": 2}""", false, "0")]
    [InlineData("""{"column": "y", "max_value": 0}""", false, "1")]
    public void Min(string kwargs, bool success, string observed) =>
        Run(Wxy, "expect_column_min_to_be_between", kwargs).ShouldMatch(success, observed);

    [Theory]
    [InlineData("""{"column": "w", "result_format": "BASIC", "min_value": 4, "max_value": 6}""", true, "5")]
    [InlineData("""{"column": "w", "result_format": "BASIC", "min_value": null, "max_value": 4}""", false, "5")]
    [InlineData("""{"column": "x", "min_value": 3}""", true, "9.0")]
    [InlineData("""{"column": "w", "min_value": 50}""", false, "5")]
    [InlineData("""{"column": "ts", "min_value": "2001-01-01 12:00:01", "max_value": "2001-01-01 12:00:01"}""", true, "\"2001-01-01T12:00:01\"")]
    [InlineData("""{"column": "ts", "min_value": "2024-01-01"}""", false, "\"2001-01-01T12:00:01\"")]
    [InlineData("""{"column": "z", "min_value": "e", "max_value": "e"}""", true, "\"e\"")]
    [InlineData("""{"column": "z", "min_value": "e", "strict_min": true}""", false, "\"e\"")]
    public void Max(string kwargs, bool success, string observed) =>
        Run(Wxy, "expect_column_max_to_be_between", kwargs).ShouldMatch(success, observed);

    [Theory]
    [InlineData("""{"column": "w", "result_format": "BASIC", "min_value": 30, "max_value": 30}""", true, "30")]
    [InlineData("""{"column": "w", "result_format": "BASIC", "min_value": 40, "max_value": 50}""", false, "30")]
    [InlineData("""{"column": "w", "result_format": "SUMMARY", "min_value": 20, "max_value": 40}""", true, "30")]
    [InlineData("""{"column": "x", "min_value": 30}""", true, "44")]
    [InlineData("""{"column": "w", "min_value": 50}""", false, "30")]
    [InlineData("""{"column": "y", "max_value": 22, "strict_max": true}""", false, "22")]
    public void Sum(string kwargs, bool success, string observed) =>
        Run(Wxy, "expect_column_sum_to_be_between", kwargs).ShouldMatch(success, observed);

    [Fact]
    public void Sum_without_bounds_is_rejected_as_gx_does_while_other_statistics_pass_vacuously()
    {
        var act = () => Run(Wxy, "expect_column_sum_to_be_between", """{"column": "y", "catch_exceptions": true}""");
        act.Should().Throw<InvalidExpectationException>().WithMessage("*cannot both be None*");
        Run(Wxy, "expect_column_mean_to_be_between", """{"column": "y"}""").ShouldMatch(true, "2.2");
    }

    [Fact]
    public void Sum_of_an_integer_column_is_an_integer_and_of_a_float_column_a_float()
    {
        Run(Wxy, "expect_column_sum_to_be_between", """{"column": "w", "min_value": 0}""").Result.ObservedValue!.Value.GetRawText().Should().Be("30");
        Run(Wxy, "expect_column_mean_to_be_between", """{"column": "w"}""").Result.ObservedValue!.Value.GetRawText().Should().Be("3");
        var sum = Run(InMemoryTable.Builder().Add("f", new double?[] { 0.5, 0.25 }).Build(), "expect_column_sum_to_be_between", """{"column": "f", "min_value": 0}""");
        sum.Result.ObservedValue!.Value.GetDouble().Should().Be(0.75);
    }

    [Theory]
    [InlineData("""{"column": "x", "min_value": 2, "max_value": 5}""", true, "3.5")]
    [InlineData("""{"column": "x", "min_value": 1, "max_value": 2}""", false, "3.5")]
    [InlineData("""{"column": "y", "min_value": 1.5, "max_value": 1.5}""", true, "1.5")]
    [InlineData("""{"column": "z", "min_value": 5, "max_value": 5}""", true, "5")]
    [InlineData("""{"column": "b", "min_value": 0, "max_value": 1}""", true, "0.5")]
    [InlineData("""{"column": "bn", "min_value": 0, "max_value": 1}""", true, "0.5")]
    [InlineData("""{"column": "n", "min_value": 0, "max_value": 0}""", true, "0")]
    [InlineData("""{"column": "x", "min_value": 3.5, "strict_min": true}""", false, "3.5")]
    [InlineData("""{"column": "x", "max_value": 3.5, "strict_max": true}""", false, "3.5")]
    public void Mean(string kwargs, bool success, string observed)
    {
        var data = InMemoryTable.Builder()
            .Add("x", new double?[] { 2.0, 5.0, null, null })
            .Add("y", new long?[] { 1, 2, null, null })
            .Add("z", new long?[] { 0, 10, null, null })
            .Add("n", new double?[] { 0, null, null, null })
            .Add("b", new bool?[] { true, false, false, true })
            .Add("bn", new bool?[] { true, null, false, null })
            .Build();
        Run(data, "expect_column_mean_to_be_between", kwargs).ShouldMatch(success, observed);
    }

    // GX's fixtures also give a string bound ("s") to the mean and expect a run-time error; a string bound of a statistic
    // that is always a number is refused when the suite is read instead (KwargTypeTests), so a gate exits 2, not 1.
    [Theory]
    [InlineData("""{"column": "s", "min_value": 0, "max_value": 0, "catch_exceptions": true}""", "numeric")]
    public void Mean_raises_for_a_non_numeric_column_or_bound(string kwargs, string messagePart)
    {
        var data = InMemoryTable.Builder()
            .Add("s", new string?[] { "s", null, null, null })
            .Add("bn", new bool?[] { true, null, false, null })
            .Build();
        var result = Run(data, "expect_column_mean_to_be_between", kwargs);
        result.Success.Should().BeFalse();
        result.ExceptionInfo!.ExceptionMessage.Should().Contain(messagePart);
    }

    [Theory]
    [InlineData("expect_column_median_to_be_between")]
    [InlineData("expect_column_stdev_to_be_between")]
    [InlineData("expect_column_sum_to_be_between")]
    public void Numeric_statistics_of_a_string_column_name_the_column_and_its_type(string type)
    {
        var result = Run(Wxy, type, """{"column": "z", "min_value": 0}""");
        result.ExceptionInfo!.ExceptionMessage.Should().Contain("'z'").And.Contain("string").And.Contain("numeric");
    }

    [Theory]
    [InlineData("""{"column": "a", "min_value": 2.5, "max_value": 2.5}""", true, "2.5")]
    [InlineData("""{"column": "a", "min_value": null, "max_value": 3}""", true, "2.5")]
    [InlineData("""{"column": "a", "min_value": 2, "max_value": null}""", true, "2.5")]
    [InlineData("""{"column": "b", "min_value": 5, "max_value": 5}""", false, "2")]
    [InlineData("""{"column": "b", "min_value": null, "max_value": 1}""", false, "2")]
    [InlineData("""{"column": "c", "min_value": 6, "max_value": 6, "catch_exceptions": true}""", true, "6")]
    [InlineData("""{"column": "c", "min_value": null, "max_value": null, "catch_exceptions": true}""", true, null)]
    public void Median(string kwargs, bool success, string? observed) =>
        Run(MedianData, "expect_column_median_to_be_between", kwargs).ShouldMatch(success, observed);

    [Fact]
    public void Median_under_complete_reports_counts_exactly_as_the_fixture()
    {
        var result = Run(MedianData, "expect_column_median_to_be_between", """{"column": "c", "min_value": 7, "max_value": 7, "result_format": "COMPLETE"}""");
        result.Success.Should().BeFalse();
        result.Result.ObservedValue!.Value.GetDouble().Should().Be(6.0);
        result.Result.ElementCount.Should().Be(4);
        result.Result.MissingCount.Should().Be(1);
        result.Result.MissingPercent.Should().Be(25.0);
        result.Result.UnexpectedCount.Should().BeNull();
        result.Result.Details.Should().BeNull();

        var summary = Run(MedianData, "expect_column_median_to_be_between", """{"column": "c", "min_value": 7, "max_value": 7}""");
        summary.Result.ElementCount.Should().BeNull("GX adds the counts only under COMPLETE");
    }

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value_and_skips_nan()
    {
        var data = InMemoryTable.Builder().Add("v", new double?[] { 9, double.NaN, 1, 5, null }).Build();
        var result = Run(data, "expect_column_median_to_be_between", """{"column": "v", "result_format": "COMPLETE"}""");
        result.ShouldMatch(true, "5");
        result.Result.MissingCount.Should().Be(2, "the null and the NaN are skipped");
    }

    private static InMemoryTable MedianData => InMemoryTable.Builder()
        .Add("a", new long?[] { 1, 2, 3, 4 })
        .Add("b", new long?[] { 1, 2, 2, 3 })
        .Add("c", new double?[] { 5, 7, 6, null })
        .Build();

    [Theory]
    [InlineData("""{"column": "dist1", "min_value": 0.5, "max_value": 1.5}""", true, "1.1547005383792517")]
    [InlineData("""{"column": "dist1"}""", true, "1.1547005383792517")]
    [InlineData("""{"column": "dist1", "min_value": 1.1547005383792517, "max_value": 1.1547005383792517}""", true, "1.1547005383792517")]
    [InlineData("""{"column": "dist1", "min_value": 0, "max_value": 1}""", false, "1.1547005383792517")]
    [InlineData("""{"column": "dist2", "min_value": 1, "max_value": null}""", true, "1")]
    [InlineData("""{"column": "dist2", "min_value": null, "max_value": 1}""", true, "1")]
    [InlineData("""{"column": "dist2", "min_value": 1.5, "max_value": null}""", false, "1")]
    [InlineData("""{"column": "dist2", "min_value": null, "max_value": 0.5}""", false, "1")]
    [InlineData("""{"column": "missing", "min_value": 1.4, "max_value": 1.5}""", true, "1.4142135623730951")]
    [InlineData("""{"column": "zero", "min_value": 0, "max_value": 0}""", true, "0")]
    public void Stdev(string kwargs, bool success, string observed)
    {
        var data = InMemoryTable.Builder()
            .Add("dist1", new long?[] { 1, 1, 3 })
            .Add("dist2", new long?[] { -1, 0, 1 })
            .Add("zero", new long?[] { 0, 0, 0 })
            .Add("missing", new double?[] { -1, 1, null })
            .Build();
        Run(data, "expect_column_stdev_to_be_between", kwargs).ShouldMatch(success, observed);
    }

    [Theory]
    [InlineData("expect_column_min_to_be_between")]
    [InlineData("expect_column_max_to_be_between")]
    [InlineData("expect_column_mean_to_be_between")]
    [InlineData("expect_column_median_to_be_between")]
    [InlineData("expect_column_stdev_to_be_between")]
    [InlineData("expect_column_sum_to_be_between")]
    public void Empty_column_fails_with_a_null_observed_value(string type)
    {
        var result = Run(Empty, type, """{"column": "empty_column", "min_value": 0, "max_value": 0, "catch_exceptions": false}""");
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().BeFalse();
        result.Result.ObservedValue!.Value.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        var allNull = InMemoryTable.Builder().Add("v", new double?[] { null, null, double.NaN }).Build();
        var nulls = Run(allNull, type, """{"column": "v", "min_value": 0}""");
        nulls.Success.Should().BeFalse();
        nulls.Result.ObservedValue!.Value.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Stdev_of_a_single_value_is_null_as_pandas_gives_nan()
    {
        var data = InMemoryTable.Builder().Add("v", new double?[] { 3, null }).Build();
        var result = Run(data, "expect_column_stdev_to_be_between", """{"column": "v", "min_value": 0}""");
        result.Success.Should().BeFalse();
        result.Result.ObservedValue!.Value.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Min_and_max_of_timestamps_and_strings_compare_in_their_own_order()
    {
        Run(Wxy, "expect_column_min_to_be_between", """{"column": "ts", "min_value": "1970-01-01", "max_value": "1970-01-02"}""")
            .ShouldMatch(true, "\"1970-01-01T12:00:01\"");
        Run(Wxy, "expect_column_min_to_be_between", """{"column": "z", "min_value": "a", "strict_min": true}""").ShouldMatch(false, "\"a\"");
        var bad = Run(Wxy, "expect_column_min_to_be_between", """{"column": "ts", "min_value": "yesterday"}""");
        bad.ExceptionInfo!.ExceptionMessage.Should().Contain("'ts'").And.Contain("invalid datetime format");
        var mixed = Run(Wxy, "expect_column_max_to_be_between", """{"column": "z", "min_value": 1}""");
        mixed.ExceptionInfo!.ExceptionMessage.Should().Contain("'z'");
    }

    [Fact]
    public void Integer_extremes_and_sums_stay_exact_beyond_double_precision()
    {
        var big = (1L << 53) + 1;
        var data = InMemoryTable.Builder().Add("v", new long?[] { big, long.MaxValue, long.MaxValue }).Build();
        Run(data, "expect_column_min_to_be_between", $$"""{"column": "v", "min_value": {{big}}, "max_value": {{big}}}""").ShouldMatch(true, null);
        Run(data, "expect_column_min_to_be_between", $$"""{"column": "v", "min_value": {{big + 1}}}""").Success.Should().BeFalse();
        Run(data, "expect_column_sum_to_be_between", """{"column": "v", "min_value": 0}""").Result.ObservedValue!.Value.GetRawText()
            .Should().Be(((Int128)big + (2 * (Int128)long.MaxValue)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
