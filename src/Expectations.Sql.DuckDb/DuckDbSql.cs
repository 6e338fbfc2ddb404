using DuckDB.NET.Data;

namespace Expectations.Sql.DuckDb;

/// <summary>DuckDB sources and validation: tables, Parquet and CSV files or globs, on a connection the caller owns.</summary>
public static class DuckDbSql
{
    /// <summary>A table (optionally <c>schema.table</c>) of <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="tableName">The table.</param>
    public static SqlSource Table(DuckDBConnection connection, string tableName) => SqlSource.Table(DuckDbDialect.Instance, connection, tableName);

    /// <summary>Parquet files read by DuckDB's <c>read_parquet</c>: a path or glob (<c>data/*.parquet</c>), the path bound as a quoted literal.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="pathOrGlob">A file, or a glob of files with the same schema.</param>
    public static SqlSource Parquet(DuckDBConnection connection, string pathOrGlob)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrGlob);
        return SqlSource.Query(DuckDbDialect.Instance, connection, $"read_parquet({DuckDbDialect.Instance.QuoteString(pathOrGlob)})", pathOrGlob);
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
