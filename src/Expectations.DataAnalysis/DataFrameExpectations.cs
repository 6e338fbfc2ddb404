using Microsoft.Data.Analysis;

namespace Expectations.DataAnalysis;

/// <summary>Entry points for validating a <see cref="DataFrame"/>.</summary>
public static class DataFrameExpectations
{
    /// <summary>The DataFrame as a data source, read without copying where its buffers allow it.</summary>
    /// <param name="frame">The DataFrame (not copied; do not change it while it is read).</param>
    /// <param name="description">What the data is, for reports; "DataFrame" when null.</param>
    /// <returns>A <see cref="DataFrameSource"/> over <paramref name="frame"/>.</returns>
    public static DataFrameSource AsDataSource(this DataFrame frame, string? description = null) => new(frame, description);

    /// <summary>Validates <paramref name="frame"/> against <paramref name="suite"/> (compiles it each call; keep a <see cref="ValidationPlan"/> to reuse).</summary>
    /// <param name="frame">The DataFrame.</param>
    /// <param name="suite">The expectations.</param>
    /// <param name="options">Run options (result format); defaults when null.</param>
    /// <returns>The report; call <see cref="ValidationReport.EnsureSuccess"/> to fail on errors.</returns>
    public static ValidationReport Validate(this DataFrame frame, ExpectationSuite suite, ValidationOptions? options = null) =>
        ValidationPlan.Compile(suite).Validate(frame.AsDataSource(), options);

    /// <summary>Validates <paramref name="frame"/> with an already compiled <paramref name="plan"/>.</summary>
    /// <param name="frame">The DataFrame.</param>
    /// <param name="plan">The compiled suite (compile once, validate many frames).</param>
    /// <param name="options">Run options (result format); defaults when null.</param>
    /// <returns>The report; call <see cref="ValidationReport.EnsureSuccess"/> to fail on errors.</returns>
    public static ValidationReport Validate(this DataFrame frame, ValidationPlan plan, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Validate(frame.AsDataSource(), options);
    }

    /// <summary>Validates <paramref name="frame"/> against <paramref name="suite"/> (compiles it each call; keep a <see cref="ValidationPlan"/> to reuse).</summary>
    /// <param name="frame">The DataFrame.</param>
    /// <param name="suite">The expectations.</param>
    /// <param name="options">Run options (result format); defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    public static ValueTask<ValidationReport> ValidateAsync(this DataFrame frame, ExpectationSuite suite, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ValidationPlan.Compile(suite).ValidateAsync(frame.AsDataSource(), options, cancellationToken);

    /// <summary>Validates <paramref name="frame"/> with an already compiled <paramref name="plan"/>.</summary>
    /// <param name="frame">The DataFrame.</param>
    /// <param name="plan">The compiled suite (compile once, validate many frames).</param>
    /// <param name="options">Run options (result format); defaults when null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    public static ValueTask<ValidationReport> ValidateAsync(this DataFrame frame, ValidationPlan plan, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.ValidateAsync(frame.AsDataSource(), options, cancellationToken);
    }
}
