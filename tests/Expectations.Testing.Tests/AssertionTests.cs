using Xunit.Sdk;

namespace Expectations.Testing.Tests;

public class AssertionTests
{
    internal static InMemoryTable Transactions() => InMemoryTable.Builder("tx")
        .Add("amount", new double?[] { 10, 20, null, 50_000, -1 })
        .Add("label", new string?[] { "positive", "negative", "neutral", "{bogus}", null })
        .Build();

    internal static readonly ExpectationSuite Strict = Expect.Suite("strict")
        .Column<double>("amount", c => c.Between(0, 10_000))
        .Column<string>("label", c => c.InSet("positive", "negative", "neutral"))
        .RowCount(min: 1)
        .Build();

    internal static readonly ExpectationSuite Loose = Expect.Suite("loose")
        .Column<double>("amount", c => c.Between(-10, 100_000))
        .RowCount(min: 1)
        .Build();

    private static ValidationReport Validate(ExpectationSuite suite) => ValidationPlan.Compile(suite).Validate(Transactions());

    [Fact]
    public void BeSuccessful_passes_a_passing_report()
    {
        Validate(Loose).Should().BeSuccessful().And.NotHaveFailed("amount");
    }

    [Fact]
    public void BeSuccessful_lists_each_failure_with_counts_and_samples_braces_included()
    {
        var act = () => Validate(Strict).Should().BeSuccessful("the {0} feed is clean", "nightly");

        var message = act.Should().Throw<XunitException>().Which.Message;
        message.Should().Contain("Expected Validate(Strict) of suite \"strict\" to be successful because the nightly feed is clean, but 2 of 3 expectations failed on tx (5 rows):");
        message.Should().Contain("  - expect_column_values_to_be_between [amount]: 2 of 4 values unexpected (50%); e.g. 50000 (row 3), -1 (row 4)");
        message.Should().Contain("  - expect_column_values_to_be_in_set [label]: 1 of 4 values unexpected (25%); e.g. \"{bogus}\" (row 3)");
        message.Should().NotContain("expect_table_row_count");
    }

    [Fact]
    public void BeSuccessful_on_warnings_counts_warning_failures()
    {
        var suite = Expect.Suite("warn").Column<double>("amount", c => c.Between(0, 10_000).AsWarning()).Build();
        var report = Validate(suite);

        report.Should().BeSuccessful();
        var act = () => report.Should().BeSuccessful(Severity.Warning);

        act.Should().Throw<XunitException>().WithMessage("*(warning): 2 of 4 values unexpected*");
    }

    [Fact]
    public void HaveFailed_by_column_gives_the_result_and_explains_when_nothing_failed()
    {
        var report = Validate(Strict);

        report.Should().HaveFailed("amount").Which.Result.UnexpectedCount.Should().Be(2);
        report.Should().NotBeSuccessful();

        var passed = () => Validate(Loose).Should().HaveFailed("amount");
        passed.Should().Throw<XunitException>()
            .WithMessage("Expected an expectation on column \"amount\" to have failed in Validate(Loose), but all 1 such expectation(s) held: expect_column_values_to_be_between [amount]: 0 of 4 values unexpected (0%).");

        var unknown = () => report.Should().HaveFailed("nope", "we planted bad {0}", "values");
        unknown.Should().Throw<XunitException>()
            .WithMessage("*because we planted bad values, but the suite has no such expectation; it checked: expect_column_values_to_be_between [amount], expect_column_values_to_be_in_set [label], expect_table_row_count_to_be_between.");
    }

    [Fact]
    public void HaveFailed_by_type_and_column()
    {
        var report = Validate(Strict);

        report.Should().HaveFailed<ColumnValuesToBeBetween>().Which.Expectation.ColumnName.Should().Be("amount");
        report.Should().HaveFailed<ColumnValuesToBeInSet>("label");
        var act = () => report.Should().HaveFailed<TableRowCountToBeBetween>();
        act.Should().Throw<XunitException>().WithMessage("Expected an expectation of type TableRowCountToBeBetween to have failed*all 1 such*");
    }

    [Fact]
    public void NotHaveFailed_and_NotBeSuccessful_fail_with_the_reason()
    {
        var notFailed = () => Validate(Strict).Should().NotHaveFailed("label");
        notFailed.Should().Throw<XunitException>().WithMessage("Expected no expectation on column \"label\" to fail in Validate(Strict), but 1 of 3 expectations failed*in_set [label]*");

        var notSuccessful = () => Validate(Loose).Should().NotBeSuccessful();
        notSuccessful.Should().Throw<XunitException>().WithMessage("Expected Validate(Loose) of suite \"loose\" to fail, but all 2 expectations held.");
    }

    [Fact]
    public void Data_sources_satisfy_suites_and_plans()
    {
        Transactions().Should().Satisfy(Loose).Which.Statistics.EvaluatedExpectations.Should().Be(2);
        Transactions().Should().Satisfy(ValidationPlan.Compile(Loose));
        Transactions().Should().NotSatisfy(Strict).Which.Should().HaveFailed("label");
        Transactions().Should().NotSatisfy(ValidationPlan.Compile(Strict)).Which.Should().HaveFailed("amount");
    }

    [Fact]
    public void Null_subjects_fail_clearly()
    {
        ValidationReport? missingReport = null;
        IDataSource? missingSource = null;
        ExpectationResult? missingResult = null;

        var report = () => missingReport.Should().BeSuccessful();
        report.Should().Throw<XunitException>().WithMessage("Expected missingReport to be a validation report, but found <null>.");
        var source = () => missingSource.Should().Satisfy(Loose);
        source.Should().Throw<XunitException>().WithMessage("Expected missingSource to be validated against suite \"loose\", but found <null>.");
        var result = () => missingResult.Should().HaveUnexpectedCount(1);
        result.Should().Throw<XunitException>().WithMessage("Expected missingResult to be an expectation result, but found <null>.");
    }

    [Fact]
    public void Assertion_scopes_collect_several_failures()
    {
        var report = Validate(Strict);
        var act = () =>
        {
            using var scope = new FluentAssertions.Execution.AssertionScope();
            report.Should().BeSuccessful();
            report.Should().NotHaveFailed("label");
        };

        act.Should().Throw<XunitException>().Which.Message.Should().Contain("to be successful").And.Contain("Expected no expectation on column");
    }

    [Fact]
    public void DataAssert_throws_the_report_failure_and_returns_passing_reports()
    {
        DataAssert.Satisfies(Transactions(), Loose).Success.Should().BeTrue();
        var act = () => DataAssert.Satisfies(Transactions(), Strict);
        var error = act.Should().Throw<ExpectationsFailedException>().Which;
        error.Message.Should().Contain("2 of 3 expectations failed").And.Contain("-1 (row 4)");
        error.Report.Should().NotBeNull();

        DataAssert.Failed(Validate(Strict), "amount").Result.UnexpectedCount.Should().Be(2);
        var notFailed = () => DataAssert.Failed(Validate(Loose), "amount");
        notFailed.Should().Throw<ExpectationsFailedException>().WithMessage("*column 'amount'*none did (1 expectation(s) on it held)*");
    }

    [Fact]
    public async Task DataAssert_works_asynchronously()
    {
        (await DataAssert.SatisfiesAsync(Transactions(), Loose)).Success.Should().BeTrue();
        var act = () => DataAssert.SatisfiesAsync(Transactions(), Strict);
        await act.Should().ThrowAsync<ExpectationsFailedException>();
    }

    [Fact]
    public void The_package_does_not_depend_on_DataFrames()
    {
        // Parquet-only and CSV-only test projects must not pull in Microsoft.Data.Analysis and Apache.Arrow:
        // the DataFrame assertions are in Expectations.Testing.DataAnalysis.
        var references = typeof(ValidationReportAssertions).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        references.Should().NotContain(["Microsoft.Data.Analysis", "Apache.Arrow", "Expectations.DataAnalysis"]);
    }
}
