namespace Expectations.Parquet.Delta;

/// <summary>Opens Delta Lake tables (local folders with a <c>_delta_log</c>) as data sources.</summary>
public static class DeltaTable
{
    /// <summary>Whether <paramref name="path"/> is a folder holding a <c>_delta_log</c> folder.</summary>
    public static bool IsDeltaTable(string path) =>
        !string.IsNullOrEmpty(path) && Directory.Exists(path) && Directory.Exists(System.IO.Path.Combine(path, DeltaLog.LogFolder));

    /// <summary>
    /// Replays the table's log to the version <paramref name="options"/> asks for and opens its live files: the columns
    /// are the table schema's (partition columns from the log, a column a file lacks reads as null there).
    /// </summary>
    /// <param name="path">The table folder.</param>
    /// <param name="options">Which version (latest, <see cref="DeltaReadOptions.Version"/> or <see cref="DeltaReadOptions.AsOf"/>) and partition filters.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    /// <returns>The source; dispose it when done.</returns>
    /// <exception cref="DataSourceException">See <see cref="DeltaSnapshot.ReadAsync"/>; also a live file that is missing or unreadable.</exception>
    public static async Task<DeltaDataSource> OpenAsync(string path, DeltaReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DeltaReadOptions();
        var snapshot = await DeltaSnapshot.ReadAsync(path, options, cancellationToken).ConfigureAwait(false);
        var partitionColumns = snapshot.PartitionColumns
            .Select(name => new PartitionColumn(name, snapshot.Schema.First(f => f.Name == name).NullType
                ?? throw new DataSourceException($"Delta table '{path}': partition column '{name}' has a nested type.")))
            .ToList();
        var byName = partitionColumns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var specs = new List<FileSpec>();
        foreach (var file in snapshot.Files)
        {
            var typed = new Dictionary<string, PartitionValue>(StringComparer.Ordinal);
            foreach (var column in partitionColumns)
            {
                var raw = file.PartitionValues.GetValueOrDefault(column.Name);
                typed[column.Name] = column.TryParse(string.IsNullOrEmpty(raw) ? null : raw, out var value) ? value
                    : throw new DataSourceException($"Delta table '{path}', version {snapshot.Version}: partition value '{raw}' of '{file.Path}' is not a {column.TypeName} (column '{column.Name}').");
            }

            if (!options.Filters.All(f => f.Matches(byName, typed, path)))
            {
                continue;
            }

            if (!File.Exists(file.FullPath))
            {
                throw new DataSourceException(
                    $"Delta table '{path}', version {snapshot.Version}: live file '{file.Path}' is missing from the table folder (removed by VACUUM, or the table was copied incompletely).");
            }

            specs.Add(FileSpec.Of(file.FullPath, typed, file.PartitionValues));
        }

        var description = $"{path} (Delta table, version {snapshot.Version})";
        var source = ParquetDataSource.Build(description, specs, partitionColumns, snapshot.Schema, null, cancellationToken);
        return new DeltaDataSource(source, snapshot);
    }
}

/// <summary>
/// A Delta table version as a data source: the live files of <see cref="Snapshot"/>, row group by row group, with the
/// partition columns from the log. Reads several row groups at once, and answers what statistics prove.
/// </summary>
public sealed class DeltaDataSource : IPartitionedDataSource, IAsyncDisposable
{
    private readonly ParquetDataSource _inner;

    internal DeltaDataSource(ParquetDataSource inner, DeltaSnapshot snapshot)
    {
        _inner = inner;
        Snapshot = snapshot;
    }

    /// <summary>The replayed log state this source reads.</summary>
    public DeltaSnapshot Snapshot { get; }

    /// <summary>The table version read.</summary>
    public long Version => Snapshot.Version;

    /// <summary>The files read (after partition filters), with size, modification time, partition values and row count.</summary>
    public IReadOnlyList<ParquetFileInfo> Files => _inner.Files;

    /// <summary>Total rows of the files read, from their footers.</summary>
    public long RowCount => _inner.RowCount;

    /// <inheritdoc />
    public string Description => _inner.Description;

    /// <inheritdoc />
    public IReadOnlyList<ColumnInfo> Columns => _inner.Columns;

    /// <inheritdoc />
    public IReadOnlyList<IDataPartition> Partitions => _inner.Partitions;

    /// <inheritdoc />
    public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(columns, cancellationToken);

    /// <summary>Stops reads in progress and refuses new ones.</summary>
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
