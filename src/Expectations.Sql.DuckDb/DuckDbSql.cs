using DuckDB.NET.Data;

namespace Expectations.Sql.DuckDb;

/// <summary>DuckDB sources and validation: tables, Parquet and CSV files or globs, on a connection the caller owns.</summary>
public static class DuckDbSql
{
    /// <summary>A table (optionally <c>schema.table</c>) of <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="tableName">The table.</param>
    public static SqlSource Table(DuckDBConnection connection, string tableName) => SqlSource.Table(DuckDbDialect.Instance, connection, tableName);

    /// <summary>
    /// Parquet files read by DuckDB's <c>read_parquet</c>: a path or glob (<c>data/*.parquet</c>), the path bound as a
    /// quoted literal. When a file was written by Parquet.Net, whose TIMESTAMP statistics are wrong (in milliseconds,
    /// aloneguid/parquet-dotnet#769) and would make DuckDB skip or keep the wrong rows, this calls
    /// <see cref="IgnoreParquetStatistics"/> on the connection.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="pathOrGlob">A file, or a glob of files with the same schema.</param>
    /// <exception cref="DataSourceException">The files cannot be read.</exception>
    public static SqlSource Parquet(DuckDBConnection connection, string pathOrGlob)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(pathOrGlob);
        var files = $"read_parquet({DuckDbDialect.Instance.QuoteString(pathOrGlob)})";
        if (connection.State == System.Data.ConnectionState.Open)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM parquet_file_metadata({DuckDbDialect.Instance.QuoteString(pathOrGlob)}) WHERE created_by LIKE 'Parquet.Net%' OR created_by LIKE 'parquet-dotnet%'";
            try
            {
                if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    IgnoreParquetStatistics(connection);
                }
            }
            catch (DuckDBException ex)
            {
                throw new DataSourceException($"DuckDB cannot read the Parquet files {pathOrGlob}: {ex.Message}", ex);
            }
        }

        return SqlSource.Query(DuckDbDialect.Instance, connection, files, pathOrGlob);
    }

    /// <summary>
    /// Stops DuckDB from using Parquet min/max statistics on <paramref name="connection"/> (it disables the
    /// <c>statistics_propagation</c> and <c>filter_pushdown</c> optimizers, keeping others the session disabled), for
    /// files whose statistics are wrong: TIMESTAMP(MICROS/NANOS) columns written by Parquet.Net carry bounds in
    /// milliseconds, and DuckDB then folds <c>WHERE ts &gt;= …</c> to the wrong answer. Queries scan every row group instead.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    public static void IgnoreParquetStatistics(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT current_setting('disabled_optimizers')";
        var current = (read.ExecuteScalar() as string ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var disabled = current.Union(["statistics_propagation", "filter_pushdown"], StringComparer.OrdinalIgnoreCase);
        using var set = connection.CreateCommand();
        set.CommandText = $"SET disabled_optimizers = {DuckDbDialect.Instance.QuoteString(string.Join(',', disabled))}";
        set.ExecuteNonQuery();
    }

    /// <summary>CSV files read by DuckDB's <c>read_csv</c> (header and types detected): a path or glob.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="pathOrGlob">A file, or a glob of files with the same columns.</param>
    public static SqlSource Csv(DuckDBConnection connection, string pathOrGlob)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrGlob);
        return SqlSource.Query(DuckDbDialect.Instance, connection, $"read_csv({DuckDbDialect.Instance.QuoteString(pathOrGlob)})", pathOrGlob);
    }

    /// <summary>Validates table <paramref name="tableName"/> of <paramref name="connection"/> inside DuckDB.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="connection">An open connection (the caller keeps owning it).</param>
    /// <param name="tableName">The table, optionally <c>schema.table</c>.</param>
    /// <param name="options">Result format, parameters, time.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static ValueTask<ValidationReport> ValidateAsync(this ValidationPlan plan, DuckDBConnection connection, string tableName, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        plan.ValidateAsync(Table(connection, tableName), options, cancellationToken);
}
