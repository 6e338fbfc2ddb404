using Npgsql;

namespace Expectations.Sql.PostgreSql;

/// <summary>PostgreSQL sources and validation.</summary>
public static class PostgreSql
{
    /// <summary>A table (optionally <c>schema.table</c>) of <paramref name="connection"/>, which the caller owns.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="tableName">The table.</param>
    public static SqlSource Table(NpgsqlConnection connection, string tableName) => SqlSource.Table(PostgreSqlDialect.Instance, connection, tableName);

    /// <summary>A table reached through <paramref name="dataSource"/>: a pooled connection per validation, disposed at its end.</summary>
    /// <param name="dataSource">The Npgsql data source (connection string and pool).</param>
    /// <param name="tableName">The table, optionally <c>schema.table</c>.</param>
    public static SqlSource Table(NpgsqlDataSource dataSource, string tableName)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return SqlSource.Table(PostgreSqlDialect.Instance, () => dataSource.CreateConnection(), tableName);
    }

    /// <summary>Validates table <paramref name="tableName"/> of <paramref name="connection"/> inside PostgreSQL.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="connection">An open connection (the caller keeps owning it).</param>
    /// <param name="tableName">The table, optionally <c>schema.table</c>.</param>
    /// <param name="options">Result format, parameters, time.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static ValueTask<ValidationReport> ValidateAsync(this ValidationPlan plan, NpgsqlConnection connection, string tableName, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        plan.ValidateAsync(Table(connection, tableName), options, cancellationToken);
}
