using System.CommandLine;
using System.Data.Common;
using DuckDB.NET.Data;
using Expectations.Sql;
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
internal sealed record SqlTarget(string ConnectionString, string Dialect, string? Table, string? Query)
{
    /// <summary>The engines <c>--dialect</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Engines = ["duckdb", "sqlite", "postgresql"];

    /// <summary>Names of connection-string keys whose values are secrets (compared without case, spaces and underscores).</summary>
    private static readonly string[] SecretKeys = ["password", "pwd", "token", "secret", "key", "apikey", "accesskey", "sslpassword", "passphrase", "credential"];

    /// <summary>What the report's <c>meta</c> names as the data: the engine and the table or query, never the connection string.</summary>
    public string Description => Table is not null ? $"{Dialect} table {Table}" : $"{Dialect} query {Query}";

    /// <summary>Opens the connection and describes the table or query for the engine; a connection that fails is a <see cref="CliInputException"/> with secrets redacted.</summary>
    public async Task<(SqlSource Source, DbConnection Connection)> OpenAsync(CancellationToken cancellationToken)
    {
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
        return (source, connection);
    }

    /// <summary>
    /// <paramref name="message"/> with every secret value of the connection string (password, token, key…) replaced
    /// by <c>***</c>: drivers may quote parts of it in their errors, and errors reach logs.
    /// </summary>
    public string Redact(string message)
    {
        var result = message.Replace(ConnectionString, "***", StringComparison.Ordinal);
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
            Description = "Validate inside a SQL engine instead of reading DATA: its ADO.NET connection string (DuckDB 'Data Source=file.duckdb', SQLite 'Data Source=file.db', PostgreSQL 'Host=…;Username=…;Password=…'). Never printed; passwords are redacted from errors.",
            HelpName = "CONNECTION",
        };

        private readonly Option<string?> _dialect = new("--dialect")
        {
            Description = "The engine of --sql: duckdb, sqlite or postgresql.",
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

        public Options() => _dialect.AcceptOnlyFromAmong([.. Engines]);

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(_sql);
            command.Options.Add(_dialect);
            command.Options.Add(_table);
            command.Options.Add(_query);
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
            if (sql is null)
            {
                return (dialect, table, query) is (null, null, null)
                    ? null
                    : throw new CliInputException("--dialect, --table and --query need --sql CONNECTION");
            }

            if (sql.Length == 0)
            {
                throw new CliInputException("--sql needs a connection string");
            }

            if (dialect is null)
            {
                throw new CliInputException($"--sql needs --dialect ({string.Join(", ", Engines)})");
            }

            return (table, query) switch
            {
                (null, null) => throw new CliInputException("--sql needs --table NAME or --query SELECT…"),
                ({ }, { }) => throw new CliInputException("give --table or --query, not both"),
                ({ Length: 0 }, _) => throw new CliInputException("--table needs a table name"),
                (_, { } q) when string.IsNullOrWhiteSpace(q) => throw new CliInputException("--query needs a SELECT"),
                _ => new SqlTarget(sql, dialect, table, query),
            };
        }
    }
}
