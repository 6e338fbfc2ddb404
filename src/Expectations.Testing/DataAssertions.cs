using Expectations.DataAnalysis;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using Microsoft.Data.Analysis;

namespace Expectations.Testing;

/// <summary>FluentAssertions for any <see cref="IDataSource"/> (a Parquet file, a CSV file, an in-memory table): <c>source.Should().Satisfy(suite)</c>.</summary>
public sealed class DataSourceAssertions : ReferenceTypeAssertions<IDataSource, DataSourceAssertions>
{
    /// <summary>Creates the assertions for <paramref name="source"/>.</summary>
    /// <param name="source">The data under test.</param>
    public DataSourceAssertions(IDataSource source) : base(source)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "data";

    /// <summary>
    /// Validates the data against <paramref name="suite"/> and asserts that no error-severity expectation failed;
    /// the failure message lists each failed expectation with counts and sample values. <c>.Which</c> is the report.
    /// </summary>
    /// <param name="suite">The expectations.</param>
    /// <param name="because">Why the data should satisfy the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    public AndWhichConstraint<DataSourceAssertions, ValidationReport> Satisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs) =>
        Satisfy(ValidationPlan.Compile(suite), because, becauseArgs);

    /// <summary>As <see cref="Satisfy(ExpectationSuite, string, object[])"/>, with a compiled plan.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="because">Why the data should satisfy the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    public AndWhichConstraint<DataSourceAssertions, ValidationReport> Satisfy(ValidationPlan plan, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var report = DataAssertionCore.Check(Subject, Identifier, plan, expectSuccess: true, because, becauseArgs);
        return new AndWhichConstraint<DataSourceAssertions, ValidationReport>(this, report!);
    }

    /// <summary>
    /// Validates the data and asserts that the suite fails (a known problem is detected); <c>.Which</c> is the
    /// report, for <c>.Which.Should().HaveFailed("amount")</c>.
    /// </summary>
    /// <param name="suite">The expectations.</param>
    /// <param name="because">Why the data should fail the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    public AndWhichConstraint<DataSourceAssertions, ValidationReport> NotSatisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var report = DataAssertionCore.Check(Subject, Identifier, ValidationPlan.Compile(suite), expectSuccess: false, because, becauseArgs);
        return new AndWhichConstraint<DataSourceAssertions, ValidationReport>(this, report!);
    }
}

/// <summary>FluentAssertions for a <see cref="DataFrame"/>: <c>dataFrame.Should().Satisfy(suite)</c>.</summary>
public sealed class DataFrameAssertions : ReferenceTypeAssertions<DataFrame, DataFrameAssertions>
{
    /// <summary>Creates the assertions for <paramref name="frame"/>.</summary>
    /// <param name="frame">The DataFrame under test.</param>
    public DataFrameAssertions(DataFrame frame) : base(frame)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "data frame";

    /// <summary>
    /// Validates the DataFrame against <paramref name="suite"/> and asserts that no error-severity expectation
    /// failed; the failure message lists each failed expectation with counts and sample values. <c>.Which</c> is the report.
    /// </summary>
    /// <param name="suite">The expectations.</param>
    /// <param name="because">Why the data should satisfy the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    public AndWhichConstraint<DataFrameAssertions, ValidationReport> Satisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var report = DataAssertionCore.Check(Subject?.AsDataSource(), Identifier, ValidationPlan.Compile(suite), expectSuccess: true, because, becauseArgs);
        return new AndWhichConstraint<DataFrameAssertions, ValidationReport>(this, report!);
    }

    /// <summary>Validates the DataFrame and asserts that the suite fails; <c>.Which</c> is the report.</summary>
    /// <param name="suite">The expectations.</param>
    /// <param name="because">Why the data should fail the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    public AndWhichConstraint<DataFrameAssertions, ValidationReport> NotSatisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var report = DataAssertionCore.Check(Subject?.AsDataSource(), Identifier, ValidationPlan.Compile(suite), expectSuccess: false, because, becauseArgs);
        return new AndWhichConstraint<DataFrameAssertions, ValidationReport>(this, report!);
    }
}

/// <summary>The shared body of the data assertions: validate, then assert on the report.</summary>
internal static class DataAssertionCore
{
    public static ValidationReport? Check(IDataSource? source, string identifier, ValidationPlan plan, bool expectSuccess, string because, object[] becauseArgs)
    {
        // The subject is named by the caller's expression where FluentAssertions can find it, else by the identifier.
        var context = "{context:" + identifier + "}";
        var present = Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(source is not null)
            .FailWith("Expected " + context + " to be validated against suite {0}{reason}, but found <null>.", plan.Suite.Name);
        if (!present)
        {
            return null;
        }

        var report = plan.Validate(source!);
        if (expectSuccess)
        {
            var failures = report.Failures().ToList();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(failures.Count == 0)
                .FailWith("Expected " + context + " to satisfy suite {0}{reason}, but " + FailureList.Escape(FailureList.Describe(report, failures)), plan.Suite.Name);
        }
        else
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(!report.Success)
                .FailWith("Expected " + context + " not to satisfy suite {0}{reason}, but all {1} expectations held.", plan.Suite.Name, report.Results.Length);
        }

        return report;
    }
}
