namespace Expectations;

/// <summary>The report of a quarantine run and the invalid rows it found.</summary>
/// <param name="Report">The validation report (result format COMPLETE for every expectation).</param>
/// <param name="InvalidRows">The rows that failed a row-level expectation.</param>
public sealed record QuarantineVerdict(ValidationReport Report, InvalidRows InvalidRows);

/// <summary>Finds the rows of a dataset that fail row-level expectations (first step of a valid/invalid split).</summary>
public static class RowQuarantine
{
    /// <summary>
    /// Validates <paramref name="source"/> with every expectation at result format COMPLETE (so that each
    /// row-level result lists all its unexpected rows, whatever result format the suite asked for) and collects
    /// the invalid rows.
    /// </summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="source">The data.</param>
    /// <param name="options">Run options (parameters, now); the result format is overridden with COMPLETE.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report and the invalid rows.</returns>
    public static async ValueTask<QuarantineVerdict> FindInvalidRowsAsync(this ValidationPlan plan, IDataSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        var complete = CompletePlan(plan);
        var runOptions = (options ?? ValidationOptions.Default) with { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };
        var report = await complete.ValidateAsync(source, runOptions, cancellationToken).ConfigureAwait(false);
        return new QuarantineVerdict(report, InvalidRows.FromReport(report));
    }

    /// <summary>The plan with every expectation's own result format set to COMPLETE (an expectation may ask for less).</summary>
    private static ValidationPlan CompletePlan(ValidationPlan plan)
    {
        var expectations = plan.Suite.Expectations;
        if (expectations.All(e => e.ResultFormat is null || e.ResultFormat.Level == ResultFormatLevel.Complete))
        {
            return plan;
        }

        var complete = ResultFormat.Of(ResultFormatLevel.Complete);
        var suite = new ExpectationSuite(plan.Suite.Name, expectations.Select(e => e.ResultFormat is null ? e : e with { ResultFormat = complete }), plan.Suite.Meta);
        return ValidationPlan.Compile(suite);
    }
}
