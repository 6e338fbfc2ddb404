using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ParquetSharp;

namespace Expectations.Parquet;

/// <summary>
/// A Parquet file, or a folder of Parquet files, read row group by row group with ParquetSharp (Apache Arrow C++'s
/// Parquet reader), decoding only the requested columns. Each row group becomes one <see cref="DataChunk"/> whose
/// batches live in buffers this source reuses: a chunk is valid until the next one is requested.
/// </summary>
/// <remarks>
/// <para>
/// Every field of the file is offered; none is dropped. Flat columns: BOOLEAN → <see cref="DataKind.Boolean"/>; signed and
/// unsigned INT8/16/32/64 → <see cref="DataKind.Integer"/> in their own width (<c>PrimitiveBatch&lt;sbyte&gt;</c> …
/// <c>&lt;ulong&gt;</c>); FLOAT, DOUBLE and FLOAT16 → <see cref="DataKind.Float"/>; DECIMAL of any physical type →
/// <see cref="DataKind.Decimal"/> (a value beyond System.Decimal is an error naming column and row group); UTF8/STRING,
/// ENUM and JSON byte arrays → <see cref="DataKind.String"/>; UUID (canonical text), TIME (<c>HH:mm:ss.fff…</c>) and
/// INTERVAL (ISO-8601 duration) → <see cref="DataKind.String"/>; other byte arrays and fixed-length byte arrays (BSON,
/// WKB geometry, unknown logical types) → <see cref="DataKind.Binary"/>, kept as bytes; TIMESTAMP (any unit, UTC or
/// local), INT96 and DATE → <see cref="DataKind.Timestamp"/> as <see cref="DateTime.Ticks"/> (nanoseconds truncated to
/// ticks, values outside years 1–9999 clamped to that range).
/// </para>
/// <para>
/// Nested columns: a STRUCT <c>s</c> is a <see cref="DataKind.Struct"/> column (its nullness) and each field is a column
/// <c>s.field</c> (null where the struct is); a LIST is a <see cref="DataKind.List"/> column (<see cref="ListBatch"/>, any
/// depth; the 2-level and unannotated repeated forms too); a MAP <c>m</c> is a <see cref="DataKind.Map"/> column plus
/// the List columns <c>m.key</c> and <c>m.value</c>. Columns of nested fields carry <see cref="ColumnInfo.Parent"/>.
/// </para>
/// <para>
/// Files of a folder are read in ordinal order of their names (not recursively); they must offer the same
/// columns with the same kinds and types. Row groups are numbered from 0 in <see cref="DataChunk.Origin"/>.
/// Empty row groups yield no chunk.
/// </para>
/// <para>
/// Each non-empty row group is one of <see cref="Partitions"/>: the validation plan reads several at once (each
/// opening the file itself) and answers what row-group statistics prove without decoding: row counts, null
/// counts, and the bounds of signed integer and timestamp columns (see docs/parquet.md for which writers' statistics
/// are trusted).
/// </para>
/// </remarks>
public sealed class ParquetDataSource : IPartitionedDataSource, IAsyncDisposable
{
    private readonly ParquetFilePart[] _files;
    private readonly Dictionary<string, SourceColumn> _columnsByName;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<ColumnSlot[]>> _readerPools = new(StringComparer.Ordinal);
    private int _disposed;

    private ParquetDataSource(string description, ParquetFilePart[] files, List<SourceColumn> columns, IReadOnlyList<string> partitionColumns)
    {
        Description = description;
        _files = files;
        _columnsByName = columns.ToDictionary(c => c.Info.Name, StringComparer.Ordinal);
        Columns = [.. columns.Select(c => c.Info)];
        PartitionColumns = partitionColumns;
        RowCount = files.Sum(f => f.RowCount);
        Files = [.. files.Select(f => f.Info with { RowCount = f.RowCount })];
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
    /// The files read, in read order: path, size, modification time, partition values (Hive folder names or the Delta
    /// log's) and row count. Files a <see cref="PartitionFilter"/> pruned are not listed.
    /// </summary>
    public IReadOnlyList<ParquetFileInfo> Files { get; }

    /// <summary>The partition columns (from Hive <c>key=value</c> folders or a Delta table's log), in order; empty when none.</summary>
    public IReadOnlyList<string> PartitionColumns { get; }

    /// <summary>
    /// Opens a Parquet file, or a folder whose <c>*.parquet</c> files share one schema, and reads its footers.
    /// </summary>
    /// <param name="path">A <c>.parquet</c> file or a folder of them.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    /// <returns>The source, ready to read.</returns>
    /// <exception cref="DataSourceException">The path does not exist, the folder holds no Parquet files, a file is
    /// empty, truncated, encrypted or not Parquet, or two files of the folder differ in schema (the message names the files and column).</exception>
    public static Task<ParquetDataSource> OpenAsync(string path, CancellationToken cancellationToken = default) =>
        OpenAsync(path, new ParquetReadOptions(), cancellationToken);

    /// <summary>
    /// Opens a Parquet file or folder as <see cref="OpenAsync(string, CancellationToken)"/> does, choosing how its row groups
    /// identify themselves to incremental runs (<see cref="ParquetReadOptions.Identity"/>).
    /// </summary>
    /// <param name="path">A <c>.parquet</c> file or a folder of them.</param>
    /// <param name="identity">How partitions are identified.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    /// <returns>The source, ready to read.</returns>
    /// <exception cref="DataSourceException">As <see cref="OpenAsync(string, CancellationToken)"/>.</exception>
    public static Task<ParquetDataSource> OpenAsync(string path, PartitionIdentityMode identity, CancellationToken cancellationToken = default) =>
        OpenAsync(path, new ParquetReadOptions { Identity = identity }, cancellationToken);

    /// <summary>
    /// Opens a Parquet file, a folder whose <c>*.parquet</c> files share one schema, or a Hive-partitioned folder
    /// (<c>date=2024-01-01/region=eu/part-0.parquet</c>), and reads the footers of the files the options keep.
    /// </summary>
    /// <param name="path">A <c>.parquet</c> file or a folder of them.</param>
    /// <param name="options">Hive partitioning (on when the folder holds <c>key=value</c> sub-folders, unless turned off) and partition filters that prune files before any is read.</param>
    /// <param name="cancellationToken">Stops opening.</param>
    /// <returns>The source, ready to read.</returns>
    /// <exception cref="DataSourceException">The path does not exist, the folder holds no Parquet files, a file is
    /// empty, truncated, encrypted or not Parquet, two files differ in schema, the partition folders are inconsistent,
    /// or a filter names no partition column or holds a value of the wrong type (the message says which).</exception>
    public static Task<ParquetDataSource> OpenAsync(string path, ParquetReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        if (File.Exists(path))
        {
            if (options.Filters.Count > 0)
            {
                throw new DataSourceException($"A partition filter ({string.Join(", ", options.Filters)}) needs a partitioned folder, but '{path}' is one file.");
            }

            return Task.FromResult(Build(path, [FileSpec.Of(path)], [], null, null, cancellationToken, options.Identity));
        }

        if (!Directory.Exists(path))
        {
            throw new DataSourceException($"Parquet path '{path}' does not exist.");
        }

        if (options.HivePartitioning is null && Directory.Exists(Path.Combine(path, "_delta_log")))
        {
            // Its folder also holds files the log removed: reading them all would be wrong.
            throw new DataSourceException(
                $"'{path}' is a Delta table (it has a _delta_log folder): open it with DeltaTable.OpenAsync, which reads only its live files; or set HivePartitioning to read the folder's files as they are.");
        }

        if (HiveLayout.Detect(path, options))
        {
            var layout = HiveLayout.Scan(path, cancellationToken);
            if (layout.Columns.Count == 0)
            {
                throw new DataSourceException($"Hive partitioning was asked for, but '{path}' has no key=value partition folders.");
            }

            var kept = layout.Select(options.Filters, path);
            return Task.FromResult(Build(path, kept, layout.Columns, null, layout.Files[0].Path, cancellationToken, options.Identity));
        }

        if (options.Filters.Count > 0)
        {
            throw new DataSourceException($"A partition filter ({string.Join(", ", options.Filters)}) needs Hive partition folders (key=value), but '{path}' has none.");
        }

        var enumeration = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false };
        string[] displayNames = [.. Directory.EnumerateFiles(path, "*.parquet", enumeration)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => Path.Join(path, name))];
        if (displayNames.Length == 0)
        {
            throw new DataSourceException($"Folder '{path}' holds no .parquet files.");
        }

        return Task.FromResult(Build(path, [.. displayNames.Select(FileSpec.Of)], [], null, null, cancellationToken, options.Identity));
    }

    /// <summary>The identity of one file for saved states (a Delta table's data files are immutable, so their path and size identify them).</summary>
    private static PartitionIdentity IdentityOf(FileSpec file, PartitionIdentityMode mode, CancellationToken cancellationToken)
    {
        try
        {
            // Opening is synchronous (footers are read with blocking I/O too); hashing runs on this thread likewise.
            return mode == PartitionIdentityMode.ContentHash
                ? PartitionIdentity.OfFileContentAsync(file.Path, cancellationToken).GetAwaiter().GetResult()
                : PartitionIdentity.OfFile(file.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataSourceException($"Cannot read Parquet file '{file.Path}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Opens <paramref name="files"/> as one source. Without <paramref name="tableSchema"/>, every file must offer the same
    /// columns and the partition columns follow them; with it (a Delta table), the columns are the schema's, in its order:
    /// partition columns from the file specs, data columns from the files, and a column a file lacks reads as null there.
    /// </summary>
    internal static ParquetDataSource Build(string description, IReadOnlyList<FileSpec> files, IReadOnlyList<PartitionColumn> partitionColumns, IReadOnlyList<TableField>? tableSchema, string? schemaFrom, CancellationToken cancellationToken, PartitionIdentityMode identity = PartitionIdentityMode.FileMetadata)
    {
        var parts = new ParquetFilePart[files.Count];
        var footers = new List<ParquetColumn>[files.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Described before the footer is read: a file replaced meanwhile then looks changed to the next run, never the reverse.
            var fileIdentity = IdentityOf(files[i], identity, cancellationToken);
            var (columns, rowGroups) = ReadFooter(files[i].Path);
            footers[i] = columns;
            parts[i] = new ParquetFilePart(files[i].Path, rowGroups, files[i].Values, files[i].Info, []) { Identity = fileIdentity };
        }

        var partitionNames = partitionColumns.Select(c => c.Name).ToList();
        List<SourceColumn> sourceColumns;
        if (tableSchema is null)
        {
            var first = footers.Length > 0 ? footers[0] : schemaFrom is not null ? ReadFooter(schemaFrom).Columns : [];
            for (var i = 1; i < footers.Length; i++)
            {
                EnsureSameSchema(files[0].Path, first, files[i].Path, footers[i]);
            }

            if (first.FirstOrDefault(c => partitionNames.Contains(c.Name, StringComparer.Ordinal)) is { } clash)
            {
                throw new DataSourceException($"Column '{clash.Name}' is both a column of the files (for example '{(files.Count > 0 ? files[0].Path : schemaFrom)}') and a partition key of the folder names of '{description}'; rename one of them.");
            }

            sourceColumns = [.. first.Select(c => new SourceColumn(c.Info, c, null)), .. partitionColumns.Select(p => new SourceColumn(p.Info, null, p))];
        }
        else
        {
            sourceColumns = TableColumns(description, files, footers, parts, partitionColumns, tableSchema);
        }

        return new ParquetDataSource(description, parts, sourceColumns, partitionNames);
    }

    /// <summary>The columns of a table whose schema comes from its log: each top-level field, with its nested columns from the first file that has it.</summary>
    private static List<SourceColumn> TableColumns(string description, IReadOnlyList<FileSpec> files, List<ParquetColumn>[] footers, ParquetFilePart[] parts, IReadOnlyList<PartitionColumn> partitionColumns, IReadOnlyList<TableField> tableSchema)
    {
        var result = new List<SourceColumn>();
        var byName = new Dictionary<string, (ParquetColumn Column, string File)>(StringComparer.Ordinal);
        for (var i = 0; i < footers.Length; i++)
        {
            foreach (var column in footers[i])
            {
                if (!byName.TryGetValue(column.Name, out var known))
                {
                    byName[column.Name] = (column, files[i].Path);
                }
                else if (!known.Column.SameShape(column))
                {
                    throw new DataSourceException(
                        $"Column '{column.Name}' of '{description}' is {known.Column.PhysicalType} ({known.Column.Kind}) in '{known.File}' but {column.PhysicalType} ({column.Kind}) in '{files[i].Path}'.");
                }
            }
        }

        foreach (var field in tableSchema)
        {
            if (partitionColumns.FirstOrDefault(p => p.Name == field.Name) is { } partition)
            {
                result.Add(new SourceColumn(partition.Info, null, partition));
                continue;
            }

            var members = byName.Values.Where(v => v.Column.Name == field.Name || v.Column.Parent == field.Name).ToList();
            if (members.Count == 0)
            {
                // In no live file: null everywhere, typed by the log's schema.
                var nullType = field.NullType ?? throw new DataSourceException(
                    $"Column '{field.Name}' of '{description}' (a nested type in the table schema) is in none of its live files; reading it as null is not supported.");
                var column = new PartitionColumn(field.Name, nullType);
                result.Add(new SourceColumn(column.Info with { PhysicalType = column.TypeName + " (absent from every file)" }, null, column));
                continue;
            }

            if (field.Kind is { } expected && members.FirstOrDefault(m => m.Column.Name == field.Name) is { } top && top.Column.Kind != expected)
            {
                throw new DataSourceException(
                    $"Column '{field.Name}' of '{description}' is {expected} in the table schema but {top.Column.PhysicalType} ({top.Column.Kind}) in '{top.File}'.");
            }

            result.AddRange(members.Select(m => new SourceColumn(m.Column.Info, m.Column, null)));
        }

        // Which data columns each file lacks: they read as null there.
        for (var i = 0; i < parts.Length; i++)
        {
            var present = footers[i].Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            parts[i] = parts[i] with { Missing = [.. result.Where(c => c.Parquet is not null && !present.Contains(c.Info.Name)).Select(c => c.Info.Name)] };
        }

        return result;
    }

    /// <inheritdoc />
    /// <exception cref="DataSourceException">A requested column is not one of <see cref="Columns"/>, or a file, row group or column cannot be read.</exception>
    public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var readers = CreateReaders(columns.Distinct(StringComparer.Ordinal));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var ct = linked.Token;
        var batches = new ColumnBatch[readers.Length];
        long rowOffset = 0;
        foreach (var file in _files)
        {
            using var reader = OpenReader(file.Path);
            var leaves = FindLeaves(reader, file, readers);
            foreach (var group in file.RowGroups)
            {
                ct.ThrowIfCancellationRequested();
                if (group.RowCount == 0)
                {
                    continue;
                }

                var origin = $"{file.Path}, row group {group.Index}";
                var rows = ReadRowGroup(reader, group.Index, origin, file, readers, leaves, batches, ct);
                yield return new DataChunk(rowOffset, rows, batches, origin);
                rowOffset += rows;
                await Task.Yield();
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
        var pool = _readerPools.GetOrAdd(poolKey, _ => new ConcurrentBag<ColumnSlot[]>());
        if (!pool.TryTake(out var readers))
        {
            readers = CreateReaders(names);
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
            linked.Token.ThrowIfCancellationRequested();
            var file = _files[fileIndex];
            DataChunk chunk;
            using (var reader = OpenReader(file.Path))
            {
                var leaves = FindLeaves(reader, file, readers);
                var origin = $"{file.Path}, row group {group.Index}";
                var batches = new ColumnBatch[readers.Length];
                var rows = ReadRowGroup(reader, group.Index, origin, file, readers, leaves, batches, linked.Token);
                if (rows != group.RowCount)
                {
                    throw new DataSourceException($"{origin} now holds {rows} rows, {group.RowCount} when the source was opened (the file changed).");
                }

                chunk = new DataChunk(rowOffset, rows, batches, origin);
            }

            yield return chunk;
            await Task.CompletedTask.ConfigureAwait(false);
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

    private ColumnSlot[] CreateReaders(IEnumerable<string> names) =>
        [.. names.Select(name => _columnsByName.TryGetValue(name, out var column)
            ? new ColumnSlot(column)
            : throw new DataSourceException($"'{Description}' has no column '{name}'; it offers: {string.Join(", ", Columns.Select(c => c.Name))}."))];

    /// <summary>Opens <paramref name="path"/>; every failure becomes a <see cref="DataSourceException"/> that says what is wrong with which file.</summary>
    private static ParquetFileReader OpenReader(string path)
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
            return new ParquetFileReader(path);
        }
        catch (Exception e) when (e is ParquetException or IOException or UnauthorizedAccessException)
        {
            throw new DataSourceException(DescribeOpenFailure(path, length, e), e);
        }
    }

    /// <summary>A message for a file that cannot be opened: encrypted, truncated, not Parquet, or the reader's own words.</summary>
    internal static string DescribeOpenFailure(string path, long length, Exception e)
    {
        var message = NativeMessage(e);
        if (message.Contains("encrypted", StringComparison.OrdinalIgnoreCase) || message.Contains("decryption", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{path}' is encrypted (Parquet modular encryption): keys are needed to read it, and Expectations does not take decryption keys.";
        }

        if (message.Contains("magic bytes", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{path}' is not a Parquet file, or is truncated: its last 4 bytes (at byte offset {Math.Max(0, length - 4)} of {length}) are not the 'PAR1' footer magic.";
        }

        if (message.Contains("smaller than the minimum", StringComparison.OrdinalIgnoreCase) || message.Contains("file size", StringComparison.OrdinalIgnoreCase) || message.Contains("metadata size", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{path}' is truncated or corrupt ({length} bytes): {message}";
        }

        return $"'{path}' is not a readable Parquet file (corrupt footer): {message}";
    }

    /// <summary>ParquetSharp wraps C++ exceptions as <c>N7parquet…E (message: '…')</c>: keep the message.</summary>
    internal static string NativeMessage(Exception e)
    {
        var match = Regex.Match(e.Message, @"\(message: '(?<m>.*)'\)\s*$", RegexOptions.Singleline);
        return (match.Success ? match.Groups["m"].Value : e.Message).Trim();
    }

    private static (List<ParquetColumn> Columns, RowGroupInfo[] RowGroups) ReadFooter(string path)
    {
        using var reader = OpenReader(path);
        try
        {
            using var metadata = reader.FileMetaData;
            var schema = metadata.Schema;
            var columns = ParquetSchemaMap.Map(schema);
            var createdBy = metadata.CreatedBy;
            var groups = new RowGroupInfo[metadata.NumRowGroups];
            for (var g = 0; g < groups.Length; g++)
            {
                using var rowGroup = reader.RowGroup(g);
                var rowGroupMetadata = rowGroup.MetaData;
                var statistics = new Dictionary<string, ColumnStatistics>(StringComparer.Ordinal);
                foreach (var column in columns)
                {
                    if (RowGroupStatistics.Read(rowGroupMetadata, column, createdBy) is { } stats)
                    {
                        statistics[column.Name] = stats;
                    }
                }

                var rows = rowGroupMetadata.NumRows;
                if (rows < 0)
                {
                    throw new DataSourceException($"'{path}', row group {g} claims {rows} rows.");
                }

                CheckValueCounts(path, g, rows, schema, rowGroupMetadata);

                groups[g] = new RowGroupInfo(g, rows, statistics);
            }

            return (columns, groups);
        }
        catch (Exception e) when (e is not (DataSourceException or OperationCanceledException or OutOfMemoryException))
        {
            // Whatever goes wrong while reading a footer (a missing leaf, a group without fields, …) is a corrupt footer.
            throw new DataSourceException($"'{path}' has a corrupt or unreadable footer (schema or row group metadata): {NativeMessage(e)}", e);
        }
    }

    /// <summary>
    /// A row group's row count must agree with each column chunk's value count (one level per row for a column without
    /// lists, at least one for a list), so that a corrupt count in the footer is refused here, before buffers are sized by it.
    /// </summary>
    private static void CheckValueCounts(string path, int group, long rows, SchemaDescriptor schema, RowGroupMetaData metadata)
    {
        for (var leaf = 0; leaf < schema.NumColumns; leaf++)
        {
            using var chunk = metadata.GetColumnChunkMetaData(leaf);
            var values = chunk.NumValues;
            var repeated = schema.Column(leaf).MaxRepetitionLevel > 0;
            if (repeated ? values < rows : values != rows)
            {
                using var columnPath = schema.Column(leaf).Path;
                throw new DataSourceException(
                    $"'{path}' has a corrupt footer: row group {group} claims {rows} rows, but its column chunk '{columnPath.ToDotString()}' claims {values} values.");
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

            if (!match.SameShape(column))
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

    /// <summary>
    /// The leaf index of each reader's column in this file (the file may have changed since it was opened); -1 for a
    /// constant (partition) column and for a column the file lacks.
    /// </summary>
    private static int[] FindLeaves(ParquetFileReader reader, ParquetFilePart file, ColumnSlot[] readers)
    {
        using var metadata = reader.FileMetaData;
        var schema = metadata.Schema;
        var leaves = new int[readers.Length];
        for (var c = 0; c < readers.Length; c++)
        {
            if (readers[c].Decoder is not { } decoder || file.Missing.Contains(readers[c].Name, StringComparer.Ordinal))
            {
                leaves[c] = -1;
                continue;
            }

            var column = decoder.Column;
            var index = column.LeafIndex;
            if (index >= schema.NumColumns || !LeafPathIs(schema, index, column.LeafPath))
            {
                index = -1;
                for (var i = 0; i < schema.NumColumns; i++)
                {
                    if (LeafPathIs(schema, i, column.LeafPath))
                    {
                        index = i;
                        break;
                    }
                }
            }

            leaves[c] = index >= 0 ? index : throw new DataSourceException($"'{file.Path}' has no column '{column.Name}' (the file changed since the source was opened).");
        }

        return leaves;
    }

    private static bool LeafPathIs(SchemaDescriptor schema, int index, string dotted)
    {
        using var path = schema.Column(index).Path;
        return path.ToDotString() == dotted;
    }

    /// <summary>
    /// Decodes the requested columns of row group <paramref name="index"/> into <paramref name="batches"/>; returns its
    /// row count. Cancellation is checked before each column, so a cancelled read stops within one column chunk.
    /// </summary>
    private static int ReadRowGroup(ParquetFileReader reader, int index, string origin, ParquetFilePart file, ColumnSlot[] readers, int[] leaves, ColumnBatch[] batches, CancellationToken cancellationToken)
    {
        RowGroupReader rowGroup;
        long rowCount;
        try
        {
            rowGroup = reader.RowGroup(index);
            rowCount = rowGroup.MetaData.NumRows;
        }
        catch (ParquetException e)
        {
            throw new DataSourceException($"Cannot open {origin}: {NativeMessage(e)}", e);
        }

        using (rowGroup)
        {
            if (rowCount is < 0 or > int.MaxValue)
            {
                throw new DataSourceException($"{origin} claims {rowCount} rows; at most {int.MaxValue} rows per row group are supported.");
            }

            var rows = (int)rowCount;
            for (var c = 0; c < readers.Length; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var slot = readers[c];
                if (slot.Constants is { } constants)
                {
                    batches[c] = constants.Fill(file.Values.GetValueOrDefault(slot.Name, PartitionValue.Null), rows);
                    continue;
                }

                var decoder = slot.Decoder!;
                if (leaves[c] < 0)
                {
                    batches[c] = decoder.AllNull(rows, origin);
                    continue;
                }

                try
                {
                    batches[c] = decoder.Read(rowGroup, leaves[c], rows, origin);
                }
                catch (Exception e) when (e is not OperationCanceledException and not DataSourceException)
                {
                    throw new DataSourceException(DescribeReadFailure(rowGroup, leaves[c], decoder.Column, origin, e), e);
                }
            }

            return rows;
        }
    }

    /// <summary>Why a column chunk could not be decoded: encrypted, a codec, or the decoder's own words, with column and row group.</summary>
    private static string DescribeReadFailure(RowGroupReader rowGroup, int leaf, ParquetColumn column, string origin, Exception e)
    {
        var message = NativeMessage(e);
        try
        {
            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(leaf);
            if (chunk.CryptoMetadata is not null)
            {
                return $"Column '{column.Name}' of {origin} is encrypted (Parquet modular encryption): keys are needed to read it, and Expectations does not take decryption keys.";
            }

            if (message.Contains("codec", StringComparison.OrdinalIgnoreCase) || message.Contains("compression", StringComparison.OrdinalIgnoreCase))
            {
                return $"Column '{column.Name}' of {origin} uses the {chunk.Compression} codec, which cannot be decoded here: {message}";
            }
        }
        catch (Exception inner) when (inner is ParquetException or InvalidOperationException)
        {
            // The metadata itself is unreadable: report the original failure.
        }

        return $"Cannot read column '{column.Name}' of {origin}: {message}";
    }

    /// <summary>One file: its row groups, its constant (partition) values, and the data columns it lacks (null there).</summary>
    private sealed record ParquetFilePart(string Path, RowGroupInfo[] RowGroups, IReadOnlyDictionary<string, PartitionValue> Values, ParquetFileInfo Info, string[] Missing)
    {
        public long RowCount { get; } = RowGroups.Sum(g => g.RowCount);

        /// <summary>What the file is for saved metric states (path, size, time or content hash).</summary>
        public required PartitionIdentity Identity { get; init; }
    }

    /// <summary>What one requested column is read with: a decoder for a column of the files, or the constant batches of a partition column.</summary>
    private sealed class ColumnSlot(SourceColumn column)
    {
        public string Name { get; } = column.Info.Name;

        public ParquetColumnReader? Decoder { get; } = column.Parquet is { } parquet ? new ParquetColumnReader(parquet) : null;

        public ConstantBatches? Constants { get; } = column.Constant is { } constant ? new ConstantBatches(constant) : null;
    }

    /// <summary>A column of the source: one of the files' (<paramref name="Parquet"/>) or constant per file (<paramref name="Constant"/>).</summary>
    internal sealed record SourceColumn(ColumnInfo Info, ParquetColumn? Parquet, PartitionColumn? Constant);

    /// <summary>A row group as the footer describes it: what its statistics prove, per column.</summary>
    private sealed record RowGroupInfo(int Index, long RowCount, Dictionary<string, ColumnStatistics> Statistics);

    /// <summary>One non-empty row group as a partition.</summary>
    private sealed class RowGroupPartition(ParquetDataSource source, int fileIndex, RowGroupInfo group, long rowOffset) : IDataPartition
    {
        public long RowOffset => rowOffset;

        public long RowCount => group.RowCount;

        public string Description => $"{source._files[fileIndex].Path}, row group {group.Index}";

        public ColumnStatistics? GetStatistics(string column)
        {
            var file = source._files[fileIndex];
            if (source._columnsByName.TryGetValue(column, out var info) && info.Constant is { } constant)
            {
                return constant.Statistics(file.Values.GetValueOrDefault(column, PartitionValue.Null), group.RowCount);
            }

            return file.Missing.Contains(column, StringComparer.Ordinal) ? new ColumnStatistics(group.RowCount, null, null) : group.Statistics.GetValueOrDefault(column);
        }

        public PartitionIdentity Identity { get; } = source._files[fileIndex].Identity.ForRowGroups(group.Index, group.Index + 1);

        public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default) =>
            source.ReadRowGroupAsync(fileIndex, group, rowOffset, columns, cancellationToken);
    }
}
