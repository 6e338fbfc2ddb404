using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Expectations.Sql.ClickHouse;

/// <summary>
/// ClickHouse sources, validation and loading. ClickHouse has no row order (a <c>Distributed</c> table reads its shards
/// in any order), so a table is named with the column whose ascending order numbers its rows: row indices in reports
/// (<c>unexpected_index_list</c>) are positions in that order.
/// </summary>
public static class ClickHouseSql
{
    /// <summary>The row-number column that <see cref="LoadDistributedAsync"/> adds (the tables' sorting key); hidden from suites.</summary>
    public const string RowNumberColumn = "__expectations_row";

    /// <summary>Table <paramref name="tableName"/> (<c>database.table</c>, or a table of the client's database) of the server or cluster <paramref name="client"/> reaches.</summary>
    /// <param name="client">The server (for a <c>Distributed</c> table, any node of the cluster).</param>
    /// <param name="tableName">The table, optionally <c>database.table</c>; each part is quoted.</param>
    /// <param name="rowOrder">A column with unique non-null values whose ascending order numbers the rows (an id, a sequence number).</param>
    /// <param name="hideRowOrder">True when <paramref name="rowOrder"/> is a loader's row number (<see cref="RowNumberColumn"/>), not data: the suite does not see it.</param>
    public static SqlSource Table(ClickHouseClient client, string tableName, string rowOrder, bool hideRowOrder = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        return SqlSource.Table(ClickHouseDialect.Instance, () => new ClickHouseExecutor(client), tableName).WithRowOrder(rowOrder, hideRowOrder);
    }

    /// <summary>A query as the batch (<c>SELECT …</c>: trusted SQL text, run as a subquery), its rows numbered by <paramref name="rowOrder"/>.</summary>
    /// <param name="client">The server (any node of the cluster for a query over <c>Distributed</c> tables).</param>
    /// <param name="query">The query.</param>
    /// <param name="rowOrder">A result column with unique non-null values whose ascending order numbers the rows.</param>
    /// <param name="description">What the data is, for reports (default: the query).</param>
    /// <param name="hideRowOrder">True when <paramref name="rowOrder"/> is a loader's row number (<see cref="RowNumberColumn"/>), not data: the suite does not see it.</param>
    public static SqlSource Query(ClickHouseClient client, string query, string rowOrder, string? description = null, bool hideRowOrder = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        return SqlSource.Query(ClickHouseDialect.Instance, () => new ClickHouseExecutor(client), query, description).WithRowOrder(rowOrder, hideRowOrder);
    }

    /// <summary>Validates table <paramref name="tableName"/> inside ClickHouse.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="client">The server (any node of the cluster for a <c>Distributed</c> table).</param>
    /// <param name="tableName">The table, optionally <c>database.table</c>.</param>
    /// <param name="rowOrder">The column whose ascending order numbers the rows (see <see cref="Table"/>).</param>
    /// <param name="options">Result format, parameters, time.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static ValueTask<ValidationReport> ValidateAsync(this ValidationPlan plan, ClickHouseClient client, string tableName, string rowOrder, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        plan.ValidateAsync(Table(client, tableName, rowOrder), options, cancellationToken);

    /// <summary>
    /// Copies <paramref name="data"/> into a new table spread over a cluster: on every shard a MergeTree table
    /// <c>&lt;table&gt;_local</c> sorted by <see cref="RowNumberColumn"/> (the row's position in <paramref name="data"/>), and a
    /// <c>Distributed</c> table <c>&lt;table&gt;</c> over them (created on each shard: <c>ON CLUSTER</c> needs ZooKeeper).
    /// Row <c>i</c> goes to shard <c>i mod n</c>, sent as <c>RowBinary</c> (values exact). Types from
    /// <see cref="ClickHouseDialect.TypeFor"/>, every column <c>Nullable</c>. Read it back with
    /// <c>Table(client, table, RowNumberColumn, hideRowOrder: true)</c>.
    /// </summary>
    /// <param name="shards">One client per shard, in the order the cluster's config lists them.</param>
    /// <param name="cluster">The cluster's name in the servers' <c>remote_servers</c> config.</param>
    /// <param name="tableName">The new table, optionally <c>database.table</c> (else the first client's database, or <c>default</c>).</param>
    /// <param name="data">The rows.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="NotSupportedException">A column is nested or binary, or a value cannot be held exactly (a timestamp with a fraction of a second or outside 1970–2106, an unpaired surrogate).</exception>
    /// <exception cref="ClickHouseException">A server refused a statement (e.g. the table exists).</exception>
    public static async ValueTask LoadDistributedAsync(IReadOnlyList<ClickHouseClient> shards, string cluster, string tableName, IDataSource data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentException.ThrowIfNullOrEmpty(cluster);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(data);
        if (shards.Count == 0)
        {
            throw new ArgumentException("No shards.", nameof(shards));
        }

        var d = ClickHouseDialect.Instance;
        var dot = tableName.IndexOf('.', StringComparison.Ordinal);
        var database = dot >= 0 ? tableName[..dot] : shards[0].Database ?? "default";
        var table = dot >= 0 ? tableName[(dot + 1)..] : tableName;
        var columns = data.Columns;
        var bad = columns.FirstOrDefault(c => c.Kind is DataKind.List or DataKind.Struct or DataKind.Map or DataKind.Binary);
        if (bad is not null)
        {
            throw new NotSupportedException($"Column '{bad.Name}' of {data.Description} is {bad.PhysicalType} ({bad.Kind}); only flat columns are copied to ClickHouse.");
        }

        if (columns.Count == 0 || columns.Any(c => c.Name == RowNumberColumn))
        {
            throw new NotSupportedException($"{data.Description} has no columns, or a column named {RowNumberColumn}, which the loader adds.");
        }

        var local = $"{d.Quote(database)}.{d.Quote(table + "_local")}";
        var distributed = $"{d.Quote(database)}.{d.Quote(table)}";
        var definition = string.Join(", ", columns.Select(c => $"{d.Quote(c.Name)} {d.TypeFor(c.Kind)}"));
        foreach (var shard in shards)
        {
            await shard.ExecuteAsync($"CREATE TABLE {local} ({d.Quote(RowNumberColumn)} UInt64, {definition}) ENGINE = MergeTree ORDER BY {d.Quote(RowNumberColumn)}", cancellationToken).ConfigureAwait(false);
            await shard.ExecuteAsync($"CREATE TABLE {distributed} AS {local} ENGINE = Distributed({d.QuoteString(cluster)}, {d.QuoteString(database)}, {d.QuoteString(table + "_local")})", cancellationToken).ConfigureAwait(false);
        }

        var buffers = shards.Select(_ => new ArrayBufferWriter<byte>(1 << 16)).ToArray();
        long row = 0;
        await foreach (var chunk in data.ReadAsync([.. columns.Select(c => c.Name)], cancellationToken).ConfigureAwait(false))
        {
            var batches = columns.Select(c => chunk[c.Name]).ToArray();
            for (var r = 0; r < chunk.RowCount; r++, row++)
            {
                var w = buffers[(int)(row % shards.Count)];
                BinaryPrimitives.WriteUInt64LittleEndian(w.GetSpan(8), (ulong)row);
                w.Advance(8);
                for (var c = 0; c < batches.Length; c++)
                {
                    Write(w, batches[c], columns[c], r, row);
                }
            }

            for (var s = 0; s < shards.Count; s++)
            {
                if (buffers[s].WrittenCount >= 1 << 24)
                {
                    await shards[s].InsertAsync($"INSERT INTO {local} FORMAT RowBinary", buffers[s].WrittenMemory, cancellationToken).ConfigureAwait(false);
                    buffers[s].Clear();
                }
            }
        }

        for (var s = 0; s < shards.Count; s++)
        {
            if (buffers[s].WrittenCount > 0)
            {
                await shards[s].InsertAsync($"INSERT INTO {local} FORMAT RowBinary", buffers[s].WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One <c>Nullable</c> value in RowBinary: a null flag byte, then the value.</summary>
    private static void Write(ArrayBufferWriter<byte> w, ColumnBatch batch, ColumnInfo column, int r, long row)
    {
        if (!batch.IsValid(r))
        {
            w.Write([(byte)1]);
            return;
        }

        w.Write([(byte)0]);
        var span = w.GetSpan(16);
        switch (batch)
        {
            case PrimitiveBatch<long> t when column.Kind == DataKind.Timestamp:
                {
                    var time = new DateTime(t.Values.Span[r], DateTimeKind.Unspecified);
                    if (time.Ticks % TimeSpan.TicksPerSecond != 0 || time < DateTime.UnixEpoch || time > ClickHouseDialect.MaxDateTime)
                    {
                        throw new NotSupportedException($"Column '{column.Name}', row {row.ToString(CultureInfo.InvariantCulture)}: the timestamp {time:O} is not a whole second from 1970-01-01 to 2106-02-07 06:28:15, which is all ClickHouse 18.16's DateTime holds.");
                    }

                    BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)((time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond));
                    w.Advance(4);
                    return;
                }

            case PrimitiveBatch<long> l:
                BinaryPrimitives.WriteInt64LittleEndian(span, l.Values.Span[r]);
                w.Advance(8);
                return;
            case PrimitiveBatch<int> i:
                BinaryPrimitives.WriteInt64LittleEndian(span, i.Values.Span[r]);
                w.Advance(8);
                return;
            case PrimitiveBatch<double> f:
                BinaryPrimitives.WriteDoubleLittleEndian(span, f.Values.Span[r]);
                w.Advance(8);
                return;
            case PrimitiveBatch<float> f:
                BinaryPrimitives.WriteDoubleLittleEndian(span, f.Values.Span[r]);
                w.Advance(8);
                return;
            case PrimitiveBatch<bool> b:
                span[0] = b.Values.Span[r] ? (byte)1 : (byte)0;
                w.Advance(1);
                return;
            case PrimitiveBatch<decimal> m:
                {
                    Int128 scaled;
                    try
                    {
                        var v = m.Values.Span[r];
                        scaled = (Int128)(v * 10_000_000_000m);
                        if (decimal.Round(v, 10) != v)
                        {
                            throw new OverflowException();
                        }
                    }
                    catch (OverflowException)
                    {
                        throw new NotSupportedException($"Column '{column.Name}', row {row.ToString(CultureInfo.InvariantCulture)}: {m.Values.Span[r].ToString(CultureInfo.InvariantCulture)} does not fit Decimal(38, 10) exactly.");
                    }

                    BinaryPrimitives.WriteInt128LittleEndian(span, scaled);
                    w.Advance(16);
                    return;
                }

            case StringBatch s:
                WriteString(w, s.GetBytes(r));
                return;
            default:
                {
                    var text = batch.GetJsonValue(r).ToString();
                    try
                    {
                        WriteString(w, new UTF8Encoding(false, true).GetBytes(text));
                    }
                    catch (EncoderFallbackException)
                    {
                        throw new NotSupportedException($"Column '{column.Name}', row {row.ToString(CultureInfo.InvariantCulture)}: the text holds an unpaired UTF-16 surrogate, which ClickHouse's UTF-8 text cannot hold.");
                    }

                    return;
                }
        }
    }

    private static void WriteString(ArrayBufferWriter<byte> w, ReadOnlySpan<byte> bytes)
    {
        var length = (ulong)bytes.Length;
        do
        {
            var b = (byte)(length & 0x7F);
            length >>= 7;
            w.Write([length != 0 ? (byte)(b | 0x80) : b]);
        }
        while (length != 0);
        w.Write(bytes);
    }
}

/// <summary>The backend's queries through one <see cref="ClickHouseClient"/> (values are inlined by the dialect).</summary>
internal sealed class ClickHouseExecutor(ClickHouseClient client) : SqlExecutor
{
    public override ValueTask<SqlRows> QueryAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        values.Count == 0 ? client.QueryAsync(sql, cancellationToken)
            : throw new InvalidOperationException("The ClickHouse dialect writes values as literals; no values can be bound.");
}
