using Expectations.Engine.ColumnMap;
using Expectations.Engine.Conditions;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine;

/// <summary>
/// Identity of a metric (a statistic over some columns). Keys are records: two expectations that need the
/// same metric produce equal keys, and the plan computes it once.
/// </summary>
internal abstract record MetricKey
{
    /// <summary>The columns the metric reads.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Creates an empty state for this metric.</summary>
    public abstract MetricAccumulator CreateAccumulator(MetricContext context);
}

/// <summary>A metric whose finished value is <typeparamref name="TResult"/>.</summary>
internal abstract record MetricKey<TResult> : MetricKey;

/// <summary>What an accumulator may know about the data besides the batches: the schema, and the run's row filters.</summary>
internal sealed record MetricContext(IReadOnlyDictionary<string, ColumnInfo> Schema)
{
    /// <summary>The run's time budgets of costly row checks (<see cref="ValidationOptions.RegexBudget"/>), shared by its workers.</summary>
    public CheckBudgets Budgets { get; init; } = CheckBudgets.Unlimited;

    /// <summary>Filtered chunks of the current chunk, one per row condition, shared by all metrics under it.</summary>
    public FilterCache Filters { get; } = new();
}

/// <summary>
/// The running state of one metric. It sees every chunk once; states of disjoint parts of the data merge,
/// so row groups and files can run in parallel.
/// </summary>
internal abstract class MetricAccumulator
{
    /// <summary>Folds a chunk into the state.</summary>
    public abstract void Add(DataChunk chunk);

    /// <summary>
    /// Folds a whole part into the state from what its metadata proves, without decoding it; returns false
    /// (leaving the state as it was) when the statistics do not determine this metric over the part, which
    /// is then read and passed to <see cref="Add"/>. The result must equal what <see cref="Add"/> would give.
    /// </summary>
    public virtual bool TryAddStatistics(IDataPartition partition) => false;

    /// <summary>Folds another state of the same metric, over rows that come after this one's, into this one.</summary>
    public abstract void Merge(MetricAccumulator other);

    /// <summary>The finished value.</summary>
    public abstract object Finish();

    /// <summary>
    /// Writes the state, as it is before <see cref="Finish"/>, in the saved-state format (docs/incremental.md), so that
    /// <see cref="Load"/> on a fresh accumulator of the same key gives a state that merges and finishes exactly like this one.
    /// </summary>
    public abstract void Save(StateWriter writer);

    /// <summary>Reads a state <see cref="Save"/> wrote into this fresh accumulator (created from the same key, nothing added).</summary>
    public abstract void Load(StateReader reader);

    /// <summary>
    /// Whether <see cref="Save"/> can write this state. False for states that are not saved: those that keep this table's
    /// rows matched against another table's key set or near-duplicate index (which may change between runs), and the
    /// within-table near-duplicate clusters; a partition with such a state is computed on every run, with a message in
    /// <c>meta.incremental.messages</c>.
    /// </summary>
    public virtual bool CanSave => true;
}

/// <summary>A state that is never saved (<see cref="MetricAccumulator.CanSave"/> false): its partitions are computed every run.</summary>
internal abstract class UnsavedAccumulator : MetricAccumulator
{
    /// <inheritdoc />
    public sealed override bool CanSave => false;

    /// <inheritdoc />
    public sealed override void Save(StateWriter writer) => throw new NotSupportedException($"{GetType().FullName} states are not saved.");

    /// <inheritdoc />
    public sealed override void Load(StateReader reader) => throw new NotSupportedException($"{GetType().FullName} states are not saved.");
}

/// <summary>Finished metric values of one run, or the error that computing each raised.</summary>
internal sealed class MetricResults
{
    private readonly Dictionary<MetricKey, object> _values;
    private readonly Dictionary<MetricKey, Exception> _errors;
    private readonly RowCondition? _condition;

    public MetricResults()
        : this([], [], null)
    {
    }

    private MetricResults(Dictionary<MetricKey, object> values, Dictionary<MetricKey, Exception> errors, RowCondition? condition)
    {
        _values = values;
        _errors = errors;
        _condition = condition;
    }

    /// <summary>A view in which keys mean "over the rows satisfying <paramref name="condition"/>".</summary>
    public MetricResults For(RowCondition? condition) => condition is null ? this : new(_values, _errors, condition);

    public void Set(MetricKey key, object value) => _values[key] = value;

    public void Fail(MetricKey key, Exception error) => _errors[key] = error;

    public bool HasFailed(MetricKey key) => _errors.ContainsKey(key);

    /// <summary>The value of <paramref name="typedKey"/>; rethrows the error that computing it raised.</summary>
    public TResult Get<TResult>(MetricKey<TResult> typedKey)
    {
        MetricKey key = _condition is null ? typedKey : new FilteredMetric(_condition, typedKey);
        if (_errors.TryGetValue(key, out var error))
        {
            throw new MetricFailedException(error);
        }

        return _values.TryGetValue(key, out var value)
            ? (TResult)value
            : throw new InvalidOperationException($"Metric {key} was not computed; the evaluator did not request it.");
    }
}

/// <summary>Carries the error a shared metric raised to each expectation that needs it.</summary>
internal sealed class MetricFailedException(Exception inner) : Exception(inner.Message, inner);
