using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Expectations.Parquet;
using Expectations.Sql;
using Expectations.Sql.DuckDb;

namespace Expectations.Benchmarks;

/// <summary>
/// The same suite run in memory over the Parquet file (the baseline) and pushed down into DuckDB by the SQL backend
/// over <c>read_parquet</c> of the same file, next to DuckDB's own hand-written fused query (<see cref="DuckDbSuite"/>).
/// The suite is the sample suite less the expectations the SQL backend does not run, so both engines run exactly the
/// same expectations; setup checks that their successes and unexpected counts agree.
/// </summary>
[MemoryDiagnoser]
public class SqlBackendBenchmarks
{
    private string _path = "";
    private ValidationPlan _plan = null!;
    private DuckDBConnection _connection = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkData.Transactions(BenchmarkData.Rows);
        var full = BenchmarkData.Suite();
        _plan = ValidationPlan.Compile(new ExpectationSuite(full.Name, [.. full.Expectations.Where(e => SqlBackend.SupportedExpectationTypes.Contains(e.Type))]));
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        var memory = InMemory();
        var sql = Sql();
        for (var i = 0; i < memory.Results.Length; i++)
        {
            var (m, s) = (memory.Results[i], sql.Results[i]);
            if (m.Success != s.Success || m.Result?.UnexpectedCount != s.Result?.UnexpectedCount || (m.ExceptionInfo is null) != (s.ExceptionInfo is null))
            {
                throw new InvalidOperationException($"{m.Expectation.Type} ({m.Expectation.RowCondition}): in memory {m.Success}/{m.Result?.UnexpectedCount}, DuckDB SQL {s.Success}/{s.Result?.UnexpectedCount} {s.ExceptionInfo?.ExceptionMessage}");
            }
        }

        RowsPerSecondColumn.Rows[nameof(SqlBackendBenchmarks)] = BenchmarkData.Rows;
    }

    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    [Benchmark(Baseline = true, Description = "in memory over Parquet, all cores")]
    public ValidationReport InMemory() =>
        BenchmarkData.ValidateParquet(_plan, _path);

    [Benchmark(Description = "DuckDB SQL backend over read_parquet, all cores")]
    public ValidationReport Sql() => _plan.ValidateAsync(DuckDbSql.Parquet(_connection, _path)).AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "DuckDB hand-written fused query (sample suite), all cores")]
    public double HandWritten() => DuckDbSuite.Run(_path, Environment.ProcessorCount)["row_count"];
}
