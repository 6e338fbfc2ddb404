using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Expectations.Benchmarks;

/// <summary>
/// Runs the benchmarks. <c>--smoke</c> runs every benchmark once in-process (Job.Dry) to prove they work;
/// CI uses it and never reads its timings. Anything else goes to BenchmarkDotNet's switcher, e.g.
/// <c>dotnet run -c Release --project benchmarks/Expectations.Benchmarks -- --filter *Kernel*</c>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--smoke", ..])
        {
            var smoke = ManualConfig.CreateMinimumViable()
                .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
                .WithOptions(ConfigOptions.DisableLogFile);
            var summaries = BenchmarkRunner.Run(typeof(Program).Assembly, smoke);
            var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
            Console.WriteLine(failed ? "benchmark smoke run: FAILED" : "benchmark smoke run: ok");
            return failed ? 1 : 0;
        }

        var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
