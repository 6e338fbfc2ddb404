using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Parquet;

/// <summary>
/// A Parquet file, or a folder of Parquet files, read row group by row group with Parquet.Net, decoding only
/// the requested columns. Each row group becomes one <see cref="DataChunk"/> whose batches live in buffers
/// this source reuses: a chunk is valid until the next one is requested.
/// </summary>
/// <remarks>
/// <para>
/// Top-level columns are offered as: BOOLEAN → <see cref="DataKind.Boolean"/> (<c>PrimitiveBatch&lt;bool&gt;</c>);
/// signed and unsigned INT8/16/32/64 → <see cref="DataKind.Integer"/> in their own width (<c>PrimitiveBatch&lt;int&gt;</c>,
/// <c>&lt;long&gt;</c>, <c>&lt;byte&gt;</c>, ...); FLOAT/DOUBLE → <see cref="DataKind.Float"/>; DECIMAL → <see cref="DataKind.Decimal"/>
/// (<c>PrimitiveBatch&lt;decimal&gt;</c>); BYTE_ARRAY (UTF8 or not annotated) → <see cref="DataKind.String"/>
/// (<see cref="StringBatch"/> of the raw bytes); TIMESTAMP (MILLIS/MICROS/NANOS), INT96 and DATE →
/// <see cref="DataKind.Timestamp"/> as <see cref="DateTime.Ticks"/> (<c>PrimitiveBatch&lt;long&gt;</c>, nanoseconds truncated to ticks).
/// </para>
/// <para>
/// Not offered (left out of <see cref="Columns"/>, never an error): nested columns (lists, maps, structs and
/// their members, repeated fields) and types Expectations does not model (TIME, UUID and other fixed-length
/// byte arrays without a decimal annotation, FLOAT16, INTERVAL).
/// </para>
/// <para>
/// Files of a folder are read in ordinal order of their names (not recursively); they must offer the same
/// columns with the same kinds and .NET value types. Row groups are numbered from 0 in <see cref="DataChunk.Origin"/>.
/// Empty row groups yield no chunk.
/// </para>
/// <para>
/// Each non-empty row group is one of <see cref="Partitions"/>: the validation plan reads several at once (each
/// opening the file itself) and answers what row-group statistics prove without decoding: row counts, null
/// counts, and the bounds of integer and decimal columns. Floating-point bounds are not offered (writers leave
/// NaN out of them, and NaN is a value a range check must see), nor are timestamp bounds (Parquet.Net writes
/// TIMESTAMP(MICROS/NANOS) bounds in milliseconds, upstream issue aloneguid/parquet-dotnet#769), nor text bounds
/// (writers may truncate them).
/// </para>
/// </remarks>
public sealed class ParquetDataSource : IPartitionedDataSource, IAsyncDisposable
{
    private readonly ParquetFilePart[] _files;
    private readonly Dictionary<string, ParquetColumn> _columnsByName;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<ColumnReader[]>> _readerPools = new(StringComparer.Ordinal);
    private int _disposed;

    private ParquetDataSource(string description, ParquetFilePart[] files, List<ParquetColumn> columns)
    {
        Description = description;
        _files = files;
        _columnsByName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Columns = [.. columns.Select(c => c.Info)];
        RowCount = files.Sum(f => f.RowCount);
        var partitions = new List<IDataPartition>();
        long offset = 0;
        for (var f = 0; f < files.Length; f++)
        {
            foreach (var group in files[f].RowGroups)
            {
                if (group.RowCount > 0)
                {
                    partitions.Add(new RowGroupPartition(this, f, group, offset));
                    offset += group.RowCount;
                }
            }
        }

        Partitions = partitions;
    }

    /// <summary>The non-empty row groups of all files, in order; each can be read on its own, several at once.</summary>
    public IReadOnlyList<IDataPartition> Partitions { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>Total number of rows over all files, from the file footers (nothing decoded).</summary>
    public long RowCount { get; }

    /// <summary>
    /// Opens a Parquet file, or a folder whose <c>*.parquet</c> files share one schema, and reads its footers.
    /// </summary>
    /// <param name="path">A <c>.parquet</c> file or a folder of them.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    /// <returns>The source, ready to read.</returns>
    /// <exception cref="DataSourceException">The path does not exist, the folder holds no Parquet files, a file is
    /// empty, truncated or not Parquet, or two files of the folder differ in schema (the message names the files and column).</exception>
    public static async Task<ParquetDataSource> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string[] displayNames;
        if (File.Exists(path))
        {
            displayNames = [path];
        }
        else if (Directory.Exists(path))
        {
            var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false };
            displayNames = [.. Directory.EnumerateFiles(path, "*.parquet", options)
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)
                .Select(name => Path.Join(path, name))];
            if (displayNames.Length == 0)
            {
                throw new DataSourceException($"Folder '{path}' holds no .parquet files.");
            }
        }
        else
        {
            throw new DataSourceException($"Parquet path '{path}' does not exist.");
        }

        var files = new ParquetFilePart[displayNames.Length];
        List<ParquetColumn>? firstColumns = null;
        for (var i = 0; i < files.Length; i++)
        {
            var (columns, rowGroups) = await ReadFooterAsync(displayNames[i], cancellationToken).ConfigureAwait(false);
            files[i] = new ParquetFilePart(displayNames[i], rowGroups);
            if (firstColumns is null)
            {
                firstColumns = columns;
            }
            else
            {
                EnsureSameSchema(displayNames[0], firstColumns, displayNames[i], columns);
            }
        }

        return new ParquetDataSource(path, files, firstColumns!);
    }

    /// <inheritdoc />
    /// <exception cref="DataSourceException">A requested column is not one of <see cref="Columns"/>, or a file, row group or column cannot be read.</exception>
    public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var readers = columns.Distinct(StringComparer.Ordinal).Select(name => _columnsByName.TryGetValue(name, out var column)
            ? ColumnReader.Create(column)
            : throw new DataSourceException($"'{Description}' has no column '{name}' that can be read; it offers: {string.Join(", ", Columns.Select(c => c.Name))}.")).ToArray();

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var ct = linked.Token;
        var fields = new DataField[readers.Length];
        var batches = new ColumnBatch[readers.Length];
        long rowOffset = 0;
        foreach (var file in _files)
        {
            var reader = await OpenReaderAsync(file.Path, ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                for (var c = 0; c < readers.Length; c++)
                {
                    fields[c] = FindField(reader, file.Path, readers[c].Column);
                }

                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    ct.ThrowIfCancellationRequested();
                    var origin = $"{file.Path}, row group {g}";
                    var rows = await ReadRowGroupAsync(reader, g, origin, readers, fields, batches, ct).ConfigureAwait(false);
                    if (rows == 0)
                    {
                        continue;
                    }

                    yield return new DataChunk(rowOffset, rows, batches, origin);
                    rowOffset += rows;
                }
            }
        }
    }

    /// <summary>Reads one row group of one file (a partition) with column readers from the pool, so buffers are reused across row groups.</summary>
    private async IAsyncEnumerable<DataChunk> ReadRowGroupAsync(int fileIndex, RowGroupInfo group, long rowOffset, IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var names = columns.Distinct(StringComparer.Ordinal).ToArray();
        var poolKey = string.Join('\0', names);
        var pool = _readerPools.GetOrAdd(poolKey, _ => new ConcurrentBag<ColumnReader[]>());
        if (!pool.TryTake(out var readers))
        {
            readers = [.. names.Select(name => _columnsByName.TryGetValue(name, out var column)
                ? ColumnReader.Create(column)
                : throw new DataSourceException($"'{Description}' has no column '{name}' that can be read; it offers: {string.Join(", ", Columns.Select(c => c.Name))}."))];
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            var ct = linked.Token;
            var file = _files[fileIndex];
            var reader = await OpenReaderAsync(file.Path, ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var fields = new DataField[readers.Length];
                for (var c = 0; c < readers.Length; c++)
                {
                    fields[c] = FindField(reader, file.Path, readers[c].Column);
                }

                var origin = $"{file.Path}, row group {group.Index}";
                var batches = new ColumnBatch[readers.Length];
                var rows = await ReadRowGroupAsync(reader, group.Index, origin, readers, fields, batches, ct).ConfigureAwait(false);
                if (rows != group.RowCount)
                {
                    throw new DataSourceException($"{origin} now holds {rows} rows, {group.RowCount} when the source was opened (the file changed).");
                }

                yield return new DataChunk(rowOffset, rows, batches, origin);
            }
        }
        finally
        {
            // Back to the pool only after the consumer is done with the chunk: its batches live in these readers' buffers.
            pool.Add(readers);
        }
    }

    /// <summary>Stops reads in progress (they end with <see cref="OperationCanceledException"/>) and refuses new ones.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _lifetime.Cancel();
            _lifetime.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<ParquetReader> OpenReaderAsync(string path, CancellationToken cancellationToken)
    {
        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataSourceException($"Parquet file '{path}' cannot be opened: {e.Message}", e);
        }

        if (length == 0)
        {
            throw new DataSourceException($"Parquet file '{path}' is empty (0 bytes).");
        }

        try
        {
            return await ParquetReader.CreateAsync(path, new ParquetOptions(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DataSourceException($"'{path}' is not a readable Parquet file (corrupt, truncated or another format): {e.Message}", e);
        }
    }

    private static async Task<(List<ParquetColumn> Columns, RowGroupInfo[] RowGroups)> ReadFooterAsync(string path, CancellationToken cancellationToken)
    {
        var reader = await OpenReaderAsync(path, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            try
            {
                var columns = new List<ParquetColumn>();
                var fields = new List<DataField>();
                foreach (var field in reader.Schema.Fields)
                {
                    if (field is DataField data && ParquetColumn.TryDescribe(data) is { } column)
                    {
                        columns.Add(column);
                        fields.Add(data);
                    }
                }

                var createdBy = reader.Metadata?.CreatedBy;
                var groups = new RowGroupInfo[reader.RowGroupCount];
                for (var g = 0; g < groups.Length; g++)
                {
                    using var rowGroup = reader.OpenRowGroupReader(g);
                    var statistics = new Dictionary<string, ColumnStatistics>(StringComparer.Ordinal);
                    for (var c = 0; c < columns.Count; c++)
                    {
                        if (RowGroupStatistics.Read(rowGroup, fields[c], columns[c], createdBy) is { } stats)
                        {
                            statistics[columns[c].Name] = stats;
                        }
                    }

                    groups[g] = new RowGroupInfo(g, rowGroup.RowCount, statistics);
                }

                return (columns, groups);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new DataSourceException($"'{path}' has an unreadable schema or footer: {e.Message}", e);
            }
        }
    }

    private static void EnsureSameSchema(string firstPath, List<ParquetColumn> first, string otherPath, List<ParquetColumn> other)
    {
        var byName = other.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in first)
        {
            if (!byName.Remove(column.Name, out var match))
            {
                throw new DataSourceException($"Schema mismatch: column '{column.Name}' is in '{firstPath}' but not in '{otherPath}'.");
            }

            if (match.Kind != column.Kind || match.ReadType != column.ReadType)
            {
                throw new DataSourceException(
                    $"Schema mismatch: column '{column.Name}' is {column.PhysicalType} ({column.Kind}) in '{firstPath}' but {match.PhysicalType} ({match.Kind}) in '{otherPath}'.");
            }
        }

        if (byName.Count > 0)
        {
            throw new DataSourceException($"Schema mismatch: column '{byName.Keys.First()}' is in '{otherPath}' but not in '{firstPath}'.");
        }
    }

    /// <summary>The file's own field for <paramref name="column"/>; the file may have changed since it was opened.</summary>
    private static DataField FindField(ParquetReader reader, string path, ParquetColumn column)
    {
        foreach (var field in reader.Schema.Fields)
        {
            if (field is DataField data && data.Name == column.Name)
            {
                var now = ParquetColumn.TryDescribe(data);
                if (now is null || now.Kind != column.Kind || now.ReadType != column.ReadType)
                {
                    throw new DataSourceException($"Column '{column.Name}' of '{path}' changed type since the source was opened (was {column.PhysicalType}).");
                }

                return data;
            }
        }

        throw new DataSourceException($"'{path}' has no column '{column.Name}' (the file changed since the source was opened).");
    }

    /// <summary>Decodes the requested columns of row group <paramref name="index"/> into <paramref name="batches"/>; returns its row count.</summary>
    private static async Task<int> ReadRowGroupAsync(ParquetReader reader, int index, string origin, ColumnReader[] readers, DataField[] fields, ColumnBatch[] batches, CancellationToken cancellationToken)
    {
        ParquetRowGroupReader rowGroup;
        long rowCount;
        try
        {
            rowGroup = reader.OpenRowGroupReader(index);
            rowCount = rowGroup.RowCount;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DataSourceException($"Cannot open {origin}: {e.Message}", e);
        }

        using (rowGroup)
        {
            if (rowCount is < 0 or > int.MaxValue)
            {
                throw new DataSourceException($"{origin} claims {rowCount} rows; at most {int.MaxValue} rows per row group are supported.");
            }

            var rows = (int)rowCount;
            if (rows == 0)
            {
                return 0;
            }

            for (var c = 0; c < readers.Length; c++)
            {
                try
                {
                    batches[c] = await readers[c].ReadAsync(rowGroup, fields[c], rows, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException and not DataSourceException)
                {
                    throw new DataSourceException($"Cannot read column '{readers[c].Column.Name}' of {origin}: {e.Message}", e);
                }
            }

            return rows;
        }
    }

    private sealed record ParquetFilePart(string Path, RowGroupInfo[] RowGroups)
    {
        public long RowCount { get; } = RowGroups.Sum(g => g.RowCount);
    }

    /// <summary>A row group as the footer describes it: what its statistics prove, per column.</summary>
    private sealed record RowGroupInfo(int Index, long RowCount, Dictionary<string, ColumnStatistics> Statistics);

    /// <summary>One non-empty row group as a partition.</summary>
    private sealed class RowGroupPartition(ParquetDataSource source, int fileIndex, RowGroupInfo group, long rowOffset) : IDataPartition
    {
        public long RowOffset => rowOffset;

        public long RowCount => group.RowCount;

        public string Description => $"{source._files[fileIndex].Path}, row group {group.Index}";

        public ColumnStatistics? GetStatistics(string column) => group.Statistics.GetValueOrDefault(column);

        public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default) =>
            source.ReadRowGroupAsync(fileIndex, group, rowOffset, columns, cancellationToken);
    }
}
