using Expectations.DataAnalysis;
using FluentAssertions;
using FluentAssertions.Primitives;
using Microsoft.Data.Analysis;

namespace Expectations.Testing;

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
    [CustomAssertion]
    public AndWhichConstraint<DataFrameAssertions, ValidationReport> Satisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs) =>
        Satisfy(ValidationPlan.Compile(suite), because, becauseArgs);

    /// <summary>As <see cref="Satisfy(ExpectationSuite, string, object[])"/>, with a compiled plan.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="because">Why the data should satisfy the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<DataFrameAssertions, ValidationReport> Satisfy(ValidationPlan plan, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var report = DataAssertionCore.Check(Subject?.AsDataSource(), Identifier, plan, expectSuccess: true, because, becauseArgs);
        return new AndWhichConstraint<DataFrameAssertions, ValidationReport>(this, report!);
    }

    /// <summary>Validates the DataFrame and asserts that the suite fails; <c>.Which</c> is the report.</summary>
    /// <param name="suite">The expectations.</param>
    /// <param name="because">Why the data should fail the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<DataFrameAssertions, ValidationReport> NotSatisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs) =>
        NotSatisfy(ValidationPlan.Compile(suite), because, becauseArgs);

    /// <summary>As <see cref="NotSatisfy(ExpectationSuite, string, object[])"/>, with a compiled plan.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="because">Why the data should fail the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<DataFrameAssertions, ValidationReport> NotSatisfy(ValidationPlan plan, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var report = DataAssertionCore.Check(Subject?.AsDataSource(), Identifier, plan, expectSuccess: false, because, becauseArgs);
        return new AndWhichConstraint<DataFrameAssertions, ValidationReport>(this, report!);
    }
}
