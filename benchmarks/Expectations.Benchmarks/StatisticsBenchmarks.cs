using BenchmarkDotNet.Attributes;
using Expectations.Parquet;

namespace Expectations.Benchmarks;

/// <summary>
/// Checks that row-group statistics answer without decoding (row count, nulls of required columns, integer
/// bounds), on the 5 M-row file and on a folder of 4 copies: the time is opening footers, whatever the rows.
/// </summary>
public class StatisticsBenchmarks
{
    private ValidationPlan _plan = null!;
    private string _one = "";
    private string _four = "";

    [GlobalSetup]
    public void Setup()
    {
        _one = BenchmarkData.Transactions(BenchmarkData.Rows);
        _four = BenchmarkData.Copies(BenchmarkData.Rows, 4);
        _plan = ValidationPlan.Compile(Expect.Suite("statistics only")
            .RowCount(min: 1_000)
            .Column("transaction_id", c => c.NotNull())
            .Column("created_at", c => c.NotNull())
            .Column("quantity", c => c.NotNull().Between(1, 100))
            .Build());
    }

    [Benchmark(Baseline = true, Description = "statistics-only suite, 1x file")]
    public ValidationReport OneFile() => Validate(_one);

    [Benchmark(Description = "statistics-only suite, 4x folder")]
    public ValidationReport FourFiles() => Validate(_four);

    private ValidationReport Validate(string path)
    {
        var source = ParquetDataSource.OpenAsync(path).GetAwaiter().GetResult();
        try
        {
            return _plan.Validate(source);
        }
        finally
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
