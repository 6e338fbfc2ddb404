using Microsoft.Data.Analysis;

namespace Expectations.Testing;

/// <summary>
/// <c>Should()</c> for DataFrames. With <c>using FluentAssertions;</c> and <c>using Expectations.Testing;</c> both in
/// scope, this overload wins over FluentAssertions' <c>object.Should()</c> because its parameter type is more specific.
/// </summary>
public static class DataFrameAssertionExtensions
{
    /// <summary>Assertions on a DataFrame to validate.</summary>
    /// <param name="frame">The DataFrame.</param>
    public static DataFrameAssertions Should(this DataFrame? frame) => new(frame!);
}
