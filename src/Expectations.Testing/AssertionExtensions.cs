using Microsoft.Data.Analysis;

namespace Expectations.Testing;

/// <summary>
/// <c>Should()</c> for reports, data sources and DataFrames. With <c>using FluentAssertions;</c> and
/// <c>using Expectations.Testing;</c> both in scope, these overloads win over FluentAssertions' <c>object.Should()</c>
/// because their parameter types are more specific.
/// </summary>
public static class AssertionExtensions
{
    /// <summary>Assertions on a validation report.</summary>
    /// <param name="report">The report.</param>
    public static ValidationReportAssertions Should(this ValidationReport? report) => new(report!);

    /// <summary>Assertions on data to validate (Parquet, CSV, in-memory ...).</summary>
    /// <param name="source">The data.</param>
    public static DataSourceAssertions Should(this IDataSource? source) => new(source!);

    /// <summary>Assertions on a DataFrame to validate.</summary>
    /// <param name="frame">The DataFrame.</param>
    public static DataFrameAssertions Should(this DataFrame? frame) => new(frame!);
}
