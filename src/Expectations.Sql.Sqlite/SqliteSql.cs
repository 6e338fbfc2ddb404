using Microsoft.Data.Sqlite;

namespace Expectations.Sql.Sqlite;

/// <summary>SQLite sources and validation, on a connection the caller owns.</summary>
public static class SqliteSql
{
    /// <summary>A table of <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="tableName">The table (optionally <c>schema.table</c>, e.g. <c>main.t</c>).</param>
    public static SqlSource Table(SqliteConnection connection, string tableName) => SqlSource.Table(SqliteDialect.Instance, connection, tableName);

    /// <summary>Validates table <paramref name="tableName"/> of <paramref name="connection"/> inside SQLite.</summary>
    /// <param name="plan">The compiled suite.</param>
    /// <param name="connection">An open connection (the caller keeps owning it).</param>
    /// <param name="tableName">The table.</param>
    /// <param name="options">Result format, parameters, time.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public static ValueTask<ValidationReport> ValidateAsync(this ValidationPlan plan, SqliteConnection connection, string tableName, ValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        plan.ValidateAsync(Table(connection, tableName), options, cancellationToken);
}
