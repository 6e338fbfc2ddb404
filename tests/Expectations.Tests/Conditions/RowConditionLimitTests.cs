using Expectations.Model;

namespace Expectations.Tests.Conditions;

/// <summary>
/// Issue 16 item 2: a row condition nested or chained without bound parses without exhausting the stack (the process
/// used to die with a stack overflow) and evaluates flat, in time linear in its terms.
/// </summary>
public class RowConditionLimitTests
{
    private static InMemoryTable Table() => InMemoryTable.Builder()
        .Add("a", new long?[] { 1, 2, 3, 4, null })
        .Build();

    [Fact]
    public void Fifty_thousand_open_parentheses_are_refused_with_the_depth_and_position()
    {
        var text = new string('(', 50_000) + "a > 1" + new string(')', 50_000);

        var act = () => RowCondition.Parse(text);

        var message = act.Should().Throw<FormatException>().Which.Message;
        message.Should().Contain("deeper than 256 levels").And.Contain("position 257").And.Contain("100,005 characters");
        message.Length.Should().BeLessThan(300, "the condition is cut in the message");
    }

    [Fact]
    public void Parentheses_up_to_the_limit_parse()
    {
        var text = new string('(', RowCondition.MaxDepth) + "a > 1" + new string(')', RowCondition.MaxDepth);

        RowCondition.Parse(text).Should().Be(RowCondition.Parse("a > 1"));
    }

    [Fact]
    public void A_suite_with_a_too_deep_row_condition_is_refused_at_load_naming_the_expectation_and_argument()
    {
        var condition = new string('(', 50_000) + "a > 1" + new string(')', 50_000);
        var json = $$$"""
            {"name": "deep", "expectations": [
              {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a", "row_condition": "{{{condition}}}", "condition_parser": "pandas"}}]}
            """;

        var act = () => SuiteJson.Parse(json);

        act.Should().Throw<Exception>().Which.Message.Should().Contain("$.expectations[0]").And.Contain("row_condition").And.Contain("deeper than 256");
    }

    [Theory]
    [InlineData(25_000, false)]
    [InlineData(25_001, true)]
    public void Twenty_five_thousand_negations_parse_and_evaluate_like_their_parity(int count, bool negated)
    {
        var text = new string('~', count) + "(a > 2)";

        var condition = RowCondition.Parse(text);

        condition.Should().Be(negated ? new RowCondition.Not(RowCondition.Parse("a > 2")) : RowCondition.Parse("a > 2"));
        var suite = new ExpectationSuite("not", [new ColumnValuesToNotBeNull { Column = "a", RowCondition = text }]);
        var report = suite.Validate(Table(), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });
        report.Results[0].ExceptionInfo.Should().BeNull();
        report.Results[0].Result.ElementCount.Should().Be(negated ? 3 : 2, negated ? "1, 2 and the null" : "3 and 4");
    }

    [Fact]
    public void Words_negate_too_and_a_long_run_of_them_does_not_recurse()
    {
        var text = string.Concat(Enumerable.Repeat("not ", 30_001)) + "a > 2";

        RowCondition.Parse(text).Should().Be(new RowCondition.Not(RowCondition.Parse("a > 2")));
    }

    [Fact]
    public void A_hundred_thousand_and_terms_are_one_flat_condition_and_run()
    {
        var text = string.Join(" & ", Enumerable.Range(0, 100_000).Select(i => $"a != {i + 10}")) + " & a > 1";

        var condition = RowCondition.Parse(text);

        condition.Should().BeOfType<RowCondition.And>().Which.Terms.Should().HaveCount(100_001).And.AllBeOfType<RowCondition.Compare>();
        condition.Columns.Should().HaveCount(100_001);
        var suite = new ExpectationSuite("many", [new ColumnValuesToBeBetween { Column = "a", Bounds = new(0L, 3L), RowCondition = text }]);
        var report = suite.Validate(Table(), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });
        report.Results[0].ExceptionInfo.Should().BeNull();
        report.Results[0].Result.ElementCount.Should().Be(3, "2, 3 and 4 are above 1");
        report.Results[0].Result.UnexpectedIndexList.Should().Equal(3);
    }

    [Fact]
    public void Or_chains_flatten_and_mix_with_and_by_precedence()
    {
        RowCondition.Parse("a == 1 | a == 2 | (a == 3 | a == 4) & a > 0").Should().Be(new RowCondition.Or(
            RowCondition.Parse("a == 1"),
            RowCondition.Parse("a == 2"),
            new RowCondition.And(RowCondition.Parse("a == 3 | a == 4"), RowCondition.Parse("a > 0"))));
        RowCondition.Parse("(a == 1 | a == 2) | a == 3").Should().Be(RowCondition.Parse("a == 1 | a == 2 | a == 3"), "or is associative");

        var suite = new ExpectationSuite("or", [new ColumnValuesToNotBeNull { Column = "a", RowCondition = "a == 1 | a == 4 | ~(a < 3 | a >= 3)" }]);
        var report = suite.Validate(Table(), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });
        report.Results[0].Result.ElementCount.Should().Be(3, "1, 4 and the null (a null is neither < 3 nor >= 3)");
    }
}
