using System.Globalization;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Expectations.Parquet;
using Parquet;
using Parquet.Schema;

namespace Expectations.Benchmarks;

/// <summary>
/// Entity leakage between two splits: <c>expect_column_values_to_not_be_in_other_table</c> on <c>user_id</c> over two
/// Parquet files (train: N rows, test: N / 4 rows; 1 % of test users also in train), against DuckDB's
/// <c>SEMI JOIN</c> counting the same rows over the same files (the baseline). And the near-duplicate check of a text
/// column against the other file. Setup checks that both engines count the same leaked rows. N = 2 M (20,000 under --smoke).
/// </summary>
[MemoryDiagnoser]
public class LeakageBenchmarks
{
    private string _train = "";
    private string _test = "";
    private ValidationPlan _keys = null!;
    private ValidationPlan _texts = null!;

    private static long Rows => BenchmarkData.Smoke ? 20_000 : 2_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _train = Path.Combine(BenchmarkData.Folder, $"leakage-train-{Rows}.parquet");
        _test = Path.Combine(BenchmarkData.Folder, $"leakage-test-{Rows}.parquet");
        Write(_train, Rows, 0, 0);
        Write(_test, Rows / 4, 1, Rows / 400);
        _keys = ValidationPlan.Compile(new ExpectationSuite("keys", [new ColumnValuesToNotBeInOtherTable { Column = "user_id", OtherTableName = "train" }]));
        _texts = ValidationPlan.Compile(new ExpectationSuite("texts", [new ColumnValuesToNotHaveNearDuplicatesInOtherTable { Column = "body", OtherTableName = "train" }]));
        var ours = Expectations(null).Results[0].Result.UnexpectedCount;
        var duckDb = DuckDbSemiJoin(2);
        if (ours != duckDb)
        {
            throw new InvalidOperationException($"Expectations counts {ours} leaked rows, DuckDB {duckDb}.");
        }

        RowsPerSecondColumn.Rows[nameof(LeakageBenchmarks)] = Rows + Rows / 4;
    }

    [Benchmark(Baseline = true, Description = "DuckDB SEMI JOIN, all cores")]
    public long DuckDb() => DuckDbSemiJoin(Environment.ProcessorCount);

    [Benchmark(Description = "not_be_in_other_table, all cores")]
    public ValidationReport AllCores() => Expectations(null);

    [Benchmark(Description = "not_be_in_other_table, 1 core")]
    public ValidationReport OneCore() => Expectations(1);

    [Benchmark(Description = "near-duplicates in other table (test 1/100 of rows)")]
    public ValidationReport NearDuplicates() => Run(_texts, Sample(_test), Sample(_train), null);

    private ValidationReport Expectations(int? threads) => Run(_keys, _test, _train, threads);

    private static ValidationReport Run(ValidationPlan plan, string data, string other, int? threads)
    {
        var source = ParquetDataSource.OpenAsync(data).GetAwaiter().GetResult();
        var otherSource = ParquetDataSource.OpenAsync(other).GetAwaiter().GetResult();
        try
        {
            return plan.Validate(source, new ValidationOptions { MaxDegreeOfParallelism = threads, OtherTables = new Dictionary<string, IDataSource> { ["train"] = otherSource } });
        }
        finally
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
            otherSource.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private long DuckDbSemiJoin(int threads)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}");
            set.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet('{_test}') t SEMI JOIN read_parquet('{_train}') r ON t.user_id = r.user_id";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The near-duplicate benchmark's files: 1/100 of the rows (MinHash of every text is the cost, not the join).</summary>
    private static string Sample(string path)
    {
        var sample = Path.ChangeExtension(path, ".sample.parquet");
        var isTest = path.Contains("-test-", StringComparison.Ordinal);
        var n = Math.Max(1_000, Rows / 100);
        Write(sample, isTest ? n / 4 : n, isTest ? 1 : 0, isTest ? n / 400 : 0, n);
        return sample;
    }

    /// <summary>
    /// Users drawn from a range that starts at <paramref name="split"/> × N (disjoint per split), except the first
    /// <paramref name="shared"/> rows, which take train users; bodies of 20 words, shared rows copying a train body.
    /// </summary>
    private static void Write(string path, long rows, int split, long shared, long? userRange = null)
    {
        var range = userRange ?? Rows;
        if (File.Exists(path))
        {
            return;
        }

        var random = new Random(split + 1);
        var trainRandom = new Random(1);
        var ids = new long[rows];
        var bodies = new string[rows];
        for (var i = 0; i < rows; i++)
        {
            var trainRow = i < shared;
            var r = trainRow ? trainRandom : random;
            ids[i] = trainRow ? r.NextInt64(0, range) : split * range * 10 + r.NextInt64(0, range);
            bodies[i] = string.Join(' ', Enumerable.Range(0, 20).Select(_ => "w" + r.Next(5_000).ToString(CultureInfo.InvariantCulture)));
        }

        WriteRows(path, ids, bodies);
    }

    private static void WriteRows(string path, long[] ids, string[] bodies)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var id = new DataField<long>("user_id");
        var body = new DataField<string>("body");
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            var writer = ParquetWriter.CreateAsync(new ParquetSchema(id, body), stream).GetAwaiter().GetResult();
            try
            {
                const int Group = 1_000_000;
                for (var start = 0; start < ids.Length; start += Group)
                {
                    var n = Math.Min(Group, ids.Length - start);
                    using var rg = writer.CreateRowGroup();
                    rg.WriteAsync<long>(id, ids.AsMemory(start, n)).GetAwaiter().GetResult();
                    rg.WriteAsync(body, bodies[start..(start + n)].Select(b => (string?)b).ToArray()).GetAwaiter().GetResult();
                }
            }
            finally
            {
                writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        File.Move(temp, path, overwrite: true);
    }
}
