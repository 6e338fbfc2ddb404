namespace Expectations.Parquet.Delta;

/// <summary>What to read of a Delta table: the latest version (the default), one version, or the version current at a time.</summary>
public sealed record DeltaReadOptions
{
    /// <summary>The version to read (time travel); null for the latest. Not together with <see cref="AsOf"/>.</summary>
    public long? Version { get; init; }

    /// <summary>
    /// Read the latest version committed at or before this time (time travel); null for the latest. A commit's time is
    /// its <c>commitInfo.inCommitTimestamp</c>, else <c>commitInfo.timestamp</c>, else the commit file's modification time,
    /// made strictly increasing as Delta does.
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Partition filters over the table's partition columns; files they reject are not opened.</summary>
    public IReadOnlyList<PartitionFilter> Filters { get; init; } = [];
}

/// <summary>One live data file of a Delta table version, as the log's <c>add</c> action describes it.</summary>
/// <param name="Path">The path as the log writes it (a URI relative to the table, percent-encoded).</param>
/// <param name="FullPath">The file on disk: the table folder joined with the decoded path.</param>
/// <param name="Size">Size in bytes, from the log.</param>
/// <param name="ModificationTime">Modification time from the log (milliseconds since the Unix epoch).</param>
/// <param name="PartitionValues">Partition column → value as the log writes it; null for a null partition value.</param>
public sealed record DeltaFile(string Path, string FullPath, long Size, long ModificationTime, IReadOnlyDictionary<string, string?> PartitionValues)
{
    /// <summary>The row count from the log's <c>stats.numRecords</c>, when the writer recorded it.</summary>
    public long? NumRecords { get; init; }
}

/// <summary>The state of a Delta table at one version: its live files, schema, partition columns and protocol, replayed from <c>_delta_log</c>.</summary>
public sealed class DeltaSnapshot
{
    internal DeltaSnapshot(string tablePath, long version, DateTimeOffset? timestamp, IReadOnlyList<DeltaFile> files, IReadOnlyList<string> partitionColumns,
        IReadOnlyList<TableField> schema, int minReaderVersion, int minWriterVersion, long? checkpointVersion)
    {
        TablePath = tablePath;
        Version = version;
        Timestamp = timestamp;
        Files = files;
        PartitionColumns = partitionColumns;
        Schema = schema;
        ColumnNames = [.. schema.Select(f => f.Name)];
        MinReaderVersion = minReaderVersion;
        MinWriterVersion = minWriterVersion;
        CheckpointVersion = checkpointVersion;
    }

    /// <summary>The table folder.</summary>
    public string TablePath { get; }

    /// <summary>The version this snapshot is.</summary>
    public long Version { get; }

    /// <summary>The commit time of <see cref="Version"/> (see <see cref="DeltaReadOptions.AsOf"/>), when known.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The live data files, sorted by path.</summary>
    public IReadOnlyList<DeltaFile> Files { get; }

    /// <summary>The partition columns, from the latest <c>metaData</c> action.</summary>
    public IReadOnlyList<string> PartitionColumns { get; }

    /// <summary>The top-level column names of the table schema, in order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The protocol's <c>minReaderVersion</c>.</summary>
    public int MinReaderVersion { get; }

    /// <summary>The protocol's <c>minWriterVersion</c>.</summary>
    public int MinWriterVersion { get; }

    /// <summary>The checkpoint the replay started from, or null when it replayed commits from version 0.</summary>
    public long? CheckpointVersion { get; }

    internal IReadOnlyList<TableField> Schema { get; }

    /// <summary>Replays the log of the table at <paramref name="path"/> to the version <paramref name="options"/> asks for.</summary>
    /// <param name="path">The table folder (the one holding <c>_delta_log</c>); a local path.</param>
    /// <param name="options">Which version; null for the latest.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="DataSourceException">
    /// Not a local Delta table, a malformed or missing commit, a checkpoint that disagrees with the commits, a version
    /// or time outside the log, or what this reader refuses rather than read wrongly: deletion vectors, column mapping,
    /// reader protocol versions or reader features it does not implement (the message says which).
    /// </exception>
    public static Task<DeltaSnapshot> ReadAsync(string path, DeltaReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(DeltaLog.Replay(path, options ?? new DeltaReadOptions(), cancellationToken));
}
