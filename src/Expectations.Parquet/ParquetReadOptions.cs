namespace Expectations.Parquet;

/// <summary>How <see cref="ParquetDataSource.OpenAsync(string, ParquetReadOptions, CancellationToken)"/> reads a folder.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>
    /// Hive partitioning: read <c>key=value</c> sub-folders recursively and offer each key as a typed column. Null (the
    /// default) turns it on when the folder holds <c>key=value</c> sub-folders; false reads only the folder's own
    /// <c>*.parquet</c> files; true requires partition folders. A folder holding <c>_delta_log</c> (a Delta table, whose
    /// folder also keeps files its log removed) is refused unless this is set: open it with <c>DeltaTable.OpenAsync</c>.
    /// </summary>
    public bool? HivePartitioning { get; init; }

    /// <summary>Partition filters, all of which a file must pass to be read (they prune files before any is opened).</summary>
    public IReadOnlyList<PartitionFilter> Filters { get; init; } = [];

    /// <summary>
    /// How the row groups identify themselves to incremental runs (<see cref="IDataPartition.Identity"/>,
    /// docs/incremental.md): by each file's path, size and last-write time (default), or by path, size and SHA-256 content
    /// hash (every kept file is read once when the source opens).
    /// </summary>
    public PartitionIdentityMode Identity { get; init; } = PartitionIdentityMode.FileMetadata;
}
