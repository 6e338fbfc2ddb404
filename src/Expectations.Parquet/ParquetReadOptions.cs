namespace Expectations.Parquet;

/// <summary>How <see cref="ParquetDataSource.OpenAsync(string, ParquetReadOptions, CancellationToken)"/> reads a folder.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>
    /// Hive partitioning: read <c>key=value</c> sub-folders recursively and offer each key as a typed column. Null (the
    /// default) turns it on when the folder holds <c>key=value</c> sub-folders; false reads only the folder's own
    /// <c>*.parquet</c> files; true requires partition folders.
    /// </summary>
    public bool? HivePartitioning { get; init; }

    /// <summary>Partition filters, all of which a file must pass to be read (they prune files before any is opened).</summary>
    public IReadOnlyList<PartitionFilter> Filters { get; init; } = [];
}
