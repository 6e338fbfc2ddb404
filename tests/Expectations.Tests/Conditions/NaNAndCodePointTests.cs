using Expectations.Model;

namespace Expectations.Tests.Conditions;

/// <summary>Two in-memory semantics the SQL differential tests (tests/Expectations.Sql.Tests) found diverging from pandas and SQL.</summary>
public class NaNAndCodePointTests
{
    [Theory]
    [InlineData("f < 2.5", 1)]
    [InlineData("f >= -100", 1)]
    [InlineData("f == 1", 1)]
    [InlineData("f != 1", 2)]
    [InlineData("~(f < 2.5)", 2)]
    public void NaN_compares_false_with_every_number_in_a_row_condition_as_in_pandas(string condition, long selected)
    {
        var table = InMemoryTable.Builder().Add("f", new double?[] { 1, double.NaN, null }).Build();
        var e = new ColumnValuesToBeNull { Column = "f", RowCondition = condition };
        var report = new ExpectationSuite("s", [e]).Validate(table, new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });

        report.Results[0].Result.ElementCount.Should().Be(selected, "NaN is pandas' missing value: no comparison holds but !=");
    }

    [Theory]
    [InlineData("_", true)]
    [InlineData("__", false)]
    [InlineData("a_b", false)]
    [InlineData("%_", true)]
    public void A_like_underscore_is_one_code_point_never_half_a_surrogate_pair(string pattern, bool matchesEmoji)
    {
        var table = InMemoryTable.Builder().Add("s", new string?[] { "\U0001F600" }).Build();
        var e = new ColumnValuesToMatchLikePattern { Column = "s", LikePattern = pattern };
        var report = new ExpectationSuite("s", [e]).Validate(table);

        report.Results[0].Success.Should().Be(matchesEmoji);
    }
}
