namespace Expectations.Tests.Checks.MultiColumn;

public class OtherTableTests
{
    private static InMemoryTable Rows(int n) => InMemoryTable.Builder().Add("id", Enumerable.Range(0, n).Select(i => (long?)i).ToArray()).Build();

    private static ExpectationResult Run(Expectation e, IDataSource data, IReadOnlyDictionary<string, IDataSource> others) =>
        ValidationPlan.Compile(new ExpectationSuite("s", [e])).Validate(data, new ValidationOptions { OtherTables = others }).Results.Single();

    [Fact]
    public void Equal_row_counts_pass_and_report_both()
    {
        var r = Run(new TableRowCountToEqualOtherTable { OtherTableName = "raw" }, Rows(5), new Dictionary<string, IDataSource> { ["raw"] = Rows(5) });
        r.Success.Should().BeTrue();
        r.Result.ObservedValue!.Value.GetRawText().Should().Be("""{"self":5,"other":5}""");
    }

    [Fact]
    public void Different_row_counts_fail_and_a_row_condition_filters_only_this_table()
    {
        var others = new Dictionary<string, IDataSource> { ["raw"] = Rows(4) };
        var r = Run(new TableRowCountToEqualOtherTable { OtherTableName = "raw" }, Rows(5), others);
        r.Success.Should().BeFalse();
        r.Result.ObservedValue!.Value.GetRawText().Should().Be("""{"self":5,"other":4}""");

        var filtered = Run(new TableRowCountToEqualOtherTable { OtherTableName = "raw", RowCondition = "col(\"id\") < 4" }, Rows(5), others);
        filtered.Success.Should().BeTrue();
    }

    [Fact]
    public void A_missing_other_table_is_an_exception_saying_how_to_pass_it()
    {
        var r = Run(new TableRowCountToEqualOtherTable { OtherTableName = "raw" }, Rows(5), new Dictionary<string, IDataSource> { ["clean"] = Rows(5) });
        r.Success.Should().BeFalse();
        r.ExceptionInfo!.ExceptionMessage.Should().Contain("'raw'").And.Contain("'clean'").And.Contain("ValidationOptions.OtherTables").And.Contain("--other-table raw=PATH");

        var none = ValidationPlan.Compile(new ExpectationSuite("s", [new TableRowCountToEqualOtherTable { OtherTableName = "raw" }])).Validate(Rows(1)).Results.Single();
        none.ExceptionInfo!.ExceptionMessage.Should().Contain("no other tables were supplied");
    }

    [Fact]
    public void Dsl_verb_json_and_arguments()
    {
        var suite = Expect.Suite("s").Table(t => t.RowCountEqualsOtherTable("raw")).Build();
        suite.Expectations.Single().Should().Be(new TableRowCountToEqualOtherTable { OtherTableName = "raw" });
        SuiteJson.Serialize(suite).Should().Contain("\"other_table_name\": \"raw\"");
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Expectations.Should().Equal(suite.Expectations);
        var empty = () => new TableRowCountToEqualOtherTable().ThrowIfInvalid();
        empty.Should().Throw<InvalidExpectationException>().WithMessage("*other_table_name*");
    }
}
