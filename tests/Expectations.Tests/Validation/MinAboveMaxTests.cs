using System.Text.Json;

namespace Expectations.Tests.Validation;

/// <summary>
/// <c>min_value</c> above <c>max_value</c>, as GX 1.x treats it: the aggregate and count expectations run and fail
/// (no value lies in an empty range), <c>expect_column_values_to_be_between</c> is an error of its own result (GX
/// raises when it runs), and only <c>expect_table_row_count_to_be_between</c> is refused when the suite is read.
/// No case rejects the rest of the suite.
/// </summary>
public class MinAboveMaxTests
{
    private static readonly InMemoryTable Data = InMemoryTable.Builder()
        .Add("x", new long?[] { 1, 2, 3, 4, null })
        .Add("s", new string?[] { "ab", "abc", null, "abcd", "a" })
        .Build();

    /// <summary>A suite holding <paramref name="expectation"/> and, after it, a not-null check that passes.</summary>
    private static ExpectationSuite Suite(string expectation) => SuiteJson.Parse($$$"""
        {"name": "wild", "expectations": [
          {{{expectation}}},
          {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "s", "mostly": 0.5}}
        ]}
        """);

    [Theory]
    [InlineData("expect_column_min_to_be_between", "1")]
    [InlineData("expect_column_max_to_be_between", "4")]
    [InlineData("expect_column_mean_to_be_between", "2.5")]
    [InlineData("expect_column_median_to_be_between", "2.5")]
    [InlineData("expect_column_stdev_to_be_between", null)]
    [InlineData("expect_column_sum_to_be_between", "10")]
    [InlineData("expect_column_unique_value_count_to_be_between", "4")]
    [InlineData("expect_column_proportion_of_unique_values_to_be_between", "1.0")]
    public void An_aggregate_with_min_above_max_loads_runs_and_fails_with_its_observed_value(string type, string? observed)
    {
        var suite = Suite($$$"""{"type": "{{{type}}}", "kwargs": {"column": "x", "min_value": 3, "max_value": 2}}""");

        var report = suite.Validate(Data);

        var result = report.Results[0];
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().BeFalse("no statistic lies in an empty range");
        result.Result.ObservedValue.Should().NotBeNull();
        result.Result.ObservedValue!.Value.ValueKind.Should().Be(JsonValueKind.Number);
        if (observed is not null)
        {
            result.Result.ObservedValue.Value.GetDouble().Should().Be(double.Parse(observed, System.Globalization.CultureInfo.InvariantCulture));
        }

        report.Results[1].Success.Should().BeTrue("the rest of the suite runs");
    }

    [Fact]
    public void The_gx_1x_mean_case_strict_min_above_max_fails()
    {
        // GX's own test (test_expect_column_mean_to_be_between, "strict_min_fail"): min 3 (strict) above max 2.5 fails.
        var report = Suite("""{"type": "expect_column_mean_to_be_between", "kwargs": {"column": "x", "min_value": 3, "strict_min": true, "max_value": 2.5}}""").Validate(Data);
        report.Results[0].Success.Should().BeFalse();
        report.Results[0].ExceptionInfo.Should().BeNull();
    }

    [Fact]
    public void A_column_count_with_min_above_max_runs_and_fails()
    {
        var report = Suite("""{"type": "expect_table_column_count_to_be_between", "kwargs": {"min_value": 3, "max_value": 1}}""").Validate(Data);

        report.Results[0].Success.Should().BeFalse();
        report.Results[0].ExceptionInfo.Should().BeNull();
        report.Results[0].Result.ObservedValue!.Value.GetInt64().Should().Be(2);
        report.Results[1].Success.Should().BeTrue();
    }

    [Fact]
    public void Value_lengths_with_min_above_max_run_and_flag_every_value()
    {
        var report = Suite("""{"type": "expect_column_value_lengths_to_be_between", "kwargs": {"column": "s", "min_value": 4, "max_value": 2}}""").Validate(Data);

        var result = report.Results[0];
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().BeFalse();
        result.Result.UnexpectedCount.Should().Be(4, "every non-null value, as GX's pandas between on lengths");
        report.Results[1].Success.Should().BeTrue();
    }

    [Fact]
    public void Values_between_with_min_above_max_is_an_error_of_its_own_result_not_of_the_suite()
    {
        var report = Suite("""{"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "min_value": 10, "max_value": 0}}""").Validate(Data);

        var result = report.Results[0];
        result.Success.Should().BeFalse();
        result.ExceptionInfo.Should().NotBeNull();
        result.ExceptionInfo!.ExceptionMessage.Should().Contain("expect_column_values_to_be_between").And.Contain("min_value (10)").And.Contain("max_value (0)");
        result.ExceptionInfo.ExceptionTraceback.Should().BeNull("a known argument problem carries no stack trace");
        report.Results[1].Success.Should().BeTrue("the rest of the suite runs");

        // The DSL builds the same record: the suite builds, and the run reports the same error.
        var dsl = Expect.Suite("dsl").Column<long>("x", c => c.Between(5, 1)).Build();
        dsl.Validate(Data).Results.Single().ExceptionInfo!.ExceptionMessage.Should().Contain("min_value (5) must not be greater than max_value (1)");
    }

    [Fact]
    public void Row_count_between_with_min_above_max_is_still_refused_when_read_as_gx_1x_refuses_it()
    {
        var act = () => Suite("""{"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 5, "max_value": 4}}""");
        act.Should().Throw<InvalidExpectationException>().WithMessage("*expect_table_row_count_to_be_between*min_value (5) must not be greater than max_value (4)*")
            .Which.Arguments.Should().Equal("min_value");
    }

    [Fact]
    public void Parameters_resolved_to_min_above_max_behave_the_same_way()
    {
        var suite = SuiteJson.Parse("""
            {"name": "p", "expectations": [
              {"type": "expect_column_max_to_be_between", "kwargs": {"column": "x", "min_value": {"$PARAMETER": "lo"}, "max_value": {"$PARAMETER": "hi"}}},
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "x", "min_value": {"$PARAMETER": "lo"}, "max_value": {"$PARAMETER": "hi"}}}
            ]}
            """);
        var options = new ValidationOptions { Parameters = new Dictionary<string, Scalar> { ["lo"] = 9, ["hi"] = 1 } };

        var report = ValidationPlan.Compile(suite).Validate(InMemoryValidation.Backend(Data), options);

        report.Results[0].ExceptionInfo.Should().BeNull();
        report.Results[0].Success.Should().BeFalse();
        report.Results[1].ExceptionInfo!.ExceptionMessage.Should().Contain("min_value (9)");
    }
}
