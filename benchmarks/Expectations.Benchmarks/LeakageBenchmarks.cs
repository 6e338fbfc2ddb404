using System.Globalization;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using Expectations.Parquet;
using Parquet;
using Parquet.Schema;

namespace Expectations.Benchmarks;

/// <summary>
/// Entity leakage between two splits: <c>expect_column_values_to_not_be_in_other_table</c> on <c>user_id</c> over two
/// key-only Parquet files (1 % of test rows take a train user), against DuckDB's <c>SEMI JOIN</c> counting the same rows
/// over the same files (the baseline), at two scales (<see cref="Scale"/>: train × test rows). Setup checks that both
/// engines count the same leaked rows. And the near-duplicate check of a text column against the other file
/// (<see cref="LeakageNearDuplicateBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(3)]
public class LeakageBenchmarks
{
    private string _train = "";
    private string _test = "";
    private ValidationPlan _keys = null!;

    /// <summary>Train rows × test rows: 2 M × 0.5 M and 10 M × 10 M (20,000 × 5,000 and 40,000 × 40,000 under --smoke).</summary>
    [Params("2M x 0.5M", "10M x 10M")]
    public string Scale { get; set; } = "2M x 0.5M";

    [GlobalSetup]
    public void Setup()
    {
        (_train, _test) = KeyFiles(Scale);
        _keys = ValidationPlan.Compile(new ExpectationSuite("keys", [new ColumnValuesToNotBeInOtherTable { Column = "user_id", OtherTableName = "train" }]));
        var ours = Expectations(null).Results[0].Result.UnexpectedCount;
        var duckDb = DuckDbSemiJoin(_test, _train, 2);
        if (ours != duckDb)
        {
            throw new InvalidOperationException($"Expectations counts {ours} leaked rows, DuckDB {duckDb} ({Scale}).");
        }

        var (train, test) = Sizes(Scale);
        RowsPerSecondColumn.Rows[nameof(LeakageBenchmarks)] = train + test;
    }

    [Benchmark(Baseline = true, Description = "DuckDB SEMI JOIN, all cores")]
    public long DuckDb() => DuckDbSemiJoin(_test, _train, Environment.ProcessorCount);

    [Benchmark(Description = "not_be_in_other_table, all cores")]
    public ValidationReport AllCores() => Expectations(null);

    [Benchmark(Description = "not_be_in_other_table, 1 core")]
    public ValidationReport OneCore() => Expectations(1);

    private ValidationReport Expectations(int? threads) => Run(_keys, _test, _train, threads);

    /// <summary>Train and test rows of a <see cref="Scale"/> value.</summary>
    public static (long Train, long Test) Sizes(string scale) => (scale, BenchmarkData.Smoke) switch
    {
        ("2M x 0.5M", false) => (2_000_000, 500_000),
        ("10M x 10M", false) => (10_000_000, 10_000_000),
        ("2M x 0.5M", true) => (20_000, 5_000),
        ("10M x 10M", true) => (40_000, 40_000),
        _ => throw new ArgumentException($"Unknown leakage scale '{scale}'; expected '2M x 0.5M' or '10M x 10M'.", nameof(scale)),
    };

    /// <summary>
    /// The key-only files of <paramref name="scale"/>, written on first use into <see cref="BenchmarkData.Folder"/>:
    /// train users drawn from [0, train rows); test users from a disjoint range, except the first 1 % of test rows,
    /// which take the first train rows' users.
    /// </summary>
    public static (string Train, string Test) KeyFiles(string scale)
    {
        var (trainRows, testRows) = Sizes(scale);
        var train = Path.Combine(BenchmarkData.Folder, $"leakage-keys-train-{trainRows}.parquet");
        var test = Path.Combine(BenchmarkData.Folder, $"leakage-keys-test-{testRows}-of-{trainRows}.parquet");
        if (!File.Exists(train))
        {
            WriteKeys(train, Users(trainRows, trainRows, 0, 0));
        }

        if (!File.Exists(test))
        {
            WriteKeys(test, Users(testRows, trainRows, 1, testRows / 100));
        }

        return (train, test);
    }

    /// <summary>The test rows that DuckDB's SEMI JOIN finds in train (<paramref name="threads"/> threads).</summary>
    public static long DuckDbSemiJoin(string test, string train, int threads)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}");
            set.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet('{test}') t SEMI JOIN read_parquet('{train}') r ON t.user_id = r.user_id";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Validates <paramref name="data"/> with <paramref name="plan"/>, <paramref name="other"/> as the other table "train".</summary>
    public static ValidationReport Run(ValidationPlan plan, string data, string other, int? threads)
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

    /// <summary>
    /// <paramref name="rows"/> users drawn from [<paramref name="split"/> × 10 × range, + range), except the first
    /// <paramref name="shared"/>, which replay the train file's first users (same seed).
    /// </summary>
    private static long[] Users(long rows, long range, int split, long shared)
    {
        var random = new Random(split + 1);
        var trainRandom = new Random(1);
        var ids = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = i < shared ? trainRandom.NextInt64(0, range) : split * range * 10 + random.NextInt64(0, range);
        }

        return ids;
    }

    private static void WriteKeys(string path, long[] ids)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var id = new DataField<long>("user_id");
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            var writer = ParquetWriter.CreateAsync(new ParquetSchema(id), stream).GetAwaiter().GetResult();
            try
            {
                const int Group = 1_000_000;
                for (var start = 0; start < ids.Length; start += Group)
                {
                    var n = Math.Min(Group, ids.Length - start);
                    using var rg = writer.CreateRowGroup();
                    rg.WriteAsync<long>(id, ids.AsMemory(start, n)).GetAwaiter().GetResult();
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

/// <summary>
/// The near-duplicate check (<c>expect_column_values_to_not_have_near_duplicates_in_other_table</c>) of a 20-word
/// <c>body</c> column of a test file against a train file (1/100 of the key benchmark's 2 M rows).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(3)]
public class LeakageNearDuplicateBenchmarks
{
    private string _train = "";
    private string _test = "";
    private ValidationPlan _texts = null!;

    private static long Rows => BenchmarkData.Smoke ? 20_000 : 2_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _train = Sample(Path.Combine(BenchmarkData.Folder, $"leakage-train-{Rows}.parquet"));
        _test = Sample(Path.Combine(BenchmarkData.Folder, $"leakage-test-{Rows}.parquet"));
        _texts = ValidationPlan.Compile(new ExpectationSuite("texts", [new ColumnValuesToNotHaveNearDuplicatesInOtherTable { Column = "body", OtherTableName = "train" }]));
    }

    [Benchmark(Description = "near-duplicates in other table (test 1/100 of rows)")]
    public ValidationReport NearDuplicates() => LeakageBenchmarks.Run(_texts, _test, _train, null);

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
