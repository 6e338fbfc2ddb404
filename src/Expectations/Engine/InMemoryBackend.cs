using System.Diagnostics;
using Expectations.Engine.Checks;
using Expectations.Engine.ColumnMap;
using Expectations.Engine.Incremental;
using Expectations.Kernels;

namespace Expectations.Engine;

/// <summary>An in-memory evaluator factory for one expectation record type: one line each in <see cref="BuiltInEvaluators"/>.</summary>
internal sealed record EvaluatorEntry(Type ModelType, Func<Expectation, Evaluator> Create)
{
    public static EvaluatorEntry Of<T>(Func<T, Evaluator> create) where T : Expectation => new(typeof(T), e => create((T)e));
}

/// <summary>
/// The in-memory backend: binds each expectation to the source's schema, computes every distinct metric once in a
/// single pass over the needed columns (in parallel over the parts of a partitioned source), and evaluates the results.
/// </summary>
internal sealed class InMemoryBackend(IDataSource source, IReadOnlyDictionary<Type, EvaluatorEntry> factories) : IValidationBackend
{
    public string Name => "in-memory";

    public string DataDescription => source.Description;

    public bool Supports(Expectation expectation) => factories.ContainsKey(expectation.GetType());

    public async ValueTask<BackendResults> RunAsync(BackendWork work, CancellationToken cancellationToken)
    {
        var options = work.Options;
        var expectations = work.Expectations;
        var clock = Stopwatch.StartNew();
        var schema = new ColumnIndex(source.Columns);

        var evaluators = new Evaluator?[expectations.Count];
        var results = new ExpectationResult?[expectations.Count];
        var scans = new OtherTableScans { Threads = Math.Max(1, options.MaxDegreeOfParallelism ?? Environment.ProcessorCount) };
        var keys = Bind(work, schema, evaluators, results, scans);

        var metrics = new MetricResults();
        var budgets = new CheckBudgets(options.RegexBudget);
        var context = new MetricContext(schema.ByName) { Budgets = budgets };
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
        var incremental = options.StateStore is { } store && source is IPartitionedDataSource withParts
            ? new IncrementalStates(store, Fingerprint(work, schema, keys), withParts.Partitions, keys.Count)
            : null;
        if (keys.Count > 0 && errors.Any(e => e is null))
        {
            if (source is IPartitionedDataSource partitioned)
            {
                var run = new PartitionedRun(
                    () => Bind(work, schema, new Evaluator?[expectations.Count], new ExpectationResult?[expectations.Count], scans),
                    keys,
                    errors,
                    schema.ByName,
                    options,
                    budgets,
                    incremental);
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
                rows = await RunSequentialAsync(keys, states, errors, progress, cancellationToken).ConfigureAwait(false);
            }
        }

        if (rows == 0 && source is IPartitionedDataSource counted)
        {
            // Nothing needed decoding (schema-only suites): the row count still comes free from the metadata.
            rows = counted.Partitions.Sum(part => part.RowCount);
        }

        progress.Complete();
        var incrementalInfo = incremental is not null
            ? await incremental.FinishAsync(cancellationToken).ConfigureAwait(false)
            : options.StateStore is null ? null : new IncrementalRunInfo
            {
                PartitionsRecomputed = 0,
                PartitionsReused = 0,
                PartitionsRemoved = 0,
                Messages = [$"The source ({source.Description}) is not partitioned, so no state was saved and every row was read: incremental runs need a partitioned source (a Parquet file or folder)."],
            };
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
                var scoped = metrics.For(work.Conditions[i]);
                results[i] = evaluator.Evaluate(scoped, expectation.ResultFormat ?? options.ResultFormat);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results[i] = Raised(expectation, ex is MetricFailedException { InnerException: { } inner } ? inner : ex);
            }
        }

        return new BackendResults(results, rows) { Incremental = incrementalInfo };
    }

    /// <summary>
    /// The fingerprint saved states must carry to be reused: the plan's (expectations, conditions, result format), the
    /// source's schema, the metrics bound from them, and the state format and engine versions.
    /// </summary>
    private static string Fingerprint(BackendWork work, ColumnIndex schema, IReadOnlyList<MetricKey> keys)
    {
        var text = new System.Text.StringBuilder();
        text.Append("format ").Append(StateFile.FormatVersion).Append('\n');
        text.Append("engine ").Append(typeof(InMemoryBackend).Assembly.GetName().Version).Append('\n');
        text.Append("plan ").Append(work.PlanFingerprint).Append('\n');
        foreach (var column in schema.ByName.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            text.Append("column ").Append(column).Append('\n');
        }

        foreach (var key in keys)
        {
            text.Append("metric ").Append(key.GetType().FullName).Append(' ').Append(string.Join(",", key.Columns)).Append('\n');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Binds every expectation of <paramref name="work"/> to <paramref name="columns"/>, filling <paramref name="evaluators"/>
    /// (or <paramref name="results"/> for expectations that cannot bind); returns the distinct metrics needed, in a
    /// deterministic order, so binding again (one evaluator set per worker thread) gives equal keys at equal indices.
    /// </summary>
    private List<MetricKey> Bind(BackendWork work, ColumnIndex columns, Evaluator?[] evaluators, ExpectationResult?[] results, OtherTableScans scans)
    {
        var keys = new List<MetricKey>();
        var seen = new HashSet<MetricKey>();
        var history = work.History is { } h ? new Checks.HistorySnapshot(h.Points, h.Now, h.RunId) : null;
        for (var i = 0; i < work.Expectations.Count; i++)
        {
            if (work.Expectations[i] is not { } expectation)
            {
                continue;
            }

            try
            {
                var evaluator = factories[expectation.GetType()].Create(expectation);
                var requested = new List<MetricKey>();
                var condition = work.Conditions[i];
                foreach (var column in condition?.Columns ?? [])
                {
                    columns.Get(column);
                }

                ColumnKinds.Check(evaluator, columns);
                evaluator.Bind(new Binding(columns, expectation.ResultFormat ?? work.Options.ResultFormat, requested.Add) { Condition = condition, OtherTables = work.Options.OtherTables, Scans = scans, History = history });
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
    private async Task<long> RunSequentialAsync(List<MetricKey> keys, MetricAccumulator?[] states, Exception?[] errors, ProgressTracker progress, CancellationToken cancellationToken)
    {
        var live = Enumerable.Range(0, keys.Count).Where(k => errors[k] is null).ToList();
        var columns = live.SelectMany(k => keys[k].Columns).Distinct(StringComparer.Ordinal).ToArray();
        long rows = 0;
        await foreach (var chunk in source.ReadAsync(columns, cancellationToken).ConfigureAwait(false))
        {
            rows += chunk.RowCount;
            for (var m = live.Count - 1; m >= 0; m--)
            {
                // Between metrics too: one chunk through many costly metrics (regexes, uniqueness) is seconds of work.
                cancellationToken.ThrowIfCancellationRequested();
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

    /// <summary>Problems the message fully explains carry no stack trace; anything else is a bug worth reporting with one.</summary>
    private static ExpectationResult Raised(Expectation expectation, Exception ex) =>
        ExpectationResult.Raised(expectation, ex, traceback: ex is not (ExpectationException or InvalidExpectationException or KernelException));
}
