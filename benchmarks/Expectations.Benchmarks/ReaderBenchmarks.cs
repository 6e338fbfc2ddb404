using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Expectations.Parquet;
using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Benchmarks;

/// <summary>
/// Decoding every column (11) of the 5 M-row transactions file, one thread: the Parquet source (ParquetSharp, Apache
/// Arrow C++'s reader) against Parquet.Net 6.1 read the fastest way it offers (<c>ReadRawAsync</c> into reused
/// buffers, strings as raw UTF-8: what the source did before), the baseline. The reader decision in docs/parquet.md
/// rests on this and on <see cref="ReaderMemory"/> (peak working set of each, in its own process).
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkData.Transactions(BenchmarkData.Rows);
        RowsPerSecondColumn.Rows[nameof(ReaderBenchmarks)] = BenchmarkData.Rows;
        var (a, b) = (ParquetNetAsync(_path).GetAwaiter().GetResult(), ParquetSharpAsync(_path).GetAwaiter().GetResult());
        if (a != b)
        {
            throw new InvalidOperationException($"The readers disagree: Parquet.Net read {a} values, the source {b}.");
        }
    }

    [Benchmark(Baseline = true, Description = "Parquet.Net 6.1 ReadRawAsync, 1 thread")]
    public Task<long> ParquetNet() => ParquetNetAsync(_path);

    [Benchmark(Description = "ParquetDataSource (ParquetSharp), 1 thread")]
    public Task<long> Source() => ParquetSharpAsync(_path);

    /// <summary>Reads every column with the source; returns the number of non-null values (so nothing is optimised away).</summary>
    internal static async Task<long> ParquetSharpAsync(string path)
    {
        await using var source = await ParquetDataSource.OpenAsync(path);
        long present = 0;
        await foreach (var chunk in source.ReadAsync([.. source.Columns.Select(c => c.Name)]))
        {
            foreach (var batch in chunk.Columns)
            {
                present += batch.Length - batch.NullCount;
            }
        }

        return present;
    }

    /// <summary>Reads every column with Parquet.Net into reused buffers; returns the number of non-null values.</summary>
    internal static async Task<long> ParquetNetAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        long present = 0;
        var levels = Array.Empty<int>();
        var buffers = new Dictionary<Type, Array>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            if (levels.Length < rows)
            {
                levels = new int[rows];
            }

            foreach (var field in fields)
            {
                Memory<int>? definitions = levels.AsMemory(0, rows);
                present += field.ClrType switch
                {
                    var t when t == typeof(long) => await Raw<long>(group, field, rows, definitions, buffers),
                    var t when t == typeof(int) => await Raw<int>(group, field, rows, definitions, buffers),
                    var t when t == typeof(double) => await Raw<double>(group, field, rows, definitions, buffers),
                    var t when t == typeof(decimal) => await Raw<decimal>(group, field, rows, definitions, buffers),
                    var t when t == typeof(bool) => await Raw<bool>(group, field, rows, definitions, buffers),
                    var t when t == typeof(DateTime) => await Raw<DateTime>(group, field, rows, definitions, buffers),
                    _ => await Bytes(group, field, rows, definitions, buffers),
                };
            }
        }

        return present;
    }

    private static async Task<long> Raw<T>(ParquetRowGroupReader group, DataField field, int rows, Memory<int>? definitions, Dictionary<Type, Array> buffers) where T : struct
    {
        if (!buffers.TryGetValue(typeof(T), out var array) || array.Length < rows)
        {
            buffers[typeof(T)] = array = new T[rows];
        }

        await group.ReadRawAsync<T>(field, ((T[])array).AsMemory(0, rows), definitions, null);
        return definitions is { } d && field.MaxDefinitionLevel > 0 ? Count(d.Span, field.MaxDefinitionLevel) : rows;
    }

    private static async Task<long> Bytes(ParquetRowGroupReader group, DataField field, int rows, Memory<int>? definitions, Dictionary<Type, Array> buffers)
    {
        var bytesField = new DataField<byte[]>(field.Name, field.IsNullable);
        _ = new ParquetSchema(bytesField);
        definitions = bytesField.MaxDefinitionLevel > 0 ? definitions : null;
        return await Raw<ReadOnlyMemory<byte>>(group, bytesField, rows, definitions, buffers);
    }

    private static long Count(ReadOnlySpan<int> levels, int max)
    {
        long n = 0;
        foreach (var level in levels)
        {
            n += level == max ? 1 : 0;
        }

        return n;
    }
}

/// <summary>Peak working set of each reader decoding every column of the 5 M-row file, each in a fresh process: <c>--reader-memory</c>.</summary>
internal static class ReaderMemory
{
    public static int Run()
    {
        var path = BenchmarkData.Transactions(BenchmarkData.Rows);
        Console.WriteLine("| reader (all 11 columns, 1 thread) | seconds | peak working set (MiB) |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var reader in new[] { "parquet-net", "parquetsharp" })
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            if (!Environment.ProcessPath!.EndsWith("Expectations.Benchmarks", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(ReaderMemory).Assembly.Location);
            }

            start.ArgumentList.Add("--read-once");
            start.ArgumentList.Add(reader);
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim().Split(' ');
            process.WaitForExit();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {reader} | {double.Parse(output[0], CultureInfo.InvariantCulture):0.00} | {long.Parse(output[1], CultureInfo.InvariantCulture) / 1048576.0:0} |"));
        }

        return 0;
    }

    /// <summary>One child: reads the file once with <paramref name="reader"/>, prints seconds and peak working set in bytes.</summary>
    public static int ReadOnce(string reader, string path)
    {
        var clock = Stopwatch.StartNew();
        _ = reader == "parquet-net" ? ReaderBenchmarks.ParquetNetAsync(path).GetAwaiter().GetResult() : ReaderBenchmarks.ParquetSharpAsync(path).GetAwaiter().GetResult();
        clock.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds} {self.PeakWorkingSet64}"));
        return 0;
    }
}
