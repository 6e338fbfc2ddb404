using System.Data.Common;

namespace Expectations.Sql;

/// <summary>Copies an <see cref="IDataSource"/> into a new SQL table (for tests, fixtures and small reference data).</summary>
public static class SqlTableLoader
{
    /// <summary>
    /// Creates table <paramref name="tableName"/> with one column per flat column of <paramref name="data"/> (types from
    /// <see cref="SqlDialect.TypeFor"/>) and inserts every row in order, values bound as parameters, in one transaction.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="tableName">The new table (quoted).</param>
    /// <param name="data">The rows.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="NotSupportedException">A column is nested or binary.</exception>
    public static async ValueTask LoadAsync(DbConnection connection, SqlDialect dialect, string tableName, IDataSource data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(data);
        var columns = data.Columns;
        var bad = columns.FirstOrDefault(c => c.Kind is DataKind.List or DataKind.Struct or DataKind.Map or DataKind.Binary);
        if (bad is not null)
        {
            throw new NotSupportedException($"Column '{bad.Name}' of {data.Description} is {bad.PhysicalType} ({bad.Kind}); only flat columns are copied to SQL.");
        }

        var table = dialect.QuoteTableName(tableName);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = columns.Count == 0
                ? throw new NotSupportedException($"{data.Description} has no columns.")
                : $"CREATE TABLE {table} ({string.Join(", ", columns.Select(c => $"{dialect.Quote(c.Name)} {dialect.TypeFor(c.Kind)}"))})";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", columns.Select((c, i) => dialect.ParameterMarker(i)))})";
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = insert.CreateParameter();
            parameters[i].ParameterName = dialect.ParameterName(i);
            insert.Parameters.Add(parameters[i]);
        }

        await foreach (var chunk in data.ReadAsync([.. columns.Select(c => c.Name)], cancellationToken).ConfigureAwait(false))
        {
            var batches = columns.Select(c => chunk[c.Name]).ToArray();
            for (var row = 0; row < chunk.RowCount; row++)
            {
                for (var c = 0; c < batches.Length; c++)
                {
                    parameters[c].Value = dialect.ParameterValue(ValueOf(batches[c], row)) ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object? ValueOf(ColumnBatch batch, int row)
    {
        if (!batch.IsValid(row))
        {
            return null;
        }

        switch (batch)
        {
            case PrimitiveBatch<long> t when t.Kind == DataKind.Timestamp:
                return new DateTime(t.Values.Span[row], DateTimeKind.Unspecified);
            case PrimitiveBatch<long> l:
                return l.Values.Span[row];
            case PrimitiveBatch<int> i:
                return (long)i.Values.Span[row];
            case PrimitiveBatch<double> d:
                return d.Values.Span[row];
            case PrimitiveBatch<float> f:
                return (double)f.Values.Span[row];
            case PrimitiveBatch<bool> b:
                return b.Values.Span[row];
            case PrimitiveBatch<decimal> m:
                return m.Values.Span[row];
            case StringBatch s:
                return s.GetString(row);
            default:
                {
                    var json = batch.GetJsonValue(row);
                    return json.ValueKind switch
                    {
                        System.Text.Json.JsonValueKind.Number when json.TryGetInt64(out var l) => l,
                        System.Text.Json.JsonValueKind.Number => json.GetDouble(),
                        System.Text.Json.JsonValueKind.True => true,
                        System.Text.Json.JsonValueKind.False => false,
                        _ => json.ToString(),
                    };
                }
        }
    }
}
