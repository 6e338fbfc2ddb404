using System.Diagnostics;
using System.Globalization;
using Expectations.Parquet;

namespace Expectations.Benchmarks;

/// <summary>
/// Peak working set of validating the 1x file and a folder of 4 copies, each in a fresh process (peak working
/// set is per process): <c>--memory</c> runs the children, <c>--peak-memory PATH</c> is one child.
/// </summary>
internal static class MemoryProbe
{
    /// <summary>Runs the two children and prints a table; returns the ratio 4x / 1x.</summary>
    public static int Run()
    {
        var one = BenchmarkData.Transactions(BenchmarkData.Rows);
        var four = BenchmarkData.Copies(BenchmarkData.Rows, 4);
        var results = new[] { ("1x file", one), ("4x folder", four) }.Select(p => (p.Item1, Peak: Child(p.Item2))).ToArray();
        Console.WriteLine("| data | peak working set (MiB) | ratio |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (name, peak) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {peak / 1048576.0:0} | {(double)peak / results[0].Peak:0.00} |"));
        }

        return 0;
    }

    /// <summary>Validates <paramref name="path"/> once with the sample suite and prints the process's peak working set in bytes.</summary>
    public static int Measure(string path)
    {
        var plan = ValidationPlan.Compile(BenchmarkData.Suite());
        var source = ParquetDataSource.OpenAsync(path).GetAwaiter().GetResult();
        var clock = Stopwatch.StartNew();
        var report = plan.Validate(source);
        clock.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {report.Meta.RowCount:N0} rows in {clock.Elapsed.TotalSeconds:0.00} s; {report.Results.Where(r => !r.Success).Count()} of {report.Results.Length} expectations failed"));
        if (Environment.GetEnvironmentVariable("EXPECTATIONS_BENCH_VERBOSE") == "1")
        {
            Console.Error.WriteLine(ReportJson.Serialize(report));
        }

        Console.WriteLine(self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static long Child(string path)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("Expectations.Benchmarks", StringComparison.Ordinal) && !Environment.ProcessPath.EndsWith("Expectations.Benchmarks.exe", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        start.ArgumentList.Add("--peak-memory");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
