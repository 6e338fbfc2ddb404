using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Expectations.Sql;

/// <summary>
/// The rows of a <see cref="SqlSource"/> streamed into the in-memory engine, chunk by chunk (for what cannot run inside
/// the engine: profiles and drift baselines taken from a warehouse). Each <see cref="ReadAsync"/> runs one
/// <c>SELECT</c> of the requested columns.
/// </summary>
internal sealed class SqlRowSource : IDataSource, IAsyncDisposable
{
    private readonly SqlSource _source;
    private readonly DbConnection _connection;
    private readonly bool _owned;
    private readonly int _chunkRows;

    private SqlRowSource(SqlSource source, DbConnection connection, bool owned, IReadOnlyList<ColumnInfo> columns, int chunkRows)
    {
        _source = source;
        _connection = connection;
        _owned = owned;
        Columns = columns;
        _chunkRows = chunkRows;
    }

    public string Description => _source.Description;

    public IReadOnlyList<ColumnInfo> Columns { get; }

    public static async ValueTask<SqlRowSource> OpenAsync(SqlSource source, int chunkRows, CancellationToken cancellationToken)
    {
        var (connection, owned) = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var columns = await SqlRun.ReadColumnsAsync(source, connection, cancellationToken).ConfigureAwait(false);
            return new SqlRowSource(source, connection, owned, columns, chunkRows);
        }
        catch
        {
            if (owned)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var dialect = _source.Dialect;
        var wanted = Columns.Where(c => columns.Contains(c.Name)).GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        foreach (var column in wanted)
        {
            if (column.Kind is not (DataKind.Boolean or DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.String or DataKind.Timestamp or DataKind.Binary))
            {
                throw new DataSourceException($"Column '{column.Name}' of {Description} has the {dialect.Name} type {column.PhysicalType}, which cannot be read into the in-memory engine; select the columns to read with a query (--query).");
            }
        }

        if (wanted.Length == 0)
        {
            // Only the row count is needed: one aggregate, not every row.
            using var count = _connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {_source.Relation}";
            long rows;
            try
            {
                rows = SqlValues.ToLong(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (DbException ex)
            {
                throw new DataSourceException($"The {dialect.Name} engine cannot count the rows of {Description}: {ex.Message}", ex);
            }

            for (long offset = 0; offset < rows; offset += _chunkRows)
            {
                yield return new DataChunk(offset, (int)Math.Min(_chunkRows, rows - offset), [], Description);
            }

            yield break;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", wanted.Select(c => dialect.Quote(c.Name)))} FROM {_source.Relation}";
        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new DataSourceException($"The {dialect.Name} engine cannot read {Description}: {ex.Message}", ex);
        }

        await using (reader.ConfigureAwait(false))
        {
            var buffers = wanted.Select(_ => new List<object?>(_chunkRows)).ToArray();
            long offset = 0;
            while (true)
            {
                bool more;
                try
                {
                    more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex)
                {
                    throw new DataSourceException($"The {dialect.Name} engine failed reading {Description} after row {offset + buffers[0].Count}: {ex.Message}", ex);
                }

                if (more)
                {
                    for (var c = 0; c < wanted.Length; c++)
                    {
                        buffers[c].Add(reader.IsDBNull(c) ? null : reader.GetValue(c));
                    }
                }

                if (buffers[0].Count == _chunkRows || (!more && buffers[0].Count > 0))
                {
                    yield return await ChunkAsync(wanted, buffers, offset, cancellationToken).ConfigureAwait(false);
                    offset += buffers[0].Count;
                    foreach (var buffer in buffers)
                    {
                        buffer.Clear();
                    }
                }

                if (!more)
                {
                    yield break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<DataChunk> ChunkAsync(ColumnInfo[] columns, List<object?>[] buffers, long offset, CancellationToken cancellationToken)
    {
        var builder = InMemoryTable.Builder(Description);
        for (var c = 0; c < columns.Length; c++)
        {
            var column = columns[c];
            var values = buffers[c];
            try
            {
                builder = column.Kind switch
                {
                    DataKind.Boolean => builder.Add(column.Name, values.Select(v => v is null ? (bool?)null : SqlValues.ToBoolean(v)).ToArray()),
                    DataKind.Integer => builder.Add(column.Name, values.Select(v => v is null ? (long?)null : checked((long)SqlValues.ToInt128(v))).ToArray()),
                    DataKind.Float => builder.Add(column.Name, values.Select(v => v is null ? (double?)null : SqlValues.ToDouble(v)).ToArray()),
                    DataKind.Decimal => builder.Add(column.Name, values.Select(v => v is null ? (decimal?)null : Convert.ToDecimal(v, CultureInfo.InvariantCulture)).ToArray()),
                    DataKind.Timestamp => builder.Add(column.Name, values.Select(v => v is null ? (DateTime?)null : SqlValues.ToDateTime(v)).ToArray()),
                    DataKind.Binary => builder.AddBinary(column.Name, values.Select(v => v is null ? null : v as byte[] ?? throw new InvalidCastException($"{v.GetType().Name} is not a byte array")).ToArray(), column.PhysicalType),
                    _ => builder.Add(column.Name, values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray()),
                };
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                throw new DataSourceException($"Column '{column.Name}' of {Description} (rows {offset}–{offset + values.Count - 1}) holds a value that is not a {column.Kind} of type {column.PhysicalType}: {ex.Message}", ex);
            }
        }

        // The builder's one chunk, re-based at this chunk's global row offset.
        await foreach (var built in builder.Build().ReadAsync(columns.Select(c => c.Name).ToArray(), cancellationToken).ConfigureAwait(false))
        {
            return new DataChunk(offset, buffers[0].Count, built.Columns, $"{Description}, rows {offset}–{offset + buffers[0].Count - 1}");
        }

        throw new InvalidOperationException("An in-memory table yielded no chunk.");
    }
}
