using System.Data.Common;
using System.Text.Json;
using DuckDB.NET.Data;
using Expectations.Parquet;
using Expectations.Sql.Sqlite;
using Microsoft.Data.Sqlite;

namespace Expectations.Sql.Tests;

/// <summary>
/// <c>expectations validate --sql … --dialect … --table|--query</c> and <c>profile --sql</c>: the shipped sample loaded into
/// each engine gives the verdicts and counts of the in-memory run on the Parquet file, and connection strings never leak.
/// </summary>
public sealed class CliSqlTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-cli-sql-").FullName;

    private static string Root { get; } = RepositoryRoot();

    private static string Suite => Path.Combine(Root, "samples", "transactions.suite.json");

    private static string Sample => Path.Combine(Root, "samples", "transactions.parquet");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task DuckDb_table_gives_the_in_memory_verdicts_and_counts()
    {
        var file = Path.Combine(_dir, "tx.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={file}"))
        {
            connection.Open();
            Execute(connection, $"CREATE TABLE tx AS SELECT * FROM read_parquet('{Sample.Replace("'", "''", StringComparison.Ordinal)}')");
        }

        var sql = await Cli("validate", "--suite", Suite, "--sql", $"Data Source={file}", "--dialect", "duckdb", "--table", "tx", "--format", "json");
        await AssertMatchesInMemoryAsync(sql, "duckdb table tx");
    }

    [Fact]
    public async Task DuckDb_query_over_read_parquet_samples_the_rows_that_fail()
    {
        // The sample was written by Parquet.Net, whose TIMESTAMP statistics are in milliseconds: a DuckDB that trusted
        // them would report rows 0, 1, 2… as the created_at failures (DuckDbSql.IgnoreParquetStatistics).
        var query = $"SELECT * FROM read_parquet('{Sample.Replace("'", "''", StringComparison.Ordinal)}')";
        var sql = await Cli("validate", "--suite", Suite, "--sql", "Data Source=:memory:", "--dialect", "duckdb", "--query", query, "--format", "json");
        await AssertMatchesInMemoryAsync(sql, "duckdb query");
        var createdAt = Results(sql.Stdout).Single(r => r.Type == "expect_column_values_to_be_between" && r.Column == "created_at");
        Assert.Equal([1666, 3888], createdAt.Indices);
    }

    [Fact]
    public async Task DuckDbSql_Parquet_ignores_the_wrong_statistics_of_Parquet_Net_files()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var plan = ValidationPlan.Compile(Expect.Suite("s").Column<DateTime>("created_at", c => c.Between(new DateTime(2026, 1, 1), new DateTime(2027, 1, 1), strictMax: true)).Build());
        var report = await plan.ValidateAsync(DuckDb.DuckDbSql.Parquet(connection, Sample), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });
        Assert.Equal([1666L, 3888L], report.Results[0].Result.PartialUnexpectedIndexList);
    }

    [Fact]
    public async Task Sqlite_table_gives_the_in_memory_verdicts_and_counts()
    {
        var file = Path.Combine(_dir, "tx.db");
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var parquet = await ParquetDataSource.OpenAsync(Sample);
            await SqlTableLoader.LoadAsync(connection, SqliteDialect.Instance, "tx", parquet);
        }

        var sql = await Cli("validate", "--suite", Suite, "--sql", $"Data Source={file}", "--dialect", "sqlite", "--table", "tx", "--format", "json");
        await AssertMatchesInMemoryAsync(sql, "sqlite table tx");
    }

    [PostgreSqlFact]
    public async Task PostgreSql_table_gives_the_in_memory_verdicts_and_counts()
    {
        var engine = PostgreSqlEngine.Shared ?? throw new InvalidOperationException(PostgreSqlEngine.Unavailable);
        string schema;
        await using (var connection = engine.Open())
        {
            schema = (string)(await Scalar(connection, "SELECT current_schema()"))!;
            await using var parquet = await ParquetDataSource.OpenAsync(Sample);
            await SqlTableLoader.LoadAsync(connection, engine.Dialect, "tx", parquet);
        }

        var sql = await Cli("validate", "--suite", Suite, "--sql", engine.ConnectionString, "--dialect", "postgresql", "--table", $"{schema}.tx", "--format", "json");
        await AssertMatchesInMemoryAsync(sql, $"postgresql table {schema}.tx");
        Assert.DoesNotContain("Host=", sql.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_fails_is_exit_2_with_the_password_redacted()
    {
        // Nothing listens on port 1; the password must not reach stderr in any driver message.
        var run = await Cli("validate", "--suite", Suite, "--sql", "Host=127.0.0.1;Port=1;Username=etl;Password=hunter2-secret;Timeout=3", "--dialect", "postgresql", "--table", "tx");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot connect to postgresql", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_masks_every_secret_key_of_the_connection_string()
    {
        var target = new Cli.SqlTarget("Host=db;Password=p4ss;Api Key=k3y;SSL Password=s5l", "postgresql", "tx", null);
        var message = target.Redact("failed: Host=db;Password=p4ss;Api Key=k3y;SSL Password=s5l and p4ss again, k3y, s5l");
        Assert.DoesNotContain("p4ss", message, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s5l", message, StringComparison.Ordinal);
        Assert.Contains("failed:", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--sql needs --dialect", "--sql", "Data Source=:memory:", "--table", "tx")]
    [InlineData("--sql needs --table NAME or --query", "--sql", "Data Source=:memory:", "--dialect", "duckdb")]
    [InlineData("not both", "--sql", "Data Source=:memory:", "--dialect", "duckdb", "--table", "tx", "--query", "SELECT 1")]
    [InlineData("need --sql", "--dialect", "duckdb", "--table", "tx")]
    [InlineData("or --sql, not both", "DATA.parquet", "--sql", "Data Source=:memory:", "--dialect", "duckdb", "--table", "tx")]
    [InlineData("cannot be used with --sql", "--sql", "Data Source=:memory:", "--dialect", "duckdb", "--table", "tx", "--quarantine", "bad.parquet")]
    [InlineData("give DATA", "--format", "json")]
    public async Task Half_given_targets_are_exit_2_with_a_message(string message, params string[] args)
    {
        var run = await Cli(["validate", "--suite", Suite, .. args]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_name_is_quoted_never_spliced()
    {
        var file = Path.Combine(_dir, "victim.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={file}"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE tx AS SELECT 1 AS amount");
        }

        var run = await Cli("validate", "--suite", Suite, "--sql", $"Data Source={file}", "--dialect", "duckdb", "--table", "tx; DROP TABLE tx; --");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tx; DROP TABLE tx; --", run.Stderr, StringComparison.Ordinal);
        using (var connection = new DuckDBConnection($"Data Source={file}"))
        {
            connection.Open();
            Assert.Equal(1L, Convert.ToInt64(await Scalar(connection, "SELECT COUNT(*) FROM tx"), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Profile_of_a_sql_table_equals_the_profile_of_the_file()
    {
        var file = Path.Combine(_dir, "tx.db");
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var parquet = await ParquetDataSource.OpenAsync(Sample);
            await SqlTableLoader.LoadAsync(connection, SqliteDialect.Instance, "tx", parquet);
        }

        var fromSql = Path.Combine(_dir, "sql.json");
        var fromFile = Path.Combine(_dir, "file.json");
        var sql = await Cli("profile", "--sql", $"Data Source={file}", "--dialect", "sqlite", "--table", "tx", "--output", fromSql);
        Assert.True(sql.ExitCode == 0, sql.Stderr);
        Assert.Contains("sqlite table tx", sql.Stdout, StringComparison.Ordinal);
        var parquetRun = await Cli("profile", Sample, "--output", fromFile);
        Assert.Equal(0, parquetRun.ExitCode);

        var a = DatasetProfile.Load(fromSql);
        var b = DatasetProfile.Load(fromFile);
        Assert.Equal(b.RowCount, a.RowCount);
        Assert.Equal(b.Columns.Select(c => c.Name), a.Columns.Select(c => c.Name));
        foreach (var (x, y) in a.Columns.Zip(b.Columns))
        {
            Assert.True(y.NullCount == x.NullCount, $"{x.Name}: {x.NullCount} nulls through SQL, {y.NullCount} in the file");
        }
    }

    /// <summary>
    /// Every expectation the SQL backend runs has the in-memory run's verdict and unexpected count; the rest say the
    /// backend cannot run them; the exit code is the in-memory one (the sample fails).
    /// </summary>
    private static async Task AssertMatchesInMemoryAsync(CliResult sql, string description)
    {
        var memory = await Cli("validate", "--suite", Suite, Sample, "--format", "json");
        Assert.Equal(1, memory.ExitCode);
        Assert.True(sql.ExitCode == 1, sql.Stderr + sql.Stdout);
        using var doc = JsonDocument.Parse(sql.Stdout);
        Assert.Contains(description, doc.RootElement.GetProperty("meta").GetProperty("data_source").GetString(), StringComparison.Ordinal);
        var expected = Results(memory.Stdout);
        var actual = Results(sql.Stdout);
        Assert.Equal(expected.Count, actual.Count);
        var compared = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            if (actual[i].Error is { } error)
            {
                Assert.True(!SqlBackend.SupportedExpectationTypes.Contains(actual[i].Type) || error.Contains("regular expressions", StringComparison.Ordinal) || error.Contains("median", StringComparison.Ordinal), $"{actual[i].Type}: {error}");
                continue;
            }

            Assert.True(expected[i].Success == actual[i].Success && expected[i].Unexpected == actual[i].Unexpected, $"{expected[i].Type} {expected[i].Column}: in memory {expected[i].Success}/{expected[i].Unexpected}, SQL {actual[i].Success}/{actual[i].Unexpected}");
            compared++;
        }

        Assert.True(compared >= 12, $"only {compared} expectations ran in SQL");
    }

    private sealed record ResultRow(string Type, string? Column, bool Success, long? Unexpected, string? Error, long[] Indices);

    private static List<ResultRow> Results(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("results").EnumerateArray().Select(r =>
        {
            var config = r.GetProperty("expectation_config");
            var kwargs = config.GetProperty("kwargs");
            var result = r.GetProperty("result");
            var error = r.GetProperty("exception_info").TryGetProperty("raised_exception", out var raised) && raised.GetBoolean()
                ? r.GetProperty("exception_info").GetProperty("exception_message").GetString()
                : null;
            return new ResultRow(
                config.GetProperty("type").GetString()!,
                kwargs.TryGetProperty("column", out var c) ? c.GetString() : null,
                r.GetProperty("success").GetBoolean(),
                result.TryGetProperty("unexpected_count", out var n) ? n.GetInt64() : null,
                error,
                result.TryGetProperty("partial_unexpected_index_list", out var list) ? [.. list.EnumerateArray().Select(i => i.GetInt64())] : []);
        })];
    }

    private sealed record CliResult(int ExitCode, string Stdout, string Stderr);

    private static async Task<CliResult> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Expectations.Cli.Cli.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<object?> Scalar(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Expectations.sln) is not above the test binaries.");
    }
}
