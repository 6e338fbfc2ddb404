namespace Expectations.Testing;

/// <summary>
/// Data assertions without FluentAssertions, for any test framework: each validates and throws
/// <see cref="ExpectationsFailedException"/> (through <see cref="ValidationReport.EnsureSuccess"/>) whose message
/// lists every failed expectation with counts and sample values. Test frameworks report any exception as a failure.
/// </summary>
public static class DataAssert
{
    /// <summary>Validates <paramref name="source"/> and throws when an expectation of severity <paramref name="failOn"/> or worse failed.</summary>
    /// <param name="source">The data.</param>
    /// <param name="suite">The expectations.</param>
    /// <param name="failOn">The lowest severity that fails (error by default).</param>
    /// <returns>The (successful) report.</returns>
    /// <exception cref="ExpectationsFailedException">The data does not satisfy the suite.</exception>
    public static ValidationReport Satisfies(IDataSource source, ExpectationSuite suite, Severity failOn = Severity.Error)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ValidationPlan.Compile(suite).Validate(source).EnsureSuccess(failOn);
    }

    /// <summary>Asynchronous <see cref="Satisfies(IDataSource, ExpectationSuite, Severity)"/>, for large files.</summary>
    /// <param name="source">The data.</param>
    /// <param name="suite">The expectations.</param>
    /// <param name="failOn">The lowest severity that fails (error by default).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The (successful) report.</returns>
    /// <exception cref="ExpectationsFailedException">The data does not satisfy the suite.</exception>
    public static async Task<ValidationReport> SatisfiesAsync(IDataSource source, ExpectationSuite suite, Severity failOn = Severity.Error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var report = await ValidationPlan.Compile(suite).ValidateAsync(source, null, cancellationToken).ConfigureAwait(false);
        return report.EnsureSuccess(failOn);
    }

    /// <summary>Throws unless an expectation on <paramref name="column"/> was unsuccessful in <paramref name="report"/> (a known problem is still detected).</summary>
    /// <param name="report">The report.</param>
    /// <param name="column">The column.</param>
    /// <returns>The first unsuccessful result on the column.</returns>
    /// <exception cref="ExpectationsFailedException">No expectation on the column failed.</exception>
    public static ExpectationResult Failed(ValidationReport report, string column)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Results.FirstOrDefault(r => !r.Success && r.Expectation.ColumnName == column)
            ?? throw new ExpectationsFailedException(
                $"Expected an expectation on column '{column}' to fail in suite '{report.Meta.SuiteName}' on {report.Meta.DataSource}, but none did "
                + $"({report.Results.Count(r => r.Expectation.ColumnName == column)} expectation(s) on it held).");
    }
}
