using Xunit.Sdk;
using static Expectations.Testing.Tests.AssertionTests;

namespace Expectations.Testing.Tests;

/// <summary>
/// Which result <c>HaveFailed(column).Which</c> picks, and how failure messages name their subject: by the caller's
/// expression, as FluentAssertions' own assertions do, and by "report" / "data" only when that is unknown.
/// </summary>
public class SubjectNamingTests
{
    private static readonly ExpectationSuite TwoOnAmount = Expect.Suite("two on amount")
        .Column<double>("amount", c => c.Between(0, 10_000))
        .Column<double>("amount", c => c.NotNull())
        .Build();

    [Fact]
    public void Which_is_the_first_failed_result_on_the_column_in_suite_order()
    {
        var report = ValidationPlan.Compile(TwoOnAmount).Validate(Transactions());
        report.Results.Count(r => !r.Success).Should().Be(2, "both expectations on amount fail");

        report.Should().HaveFailed("amount").Which.Expectation.Should().BeOfType<ColumnValuesToBeBetween>();
        report.Should().HaveFailed<ColumnValuesToNotBeNull>("amount").Which.Result.UnexpectedCount.Should().Be(1);
    }

    [Fact]
    public void Messages_name_the_variable_the_assertion_was_called_on()
    {
        var result = ValidationPlan.Compile(Strict).Validate(Transactions());

        var successful = () => result.Should().BeSuccessful();
        successful.Should().Throw<XunitException>().WithMessage("Expected result of suite \"strict\" to be successful, but 2 of 3*");

        var failed = () => result.Should().HaveFailed("nope");
        failed.Should().Throw<XunitException>().WithMessage("Expected an expectation on column \"nope\" to have failed in result, but the suite has no such expectation*");

        var transactions = Transactions();
        var satisfy = () => transactions.Should().Satisfy(Strict);
        satisfy.Should().Throw<XunitException>().WithMessage("Expected transactions to satisfy suite \"strict\", but 2 of 3*");
    }

    [Fact]
    public void Assertions_on_the_picked_result_name_the_result()
    {
        var report = ValidationPlan.Compile(Strict).Validate(Transactions());

        report.Should().HaveFailed("amount").Which.Should().HaveUnexpectedCount(2).And.HaveUnexpectedValue(-1).And.HaveUnexpectedValue(50_000);
        report.Should().HaveFailed("label").Which.Should().HaveUnexpectedValue("{bogus}");

        var count = () => report.Should().HaveFailed("amount").Which.Should().HaveUnexpectedCount(9, "we planted {0}", "nine");
        count.Should().Throw<XunitException>().WithMessage(
            "Expected the result of expect_column_values_to_be_between [amount] to have 9 unexpected value(s) because we planted nine, "
            + "but found 2 of 4 values unexpected (50%); e.g. 50000 (row 3), -1 (row 4).");

        var value = () => report.Should().HaveFailed("label").Which.Should().HaveUnexpectedValue("unknown");
        value.Should().Throw<XunitException>().WithMessage(
            "Expected the result of expect_column_values_to_be_in_set [label] to list \"unknown\" among its unexpected values, but found 1 of 4 values unexpected (25%); e.g. \"{bogus}\" (row 3).");

        var aggregate = () => report.Should().HaveFailed<TableRowCountToBeBetween>().Which.Should().HaveUnexpectedCount(0);
        aggregate.Should().Throw<XunitException>();
    }

    [Fact]
    public void A_result_without_unexpected_values_says_so()
    {
        var suite = Expect.Suite("mean").Column<double>("amount", c => c.MeanBetween(0, 1)).Build();
        var report = ValidationPlan.Compile(suite).Validate(Transactions());

        var act = () => report.Should().HaveFailed("amount").Which.Should().HaveUnexpectedCount(0);

        act.Should().Throw<XunitException>().WithMessage("Expected the result of expect_column_mean_to_be_between [amount] to have 0 unexpected value(s), but it counts no unexpected values (observed *).");
    }
}
