namespace Expectations.Testing;

/// <summary>
/// <c>Should()</c> for reports and data sources (DataFrames: the Expectations.Testing.DataAnalysis package). With <c>using FluentAssertions;</c> and
/// <c>using Expectations.Testing;</c> both in scope, these overloads win over FluentAssertions' <c>object.Should()</c>
/// because their parameter types are more specific.
/// </summary>
public static class AssertionExtensions
{
    /// <summary>Assertions on a validation report.</summary>
    /// <param name="report">The report.</param>
    public static ValidationReportAssertions Should(this ValidationReport? report) => new(report!);

    /// <summary>Assertions on one expectation's result, e.g. the one <c>HaveFailed("amount").Which</c> gives.</summary>
    /// <param name="result">The result.</param>
    public static ExpectationResultAssertions Should(this ExpectationResult? result) => new(result!);

    /// <summary>Assertions on data to validate (Parquet, CSV, in-memory ...).</summary>
    /// <param name="source">The data.</param>
    public static DataSourceAssertions Should(this IDataSource? source) => new(source!);
}
