using System.Text.Json;

namespace Expectations;

/// <summary>
/// One metric of one run in a metrics repository (<see cref="IMetricRepository"/>): a table metric (<see cref="Column"/>
/// null), a column metric, or a metric of one expectation (<see cref="Expectation"/> set, e.g. <c>unexpected_fraction</c>).
/// </summary>
public sealed record MetricPoint
{
    /// <summary>When the run happened (<see cref="ValidationOptions.Now"/>, else its start), UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The run's id (<see cref="MetricHistory.RunId"/>).</summary>
    public required string RunId { get; init; }

    /// <summary>The dataset the run validated (<see cref="MetricHistory.Dataset"/>).</summary>
    public required string Dataset { get; init; }

    /// <summary>The suite's name.</summary>
    public string? Suite { get; init; }

    /// <summary>The partition the run validated (<see cref="MetricHistory.Partition"/>), if any.</summary>
    public string? Partition { get; init; }

    /// <summary>The wire name of the expectation this metric belongs to, for per-expectation metrics; null for table and column metrics.</summary>
    public string? Expectation { get; init; }

    /// <summary>The column, or null for a table metric.</summary>
    public string? Column { get; init; }

    /// <summary>The metric's name: <c>row_count</c>, <c>null_fraction</c>, <c>unexpected_fraction</c>, <c>mean</c>, <c>stdev</c>, <c>min</c>, <c>max</c>, <c>sum</c>, <c>median</c>, <c>distinct_count</c>, <c>unique_proportion</c>, <c>quantile_0.25</c>, ….</summary>
    public required string Metric { get; init; }

    /// <summary>The value.</summary>
    public required double Value { get; init; }

    /// <summary>Further tags of the run (<see cref="MetricHistory.Tags"/>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>Which points to read from a metrics repository; a null field matches everything.</summary>
public sealed record MetricQuery
{
    /// <summary>Only this dataset.</summary>
    public string? Dataset { get; init; }

    /// <summary>Only this metric.</summary>
    public string? Metric { get; init; }

    /// <summary>Only this column; the empty string selects table metrics.</summary>
    public string? Column { get; init; }

    /// <summary>Only points at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only points strictly before this time.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>Whether <paramref name="point"/> matches (what every repository applies).</summary>
    public bool Matches(MetricPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return (Dataset is null || point.Dataset == Dataset)
            && (Metric is null || point.Metric == Metric)
            && (Column is null || (Column.Length == 0 ? point.Column is null : point.Column == Column))
            && (Since is null || point.Timestamp >= Since)
            && (Before is null || point.Timestamp < Before);
    }
}

/// <summary>
/// A metrics repository: where runs append their metrics (<see cref="ValidationOptions.History"/>) and where the anomaly
/// expectations read the earlier runs. The core ships <see cref="JsonLinesMetricRepository"/>; the SQLite one is
/// <c>Expectations.Sql.Sqlite.SqliteMetricRepository</c>. Implementations must be safe to call from several threads. See docs/history.md.
/// </summary>
public interface IMetricRepository
{
    /// <summary>Appends the points of one run, all or none.</summary>
    ValueTask AppendAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default);

    /// <summary>The points <paramref name="query"/> matches, by timestamp then in the order they were appended.</summary>
    ValueTask<IReadOnlyList<MetricPoint>> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default);
}

/// <summary>
/// The metric history of a run (<see cref="ValidationOptions.History"/>): the repository, and the tags the run's points
/// get. With a history, the anomaly expectations (<c>expect_table_row_count_to_not_be_anomalous</c>,
/// <c>expect_column_metric_to_not_be_anomalous</c>) compare this run with the earlier runs of the same dataset, and after
/// the run its metrics are appended (unless <see cref="Append"/> is false).
/// </summary>
public sealed record MetricHistory
{
    /// <summary>A history kept in <paramref name="repository"/>.</summary>
    public MetricHistory(IMetricRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        Repository = repository;
    }

    /// <summary>The repository.</summary>
    public IMetricRepository Repository { get; }

    /// <summary>The dataset's name, which decides which earlier runs are compared; null means the suite's name.</summary>
    public string? Dataset { get; init; }

    /// <summary>The partition validated, recorded with each point (e.g. <c>date=2024-06-03</c>); optional.</summary>
    public string? Partition { get; init; }

    /// <summary>The pipeline run's id, recorded with each point; null means a new GUID per run.</summary>
    public string? RunId { get; init; }

    /// <summary>Further tags recorded with each point.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether the run appends its metrics (true by default); false only reads the history.</summary>
    public bool Append { get; init; } = true;
}
