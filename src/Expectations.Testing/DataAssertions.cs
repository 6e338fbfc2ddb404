using FluentAssertions;
using FluentAssertions.Primitives;

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
    [CustomAssertion]
    public AndWhichConstraint<DataSourceAssertions, ValidationReport> Satisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs) =>
        Satisfy(ValidationPlan.Compile(suite), because, becauseArgs);

    /// <summary>As <see cref="Satisfy(ExpectationSuite, string, object[])"/>, with a compiled plan.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="because">Why the data should satisfy the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
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
    [CustomAssertion]
    public AndWhichConstraint<DataSourceAssertions, ValidationReport> NotSatisfy(ExpectationSuite suite, string because = "", params object[] becauseArgs) =>
        NotSatisfy(ValidationPlan.Compile(suite), because, becauseArgs);

    /// <summary>As <see cref="NotSatisfy(ExpectationSuite, string, object[])"/>, with a compiled plan.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="because">Why the data should fail the suite.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndWhichConstraint<DataSourceAssertions, ValidationReport> NotSatisfy(ValidationPlan plan, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var report = DataAssertionCore.Check(Subject, Identifier, plan, expectSuccess: false, because, becauseArgs);
        return new AndWhichConstraint<DataSourceAssertions, ValidationReport>(this, report!);
    }
}
