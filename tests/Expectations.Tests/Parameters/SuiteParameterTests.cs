using Expectations.Model;

namespace Expectations.Tests.Parameters;

public class SuiteParameterTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0);

    [Theory]
    [InlineData("now()", "2026-11-25T12:00:00")]
    [InlineData("now() - timedelta(days=7)", "2026-11-18T12:00:00")]
    [InlineData("now() - timedelta(weeks=52*100)", "1927-03-30T12:00:00")] // Python: datetime(2026,11,25,12) - timedelta(weeks=5200)
    [InlineData("datetime(2003, 1, 1)", "2003-01-01T00:00:00")]
    [InlineData("today() + timedelta(hours=1, minutes=30)", "2026-11-25T01:30:00")]
    public void Date_expressions_evaluate_like_python(string expression, string expected)
    {
        var value = ParameterExpression.Evaluate(expression, new Dictionary<string, Scalar>(), Now);
        value.TryGetTimestamp(out var t).Should().BeTrue();
        t.Should().Be(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Named_parameters_and_arithmetic()
    {
        var parameters = new Dictionary<string, Scalar> { ["max_amount"] = 100L };
        ParameterExpression.Evaluate("max_amount * 1.5 + 2", parameters, Now).AsDouble().Should().Be(152);
    }

    [Fact]
    public void Integer_parameters_and_integer_arithmetic_stay_exact()
    {
        var parameters = new Dictionary<string, Scalar> { ["max_id"] = 9007199254740993L, ["top"] = Scalar.From(ulong.MaxValue) };
        ParameterExpression.Evaluate("max_id", parameters, Now).Should().Be(Scalar.From(9007199254740993L));
        ParameterExpression.Evaluate("max_id + 2", parameters, Now).Should().Be(Scalar.From(9007199254740995L));
        ParameterExpression.Evaluate("-max_id * 2 - 1", parameters, Now).Should().Be(Scalar.From(-18014398509481987L));
        ParameterExpression.Evaluate("top", parameters, Now).AsInt128().Should().Be((Int128)ulong.MaxValue);
        ParameterExpression.Evaluate("9223372036854775807 - 1", parameters, Now).Should().Be(Scalar.From(long.MaxValue - 1));
        ParameterExpression.Evaluate("7 / 2", parameters, Now).Should().Be(Scalar.From(3.5), "/ divides as Python's true division");
        ParameterExpression.Evaluate("max_id * 1.0", parameters, Now).Should().Be(Scalar.From(9007199254740992L), "mixed with a float, an integer is a double");
    }

    [Theory]
    [InlineData("missing_param", "has no value")]
    [InlineData("now() +", "ends too early")]
    [InlineData("eval('1')", "unknown function")]
    [InlineData("timedelta(days=1)", "duration")]
    [InlineData("datetime(2020, 13, 1)", "not a valid date")]
    public void Bad_expressions_say_what_is_wrong(string expression, string message)
    {
        var act = () => ParameterExpression.Evaluate(expression, new Dictionary<string, Scalar>(), Now);
        act.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void A_suite_parameter_is_filled_at_run_time_and_round_trips_as_gx_writes_it()
    {
        var suite = SuiteJson.Parse("""
            {"name": "p", "expectations": [
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": {"$PARAMETER": "max_amount"}}}]}
            """);
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Should().Be(suite);
        SuiteJson.Serialize(suite).Should().Contain("\"$PARAMETER\": \"max_amount\"");
        var table = InMemoryTable.Builder().Add("amount", new double?[] { 5, 50, 500 }).Build();
        var plan = ValidationPlan.Compile(suite);

        var strict = plan.Validate(table, new ValidationOptions { Parameters = new Dictionary<string, Scalar> { ["max_amount"] = 100L } });
        var loose = plan.Validate(table, new ValidationOptions { Parameters = new Dictionary<string, Scalar> { ["max_amount"] = 1000L } });
        var missing = plan.Validate(table);

        strict.Results[0].Result.UnexpectedCount.Should().Be(1);
        loose.Success.Should().BeTrue();
        missing.Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("'max_amount' has no value");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_suite_parameter_is_refused_at_load_naming_the_argument(string expression)
    {
        // Found by the parameter fuzz target (fuzz/corpus/regressions/parameter): an ArgumentException escaped the loader.
        var json = """{"name": "p", "expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "max_value": {"$PARAMETER": "EXPR"}}}]}"""
            .Replace("EXPR", expression, StringComparison.Ordinal);

        var load = () => SuiteJson.Parse(json);

        load.Should().Throw<SuiteFormatException>()
            .Which.Message.Should().Contain("expectations[0].kwargs.max_value").And.Contain("needs a name or an expression");
    }
}
