namespace Expectations;

/// <summary>
/// Where a suite's expectations run: the in-memory engine over an <see cref="IDataSource"/> is the first backend;
/// a SQL engine that runs them inside a database is another. <see cref="ValidationPlan"/> does what every backend
/// shares (suite parameters, expectations a backend cannot run, exceptions, report assembly) and asks the backend
/// only to compute results.
/// </summary>
public interface IValidationBackend
{
    /// <summary>The backend's name for messages, e.g. <c>in-memory</c> or <c>duckdb</c>.</summary>
    string Name { get; }

    /// <summary>What the data is, for the report's <c>meta</c> (a file path, a table name).</summary>
    string DataDescription { get; }

    /// <summary>
    /// Whether this backend can run expectations of <paramref name="expectation"/>'s type at all. When it cannot,
    /// the plan reports that expectation as failed with an <c>exception_info</c> naming the backend and type,
    /// and the rest of the suite still runs.
    /// </summary>
    bool Supports(Expectation expectation);

    /// <summary>
    /// Computes a result for every expectation of <paramref name="work"/> that is not null (parameters resolved,
    /// supported by this backend). A problem with one expectation (a missing column, a wrong type) belongs in
    /// that result's <see cref="ExpectationResult.ExceptionInfo"/>; unreadable data throws <see cref="DataSourceException"/>.
    /// </summary>
    ValueTask<BackendResults> RunAsync(BackendWork work, CancellationToken cancellationToken);
}

/// <summary>What a backend is asked to run.</summary>
public sealed class BackendWork
{
    internal BackendWork(IReadOnlyList<Expectation?> expectations, IReadOnlyList<RowCondition?> conditions, ValidationOptions options)
    {
        Expectations = expectations;
        Conditions = conditions;
        Options = options;
    }

    /// <summary>The suite's expectations in order, with suite parameters resolved; null where the plan already has the result.</summary>
    public IReadOnlyList<Expectation?> Expectations { get; }

    /// <summary>The run's options.</summary>
    public ValidationOptions Options { get; }

    /// <summary>
    /// Each expectation's parsed <c>row_condition</c> (null where it has none), parsed once when the plan was compiled:
    /// the tree the in-memory engine evaluates, for a backend to translate (a SQL backend makes it a WHERE clause).
    /// </summary>
    public IReadOnlyList<RowCondition?> Conditions { get; }

    /// <summary>
    /// A hash of what the plan asks (the resolved expectations in the suite format, row conditions, result format), set
    /// when the run has a <see cref="ValidationOptions.StateStore"/>: saved states of another fingerprint are not reused.
    /// </summary>
    internal string? PlanFingerprint { get; init; }

    /// <summary>
    /// The earlier points of the run's dataset, read once from <see cref="ValidationOptions.History"/> when the suite has
    /// an anomaly expectation (null otherwise), with the run's time and id.
    /// </summary>
    internal (IReadOnlyList<MetricPoint> Points, DateTimeOffset Now, string RunId)? History { get; init; }
}

/// <summary>What a backend computed.</summary>
/// <param name="Results">One result per expectation of <see cref="BackendWork.Expectations"/>, null where that entry was null.</param>
/// <param name="RowCount">Rows in the data.</param>
public sealed record BackendResults(IReadOnlyList<ExpectationResult?> Results, long RowCount)
{
    /// <summary>What an incremental run recomputed and reused (the in-memory engine with a state store).</summary>
    internal IncrementalRunInfo? Incremental { get; init; }
}
