using System.Globalization;
using Expectations.Samples.Generator;
using Parquet;
using Parquet.Schema;

namespace Expectations.Benchmarks;

/// <summary>
/// The benchmark data: the sample transactions (samples/Expectations.Samples.Generator, same seed, same row
/// groups), written once per row count to a cache folder, and the sample suite over them.
/// </summary>
internal static class BenchmarkData
{
    /// <summary>Rows of the end-to-end file: 5 M, or 20,000 in a smoke run (CI never writes the big file).</summary>
    public static long Rows => Smoke ? 20_000 : 5_000_000;

    /// <summary>Set by <c>--smoke</c>: small data, every benchmark once.</summary>
    public static bool Smoke { get; set; }

    /// <summary>Where generated files are cached: <c>EXPECTATIONS_BENCH_DATA</c>, else a folder in the temp directory.</summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable("EXPECTATIONS_BENCH_DATA") is { Length: > 0 } f
        ? f
        : Path.Combine(Path.GetTempPath(), "expectations-benchmarks");

    private static readonly Lock Gate = new();

    /// <summary>The transactions file of <paramref name="rows"/> rows, generated on first use.</summary>
    public static string Transactions(long rows)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Folder);
            var path = Path.Combine(Folder, $"transactions-{rows}.parquet");
            if (!File.Exists(path))
            {
                WriteAsync(rows, path + ".tmp").GetAwaiter().GetResult();
                File.Move(path + ".tmp", path, overwrite: true);
            }

            return path;
        }
    }

    /// <summary>A folder holding <paramref name="copies"/> copies of the <paramref name="rows"/>-row file: the same data, <paramref name="copies"/> times as many rows.</summary>
    public static string Copies(long rows, int copies)
    {
        var file = Transactions(rows);
        lock (Gate)
        {
            var folder = Path.Combine(Folder, $"transactions-{rows}-x{copies}");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < copies; i++)
            {
                var copy = Path.Combine(folder, $"part-{i}.parquet");
                if (!File.Exists(copy) || new FileInfo(copy).Length != new FileInfo(file).Length)
                {
                    File.Copy(file, copy, overwrite: true);
                }
            }

            return folder;
        }
    }

    /// <summary>Opens the Parquet file or folder at <paramref name="path"/>, validates it with <paramref name="plan"/> and closes it: the in-memory baseline of the SQL and end-to-end benchmarks.</summary>
    public static ValidationReport ValidateParquet(ValidationPlan plan, string path, ValidationOptions? options = null)
    {
        var source = Expectations.Parquet.ParquetDataSource.OpenAsync(path).GetAwaiter().GetResult();
        try
        {
            return plan.Validate(source, options);
        }
        finally
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The sample suite (samples/transactions.suite.json): 24 expectations of 15 types.</summary>
    public static ExpectationSuite Suite() => SuiteJson.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "transactions.suite.json")));

    /// <summary>The repository root: the nearest folder above the working directory or the binaries that holds the samples.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "samples", "transactions.suite.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository: samples/transactions.suite.json was not found.");
    }

    /// <summary>
    /// A folder of <paramref name="files"/> files (<c>day-00.parquet</c>, ...) of <paramref name="rowsPerFile"/> rows and one row
    /// group each: consecutive slices of one generated dataset of <c>files × rowsPerFile</c> rows, as daily partitions are.
    /// </summary>
    public static string Daily(long rowsPerFile, int files)
    {
        lock (Gate)
        {
            var folder = Path.Combine(Folder, $"daily-{rowsPerFile}-x{files}");
            var last = Path.Combine(folder, $"day-{files - 1:D2}.parquet");
            if (!File.Exists(last))
            {
                Directory.CreateDirectory(folder);
                var generator = new TransactionGenerator(rowsPerFile * files);
                for (var i = 0; i < files; i++)
                {
                    var path = Path.Combine(folder, $"day-{i:D2}.parquet");
                    WriteRangeAsync(generator, i * rowsPerFile, rowsPerFile, (int)rowsPerFile, path + ".tmp").GetAwaiter().GetResult();
                    File.Move(path + ".tmp", path, overwrite: true);
                }
            }

            return folder;
        }
    }

    /// <summary>Writes the transactions exactly as the samples generator does (same schema, encodings and row groups).</summary>
    private static Task WriteAsync(long rows, string path) =>
        WriteRangeAsync(new TransactionGenerator(rows), 0, rows, (int)Math.Clamp(rows / 4, 2_000, 1_000_000), path);

    /// <summary>Writes rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="rows"/>) of <paramref name="generator"/>'s dataset.</summary>
    private static async Task WriteRangeAsync(TransactionGenerator generator, long first, long rows, int rowGroupSize, string path)
    {
        var id = new DataField<long>("transaction_id");
        var email = new DataField<string>("customer_email");
        var country = new DataField<string>("country", nullable: false);
        var amount = new DataField<double?>("amount");
        var currency = new DataField<string>("currency", nullable: false);
        var label = new DataField<string>("label", nullable: false);
        var score = new DataField<double>("score");
        var createdAt = new DateTimeDataField("created_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
        var quantity = new DataField<int>("quantity");
        var unitPrice = new DataField<double>("unit_price");
        var total = new DataField<double>("total");
        var schema = new ParquetSchema(id, email, country, amount, currency, label, score, createdAt, quantity, unitPrice, total);
        var options = new ParquetOptions();
        foreach (var lowCardinality in new[] { "country", "currency", "label" })
        {
            options.ColumnEncodingHints[lowCardinality] = EncodingHint.Dictionary;
        }

        var block = new TransactionBlock(rowGroupSize);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options);
        for (long start = first; start < first + rows; start += rowGroupSize)
        {
            var count = (int)Math.Min(rowGroupSize, first + rows - start);
            generator.Fill(block, start, count);
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync<long>(id, block.TransactionId.AsMemory(0, count));
            await rg.WriteAsync(email, block.CustomerEmail[..count]);
            await rg.WriteAsync(country, block.Country[..count]);
            await rg.WriteAsync<double>(amount, block.Amount.AsMemory(0, count));
            await rg.WriteAsync(currency, block.Currency[..count]);
            await rg.WriteAsync(label, block.Label[..count]);
            await rg.WriteAsync<double>(score, block.Score.AsMemory(0, count));
            await rg.WriteAsync<DateTime>(createdAt, block.CreatedAt.AsMemory(0, count));
            await rg.WriteAsync<int>(quantity, block.Quantity.AsMemory(0, count));
            await rg.WriteAsync<double>(unitPrice, block.UnitPrice.AsMemory(0, count));
            await rg.WriteAsync<double>(total, block.Total.AsMemory(0, count));
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"benchmark data: wrote {rows:N0} rows to {path}"));
    }
}
