namespace Expectations.Sql;

/// <summary>Runs plans and suites on a <see cref="SqlSource"/> through <see cref="SqlBackend"/>.</summary>
public static class SqlValidation
{
    /// <summary>Validates the table or relation of <paramref name="source"/> inside its engine; see <see cref="ValidationPlan.ValidateAsync(IValidationBackend, ValidationOptions?, CancellationToken)"/>.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="source">The table and how to reach it.</param>
    /// <param name="options">Result format, parameters, time.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static ValueTask<ValidationReport> ValidateAsync(this ValidationPlan plan, SqlSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ValidateAsync(new SqlBackend(source), options, cancellationToken);
    }

    /// <summary>Validates <paramref name="source"/> with <paramref name="suite"/> (compiled for this run).</summary>
    /// <param name="suite">The suite.</param>
    /// <param name="source">The table and how to reach it.</param>
    /// <param name="options">Result format, parameters, time.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static ValueTask<ValidationReport> ValidateAsync(this ExpectationSuite suite, SqlSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ValidationPlan.Compile(suite).ValidateAsync(source, options, cancellationToken);
}
