using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Expectations.Benchmarks;

/// <summary>
/// Cold start: a fresh <c>expectations validate</c> process over the sample (README command 1 after the build), against
/// the same tool printing its version (runtime start and assembly loading, no work) as the baseline. The ratio is
/// what the first validation in a process adds: JIT, static initialisation, reading the suite and the file. The
/// ReadyToRun case is the same CLI after <c>dotnet publish -r RID</c> (the project precompiles when a RID is given):
/// what a team that publishes the tool, or its own app, gets.
/// </summary>
public class ColdStartBenchmarks
{
    private string _cli = "";
    private string _suite = "";
    private string _data = "";
    private string _readyToRun = "";

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

        _readyToRun = PublishReadyToRun(root, configuration, _cli);
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

    [Benchmark(Description = "expectations validate sample (cold process, ReadyToRun publish)")]
    public int ValidateReadyToRun() => RunCli(_readyToRun, "validate", "--suite", _suite, _data);

    /// <summary>
    /// Publishes the CLI for this machine's RID into a temp folder named after the build's time stamp, once: every
    /// benchmark case runs its own process, and publishing (crossgen) takes most of a minute.
    /// </summary>
    private static string PublishReadyToRun(string root, string configuration, string cli)
    {
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var stamp = File.GetLastWriteTimeUtc(cli).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var output = Path.Combine(Path.GetTempPath(), $"expectations-bench-r2r-{rid}-{stamp}");
        var published = Path.Combine(output, "Expectations.Cli.dll");
        if (File.Exists(published))
        {
            return published;
        }

        var project = Path.Combine(root, "src", "Expectations.Cli", "Expectations.Cli.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "publish", project, "-c", configuration, "-r", rid, "--self-contained", "false", "-o", output, "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(published))
        {
            throw new InvalidOperationException($"dotnet publish -r {rid} of the CLI failed (exit {process.ExitCode}):\n{stdout.Result}\n{stderr}");
        }

        return published;
    }

    private int Run(params string[] args) => RunCli(_cli, args);

    private static int RunCli(string cli, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
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
