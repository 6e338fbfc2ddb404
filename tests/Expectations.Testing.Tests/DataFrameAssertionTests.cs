using Microsoft.Data.Analysis;
using Xunit.Sdk;
using static Expectations.Testing.Tests.AssertionTests;

namespace Expectations.Testing.Tests;

/// <summary>The DataFrame assertions of Expectations.Testing.DataAnalysis.</summary>
public class DataFrameAssertionTests
{
    private static DataFrame Amounts() => new(new DoubleDataFrameColumn("amount", new double?[] { 1, 2, 20_000 }));

    [Fact]
    public void Data_frames_satisfy_suites_and_plans()
    {
        var frame = Amounts();

        frame.Should().Satisfy(Loose).Which.Meta.RowCount.Should().Be(3);
        frame.Should().Satisfy(ValidationPlan.Compile(Loose));
        frame.Should().NotSatisfy(Strict).Which.Should().HaveFailed("amount");
        frame.Should().NotSatisfy(ValidationPlan.Compile(Strict));
        var act = () => frame.Should().Satisfy(Strict, "it feeds the model");
        act.Should().Throw<XunitException>()
            .WithMessage("Expected frame to satisfy suite \"strict\" because it feeds the model, but 2 of 3 expectations failed on DataFrame (3 rows):*20000 (row 2)*error: *label*");
    }

    [Fact]
    public void A_null_data_frame_fails_clearly()
    {
        DataFrame? features = null;

        var act = () => features.Should().Satisfy(Loose);

        act.Should().Throw<XunitException>().WithMessage("Expected features to be validated against suite \"loose\", but found <null>.");
    }

    [Fact]
    public void DataFrameAssert_throws_the_report_failure_and_returns_passing_reports()
    {
        DataFrameAssert.Satisfies(Amounts(), Loose).Success.Should().BeTrue();
        var act = () => DataFrameAssert.Satisfies(Amounts(), Strict, Severity.Warning);
        act.Should().Throw<ExpectationsFailedException>().WithMessage("*2 of 3 expectations failed*20000 (row 2)*");
    }
}
