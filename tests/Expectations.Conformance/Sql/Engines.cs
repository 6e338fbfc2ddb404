using Expectations.Sql;
using System.Data.Common;
using DuckDB.NET.Data;
using Expectations.Sql.DuckDb;
using Expectations.Sql.Sqlite;
using Microsoft.Data.Sqlite;

// In the SQL tests' namespace (they use these types unqualified); the file lives here because the conformance runner runs on these engines too.
namespace Expectations.Sql.Tests;

/// <summary>A SQL engine the tests load tables into: a fresh in-process database per <see cref="Open"/>.</summary>
public abstract class Engine
{
    public static Engine DuckDb { get; } = new DuckDbEngine();

    public static Engine Sqlite { get; } = new SqliteEngine();

    public static TheoryData<string> InProcess => new() { "duckdb", "sqlite" };

    public abstract SqlDialect Dialect { get; }

    public abstract DbConnection Open();

    public static Engine Named(string name) => name switch
    {
        "duckdb" => DuckDb,
        "sqlite" => Sqlite,
        "postgresql" => PostgreSqlEngine.Shared ?? throw new InvalidOperationException(PostgreSqlEngine.Unavailable),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    /// <summary>A new database holding <paramref name="data"/> as table <paramref name="table"/>.</summary>
    public DbConnection Load(IDataSource data, string table = "t")
    {
        var connection = Open();
        SqlTableLoader.LoadAsync(connection, Dialect, table, data).AsTask().GetAwaiter().GetResult();
        return connection;
    }

    private sealed class DuckDbEngine : Engine
    {
        public override SqlDialect Dialect => DuckDbDialect.Instance;

        public override DbConnection Open()
        {
            var c = new DuckDBConnection("DataSource=:memory:");
            c.Open();
            return c;
        }
    }

    private sealed class SqliteEngine : Engine
    {
        public override SqlDialect Dialect => SqliteDialect.Instance;

        public override DbConnection Open()
        {
            var c = new SqliteConnection("Data Source=:memory:");
            c.Open();
            return c;
        }
    }
}
