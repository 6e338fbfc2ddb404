using System.Diagnostics;
using System.Globalization;

namespace Expectations.Benchmarks;

/// <summary>
/// Peak memory of the key-leakage check and of DuckDB's SEMI JOIN over the same files (<see cref="LeakageBenchmarks"/>'s
/// 10 M × 10 M scale unless told), each engine once in a fresh process, since peak working set is per process:
/// <c>--leakage-memory [SCALE]</c> runs the children, <c>--leakage-once ENGINE SCALE</c> is one child.
/// </summary>
internal static class LeakageMemory
{
    /// <summary>Writes the files if needed, runs one child per engine and prints a table of time, peak working set and peak managed heap.</summary>
    public static int Run(string scale)
    {
        var (train, test) = LeakageBenchmarks.KeyFiles(scale);
        Console.WriteLine($"{scale}: {Path.GetFileName(train)}, {Path.GetFileName(test)}");
        Console.WriteLine("| engine | leaked rows | time (s) | peak working set (MiB) | peak managed heap (MiB) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var engine in new[] { "duckdb", "ours" })
        {
            Console.WriteLine(Child(engine, scale));
        }

        return 0;
    }

    /// <summary>Runs <paramref name="engine"/> (<c>ours</c> or <c>duckdb</c>) once on all cores and prints one table row.</summary>
    public static int Once(string engine, string scale)
    {
        var (train, test) = LeakageBenchmarks.KeyFiles(scale);
        long peakHeap = 0;
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            do
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            }
            while (!done.Wait(20));
        }) { IsBackground = true };
        sampler.Start();
        var clock = Stopwatch.StartNew();
        var leaked = engine switch
        {
            "ours" => LeakageBenchmarks.Run(
                ValidationPlan.Compile(new ExpectationSuite("keys", [new ColumnValuesToNotBeInOtherTable { Column = "user_id", OtherTableName = "train" }])),
                test, train, null).Results[0].Result.UnexpectedCount ?? -1,
            "duckdb" => LeakageBenchmarks.DuckDbSemiJoin(test, train, Environment.ProcessorCount),
            _ => throw new ArgumentException($"--leakage-once: unknown engine '{engine}'; expected 'ours' or 'duckdb'."),
        };
        clock.Stop();
        done.Set();
        sampler.Join();
        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var name = engine == "ours" ? "not_be_in_other_table" : "DuckDB SEMI JOIN";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {leaked:N0} | {clock.Elapsed.TotalSeconds:0.00} | {self.PeakWorkingSet64 / 1048576.0:N0} | {peakHeap / 1048576.0:N0} |"));
        return 0;
    }

    private static string Child(string engine, string scale)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("Expectations.Benchmarks", StringComparison.Ordinal) && !Environment.ProcessPath.EndsWith("Expectations.Benchmarks.exe", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(LeakageMemory).Assembly.Location);
        }

        start.ArgumentList.Add("--leakage-once");
        start.ArgumentList.Add(engine);
        start.ArgumentList.Add(scale);
        if (BenchmarkData.Smoke)
        {
            start.ArgumentList.Add("--smoke");
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"--leakage-once {engine} {scale} exited with {process.ExitCode}.");
        }

        return output.Trim();
    }
}
