using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Expectations.Engine.ColumnMap;
using Expectations.Engine.Incremental;

namespace Expectations.Engine;

/// <summary>The metric states of some parts of a run: one state, or the error computing it raised, per metric key.</summary>
internal sealed class PartStates(int count)
{
    public MetricAccumulator?[] States { get; } = new MetricAccumulator?[count];

    public Exception?[] Errors { get; } = new Exception?[count];

    /// <summary>
    /// Folds the states of metrics <paramref name="keys"/> (indices) of <paramref name="later"/> (the states of the
    /// parts right after these) into these; the earliest error of a metric wins.
    /// </summary>
    public void Merge(PartStates later, int[] keys)
    {
        foreach (var k in keys)
        {
            if (Errors[k] is not null)
            {
                continue;
            }

            if (later.Errors[k] is { } error)
            {
                Errors[k] = error;
                States[k] = null;
                continue;
            }

            try
            {
                States[k]!.Merge(later.States[k]!);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Errors[k] = ex;
                States[k] = null;
            }
        }
    }
}

/// <summary>
/// Validates the parts of a partitioned source on several threads. The unit of work is a part, or, when there
/// are too few parts to keep every worker busy, a part × a group of metrics that read disjoint columns (see
/// <see cref="ColumnGroups"/>): each such task decodes only its group's columns. Each task gets fresh metric
/// states (from the metric keys of the worker that runs it: every worker binds the suite itself, so no regex
/// or other per-check object is shared between threads). Each group's finished parts are merged strictly in part
/// order, in a chain of its own (so one group's costly merge does not hold up the others), and the result equals
/// one pass over the rows in order. Memory is bounded by the tasks in flight plus the finished tasks waiting for
/// an earlier part of their group.
/// </summary>
internal sealed class PartitionedRun
{
    private readonly Func<IReadOnlyList<MetricKey>> _bindAgain;
    private readonly IReadOnlyList<MetricKey> _keys;
    private readonly bool[] _skip;
    private readonly IReadOnlyDictionary<string, ColumnInfo> _schema;
    private readonly ValidationOptions _options;
    private readonly CheckBudgets _budgets;
    private readonly IncrementalStates? _incremental;
    private int[][] _groups = [];
    private MergeChain[] _chains = [];
    private int[] _groupsDone = [];
    private int _nextToRead;

    /// <param name="bindAgain">Binds the suite again, for one more worker.</param>
    /// <param name="keys">The distinct metric keys of the run, from the first binding.</param>
    /// <param name="creationErrors">Per key, the error creating its state raised (the key is then left out).</param>
    /// <param name="schema">The source's columns by name.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="budgets">The run's time budgets of costly row checks, shared by every worker.</param>
    /// <param name="incremental">The saved states of an incremental run, or null.</param>
    public PartitionedRun(Func<IReadOnlyList<MetricKey>> bindAgain, IReadOnlyList<MetricKey> keys, Exception?[] creationErrors, IReadOnlyDictionary<string, ColumnInfo> schema, ValidationOptions options, CheckBudgets budgets, IncrementalStates? incremental = null)
    {
        _incremental = incremental;
        _budgets = budgets;
        _bindAgain = bindAgain;
        _keys = keys;
        _skip = [.. creationErrors.Select(e => e is not null)];
        _schema = schema;
        _options = options;
        CreationErrors = creationErrors;
    }

    private Exception?[] CreationErrors { get; }

    /// <summary>Runs every part; returns the merged states, or null when there are no parts (the initial empty states stand).</summary>
    public async Task<PartStates?> RunAsync(IReadOnlyList<IDataPartition> parts, ProgressTracker progress, CancellationToken cancellationToken)
    {
        if (parts.Count == 0)
        {
            return null;
        }

        var threads = Math.Max(1, _options.MaxDegreeOfParallelism ?? Environment.ProcessorCount);
        var groupCount = threads > 1 && parts.Count < TasksPerWorker * threads
            ? (TasksPerWorker * threads + parts.Count - 1) / parts.Count
            : 1;
        _groups = ColumnGroups.Split(_keys, _skip, _schema, groupCount);
        _chains = [.. _groups.Select(_ => new MergeChain())];
        _groupsDone = new int[parts.Count];
        var workers = Math.Min(threads, parts.Count * _groups.Length);
        if (workers == 1)
        {
            await WorkAsync(_keys, parts, progress, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tasks = new Task[workers];
            for (var w = 0; w < workers; w++)
            {
                var first = w == 0;
                tasks[w] = Task.Run(
                    async () =>
                    {
                        try
                        {
                            await WorkAsync(first ? _keys : KeysForWorker(), parts, progress, failed.Token).ConfigureAwait(false);
                        }
                        catch
                        {
                            await failed.CancelAsync().ConfigureAwait(false);
                            throw;
                        }
                    },
                    CancellationToken.None);
            }

            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Report the error that stopped the run, not the cancellations it caused in the other workers.
                var cause = tasks.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException)
                    ?? tasks.Select(t => t.Exception?.InnerException).First(e => e is not null)!;
                ExceptionDispatchInfo.Capture(cause).Throw();
            }
        }

        // Each group's total holds only its metrics' slots: gather them into one.
        var total = _chains[0].Total!;
        for (var g = 1; g < _groups.Length; g++)
        {
            foreach (var k in _groups[g])
            {
                total.States[k] = _chains[g].Total!.States[k];
                total.Errors[k] = _chains[g].Total!.Errors[k];
            }
        }

        return total;
    }

    /// <summary>
    /// Below this many tasks per worker, parts are split by column groups: with whole parts as tasks, 5 row
    /// groups on 2 workers split 3 + 2 and the run can be at most 1.67× faster than on one. Groups are
    /// uneven (a uniqueness table costs more than a null count), so small tasks fill the gaps at the end.
    /// </summary>
    internal const int TasksPerWorker = 8;

    /// <summary>The suite bound again for one more worker thread: equal keys at equal indices, but objects of its own.</summary>
    private IReadOnlyList<MetricKey> KeysForWorker()
    {
        var keys = _bindAgain();
        // Binding is deterministic; should a check ever bind differently, sharing the first worker's keys is still correct.
        return keys.Count == _keys.Count && keys.Zip(_keys).All(p => p.First.Equals(p.Second)) ? keys : _keys;
    }

    private async Task WorkAsync(IReadOnlyList<MetricKey> keys, IReadOnlyList<IDataPartition> parts, ProgressTracker progress, CancellationToken cancellationToken)
    {
        var context = new MetricContext(_schema) { Budgets = _budgets };
        var groupCount = _groups.Length;
        while (true)
        {
            // Tasks go part by part, each part's costliest group first, so parts complete (and merge) nearly in order.
            var task = Interlocked.Increment(ref _nextToRead) - 1;
            if (task >= parts.Count * groupCount)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var index = task / groupCount;
            var group = _groups[task % groupCount];
            PartStates states;
            if (_incremental is not null && await _incremental.TryLoadAsync(index, keys, group, _skip, CreationErrors, context).ConfigureAwait(false) is { } saved)
            {
                states = saved;
            }
            else
            {
                states = await RunPartAsync(parts[index], keys, group, context, cancellationToken).ConfigureAwait(false);

                // Before the merge: merging folds later parts into this part's states.
                _incremental?.Computed(index, group, states);
            }

            var chain = _chains[task % groupCount];
            lock (chain.Lock)
            {
                // A group's merges run under its own lock, so one group's costly merge (uniqueness tables) runs
                // while other workers read or merge other groups.
                chain.Pending[index] = states;
                while (chain.Pending.Remove(chain.NextToMerge, out var next))
                {
                    if (chain.Total is null)
                    {
                        chain.Total = next;
                    }
                    else
                    {
                        chain.Total.Merge(next, group);
                    }

                    chain.NextToMerge++;
                }
            }

            if (Interlocked.Increment(ref _groupsDone[index]) == groupCount)
            {
                // Rows count once per part, when its last group is done.
                progress.Rows(parts[index].RowCount, partDone: true);
                if (_incremental is not null)
                {
                    await _incremental.PartDoneAsync(index, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Computes the metrics <paramref name="group"/> (indices into <paramref name="keys"/>) over one part: from its
    /// statistics where they decide them, else by decoding the columns still needed. Only the group's slots of the
    /// result are set.
    /// </summary>
    private async Task<PartStates> RunPartAsync(IDataPartition part, IReadOnlyList<MetricKey> keys, int[] group, MetricContext context, CancellationToken cancellationToken)
    {
        var result = new PartStates(keys.Count);
        var needed = new List<int>(group.Length);
        foreach (var k in group)
        {
            if (_skip[k])
            {
                result.Errors[k] = CreationErrors[k];
                continue;
            }

            try
            {
                var state = keys[k].CreateAccumulator(context);
                result.States[k] = state;
                if (!(_options.UseStatistics && state.TryAddStatistics(part)))
                {
                    needed.Add(k);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not DataSourceException)
            {
                result.Errors[k] = ex;
                result.States[k] = null;
            }
        }

        if (needed.Count > 0)
        {
            var columns = needed.SelectMany(k => keys[k].Columns).Distinct(StringComparer.Ordinal).ToArray();
            await foreach (var chunk in part.ReadAsync(columns, cancellationToken).ConfigureAwait(false))
            {
                for (var m = needed.Count - 1; m >= 0; m--)
                {
                    // Between metrics too: a row group through many costly metrics is seconds of work.
                    cancellationToken.ThrowIfCancellationRequested();
                    var k = needed[m];
                    try
                    {
                        result.States[k]!.Add(chunk);
                    }
                    catch (Exception ex) when (ex is not DataSourceException and not OperationCanceledException)
                    {
                        result.Errors[k] = ex;
                        result.States[k] = null;
                        needed.RemoveAt(m);
                    }
                }
            }
        }

        return result;
    }
}

/// <summary>The states of one column group's metrics, merged in part order: finished parts wait in <see cref="Pending"/> for the earlier ones.</summary>
internal sealed class MergeChain
{
    public Lock Lock { get; } = new();

    public Dictionary<int, PartStates> Pending { get; } = [];

    public PartStates? Total { get; set; }

    public int NextToMerge { get; set; }
}

/// <summary>Counts rows and parts done (from any thread) and reports to the caller's <see cref="IProgress{T}"/>, throttled.</summary>
internal sealed class ProgressTracker(IProgress<ValidationProgress>? sink, Stopwatch clock, IReadOnlyList<IDataPartition>? parts)
{
    private static readonly long Interval = Stopwatch.Frequency / 10;
    private readonly long? _totalRows = parts?.Sum(p => p.RowCount);
    private long _rows;
    private int _parts;
    private long _lastReport;

    /// <summary>Adds <paramref name="rows"/> done; a finished part is always reported, a chunk of a stream at most every 100 ms.</summary>
    public void Rows(long rows, bool partDone)
    {
        if (sink is null)
        {
            return;
        }

        var total = Interlocked.Add(ref _rows, rows);
        var done = Interlocked.Increment(ref _parts);
        var now = clock.ElapsedTicks;
        var last = Interlocked.Read(ref _lastReport);
        if (partDone || now - last >= Interval)
        {
            Interlocked.Exchange(ref _lastReport, now);
            sink.Report(new ValidationProgress(total, _totalRows, done, parts?.Count, clock.Elapsed));
        }
    }

    /// <summary>The final report.</summary>
    public void Complete() => sink?.Report(new ValidationProgress(Interlocked.Read(ref _rows), _totalRows, _parts, parts?.Count, clock.Elapsed));
}
