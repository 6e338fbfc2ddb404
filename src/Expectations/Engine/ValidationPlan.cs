using System.Collections.Immutable;
using System.Diagnostics;
using Expectations.Catalog;
using Expectations.Data;
using Expectations.Engine;
using Expectations.Parameters;
using Expectations.Reporting;

namespace Expectations;

/// <summary>Options of one validation run.</summary>
public sealed record ValidationOptions
{
    /// <summary>Default options: SUMMARY results with 20 samples.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>The result format of expectations that do not set their own.</summary>
    public ResultFormat ResultFormat { get; init; } = ResultFormat.Default;

    /// <summary>Values of named suite parameters (<c>{"$PARAMETER": "name"}</c> in a suite).</summary>
    public IReadOnlyDictionary<string, Scalar> Parameters { get; init; } = new Dictionary<string, Scalar>();

    /// <summary>The time <c>now()</c> means in parameter expressions; the run's start (UTC) when null.</summary>
    public DateTime? Now { get; init; }

    /// <summary>
    /// Further tables by name, for expectations that compare the data with another table
    /// (<c>expect_table_row_count_to_equal_other_table</c>'s <c>other_table_name</c>).
    /// </summary>
    public IReadOnlyDictionary<string, IDataSource> OtherTables { get; init; } = new Dictionary<string, IDataSource>(StringComparer.Ordinal);
}

/// <summary>
/// A suite compiled for execution: immutable and thread-safe, so compile once and validate many datasets.
/// Each run binds the expectations to the data's schema, computes every distinct metric once in a single
/// pass over the needed columns, and evaluates the results.
/// </summary>
public sealed class ValidationPlan
{
    private readonly ImmutableArray<Func<Expectation, Evaluator>> _factories;

    private ValidationPlan(ExpectationSuite suite, ImmutableArray<Func<Expectation, Evaluator>> factories)
    {
        Suite = suite;
        _factories = factories;
    }

    /// <summary>The suite this plan runs.</summary>
    public ExpectationSuite Suite { get; }

    /// <summary>Compiles <paramref name="suite"/>; every expectation type must be known to the catalog.</summary>
    public static ValidationPlan Compile(ExpectationSuite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var factories = suite.Expectations.Select(ExpectationCatalog.Default.EvaluatorFactory).ToImmutableArray();
        return new ValidationPlan(suite, factories);
    }

    /// <summary>Validates <paramref name="source"/> synchronously; see <see cref="ValidateAsync"/>.</summary>
    public ValidationReport Validate(IDataSource source, ValidationOptions? options = null) =>
        ValidateAsync(source, options).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Validates <paramref name="source"/>. Problems with single expectations (a missing column, a wrong type)
    /// become that result's <c>exception_info</c>; unreadable data throws <see cref="DataSourceException"/>.
    /// </summary>
    public async ValueTask<ValidationReport> ValidateAsync(IDataSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= ValidationOptions.Default;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var schema = source.Columns;

        var evaluators = new Evaluator?[_factories.Length];
        var results = new ExpectationResult?[_factories.Length];
        var keys = new List<MetricKey>();
        var seen = new HashSet<MetricKey>();
        for (var i = 0; i < _factories.Length; i++)
        {
            var expectation = Suite.Expectations[i];
            try
            {
                if (ParameterResolver.HasParameters(expectation))
                {
                    expectation = ParameterResolver.Resolve(expectation, options.Parameters, options.Now ?? started.UtcDateTime);
                }

                var evaluator = _factories[i](expectation);
                var requested = new List<MetricKey>();
                var condition = expectation.RowCondition is { } rc ? Conditions.RowCondition.Parse(rc) : null;
                foreach (var column in condition?.Columns ?? [])
                {
                    _ = new Binding(schema, options.ResultFormat, _ => { }).Column(column);
                }

                evaluator.Bind(new Binding(schema, expectation.ResultFormat ?? options.ResultFormat, requested.Add) { Condition = condition, OtherTables = options.OtherTables });
                foreach (var key in requested.Where(seen.Add))
                {
                    keys.Add(key);
                }

                evaluators[i] = evaluator;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = Raised(expectation, ex);
            }
        }

        var metrics = new MetricResults();
        var context = new MetricContext(schema.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
        var live = new List<(MetricKey Key, MetricAccumulator State)>();
        foreach (var key in keys)
        {
            try
            {
                live.Add((key, key.CreateAccumulator(context)));
            }
            catch (Exception ex)
            {
                metrics.Fail(key, ex);
            }
        }

        var columns = live.SelectMany(m => m.Key.Columns).Distinct(StringComparer.Ordinal).ToArray();
        long rows = 0;
        if (live.Count > 0)
        {
            await foreach (var chunk in source.ReadAsync(columns, cancellationToken).ConfigureAwait(false))
            {
                rows += chunk.RowCount;
                for (var m = live.Count - 1; m >= 0; m--)
                {
                    try
                    {
                        live[m].State.Add(chunk);
                    }
                    catch (Exception ex) when (ex is not DataSourceException and not OperationCanceledException)
                    {
                        metrics.Fail(live[m].Key, ex);
                        live.RemoveAt(m);
                    }
                }
            }
        }

        foreach (var (key, state) in live)
        {
            try
            {
                metrics.Set(key, state.Finish());
            }
            catch (Exception ex)
            {
                metrics.Fail(key, ex);
            }
        }

        for (var i = 0; i < evaluators.Length; i++)
        {
            if (evaluators[i] is not { } evaluator)
            {
                continue;
            }

            var expectation = evaluator.Expectation;
            try
            {
                var scoped = metrics.For(expectation.RowCondition is { } rc ? Conditions.RowCondition.Parse(rc) : null);
                results[i] = evaluator.Evaluate(scoped, expectation.ResultFormat ?? options.ResultFormat);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = Raised(expectation, ex is MetricFailedException { InnerException: { } inner } ? inner : ex);
            }
        }

        return new ValidationReport
        {
            Results = [.. results.Select(r => r!)],
            Meta = new ReportMeta
            {
                SuiteName = Suite.Name,
                DataSource = source.Description,
                RunTime = started,
                Duration = clock.Elapsed,
                RowCount = rows,
                ResultFormat = options.ResultFormat.Level,
            },
        };
    }

    private static ExpectationResult Raised(Expectation expectation, Exception ex) => new()
    {
        Success = false,
        Expectation = expectation,
        ExceptionInfo = new ExceptionInfo(
            ex.Message,
            ex.GetType().Name,
            ex is ExpectationException or InvalidExpectationException ? null : ex.ToString()),
    };
}
