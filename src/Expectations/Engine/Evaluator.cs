using Expectations.Engine.Conditions;
using Expectations.Model;

namespace Expectations.Engine;

/// <summary>
/// Runs one expectation: asks for the metrics it needs when bound to a schema, then turns their values into
/// a result. One evaluator class per expectation type (or family), registered in the catalog.
/// </summary>
internal abstract class Evaluator
{
    /// <summary>The expectation evaluated.</summary>
    public abstract Expectation Expectation { get; }

    /// <summary>
    /// The kinds of column this evaluator can check (its <see cref="Expectation.CheckedColumns"/>); any other kind fails the
    /// expectation with a message saying what does apply (<see cref="ColumnKinds"/>). Flat columns only, unless overridden.
    /// </summary>
    public virtual ColumnShapes AcceptedShapes => ColumnShapes.Flat;

    /// <summary>
    /// Declares the metrics needed over <paramref name="binding"/>'s schema. Throws
    /// <see cref="ExpectationException"/> when the data cannot be checked (missing column, wrong type).
    /// </summary>
    public abstract void Bind(Binding binding);

    /// <summary>Builds the result from the metric values; throws when a metric failed.</summary>
    public abstract ExpectationResult Evaluate(MetricResults metrics, ResultFormat format);
}

/// <summary>An evaluator of expectations of type <typeparamref name="T"/>.</summary>
internal abstract class Evaluator<T>(T expectation) : Evaluator where T : Expectation
{
    /// <summary>The typed expectation.</summary>
    protected T Spec { get; } = expectation;

    /// <inheritdoc />
    public override Expectation Expectation => Spec;

    /// <summary>A result with the given success and details.</summary>
    protected ExpectationResult Result(bool success, ResultDetails details) => new() { Success = success, Expectation = Spec, Result = details };
}

/// <summary>Binding of one evaluator to a schema: column lookup and metric requests.</summary>
internal sealed class Binding(ColumnIndex columns, ResultFormat format, Action<MetricKey> request)
{
    /// <summary>The result format this expectation will be reported in (decides how many samples to keep).</summary>
    public ResultFormat Format { get; } = format;

    /// <summary>The data's columns, in order.</summary>
    public IReadOnlyList<ColumnInfo> Columns => columns.Columns;

    /// <summary>The column named <paramref name="name"/>, or an <see cref="ExpectationException"/> naming the closest ones.</summary>
    public ColumnInfo Column(string name) => columns.Get(name);

    /// <summary>Whether a column exists.</summary>
    public bool HasColumn(string name) => columns.Contains(name);

    /// <summary>The run's other tables by name (<see cref="ValidationOptions.OtherTables"/>).</summary>
    public IReadOnlyDictionary<string, IDataSource> OtherTables { get; init; } = new Dictionary<string, IDataSource>();

    /// <summary>The run's summaries of its other tables, shared by every binding of the run (and so by every worker).</summary>
    public OtherTableScans Scans { get; init; } = new();

    /// <summary>The earlier runs of the dataset (<see cref="ValidationOptions.History"/>), or null when the run has no history.</summary>
    public Checks.HistorySnapshot? History { get; init; }

    /// <summary>The expectation's row condition: every metric it requests is computed over the matching rows only.</summary>
    public RowCondition? Condition { get; init; }

    /// <summary>Requests a metric and returns its key for <see cref="MetricResults.Get{TResult}"/>.</summary>
    public TKey Require<TKey>(TKey key) where TKey : MetricKey
    {
        request(Condition is null ? key : new FilteredMetric(Condition, key));
        return key;
    }
}

/// <summary>A schema's columns by name, built once per run and shared by every binding.</summary>
internal sealed class ColumnIndex(IReadOnlyList<ColumnInfo> columns)
{
    private readonly Dictionary<string, ColumnInfo> _byName = columns.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The columns by name (the first of any duplicated name).</summary>
    public IReadOnlyDictionary<string, ColumnInfo> ByName => _byName;

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ColumnInfo> Columns { get; } = columns;

    /// <summary>Whether a column exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The column named <paramref name="name"/>, or an <see cref="ExpectationException"/> naming the closest ones.</summary>
    public ColumnInfo Get(string name)
    {
        if (_byName.TryGetValue(name, out var c))
        {
            return c;
        }

        var closest = Suggest.Closest(name, _byName.Keys, 3, onlyClose: true);
        throw new ExpectationException($"Column '{name}' is not in the data" + (closest.Count > 0 ? $" (did you mean {string.Join(" or ", closest.Select(x => $"'{x}'"))}?)" : $"; its columns are {string.Join(", ", Columns.Take(20).Select(x => x.Name))}"));
    }
}
