using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Expectations.Benchmarks;

/// <summary>
/// Cold start: a fresh <c>expectations validate</c> process over the sample (README command 1 after the build), against
/// the same tool printing its version (runtime start and assembly loading, no work) as the baseline. The ratio is
/// what the first validation in a process adds: JIT, static initialisation, reading the suite and the file.
/// </summary>
public class ColdStartBenchmarks
{
    private string _cli = "";
    private string _suite = "";
    private string _data = "";

    [GlobalSetup]
    public void Setup()
    {
        var configuration = typeof(ColdStartBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ExpectationsCliConfiguration").Value!;
        var root = BenchmarkData.RepositoryRoot();
        _cli = Path.Combine(root, "src", "Expectations.Cli", "bin", configuration, "net10.0", "Expectations.Cli.dll");
        if (!File.Exists(_cli))
        {
            throw new InvalidOperationException($"The CLI is not built at '{_cli}': build benchmarks/Expectations.Benchmarks (it builds the CLI first).");
        }

        _suite = Path.Combine(root, "samples", "transactions.suite.json");
        _data = Path.Combine(root, "samples", "transactions.parquet");
        if (Run("validate", "--suite", _suite, _data) != 1)
        {
            throw new InvalidOperationException("The sample validation should fail (exit 1): it holds planted problems.");
        }
    }

    [Benchmark(Baseline = true, Description = "expectations --version (process start)")]
    public int Version() => Run("--version");

    [Benchmark(Description = "expectations validate sample (cold process)")]
    public int Validate() => Run("validate", "--suite", _suite, _data);

    private int Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
