namespace Expectations.Tests.Engine;

public class SmokeTests
{
    private static InMemoryTable Transactions() => InMemoryTable.Builder("tx")
        .Add("amount", new double?[] { 10, 20, null, 50_000, -1 })
        .Add("label", new string?[] { "positive", "negative", "neutral", "bogus", null })
        .Build();

    [Fact]
    public void Suite_built_with_the_dsl_reports_failures_with_counts_and_rows()
    {
        var suite = Expect.Suite("transactions")
            .Column("amount", c => c.Between(0, 10_000).Mostly(0.99))
            .Column("label", c => c.InSet("positive", "negative", "neutral"))
            .RowCount(min: 1)
            .Build();

        var report = ValidationPlan.Compile(suite).Validate(Transactions());

        report.Success.Should().BeFalse();
        var between = report.Results[0];
        between.Success.Should().BeFalse();
        between.Result.UnexpectedCount.Should().Be(2);
        between.Result.MissingCount.Should().Be(1);
        between.Result.PartialUnexpectedIndexList.Should().Equal(3, 4);
        report.Results[1].Result.PartialUnexpectedList!.Select(v => v.GetString()).Should().Equal("bogus");
        report.Results[2].Success.Should().BeTrue();
        var act = () => report.EnsureSuccess();
        act.Should().Throw<ExpectationsFailedException>().WithMessage("*expect_column_values_to_be_between [amount]*2 of 4 values*50000 (row 3)*");
    }

    [Fact]
    public void Missing_column_becomes_exception_info_and_the_rest_still_runs()
    {
        var suite = Expect.Suite("s").Column("amuont", c => c.NotNull()).RowCount(min: 1).Build();
        var report = ValidationPlan.Compile(suite).Validate(Transactions());
        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("'amuont'").And.Contain("did you mean 'amount'");
        report.Results[1].Success.Should().BeTrue();
    }

    [Fact]
    public void Suite_round_trips_through_gx_json()
    {
        var suite = Expect.Suite("transactions")
            .Column("amount", c => c.Between(0, 10_000, strictMax: true).Mostly(0.95).AsWarning())
            .Column("label", c => c.InSet("a", "b").NotNull())
            .RowCount(min: 1, max: 10)
            .Build();
        var json = SuiteJson.Serialize(suite);
        SuiteJson.Parse(json).Should().Be(suite);
        json.Should().Contain("\"type\": \"expect_column_values_to_be_between\"");
        ReportJson.Serialize(ValidationPlan.Compile(suite).Validate(Transactions())).Should().Contain("\"unexpected_percent\"");
    }
}
