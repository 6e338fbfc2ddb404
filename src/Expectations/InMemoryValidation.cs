using Expectations.Drift;
using Expectations.Engine;
using Expectations.Engine.Checks;

namespace Expectations;

/// <summary>
/// Validates in-memory data (an <see cref="IDataSource"/>: Parquet, DataFrame, CSV, <see cref="InMemoryTable"/>) with
/// the in-memory engine. This is the library's composition root: it hands the engine the evaluators of the built-in
/// expectations and of the features built on top (drift), so the engine itself never depends on a feature.
/// </summary>
public static class InMemoryValidation
{
    /// <summary>The evaluators of the built-in expectations; add user-defined ones with <see cref="InMemoryEvaluators.WithColumnValueCheck{T}"/>.</summary>
    public static InMemoryEvaluators Evaluators { get; } = new(BuiltInEvaluators.All().Concat(DriftEvaluators.All()));

    /// <summary>
    /// The in-memory backend over <paramref name="source"/>, for <see cref="ValidationPlan.ValidateAsync(IValidationBackend, ValidationOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="source">The data.</param>
    /// <param name="evaluators">The evaluators to run; null means <see cref="Evaluators"/>.</param>
    public static IValidationBackend Backend(IDataSource source, InMemoryEvaluators? evaluators = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new InMemoryBackend(source, (evaluators ?? Evaluators).Entries);
    }

    /// <summary>
    /// Validates <paramref name="source"/>. Problems with single expectations (a missing column, a wrong type)
    /// become that result's <c>exception_info</c>; unreadable data throws <see cref="DataSourceException"/>.
    /// A partitioned source (<see cref="IPartitionedDataSource"/>: Parquet row groups and files) is validated on
    /// up to <see cref="ValidationOptions.MaxDegreeOfParallelism"/> threads, with a report equal to a one-threaded run.
    /// </summary>
    public static ValueTask<ValidationReport> ValidateAsync(this ValidationPlan plan, IDataSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ValidateAsync(Backend(source), options, cancellationToken);
    }

    /// <summary>Validates <paramref name="source"/> synchronously; see <see cref="ValidateAsync(ValidationPlan, IDataSource, ValidationOptions?, CancellationToken)"/>.</summary>
    public static ValidationReport Validate(this ValidationPlan plan, IDataSource source, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Validate(Backend(source), options);
    }

    /// <summary>Validates <paramref name="source"/> against <paramref name="suite"/> (compiles it each call; keep a <see cref="ValidationPlan"/> to reuse).</summary>
    public static ValueTask<ValidationReport> ValidateAsync(this ExpectationSuite suite, IDataSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ValidationPlan.Compile(suite).ValidateAsync(source, options, cancellationToken);

    /// <summary>Validates <paramref name="source"/> against <paramref name="suite"/> synchronously.</summary>
    public static ValidationReport Validate(this ExpectationSuite suite, IDataSource source, ValidationOptions? options = null) =>
        ValidationPlan.Compile(suite).Validate(source, options);

    // Source first, as for DataFrames (DataFrameExpectations): source.Validate(suite | plan), source.ValidateAsync(suite | plan).

    /// <summary>Validates the data against <paramref name="suite"/> (compiles it each call; keep a <see cref="ValidationPlan"/> to reuse).</summary>
    /// <param name="source">The data.</param>
    /// <param name="suite">The expectations.</param>
    /// <param name="options">Run options (result format, parameters); defaults when null.</param>
    /// <returns>The report; call <see cref="ValidationReport.EnsureSuccess"/> to fail on errors.</returns>
    public static ValidationReport Validate(this IDataSource source, ExpectationSuite suite, ValidationOptions? options = null) =>
        ValidationPlan.Compile(suite).Validate(source, options);

    /// <summary>Validates the data with an already compiled <paramref name="plan"/>.</summary>
    /// <param name="source">The data.</param>
    /// <param name="plan">The compiled suite (compile once, validate many sources).</param>
    /// <param name="options">Run options (result format, parameters); defaults when null.</param>
    /// <returns>The report; call <see cref="ValidationReport.EnsureSuccess"/> to fail on errors.</returns>
    public static ValidationReport Validate(this IDataSource source, ValidationPlan plan, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Validate(source, options);
    }

    /// <summary>
    /// Validates the data against <paramref name="suite"/>; see
    /// <see cref="ValidateAsync(ValidationPlan, IDataSource, ValidationOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="source">The data.</param>
    /// <param name="suite">The expectations (compiled each call; keep a <see cref="ValidationPlan"/> to reuse).</param>
    /// <param name="options">Run options (result format, parameters, parallelism); defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    public static ValueTask<ValidationReport> ValidateAsync(this IDataSource source, ExpectationSuite suite, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ValidationPlan.Compile(suite).ValidateAsync(source, options, cancellationToken);

    /// <summary>
    /// Validates the data with an already compiled <paramref name="plan"/>; see
    /// <see cref="ValidateAsync(ValidationPlan, IDataSource, ValidationOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="source">The data.</param>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="options">Run options (result format, parameters, parallelism); defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    public static ValueTask<ValidationReport> ValidateAsync(this IDataSource source, ValidationPlan plan, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ValidateAsync(source, options, cancellationToken);
    }
}
