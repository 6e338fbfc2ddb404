using BenchmarkDotNet.Attributes;
using Expectations.Parquet;

namespace Expectations.Benchmarks;

/// <summary>
/// A Hive-partitioned dataset of 30 daily partitions (<c>date=2024-06-01</c> … <c>date=2024-06-30</c>, each a copy of
/// the sample transactions of <see cref="BenchmarkData.Rows"/>/25 rows): the sample suite over the whole dataset
/// (baseline) against the same suite over one partition chosen with a partition filter, as
/// <c>expectations validate --partition "date=2024-06-30"</c> does. The filter prunes the other 29 files before any
/// footer is read, so the ratio is about the share of rows read.
/// </summary>
public class HivePartitionBenchmarks
{
    private ValidationPlan _plan = null!;
    private string _dataset = "";
    private ParquetReadOptions _onePartition = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rows = BenchmarkData.Rows / 25;
        var file = BenchmarkData.Transactions(rows);
        _dataset = Path.Combine(BenchmarkData.Folder, $"transactions-{rows}-hive30");
        for (var day = 1; day <= 30; day++)
        {
            var folder = Path.Combine(_dataset, $"date=2024-06-{day:00}");
            Directory.CreateDirectory(folder);
            var copy = Path.Combine(folder, "part-0.parquet");
            if (!File.Exists(copy) || new FileInfo(copy).Length != new FileInfo(file).Length)
            {
                File.Copy(file, copy, overwrite: true);
            }
        }

        _plan = ValidationPlan.Compile(BenchmarkData.Suite());
        _onePartition = new ParquetReadOptions { Filters = [PartitionFilter.Parse("date=2024-06-30")] };

        // The two runs differ only in what they read: one partition holds a thirtieth of the rows.
        var all = RowCount(new ParquetReadOptions());
        var one = RowCount(_onePartition);
        if (one * 30 != all)
        {
            throw new InvalidOperationException($"The one-partition run reads {one} of {all} rows, not a thirtieth.");
        }
    }

    [Benchmark(Baseline = true, Description = "sample suite, all 30 partitions")]
    public ValidationReport AllPartitions() => Validate(new ParquetReadOptions());

    [Benchmark(Description = "sample suite, one partition (--partition)")]
    public ValidationReport OnePartition() => Validate(_onePartition);

    private long RowCount(ParquetReadOptions options)
    {
        var source = ParquetDataSource.OpenAsync(_dataset, options).GetAwaiter().GetResult();
        try
        {
            return source.RowCount;
        }
        finally
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private ValidationReport Validate(ParquetReadOptions options)
    {
        var source = ParquetDataSource.OpenAsync(_dataset, options).GetAwaiter().GetResult();
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
