using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Expectations.Benchmarks;

/// <summary>
/// Runs the benchmarks. <c>--smoke</c> runs every benchmark once in-process (Job.Dry) on a 20,000-row file to
/// prove they work; CI uses it and never reads its timings (<c>--smoke --filter PATTERN...</c>: only the matching ones). <c>--memory</c> measures peak working set for the
/// 1x and 4x data; <c>--leakage-memory [SCALE]</c> that of the key-leakage check and DuckDB's SEMI JOIN (10 M × 10 M keys). Anything else goes to BenchmarkDotNet's switcher, e.g.
/// <c>dotnet run -c Release --project benchmarks/Expectations.Benchmarks -- --filter *EndToEnd*</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--read-once", var reader, var file])
        {
            return ReaderMemory.ReadOnce(reader, file);
        }

        if (args is ["--reader-memory", ..])
        {
            BenchmarkData.Smoke = args.Contains("--smoke");
            return ReaderMemory.Run();
        }

        if (args is ["--peak-memory", var path])
        {
            return MemoryProbe.Measure(path);
        }

        if (args is ["--leakage-memory", ..])
        {
            // Peak memory of the key-leakage check and DuckDB's SEMI JOIN: --leakage-memory [SCALE] [--smoke].
            BenchmarkData.Smoke = args.Contains("--smoke");
            var scale = args.Skip(1).FirstOrDefault(a => a != "--smoke") ?? "10M x 10M";
            return LeakageMemory.Run(scale);
        }

        if (args is ["--leakage-once", var engine, var leakageScale, ..])
        {
            BenchmarkData.Smoke = args.Contains("--smoke");
            return LeakageMemory.Once(engine, leakageScale);
        }

        if (args is ["--check", ..])
        {
            // Both engines over the same file must report the same counts (the end-to-end setup throws otherwise).
            BenchmarkData.Smoke = args.Contains("--smoke");
            new EndToEndBenchmarks().Setup();
            Console.WriteLine($"DuckDB and Expectations agree on {DuckDbSuite.Figures.Length} figures over {BenchmarkData.Rows:N0} rows.");
            return 0;
        }

        if (args is ["--memory", ..])
        {
            BenchmarkData.Smoke = args.Contains("--smoke");
            return MemoryProbe.Run();
        }

        if (args is ["--smoke", ..])
        {
            BenchmarkData.Smoke = true;
            var smoke = ManualConfig.CreateMinimumViable()
                .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
                .AddColumn(new RowsPerSecondColumn())
                .AddFilter(WithoutUnavailableEngines())
                .WithOptions(ConfigOptions.DisableLogFile);
            if (args is [_, "--filter", .. var patterns] && patterns.Length > 0)
            {
                // One class's smoke run: --smoke --filter '*IncrementalBenchmarks*'.
                smoke = smoke.AddFilter(new GlobFilter(patterns));
            }

            var summaries = BenchmarkRunner.Run(typeof(Program).Assembly, smoke);
            var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
            Console.WriteLine(failed ? "benchmark smoke run: FAILED" : "benchmark smoke run: ok");
            return failed ? 1 : 0;
        }

        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumn(new RowsPerSecondColumn())
            .AddFilter(WithoutUnavailableEngines());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>Leaves out the benchmarks of an engine that is not running here (the ClickHouse cluster), saying so once.</summary>
    private static SimpleFilter WithoutUnavailableEngines()
    {
        var said = false;
        return new SimpleFilter(b =>
        {
            if (b.Descriptor.Type != typeof(ClickHouseBenchmarks) || ClickHouseBenchmarks.Unavailable is not { } why)
            {
                return true;
            }

            if (!said)
            {
                Console.WriteLine($"ClickHouseBenchmarks skipped: {why}");
                said = true;
            }

            return false;
        });
    }
}
