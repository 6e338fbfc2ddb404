using BenchmarkDotNet.Attributes;
using Expectations.Parquet;

namespace Expectations.Benchmarks;

/// <summary>
/// The sample suite (24 expectations) over the 5 M-row, 11-column transactions file: Expectations on all cores
/// and on one, against the same checks as one DuckDB query over the same file (the baseline, all cores).
/// Setup checks that both engines report the same counts.
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    private string _path = "";
    private ValidationPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkData.Transactions(BenchmarkData.Rows);
        _plan = ValidationPlan.Compile(BenchmarkData.Suite());
        DuckDbSuite.Verify(DuckDbSuite.Run(_path, Environment.ProcessorCount), DuckDbSuite.FromReport(Validate(null)));
        RowsPerSecondColumn.Rows[nameof(EndToEndBenchmarks)] = BenchmarkData.Rows;
    }

    [Benchmark(Baseline = true, Description = "DuckDB SQL, all cores")]
    public double DuckDb() => DuckDbSuite.Run(_path, Environment.ProcessorCount)["row_count"];

    [Benchmark(Description = "Expectations, all cores")]
    public ValidationReport AllCores() => Validate(null);

    [Benchmark(Description = "Expectations, 1 core")]
    public ValidationReport OneCore() => Validate(1);

    [Benchmark(Description = "DuckDB SQL, 1 core")]
    public double DuckDbOneCore() => DuckDbSuite.Run(_path, 1)["row_count"];

    private ValidationReport Validate(int? threads) =>
        BenchmarkData.ValidateParquet(_plan, _path, new ValidationOptions { MaxDegreeOfParallelism = threads });
}
