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

    /// <summary>
    /// How long one expectation's pattern work on the backtracking engine may take over the whole run: regexes that need
    /// backreferences, lookarounds or atomic groups (every other regex and every LIKE pattern runs on the non-backtracking
    /// engine, in linear time, and is not timed) and JSON schemas. Each such match is also stopped after 1 s. When the
    /// budget is spent, that expectation fails with an <c>exception_info</c> naming the row it stopped at, and the rest of
    /// the suite runs. 10 s by default; <see cref="Timeout.InfiniteTimeSpan"/> for no budget (the per-match timeout stays).
    /// See docs/limits.md.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative (other than <see cref="Timeout.InfiniteTimeSpan"/>).</exception>
    public TimeSpan RegexBudget
    {
        get => _regexBudget;
        init => _regexBudget = value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "RegexBudget must be positive, or Timeout.InfiniteTimeSpan for no budget.");
    }

    private readonly TimeSpan _regexBudget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where to keep each partition's metric state for incremental runs (null: none, every run reads everything). With a
    /// store, a run over a partitioned source reuses the saved state of every partition whose
    /// <see cref="IDataPartition.Identity"/> did not change, reads only the new and changed ones, saves their states,
    /// deletes those of removed partitions, and gives the report a full run gives; the report's <c>meta.incremental</c>
    /// says what was recomputed, reused and removed. A state that is corrupt, of another plan or of another format
    /// version is recomputed, with a message. See docs/incremental.md.
    /// </summary>
    public IMetricStateStore? StateStore { get; init; }

    /// <summary>
    /// The run's metric history (null: none). The anomaly expectations compare this run's metrics with the earlier runs of
    /// <see cref="MetricHistory.Dataset"/> in <see cref="MetricHistory.Repository"/>, and after the run its metrics (row
    /// count, per column null fraction and observed statistics, per expectation unexpected fraction) are appended with the
    /// run's time (<see cref="Now"/>) and tags. See docs/history.md.
    /// </summary>
    public MetricHistory? History { get; init; }

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
