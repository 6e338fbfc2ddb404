using Expectations.Model;

namespace Expectations.Tests.Conditions;

public class RowConditionTests
{
    private static InMemoryTable Table() => InMemoryTable.Builder()
        .Add("country", new string?[] { "DE", "FR", "DE", null, "DE", "US" })
        .Add("amount", new double?[] { 10, -5, -1, -7, 200, null })
        .Add("flag", new bool?[] { true, false, true, true, null, false })
        .Build();

    [Theory]
    [InlineData("col(\"country\") == \"DE\" & col(\"amount\") > 5")]
    [InlineData("country == 'DE' and amount > 5")]
    [InlineData("(country == \"DE\") & (amount > 5)")]
    public void Both_gx_syntaxes_parse_to_the_same_condition(string text)
    {
        RowCondition.Parse(text).Should().Be(RowCondition.Parse("col(\"country\") == \"DE\" & col(\"amount\") > 5"));
    }

    [Theory]
    [InlineData("country ==", "expected a number")]
    [InlineData("country 'DE'", "comparison")]
    [InlineData("(amount > 1", "expected ')'")]
    [InlineData("col(country) > 1", "quoted column name")]
    public void Malformed_conditions_say_what_and_where(string text, string message)
    {
        var act = () => RowCondition.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"*{message}*position*");
    }

    [Fact]
    public void A_conditional_expectation_checks_only_matching_rows_and_reports_their_global_indices()
    {
        var e = new ColumnValuesToBeBetween { Column = "amount", Bounds = new(0L, null), RowCondition = "col(\"country\") == \"DE\"" };
        var report = new ExpectationSuite("s", [e]).Validate(Table(), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });

        var r = report.Results[0];
        r.Result.ElementCount.Should().Be(3, "rows 0, 2 and 4 are DE");
        r.Result.UnexpectedIndexList.Should().Equal(2);
        r.Result.UnexpectedList!.Single().GetDouble().Should().Be(-1);
    }

    [Fact]
    public void Null_compares_false_except_with_not_equal_as_in_pandas()
    {
        var notDe = new ColumnValuesToNotBeNull { Column = "amount", RowCondition = "country != 'DE'" };
        var flagged = new ColumnValuesToNotBeNull { Column = "amount", RowCondition = "flag == True" };
        var report = new ExpectationSuite("s", [notDe, flagged]).Validate(Table(), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });

        report.Results[0].Result.ElementCount.Should().Be(3, "FR, the null country and US");
        report.Results[0].Result.UnexpectedIndexList.Should().Equal(5);
        report.Results[1].Result.ElementCount.Should().Be(3, "rows 0, 2 and 3; the null flag is not True");
    }

    [Fact]
    public void A_condition_on_a_missing_column_fails_that_expectation_only()
    {
        var bad = new ColumnValuesToNotBeNull { Column = "amount", RowCondition = "region == 'EU'" };
        var good = new ColumnValuesToNotBeNull { Column = "country" };
        var report = new ExpectationSuite("s", [bad, good]).Validate(Table());

        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("'region'");
        report.Results[1].ExceptionInfo.Should().BeNull();
    }

    [Fact]
    public void Bad_condition_or_parser_is_an_argument_error_at_load_time()
    {
        var parser = () => SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a", "row_condition": "a > 1", "condition_parser": "bad_parser"}}]}""");
        parser.Should().Throw<InvalidExpectationException>().WithMessage("*condition_parser*bad_parser*");
        var syntax = () => SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "a", "row_condition": "a >"}}]}""");
        syntax.Should().Throw<InvalidExpectationException>().WithMessage("*row_condition*");
    }

    [Fact]
    public void Ordering_a_column_against_a_literal_of_another_type_is_an_error()
    {
        var e = new ColumnValuesToNotBeNull { Column = "amount", RowCondition = "country > 5" };
        new ExpectationSuite("s", [e]).Validate(Table()).Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("cannot be ordered");
    }

    [Theory]
    [InlineData("id == 9007199254740993", 1)]
    [InlineData("id > 9007199254740992", 2)]
    [InlineData("id <= 9223372036854775806", 2)]
    [InlineData("id != 9223372036854775807", 3)]
    [InlineData("id > 9007199254740992.5", 2)]
    public void Integer_columns_compare_with_integer_literals_exactly(string condition, long rows)
    {
        var table = InMemoryTable.Builder().Add("id", new long?[] { 1L << 53, (1L << 53) + 1, long.MaxValue, null }).Build();
        var e = new ColumnValuesToNotBeNull { Column = "id", RowCondition = condition };
        new ExpectationSuite("s", [e]).Validate(table).Results[0].Result.ElementCount.Should().Be(rows);
    }

    [Fact]
    public void Unsigned_literals_above_long_max_stay_exact()
    {
        var table = InMemoryTable.Builder().Add("u", new ulong?[] { ulong.MaxValue, ulong.MaxValue - 1 }).Build();
        var e = new ColumnValuesToNotBeNull { Column = "u", RowCondition = "u == 18446744073709551615" };
        new ExpectationSuite("s", [e]).Validate(table).Results[0].Result.ElementCount.Should().Be(1);
    }
}
