namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>
/// Issue 16, the "smaller" list: bounds that cannot be ordered ("NaN", a date beside text that is no date, a malformed
/// date) said "min_value must not be greater than max_value"; now the message says what is wrong.
/// </summary>
public class BetweenBoundMessageTests
{
    private static string? Error(Scalar? min, Scalar? max)
    {
        var table = InMemoryTable.Builder().Add("s", new string?[] { "2021-01-05" }).Add("x", new double?[] { 1 }).Build();
        var suite = new ExpectationSuite("bounds", [new ColumnValuesToBeBetween { Column = "s", Bounds = new(min, max) }]);
        return suite.Validate(table).Results[0].ExceptionInfo?.ExceptionMessage;
    }

    [Fact]
    public void A_nan_text_bound_beside_a_date_says_it_is_not_a_date()
    {
        Error("NaN", "2021-01-01").Should().Contain("min_value (\"NaN\") is not a date, but max_value (\"2021-01-01\") is")
            .And.Contain("bounds nothing").And.NotContain("greater than");
    }

    [Fact]
    public void An_unparseable_date_says_it_is_not_a_date()
    {
        Error("2020-13-45", "2021-01-01").Should().Contain("min_value (\"2020-13-45\") is not a date").And.NotContain("greater than");
        Error("2022-01-01", "2021-02-30").Should().Contain("max_value (\"2021-02-30\") is not a date");
    }

    [Fact]
    public void A_malformed_date_among_text_bounds_says_so()
    {
        Error("2021-13-01", "2021-12-99").Should().Contain("min_value (\"2021-13-01\") is not a valid date").And.NotContain("greater than");
    }

    [Fact]
    public void Dates_compare_as_dates_not_as_text()
    {
        // "2021-1-5" sorts after "2021-01-10" as text, but is the earlier date.
        Error("2021-1-5", "2021-01-10").Should().BeNull();
        Error("2021-01-10", "2021-1-5").Should().Contain("must not be later than");
    }

    [Fact]
    public void A_nan_number_says_it_bounds_nothing()
    {
        Error(5.0, double.NaN).Should().Contain("max_value is NaN, which bounds nothing").And.NotContain("greater than");
        Error(double.NaN, 5.0).Should().Contain("min_value is NaN, which bounds nothing");
    }

    [Fact]
    public void Nan_text_between_text_bounds_says_it_is_text()
    {
        Error("NaN", "1").Should().Contain("min_value (\"NaN\") is text, not a number").And.Contain("bounds nothing");
    }

    [Fact]
    public void Ordinary_reversed_bounds_keep_their_message()
    {
        Error(5L, 1L).Should().Contain("min_value (5) must not be greater than max_value (1)");
        Error("b", "a").Should().Contain("must not be greater than").And.Contain("text bounds compare character by character");
    }
}
