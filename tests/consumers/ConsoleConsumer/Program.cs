using Expectations;
using Expectations.DataAnalysis;
using DuckDB.NET.Data;
using Expectations.Parquet;
using Expectations.Sql;
using Expectations.Sql.DuckDb;
using Expectations.Sql.ClickHouse;
using Expectations.Sql.PostgreSql;
using Expectations.Sql.Sqlite;
using Microsoft.Data.Analysis;
using Microsoft.Data.Sqlite;

// Validates the shipped sample through the packages, as a user's console app does, and exits 0 only when every
// check below holds (the sample has planted problems: the shipped suite must catch them; a contract it meets must pass).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ConsoleConsumer DATA.parquet SUITE.json");
    return 2;
}

var (dataPath, suitePath) = (args[0], args[1]);
var failed = new List<string>();
var passed = 0;
void Check(bool condition, string what)
{
    if (condition)
    {
        passed++;
    }
    else
    {
        failed.Add(what);
    }
}

// 1. The shipped Great Expectations suite, compiled once, over an open Parquet source.
var plan = ValidationPlan.Compile(SuiteJson.ReadFile(suitePath));
await using (var data = await ParquetDataSource.OpenAsync(dataPath))
{
    var report = await data.ValidateAsync(plan);
    Console.WriteLine(TextReport.Render(report));
    Check(!report.Success, "the shipped suite fails on the sample");
    Check(report.Meta.RowCount == 5_000, $"the sample has 5,000 rows (report: {report.Meta.RowCount})");
    Check(report.Failures().Any(r => r.Expectation is ColumnValuesToBeUnique && r.Expectation.ColumnName == "transaction_id"), "duplicate transaction ids are found");
    Check(report.Failures().Any(r => r.Expectation.ColumnName == "label"), "unknown labels are found");
    Check(report.Results.All(r => r.ExceptionInfo is null), "no expectation raised an error");
    Check(ReportJson.Serialize(report).Contains("\"success\": false", StringComparison.Ordinal), "the JSON report says it failed");
    Check(data.Validate(plan).Statistics.UnsuccessfulExpectations == report.Statistics.UnsuccessfulExpectations, "sync and async agree");
}

// 2. A contract the sample meets, written with the DSL, validated by path.
var contract = Expect.Suite("contract")
    .RowCount(min: 1_000)
    .Column<long>("transaction_id", c => c.NotNull())
    .Column<double>("score", c => c.Between(0, 1))
    .Column<string>("currency", c => c.InSet("USD", "EUR", "GBP"))
    .Build();
var contractReport = await ParquetValidation.ValidateAsync(dataPath, contract);
Check(contractReport.Success, "the contract holds: " + string.Join("; ", contractReport.Failures().Select(r => FailureText.Describe(r))));

// 3. A DataFrame, through Expectations.DataAnalysis.
var frame = new DataFrame(new DoubleDataFrameColumn("score", new double?[] { 0.1, 0.5, 1.5 }));
var scores = Expect.Suite("scores").Column<double>("score", c => c.Between(0, 1)).Build();
var frameReport = frame.Validate(scores);
Check(frameReport.Results[0].Result.PartialUnexpectedIndexList is [2], "the DataFrame's out-of-range score is at row 2");
Check((await frame.ValidateAsync(ValidationPlan.Compile(scores))).Success == frameReport.Success, "DataFrame entry points agree");

// 4. The same checks pushed down into SQL engines: DuckDB over the Parquet file, SQLite over a loaded copy.
var sqlSuite = Expect.Suite("sql")
    .RowCount(min: 1_000)
    .Column<long>("transaction_id", c => c.NotNull().Unique())
    .Column<double>("score", c => c.Between(0, 1))
    .Column<string>("label", c => c.InSet("fraud", "legit"))
    .Build();
var sqlPlan = ValidationPlan.Compile(sqlSuite);
var inMemory = await ParquetValidation.ValidateAsync(dataPath, sqlSuite);
string Counts(ValidationReport r) => string.Join(",", r.Results.Select(x => $"{x.Success}:{x.Result.UnexpectedCount}"));
using (var duck = new DuckDBConnection("DataSource=:memory:"))
{
    duck.Open();
    var duckReport = await sqlPlan.ValidateAsync(DuckDbSql.Parquet(duck, dataPath));
    Check(duckReport.Results.All(r => r.ExceptionInfo is null), "DuckDB ran every expectation: " + string.Join("; ", duckReport.Results.Select(r => r.ExceptionInfo?.ExceptionMessage)));
    Check(Counts(duckReport) == Counts(inMemory), $"DuckDB agrees with the in-memory run ({Counts(duckReport)} vs {Counts(inMemory)})");
}

using (var sqlite = new SqliteConnection("Data Source=:memory:"))
{
    sqlite.Open();
    await using (var data = await ParquetDataSource.OpenAsync(dataPath))
    {
        await SqlTableLoader.LoadAsync(sqlite, SqliteDialect.Instance, "tx", data);
    }

    var sqliteReport = await sqlPlan.ValidateAsync(sqlite, "tx");
    Check(Counts(sqliteReport) == Counts(inMemory), $"SQLite agrees with the in-memory run ({Counts(sqliteReport)} vs {Counts(inMemory)})");
}

// PostgreSQL needs a server (the repository's tests start one); here only that the package restores and loads.
Check(PostgreSqlDialect.Instance.Name.Length > 0, "the PostgreSQL dialect loads");
// The ClickHouse package: its client parses a connection string without a server (no cluster in this test).
using (var clickHouse = ClickHouseClient.Create("Host=127.0.0.1;Port=8123;User=default"))
{
    Check(clickHouse.Endpoint.Port == 8123 && ClickHouseDialect.Instance.Name == "clickhouse", "the ClickHouse package loads and parses a connection string");
}

foreach (var what in failed)
{
    Console.Error.WriteLine("FAILED: " + what);
}

Console.WriteLine($"console consumer: {passed} passed, {failed.Count} failed");
return failed.Count == 0 ? 0 : 1;
