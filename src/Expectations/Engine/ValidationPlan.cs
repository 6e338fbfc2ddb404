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

    /// <summary>
    /// How many parts of a partitioned source (Parquet row groups and files) are validated at once; null means
    /// one per processor, 1 runs on the calling flow only. The report is the same whatever the value.
    /// </summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>
    /// Whether metrics that a part's metadata proves (row counts, null counts, value bounds that every row
    /// passes) skip decoding that part. The report is the same either way; on by default.
    /// </summary>
    public bool UseStatistics { get; init; } = true;

    /// <summary>Receives the run's progress: after each part of a partitioned source, at most every 100 ms for other sources, and once at the end.</summary>
    public IProgress<ValidationProgress>? Progress { get; init; }
}

/// <summary>How far a validation run is.</summary>
/// <param name="RowsDone">Rows validated so far.</param>
/// <param name="TotalRows">Rows in the source, when known before reading (partitioned sources).</param>
/// <param name="PartsDone">Parts (row groups) or chunks done.</param>
/// <param name="TotalParts">Parts in the source, when known (partitioned sources).</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record ValidationProgress(long RowsDone, long? TotalRows, int PartsDone, int? TotalParts, TimeSpan Elapsed)
{
    /// <summary>Rows validated per second so far.</summary>
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? RowsDone / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// A suite compiled for execution: immutable and thread-safe, so compile once and validate many datasets.
/// Each run binds the expectations to the data's schema, computes every distinct metric once in a single
/// pass over the needed columns, and evaluates the results.
/// </summary>
public sealed class ValidationPlan
{
    private readonly ImmutableArray<Func<Expectation, Evaluator>> _factories;

    // Per expectation, decided once at compile time rather than on every run: whether it holds suite parameters
    // to resolve, and its parsed row condition.
    private readonly ImmutableArray<bool> _hasParameters;
    private readonly ImmutableArray<Conditions.RowCondition?> _conditions;

    private ValidationPlan(ExpectationSuite suite, ImmutableArray<Func<Expectation, Evaluator>> factories)
    {
        Suite = suite;
        _factories = factories;
        _hasParameters = [.. suite.Expectations.Select(ParameterResolver.HasParameters)];
        _conditions = [.. suite.Expectations.Select(e => e.RowCondition is { } rc ? Conditions.RowCondition.Parse(rc) : null)];
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
    /// A partitioned source (<see cref="IPartitionedDataSource"/>: Parquet row groups and files) is validated on
    /// up to <see cref="ValidationOptions.MaxDegreeOfParallelism"/> threads, with a report equal to a one-threaded run.
    /// </summary>
    public async ValueTask<ValidationReport> ValidateAsync(IDataSource source, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= ValidationOptions.Default;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var schema = new ColumnIndex(source.Columns);
        var now = options.Now ?? started.UtcDateTime;

        var evaluators = new Evaluator?[_factories.Length];
        var results = new ExpectationResult?[_factories.Length];
        var keys = Bind(schema, options, now, evaluators, results);

        var metrics = new MetricResults();
        var context = new MetricContext(schema.ByName);
        var states = new MetricAccumulator?[keys.Count];
        var errors = new Exception?[keys.Count];
        for (var k = 0; k < keys.Count; k++)
        {
            try
            {
                states[k] = keys[k].CreateAccumulator(context);
            }
            catch (Exception ex)
            {
                errors[k] = ex;
            }
        }

        var progress = new ProgressTracker(options.Progress, clock, source is IPartitionedDataSource p ? p.Partitions : null);
        long rows = 0;
        if (keys.Count > 0 && errors.Any(e => e is null))
        {
            if (source is IPartitionedDataSource partitioned)
            {
                var run = new PartitionedRun(
                    () => Bind(schema, options, now, new Evaluator?[_factories.Length], new ExpectationResult?[_factories.Length]),
                    keys,
                    errors,
                    schema.ByName,
                    options);
                var total = await run.RunAsync(partitioned.Partitions, progress, cancellationToken).ConfigureAwait(false);
                if (total is not null)
                {
                    states = total.States;
                    errors = total.Errors;
                }

                rows = partitioned.Partitions.Sum(part => part.RowCount);
            }
            else
            {
                rows = await RunSequentialAsync(source, keys, states, errors, progress, cancellationToken).ConfigureAwait(false);
            }
        }

        if (rows == 0 && source is IPartitionedDataSource counted)
        {
            // Nothing needed decoding (schema-only suites): the row count still comes free from the metadata.
            rows = counted.Partitions.Sum(part => part.RowCount);
        }

        progress.Complete();
        for (var k = 0; k < keys.Count; k++)
        {
            try
            {
                if (errors[k] is { } error)
                {
                    metrics.Fail(keys[k], error);
                }
                else
                {
                    metrics.Set(keys[k], states[k]!.Finish());
                }
            }
            catch (Exception ex)
            {
                metrics.Fail(keys[k], ex);
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
                var scoped = metrics.For(_conditions[i]);
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

    /// <summary>
    /// Resolves parameters and binds every expectation to <paramref name="columns"/>, filling <paramref name="evaluators"/>
    /// (or <paramref name="results"/> for expectations that cannot bind); returns the distinct metrics needed, in a
    /// deterministic order, so binding again (one evaluator set per worker thread) gives equal keys at equal indices.
    /// </summary>
    private List<MetricKey> Bind(ColumnIndex columns, ValidationOptions options, DateTime now, Evaluator?[] evaluators, ExpectationResult?[] results)
    {
        var keys = new List<MetricKey>();
        var seen = new HashSet<MetricKey>();
        for (var i = 0; i < _factories.Length; i++)
        {
            var expectation = Suite.Expectations[i];
            try
            {
                if (_hasParameters[i])
                {
                    expectation = ParameterResolver.Resolve(expectation, options.Parameters, now);
                }

                var evaluator = _factories[i](expectation);
                var requested = new List<MetricKey>();
                var condition = _conditions[i];
                foreach (var column in condition?.Columns ?? [])
                {
                    columns.Get(column);
                }

                evaluator.Bind(new Binding(columns, expectation.ResultFormat ?? options.ResultFormat, requested.Add) { Condition = condition, OtherTables = options.OtherTables });
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

        return keys;
    }

    /// <summary>One pass over a source that only streams: every chunk goes to every metric still alive; returns the rows read.</summary>
    private static async Task<long> RunSequentialAsync(IDataSource source, List<MetricKey> keys, MetricAccumulator?[] states, Exception?[] errors, ProgressTracker progress, CancellationToken cancellationToken)
    {
        var live = Enumerable.Range(0, keys.Count).Where(k => errors[k] is null).ToList();
        var columns = live.SelectMany(k => keys[k].Columns).Distinct(StringComparer.Ordinal).ToArray();
        long rows = 0;
        await foreach (var chunk in source.ReadAsync(columns, cancellationToken).ConfigureAwait(false))
        {
            rows += chunk.RowCount;
            for (var m = live.Count - 1; m >= 0; m--)
            {
                var k = live[m];
                try
                {
                    states[k]!.Add(chunk);
                }
                catch (Exception ex) when (ex is not DataSourceException and not OperationCanceledException)
                {
                    errors[k] = ex;
                    states[k] = null;
                    live.RemoveAt(m);
                }
            }

            progress.Rows(chunk.RowCount, partDone: false);
        }

        return rows;
    }

    private static ExpectationResult Raised(Expectation expectation, Exception ex) => new()
    {
        Success = false,
        Expectation = expectation,
        ExceptionInfo = new ExceptionInfo(
            ex.Message,
            ex.GetType().Name,
            ex is ExpectationException or InvalidExpectationException or Kernels.KernelException ? null : ex.ToString()),
    };
}
