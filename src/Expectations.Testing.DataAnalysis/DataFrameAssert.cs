using Expectations.DataAnalysis;
using Microsoft.Data.Analysis;

namespace Expectations.Testing;

/// <summary>
/// <see cref="DataAssert"/> for DataFrames, without FluentAssertions: validates and throws
/// <see cref="ExpectationsFailedException"/> (through <see cref="ValidationReport.EnsureSuccess"/>), whose message
/// lists every failed expectation with counts and sample values.
/// </summary>
public static class DataFrameAssert
{
    /// <summary>Validates <paramref name="frame"/> and throws when an expectation of severity <paramref name="failOn"/> or worse failed.</summary>
    /// <param name="frame">The DataFrame.</param>
    /// <param name="suite">The expectations.</param>
    /// <param name="failOn">The lowest severity that fails (error by default).</param>
    /// <returns>The (successful) report.</returns>
    /// <exception cref="ExpectationsFailedException">The data does not satisfy the suite.</exception>
    public static ValidationReport Satisfies(DataFrame frame, ExpectationSuite suite, Severity failOn = Severity.Error)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return DataAssert.Satisfies(frame.AsDataSource(), suite, failOn);
    }
}
