using System.Data.Common;

namespace Expectations.Sql;

/// <summary>
/// The data a SQL backend validates: a table (or a relation expression such as <c>read_parquet('x/*.parquet')</c>)
/// reached through connections that <see cref="OpenConnectionAsync"/> opens, in one <see cref="SqlDialect"/>.
/// </summary>
public sealed class SqlSource
{
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly bool _ownsConnections;

    private SqlSource(SqlDialect dialect, Func<CancellationToken, ValueTask<DbConnection>> open, bool ownsConnections, string relation, string description)
    {
        Dialect = dialect;
        _open = open;
        _ownsConnections = ownsConnections;
        Relation = relation;
        Description = description;
    }

    /// <summary>The engine's dialect.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The SQL text the queries read <c>FROM</c>: a quoted table name or a relation expression.</summary>
    public string Relation { get; }

    /// <summary>What the data is, for the report's <c>meta</c>: the table name or the relation; never a connection string.</summary>
    public string Description { get; }

    /// <summary>
    /// A table reached through <paramref name="connectionFactory"/> (called once per validation; the backend opens the
    /// connection when it is closed, and disposes it at the end).
    /// </summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="connectionFactory">Creates a new connection.</param>
    /// <param name="tableName">The table, optionally schema-qualified (<c>schema.table</c>); each part is quoted.</param>
    public static SqlSource Table(SqlDialect dialect, Func<DbConnection> connectionFactory, string tableName)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(connectionFactory);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        return new(dialect, ct => OpenAsync(connectionFactory(), ct), ownsConnections: true, dialect.QuoteTableName(tableName), tableName);
    }

    /// <summary>
    /// A table read through an open connection the caller owns (it is neither closed nor disposed).
    /// </summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="connection">An open (or openable) connection.</param>
    /// <param name="tableName">The table, optionally schema-qualified; each part is quoted.</param>
    public static SqlSource Table(SqlDialect dialect, DbConnection connection, string tableName)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        return new(dialect, ct => OpenAsync(connection, ct), ownsConnections: false, dialect.QuoteTableName(tableName), tableName);
    }

    /// <summary>
    /// A relation expression the queries read <c>FROM</c>, as written (it is SQL: only from trusted text), e.g.
    /// DuckDB's <c>read_parquet('data/*.parquet')</c> or <c>(SELECT …)</c>.
    /// </summary>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="connection">An open (or openable) connection the caller owns.</param>
    /// <param name="relation">The relation expression.</param>
    /// <param name="description">What the data is, for reports (default: the expression).</param>
    public static SqlSource Query(SqlDialect dialect, DbConnection connection, string relation, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(relation);
        return new(dialect, ct => OpenAsync(connection, ct), ownsConnections: false, IsQuery(relation) ? $"({relation}) AS {dialect.Quote("__expectations_query")}" : relation, description ?? relation);
    }

    /// <summary>
    /// The rows of this table or relation as a data source for the in-memory engine (profiles, drift baselines and
    /// everything else that cannot run inside the engine): the schema is read now, and each read runs one <c>SELECT</c>
    /// of the requested columns, streamed in chunks of <paramref name="chunkRows"/> rows. Dispose the result to release
    /// a connection the source opened. Columns of list, struct or other engine types cannot be read: select the readable
    /// ones with <see cref="Query"/>.
    /// </summary>
    /// <param name="chunkRows">Rows per chunk (at least 1).</param>
    /// <param name="cancellationToken">Cancels opening and the schema query.</param>
    /// <exception cref="DataSourceException">The connection cannot be opened or the relation cannot be read.</exception>
    public async ValueTask<IDataSource> ReadRowsAsync(int chunkRows = 65536, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        try
        {
            return await SqlRowSource.OpenAsync(this, chunkRows, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new DataSourceException($"Cannot open the {Dialect.Name} connection for {Description}: {ex.Message}", ex);
        }
    }

    /// <summary>Whether <paramref name="relation"/> is a query (a subquery in FROM, which needs an alias in PostgreSQL before 16) rather than a relation expression.</summary>
    private static bool IsQuery(string relation)
    {
        var text = relation.TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A connection for one validation, opened and prepared for the dialect.</summary>
    internal async ValueTask<(DbConnection Connection, bool Owned)> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        Dialect.Prepare(connection);
        return (connection, _ownsConnections);
    }

    private static async ValueTask<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }
}
