namespace Expectations.Tests.Checks.Table;

/// <summary>GX's SQL-only unexpected_rows_expectation fixtures (query_expectations), run in memory.</summary>
public class UnexpectedRowsTests
{
    private static InMemoryTable Fixture() => InMemoryTable.Builder()
        .Add("c1", new long?[] { 4, 5, 6, 7 })
        .Add("c2", new string?[] { "a", "b", "c", "d" })
        .Add("c4", new double?[] { 4.0, 3.0, 3.5, 1.2 })
        .Build();

    private static ExpectationResult Run(string query) =>
        new ExpectationSuite("q", [new UnexpectedRowsExpectation { UnexpectedRowsQuery = query }]).Validate(Fixture()).Results[0];

    [Fact]
    public void Gx_fixture_basic_positive_test()
    {
        var r = Run("SELECT * FROM {batch} WHERE c1 > 7");
        r.Success.Should().BeTrue();
        r.Result.ObservedValue!.Value.GetString().Should().Be("0 unexpected rows");
    }

    [Fact]
    public void Gx_fixture_basic_negative_test()
    {
        var r = Run("SELECT * FROM {batch} WHERE c1 > 6");
        r.Success.Should().BeFalse();
        r.Result.ObservedValue!.Value.GetString().Should().Be("1 unexpected row");
        r.Result.PartialUnexpectedIndexList.Should().Equal(3);
    }

    [Fact]
    public void Sql_operators_and_keywords_work()
    {
        Run("select * from {batch} where c2 = 'b' OR (c4 < 2 AND NOT c1 <> 7)").Result.PartialUnexpectedIndexList.Should().Equal(1, 3);
    }

    [Theory]
    [InlineData("SELECT c1 FROM {batch} WHERE c1 > 6")]
    [InlineData("SELECT * FROM {batch}")]
    [InlineData("SELECT * FROM {batch} WHERE c1 >")]
    public void Other_sql_is_an_argument_error(string query)
    {
        var json = """{"name": "q", "expectations": [{"type": "unexpected_rows_expectation", "kwargs": {"unexpected_rows_query": "QUERY"}}]}""".Replace("QUERY", query, StringComparison.Ordinal);
        var act = () => SuiteJson.Parse(json);
        act.Should().Throw<InvalidExpectationException>().WithMessage("*unexpected_rows_query*");
    }

    [Fact]
    public void A_query_on_a_missing_column_fails_that_expectation()
    {
        Run("SELECT * FROM {batch} WHERE c9 > 1").ExceptionInfo!.ExceptionMessage.Should().Contain("'c9'");
    }
}
