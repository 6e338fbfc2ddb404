using Expectations.Data;
using Expectations.Json;
using Expectations.Reporting;

namespace Expectations;

/// <summary>Shortcuts for validating with a suite directly (compiles it each call; keep a <see cref="ValidationPlan"/> to reuse).</summary>
public static class SuiteValidation
{
    /// <summary>Validates <paramref name="source"/> against <paramref name="suite"/>.</summary>
    public static ValidationReport Validate(this ExpectationSuite suite, IDataSource source, ValidationOptions? options = null) =>
        ValidationPlan.Compile(suite).Validate(source, options);

    /// <summary>Validates <paramref name="source"/> against <paramref name="suite"/> asynchronously.</summary>
    public static ValueTask<ValidationReport> ValidateAsync(this ExpectationSuite suite, IDataSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ValidationPlan.Compile(suite).ValidateAsync(source, options, cancellationToken);
}
