using BenchmarkDotNet.Attributes;
using Expectations.DataAnalysis;
using Expectations.Samples.Generator;
using Microsoft.Data.Analysis;

namespace Expectations.Benchmarks;

/// <summary>The sample suite over the same rows already loaded in a <see cref="DataFrame"/> (no decoding: the engine alone).</summary>
[MemoryDiagnoser]
public class InMemoryBenchmarks
{
    private DataFrame _frame = null!;
    private ValidationPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rows = (int)BenchmarkData.Rows;
        var block = new TransactionBlock(rows);
        new TransactionGenerator(rows).Fill(block, 0, rows);
        _frame = new DataFrame(
            new PrimitiveDataFrameColumn<long>("transaction_id", block.TransactionId),
            new StringDataFrameColumn("customer_email", block.CustomerEmail),
            new StringDataFrameColumn("country", block.Country),
            new PrimitiveDataFrameColumn<double>("amount", block.Amount),
            new StringDataFrameColumn("currency", block.Currency),
            new StringDataFrameColumn("label", block.Label),
            new PrimitiveDataFrameColumn<double>("score", block.Score),
            new PrimitiveDataFrameColumn<DateTime>("created_at", block.CreatedAt),
            new PrimitiveDataFrameColumn<int>("quantity", block.Quantity),
            new PrimitiveDataFrameColumn<double>("unit_price", block.UnitPrice),
            new PrimitiveDataFrameColumn<double>("total", block.Total));
        _plan = ValidationPlan.Compile(BenchmarkData.Suite());
        RowsPerSecondColumn.Rows[nameof(InMemoryBenchmarks)] = rows;
    }

    [Benchmark(Description = "sample suite over a loaded DataFrame")]
    public ValidationReport DataFrameSuite() => _frame.Validate(_plan.Suite);
}
