using System.CommandLine;
using System.Data.Common;
using DuckDB.NET.Data;
using Expectations.Sql;
using Expectations.Sql.ClickHouse;
using Expectations.Sql.DuckDb;
using Expectations.Sql.PostgreSql;
using Expectations.Sql.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Expectations.Cli;

/// <summary>
/// What <c>--sql CONNECTION --dialect ENGINE (--table NAME | --query SELECT…)</c> names: a table or query inside a SQL
/// engine, validated there (<c>validate</c>) or streamed into the profiler (<c>profile</c>).
/// </summary>
/// <param name="ConnectionString">The ADO.NET connection string; never printed (see <see cref="Redact"/>).</param>
/// <param name="Dialect">The engine: one of <see cref="Engines"/>.</param>
/// <param name="Table">A table, optionally schema-qualified, or null when <paramref name="Query"/> is given.</param>
/// <param name="Query">A <c>SELECT</c> whose rows are the batch, or null when <paramref name="Table"/> is given.</param>
/// <param name="RowOrder">The column whose ascending order numbers the rows (<c>--row-order</c>; ClickHouse needs one), or null.</param>
internal sealed record SqlTarget(string ConnectionString, string Dialect, string? Table, string? Query, string? RowOrder = null)
{
    /// <summary>The engines <c>--dialect</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Engines = ["duckdb", "sqlite", "postgresql", "clickhouse"];

    /// <summary>Names of connection-string keys whose values are secrets (compared without case, spaces and underscores).</summary>
    private static readonly string[] SecretKeys = ["password", "pwd", "token", "secret", "key", "apikey", "accesskey", "sslpassword", "passphrase", "credential"];

    /// <summary>What the report's <c>meta</c> names as the data: the engine and the table or query, never the connection string.</summary>
    public string Description => Table is not null ? $"{Dialect} table {Table}" : $"{Dialect} query {Query}";

    /// <summary>Opens the connection and describes the table or query for the engine; a connection that fails is a <see cref="CliInputException"/> with secrets redacted.</summary>
    public async Task<(SqlSource Source, IAsyncDisposable Connection)> OpenAsync(CancellationToken cancellationToken)
    {
        if (Dialect == "clickhouse")
        {
            return await OpenClickHouseAsync(cancellationToken);
        }

        DbConnection connection;
        SqlDialect dialect;
        try
        {
            (connection, dialect) = Dialect switch
            {
                "duckdb" => ((DbConnection)new DuckDBConnection(ConnectionString), (SqlDialect)DuckDbDialect.Instance),
                "sqlite" => (new SqliteConnection(ConnectionString), SqliteDialect.Instance),
                "postgresql" => (new NpgsqlConnection(ConnectionString), PostgreSqlDialect.Instance),
                _ => throw new CliInputException($"--dialect '{Dialect}' is not one of {string.Join(", ", Engines)}"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The driver parses the string here: its message may quote it.
            throw new CliInputException($"--sql is not a valid {Dialect} connection string: {Redact(ex.Message)}");
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or IOException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            throw new CliInputException($"cannot connect to {Dialect} ({Redact(ex.Message)})");
        }

        if (connection is DuckDBConnection duckDb)
        {
            // A --query may read Parquet files of any writer, and Parquet.Net's TIMESTAMP statistics are wrong
            // (DuckDbSql.IgnoreParquetStatistics): this connection is the tool's own, so it never trusts them.
            DuckDbSql.IgnoreParquetStatistics(duckDb);
        }

        // The table name quoted part by part (never spliced), described with its engine for the report.
        var source = SqlSource.Query(dialect, connection, Table is not null ? dialect.QuoteTableName(Table) : Query!, Description);
        return (RowOrder is null ? source : source.WithRowOrder(RowOrder), connection);
    }

    /// <summary>ClickHouse over its HTTP interface: the client, checked with <c>SELECT 1</c>, and the rows numbered by <see cref="RowOrder"/>.</summary>
    private async Task<(SqlSource Source, IAsyncDisposable Connection)> OpenClickHouseAsync(CancellationToken cancellationToken)
    {
        ClickHouseClient client;
        try
        {
            client = ClickHouseClient.Create(ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException($"--sql is not a valid clickhouse connection string (an http(s) URL or Host=…;Port=…;User=…;Password=…): {Redact(ex.Message)}");
        }

        try
        {
            _ = await client.QueryAsync("SELECT 1", cancellationToken);
        }
        catch (ClickHouseException ex)
        {
            client.Dispose();
            throw new CliInputException($"cannot connect to clickhouse ({Redact(ex.Message)})");
        }

        var relation = Table is not null ? ClickHouseDialect.Instance.QuoteTableName(Table) : Query!;
        // The row number ClickHouseSql.LoadDistributedAsync adds is not data: the suite does not see it.
        var source = ClickHouseSql.Query(client, relation, RowOrder!, Description, hideRowOrder: RowOrder == ClickHouseSql.RowNumberColumn);
        return (source, new Disposing(client));
    }

    /// <summary>Disposes a client when the command is done with the source.</summary>
    private sealed class Disposing(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// <paramref name="message"/> with every secret value of the connection string (password, token, key…) replaced
    /// by <c>***</c>: drivers may quote parts of it in their errors, and errors reach logs.
    /// </summary>
    public string Redact(string message)
    {
        var result = message.Replace(ConnectionString, "***", StringComparison.Ordinal);
        if (Uri.TryCreate(ConnectionString.Trim(), UriKind.Absolute, out var url) && url.UserInfo.Split(':', 2) is [_, { Length: > 0 } password])
        {
            // A URL (ClickHouse's form): the password of its user information, as written and unescaped.
            return result.Replace(password, "***", StringComparison.Ordinal).Replace(Uri.UnescapeDataString(password), "***", StringComparison.Ordinal);
        }

        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        }
        catch (ArgumentException)
        {
            // Not key=value pairs: nothing finer to redact than the whole string (done above).
            return result;
        }

        foreach (string key in builder.Keys)
        {
            var normalized = key.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
            if (SecretKeys.Any(s => normalized.Contains(s, StringComparison.Ordinal)) && builder[key]?.ToString() is { Length: > 0 } secret)
            {
                result = result.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return result;
    }

    /// <summary>The four options, added to a command and read back from its parse.</summary>
    internal sealed class Options
    {
        private readonly Option<string?> _sql = new("--sql")
        {
            Description = "Validate inside a SQL engine instead of reading DATA: its ADO.NET connection string (DuckDB 'Data Source=file.duckdb', SQLite 'Data Source=file.db', PostgreSQL 'Host=…;Username=…;Password=…'), or for ClickHouse its HTTP address ('http://user:password@host:8123/?database=db' or 'Host=…;Port=8123;User=…;Password=…'). Never printed; passwords are redacted from errors.",
            HelpName = "CONNECTION",
        };

        private readonly Option<string?> _dialect = new("--dialect")
        {
            Description = "The engine of --sql: duckdb, sqlite, postgresql or clickhouse (a server, or any node of a cluster for a Distributed table; needs --row-order).",
            HelpName = "ENGINE",
        };

        private readonly Option<string?> _table = new("--table")
        {
            Description = "With --sql: the table to validate, optionally schema-qualified (public.tx); quoted, never spliced.",
            HelpName = "NAME",
        };

        private readonly Option<string?> _query = new("--query")
        {
            Description = "With --sql: a SELECT whose rows are the batch (instead of --table), e.g. \"SELECT * FROM tx WHERE day = '2024-06-01'\" or DuckDB's \"SELECT * FROM read_parquet('data/*.parquet')\".",
            HelpName = "SELECT",
        };

        private readonly Option<string?> _rowOrder = new("--row-order")
        {
            Description = "With --sql: a column with unique values whose ascending order numbers the rows (the indices of unexpected_index_list). Required for clickhouse, which has no row order; optional elsewhere (default: the engine's scan order).",
            HelpName = "COLUMN",
        };

        public Options() => _dialect.AcceptOnlyFromAmong([.. Engines]);

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(_sql);
            command.Options.Add(_dialect);
            command.Options.Add(_table);
            command.Options.Add(_query);
            command.Options.Add(_rowOrder);
        }

        /// <summary>
        /// The target a parse names, or null without <c>--sql</c>; refuses a half-given target (no dialect, both or neither of
        /// <c>--table</c>/<c>--query</c>, or the table options without <c>--sql</c>).
        /// </summary>
        public SqlTarget? Read(ParseResult parse)
        {
            var sql = parse.GetValue(_sql);
            var dialect = parse.GetValue(_dialect);
            var table = parse.GetValue(_table);
            var query = parse.GetValue(_query);
            var rowOrder = parse.GetValue(_rowOrder);
            if (sql is null)
            {
                return (dialect, table, query, rowOrder) is (null, null, null, null)
                    ? null
                    : throw new CliInputException("--dialect, --table, --query and --row-order need --sql CONNECTION");
            }

            if (sql.Length == 0)
            {
                throw new CliInputException("--sql needs a connection string");
            }

            if (dialect is null)
            {
                throw new CliInputException($"--sql needs --dialect ({string.Join(", ", Engines)})");
            }

            if (rowOrder is { Length: 0 })
            {
                throw new CliInputException("--row-order needs a column name");
            }

            if (rowOrder is null && dialect == "clickhouse")
            {
                throw new CliInputException("--dialect clickhouse needs --row-order COLUMN: ClickHouse tables have no row order (a Distributed table reads its shards in any order), so name a column with unique values whose order numbers the rows");
            }

            return (table, query) switch
            {
                (null, null) => throw new CliInputException("--sql needs --table NAME or --query SELECT…"),
                ({ }, { }) => throw new CliInputException("give --table or --query, not both"),
                ({ Length: 0 }, _) => throw new CliInputException("--table needs a table name"),
                (_, { } q) when string.IsNullOrWhiteSpace(q) => throw new CliInputException("--query needs a SELECT"),
                _ => new SqlTarget(sql, dialect, table, query, rowOrder),
            };
        }
    }
}
