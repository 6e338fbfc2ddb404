namespace Expectations;

/// <summary>
/// Something Expectations can validate: a schema plus a stream of chunks that hold only the columns asked for.
/// Implementations: in-memory tables, DataFrames, Parquet files and folders, CSV files.
/// </summary>
public interface IDataSource
{
    /// <summary>What the data is, for report metadata and messages (a file path, "DataFrame", ...).</summary>
    string Description { get; }

    /// <summary>The columns the source offers, in order.</summary>
    IReadOnlyList<ColumnInfo> Columns { get; }

    /// <summary>
    /// Reads the data chunk by chunk (a row group, a DataFrame buffer, a block of CSV rows), decoding only
    /// <paramref name="columns"/>. A chunk and its batches are valid until the next one is requested.
    /// Errors in the data throw <see cref="DataSourceException"/> naming the file, row group and column.
    /// </summary>
    /// <param name="columns">Names of the columns to decode; each is one of <see cref="Columns"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default);
}

/// <summary>Some rows of a data source: one batch per requested column, all of the same length.</summary>
public sealed class DataChunk
{
    private readonly Dictionary<string, ColumnBatch> _columns;

    /// <summary>Creates a chunk.</summary>
    /// <param name="rowOffset">Global index (across row groups and files) of the chunk's first row.</param>
    /// <param name="rowCount">Rows in the chunk.</param>
    /// <param name="columns">One batch per requested column, each of length <paramref name="rowCount"/>.</param>
    /// <param name="origin">Where the rows come from, for messages (for example <c>data.parquet, row group 3</c>).</param>
    public DataChunk(long rowOffset, int rowCount, IEnumerable<ColumnBatch> columns, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowOffset);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        _columns = new Dictionary<string, ColumnBatch>(StringComparer.Ordinal);
        foreach (var batch in columns)
        {
            if (batch.Length != rowCount)
            {
                throw new ArgumentException($"Column '{batch.Name}' has {batch.Length} rows in a chunk of {rowCount} rows ({origin ?? "unknown origin"}).", nameof(columns));
            }

            _columns[batch.Name] = batch;
        }

        Columns = _columns.Values;

        RowOffset = rowOffset;
        RowCount = rowCount;
        Origin = origin;
    }

    /// <summary>The batches of this chunk.</summary>
    public IReadOnlyCollection<ColumnBatch> Columns { get; }

    /// <summary>Global index of the first row.</summary>
    public long RowOffset { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Where the rows come from, for messages.</summary>
    public string? Origin { get; }

    /// <summary>The batch of column <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The column was not requested.</exception>
    public ColumnBatch this[string name] => _columns.TryGetValue(name, out var b)
        ? b
        : throw new KeyNotFoundException($"Column '{name}' was not read into this chunk ({Origin ?? "unknown origin"}).");

    /// <summary>
    /// For chunks that hold a selection of rows (a <c>row_condition</c> filter), the global index of each row;
    /// empty when the rows are contiguous from <see cref="RowOffset"/>.
    /// </summary>
    public ReadOnlyMemory<long> RowIndices { get; private init; }

    /// <summary>The global index (across row groups and files) of row <paramref name="row"/> of this chunk.</summary>
    public long GlobalIndex(int row) => RowIndices.IsEmpty ? RowOffset + row : RowIndices.Span[row];

    /// <summary>A chunk of selected rows whose global indices are <paramref name="rowIndices"/>.</summary>
    public static DataChunk Selection(IEnumerable<ColumnBatch> columns, ReadOnlyMemory<long> rowIndices, string? origin) =>
        new(rowIndices.IsEmpty ? 0 : rowIndices.Span[0], rowIndices.Length, columns, origin) { RowIndices = rowIndices };

    /// <summary>Looks up the batch of column <paramref name="name"/>.</summary>
    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ColumnBatch? batch) => _columns.TryGetValue(name, out batch);
}

/// <summary>Data that cannot be read: names the source, and where known the file, row group and column.</summary>
public sealed class DataSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataSourceException() { }

    /// <summary>Creates the exception with a message that says what and where.</summary>
    public DataSourceException(string message) : base(message) { }

    /// <summary>Creates the exception with a message that says what and where, wrapping the cause.</summary>
    public DataSourceException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A source whose rows split into parts (Parquet row groups, files) that can be read independently and at
/// the same time. The validation plan reads parts on all cores, one state per part merged in part order, so
/// results equal a one-threaded run; and it asks each part's statistics first, decoding a part only for the
/// metrics its statistics cannot answer.
/// </summary>
public interface IPartitionedDataSource : IDataSource
{
    /// <summary>The parts in row order; their rows, concatenated, are the rows <see cref="IDataSource.ReadAsync"/> yields.</summary>
    IReadOnlyList<IDataPartition> Partitions { get; }
}

/// <summary>One independently readable part of an <see cref="IPartitionedDataSource"/>.</summary>
public interface IDataPartition
{
    /// <summary>Global index of the part's first row.</summary>
    long RowOffset { get; }

    /// <summary>Rows in the part, known without decoding.</summary>
    long RowCount { get; }

    /// <summary>Where the rows come from, for messages (for example <c>data.parquet, row group 3</c>).</summary>
    string Description { get; }

    /// <summary>
    /// What the part's metadata proves about <paramref name="column"/> without decoding it, or null when it
    /// proves nothing. Implementations leave out any figure they cannot vouch for.
    /// </summary>
    ColumnStatistics? GetStatistics(string column);

    /// <summary>
    /// What the part was read from (file, size and time or content hash, row groups, table version), for incremental runs
    /// that reuse the saved metric state of a part that did not change (<see cref="ValidationOptions.StateStore"/>); null
    /// (the default) when the source cannot tell, and the part is then always read.
    /// </summary>
    PartitionIdentity? Identity => null;

    /// <summary>
    /// Reads the part's rows, decoding only <paramref name="columns"/>; chunk row offsets are global. A chunk is
    /// valid until the next one is requested. Several parts may be read at the same time.
    /// </summary>
    IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default);
}

/// <summary>
/// Facts about one column of one part, proven by metadata. Every figure is optional; <see cref="Min"/> and
/// <see cref="Max"/> bound the non-null values (a column holding NaN never reports them).
/// </summary>
/// <param name="NullCount">Number of null rows, when known.</param>
/// <param name="Min">A value no non-null row is below, when known.</param>
/// <param name="Max">A value no non-null row is above, when known.</param>
public sealed record ColumnStatistics(long? NullCount, Scalar? Min, Scalar? Max);
