using System.Collections.Immutable;
using System.Diagnostics;
using Expectations.Model;
using Expectations.Validation;

namespace Expectations;

/// <summary>
/// A suite compiled for execution: immutable and thread-safe, so compile once and validate many datasets, on any
/// backend (<see cref="IValidationBackend"/>; the in-memory engine runs <c>plan.ValidateAsync(source)</c>).
/// </summary>
public sealed class ValidationPlan
{
    // Per expectation, decided once at compile time rather than on every run: whether it holds suite parameters
    // to resolve, and its parsed row condition.
    private readonly ImmutableArray<bool> _hasParameters;
    private readonly ImmutableArray<RowCondition?> _conditions;

    private ValidationPlan(ExpectationSuite suite)
    {
        Suite = suite;
        _hasParameters = [.. suite.Expectations.Select(ParameterResolver.HasParameters)];
        _conditions = [.. suite.Expectations.Select(e => e.RowCondition is { } rc ? RowCondition.Parse(rc) : null)];
    }

    /// <summary>The suite this plan runs.</summary>
    public ExpectationSuite Suite { get; }

    /// <summary>Compiles <paramref name="suite"/> (its arguments were checked when it was built or read).</summary>
    public static ValidationPlan Compile(ExpectationSuite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return new ValidationPlan(suite);
    }

    /// <summary>
    /// Runs the plan on <paramref name="backend"/>. Problems with single expectations (a missing column, a wrong type,
    /// a type the backend cannot run, a suite parameter without a value) become that result's <c>exception_info</c>;
    /// unreadable data throws <see cref="DataSourceException"/>.
    /// </summary>
    public async ValueTask<ValidationReport> ValidateAsync(IValidationBackend backend, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backend);
        options ??= ValidationOptions.Default;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var now = options.Now ?? started.UtcDateTime;
        options = options with { Now = now };

        var count = Suite.Expectations.Length;
        var results = new ExpectationResult?[count];
        var work = new Expectation?[count];
        for (var i = 0; i < count; i++)
        {
            var expectation = Suite.Expectations[i];
            try
            {
                if (_hasParameters[i])
                {
                    expectation = ParameterResolver.Resolve(expectation, options.Parameters, now);
                }

                // Arguments GX accepts in a suite but refuses when the expectation runs: an error for this result only.
                expectation.ThrowIfNotRunnable();

                if (backend.Supports(expectation))
                {
                    work[i] = expectation;
                }
                else
                {
                    results[i] = ExpectationResult.Raised(expectation, new NotSupportedException($"The {backend.Name} backend cannot run {expectation.Type}."), traceback: false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = ExpectationResult.Raised(expectation, ex, traceback: ex is not InvalidExpectationException);
            }
        }

        var runId = options.History is { } h ? h.RunId ?? Guid.NewGuid().ToString("N") : "";
        var timestamp = new DateTimeOffset(now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc));
        IReadOnlyList<MetricPoint>? earlier = null;
        if (options.History is { } history && work.Any(e => e is IAnomalyExpectation))
        {
            try
            {
                // One query per series the anomaly expectations watch (a table metric is asked for with Column "").
                var points = new List<MetricPoint>();
                foreach (var (metric, column) in work.OfType<IAnomalyExpectation>().Select(a => (a.MetricName, a.MetricName == "row_count" ? "" : a.MetricColumn ?? "")).Distinct())
                {
                    var query = new MetricQuery { Dataset = history.Dataset ?? Suite.Name, Metric = metric, Column = column, Before = timestamp };
                    points.AddRange(await history.Repository.ReadAsync(query, cancellationToken).ConfigureAwait(false));
                }

                earlier = points;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An unreadable history fails the anomaly expectations only; the rest of the suite runs.
                for (var i = 0; i < count; i++)
                {
                    if (work[i] is IAnomalyExpectation)
                    {
                        results[i] = ExpectationResult.Raised(work[i]!, new InvalidOperationException($"The metric history could not be read: {ex.Message}", ex), traceback: false);
                        work[i] = null;
                    }
                }
            }
        }

        var backendWork = new BackendWork(work, _conditions, options)
        {
            PlanFingerprint = options.StateStore is null ? null : Fingerprint(work, options),
            History = earlier is null ? null : (earlier, timestamp, runId),
        };
        var computed = await backend.RunAsync(backendWork, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            if (work[i] is not null)
            {
                results[i] = computed.Results[i] ?? throw new InvalidOperationException($"The {backend.Name} backend returned no result for expectation {i} ({work[i]!.Type}).");
            }
        }

        var report = new ValidationReport
        {
            Results = [.. results.Select(r => r!)],
            Meta = new ReportMeta
            {
                SuiteName = Suite.Name,
                DataSource = backend.DataDescription,
                RunTime = started,
                Duration = clock.Elapsed,
                RowCount = computed.RowCount,
                ResultFormat = options.ResultFormat.Level,
                Incremental = computed.Incremental,
            },
        };
        if (options.History is { Append: true } appended)
        {
            await appended.Repository.AppendAsync(ReportMetrics.Of(report, appended, timestamp, runId), cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// SHA-256 (hex) of what decides the metric states of a run: each expectation to run, resolved, in the suite format
    /// (its kwargs, row condition and result format), and the run's default result format (sample sizes, key columns).
    /// </summary>
    private static string Fingerprint(IReadOnlyList<Expectation?> work, ValidationOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("result_format", options.ResultFormat.ToString());
            writer.WriteStartArray("expectations");
            foreach (var expectation in work)
            {
                if (expectation is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    SuiteJson.WriteExpectation(writer, expectation);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Runs the plan on <paramref name="backend"/> synchronously; see <see cref="ValidateAsync(IValidationBackend, ValidationOptions?, CancellationToken)"/>.</summary>
    public ValidationReport Validate(IValidationBackend backend, ValidationOptions? options = null) =>
        ValidateAsync(backend, options).AsTask().GetAwaiter().GetResult();
}
