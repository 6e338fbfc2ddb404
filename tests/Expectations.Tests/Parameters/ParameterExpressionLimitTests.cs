using Expectations.Model;

namespace Expectations.Tests.Parameters;

/// <summary>
/// Issue 16 item 2 and the parser items of its "smaller" list: a <c>$PARAMETER</c> expression never exhausts the stack,
/// leaks an internal exception (IndexOutOfRange, a DateTime overflow) or yields a silent infinity: each is an error
/// that says what is wrong and where, in that expectation's result only.
/// </summary>
public class ParameterExpressionLimitTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0);

    private static Scalar Evaluate(string expression) => ParameterExpression.Evaluate(expression, new Dictionary<string, Scalar>(), Now);

    [Fact]
    public void Fourteen_thousand_nested_parentheses_are_refused_with_the_depth_and_position()
    {
        var text = new string('(', 14_000) + "1" + new string(')', 14_000);

        var act = () => Evaluate(text);

        var message = act.Should().Throw<FormatException>().Which.Message;
        message.Should().Contain("deeper than 256 levels").And.Contain("position 257").And.Contain("28,001 characters");
        message.Length.Should().BeLessThan(300);
    }

    [Fact]
    public void Parentheses_and_calls_up_to_the_limit_evaluate()
    {
        Evaluate(new string('(', 255) + "1 + 1" + new string(')', 255)).Should().Be(Scalar.From(2L));
        Evaluate("now() - timedelta(days=((((7)))))").TryGetTimestamp(out var t).Should().BeTrue();
        t.Should().Be(Now.AddDays(-7));
    }

    [Theory]
    [InlineData(100_000, 5L)]
    [InlineData(100_001, -5L)]
    public void A_long_run_of_minus_signs_is_counted_not_recursed(int count, long expected)
    {
        Evaluate(new string('-', count) + "5").Should().Be(Scalar.From(expected));
    }

    [Fact]
    public void An_even_run_of_minus_signs_before_text_is_still_an_error()
    {
        var act = () => Evaluate("--'text'");

        act.Should().Throw<FormatException>().WithMessage("*cannot apply*string*");
    }

    [Fact]
    public void A_too_deep_expression_fails_its_own_expectation_naming_the_argument_and_the_others_run()
    {
        var deep = new string('(', 14_000) + "1" + new string(')', 14_000);
        var suite = SuiteJson.Parse($$$$"""
            {"name": "p", "expectations": [
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "a", "max_value": {"$PARAMETER": "{{{{deep}}}}"}}},
              {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a"}}]}
            """);
        var table = InMemoryTable.Builder().Add("a", new long?[] { 1, 2 }).Build();

        var report = ValidationPlan.Compile(suite).Validate(table);

        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("max_value").And.Contain("deeper than 256 levels").And.Contain("position 257");
        report.Results[0].ExceptionInfo!.ExceptionTraceback.Should().BeNullOrEmpty("an argument error is not an internal failure");
        report.Results[1].Success.Should().BeTrue();
    }

    [Theory]
    [InlineData("timedelta(1, 2, 3, 4, 5, 6, 7, 8)", "takes at most 7 positional arguments")]
    [InlineData("timedelta(1, days=2)", "'days' twice")]
    [InlineData("timedelta(days=1, days=2)", "'days' twice")]
    [InlineData("timedelta(fortnights=1)", "no argument 'fortnights'")]
    [InlineData("datetime(2020, 1, 1, 0, 0, 0, 0, 0)", "takes at most 7 positional arguments")]
    [InlineData("date(2020, 1, 1, 5)", "takes at most 3 positional arguments")]
    [InlineData("datetime(2020, 1, 1, zone=1)", "no argument 'zone'")]
    [InlineData("datetime(2020.5, 1, 1)", "year must be a whole number")]
    [InlineData("datetime(1e20, 1, 1)", "year must be a whole number")]
    public void Function_arguments_python_refuses_are_clear_errors(string expression, string message)
    {
        var act = () => Evaluate(expression);

        act.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Datetime_takes_microseconds_as_python_does()
    {
        Evaluate("datetime(2020, 1, 2, 3, 4, 5, 600)").TryGetTimestamp(out var t).Should().BeTrue();
        t.Should().Be(new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(6_000));
    }

    [Theory]
    [InlineData("now() + timedelta(days=3000000)", "beyond the dates")]
    [InlineData("datetime(9999, 12, 31) + timedelta(days=1)", "beyond the dates")]
    [InlineData("datetime(1, 1, 1) - timedelta(seconds=1)", "beyond the dates")]
    [InlineData("now() - timedelta(days=1e300)", "beyond the durations")]
    [InlineData("now() - timedelta(weeks=2000000)", "beyond the durations")]
    [InlineData("now() + timedelta(days=10000000) * 10", "beyond the dates")]
    [InlineData("timedelta(days=10000000) + timedelta(days=10000000)", "beyond the dates")]
    public void Date_arithmetic_beyond_a_timestamp_is_a_clear_error(string expression, string message)
    {
        var act = () => Evaluate(expression);

        act.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    [Theory]
    [InlineData("1e400", "beyond the range of a double")]
    [InlineData("1e300 * 1e300", "overflows")]
    [InlineData("1.2.3", "'1.2.3' is not a number")]
    public void Numbers_beyond_a_double_are_errors_not_infinity(string expression, string message)
    {
        var act = () => Evaluate(expression);

        act.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }
}
