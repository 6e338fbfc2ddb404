using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Expectations.Cli;
using Expectations.Parquet;

namespace Expectations.Tests.Cli;

/// <summary>
/// The <c>expectations</c> tool as a child process, killed (SIGKILL) or terminated (SIGTERM) in the middle of a run:
/// issue 16 item 7 and issue 12 items 5 and 6. The run writes a JSON report, JUnit XML, HTML and a quarantine split.
/// </summary>
public sealed class CliProcessTests : IDisposable
{
    private const string Suite = """
        {"name": "s", "expectations": [
          {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 100}},
          {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "label"}}
        ]}
        """;

    private static readonly string[] Outputs = ["report.json", "report.xml", "report.html", "bad.parquet", "good.parquet"];

    private readonly string _dir = Directory.CreateTempSubdirectory("cli-process-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string[] Args(string data) =>
    [
        "validate", "--suite", PathOf("suite.json"), data,
        "--output", PathOf("report.json"), "--junit", PathOf("report.xml"), "--html", PathOf("report.html"),
        "--quarantine", PathOf("bad.parquet"), "--valid", PathOf("good.parquet"),
    ];

    private string Csv(string name, int rows)
    {
        var path = PathOf(name);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("id,amount,label,note\n");
        for (var i = 0; i < rows; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i},{(i % 50 == 0 ? -1 : i % 100)},{(i % 7 == 0 ? "" : "l" + (i % 13))},some text to make the rows longer {i}\n"));
        }

        return path;
    }

    private Dictionary<string, byte[]> Snapshot() => Outputs.ToDictionary(n => n, n => File.ReadAllBytes(PathOf(n)));

    private string[] TempFiles() => [.. Directory.EnumerateFiles(_dir, "*.tmp").Select(Path.GetFileName).OfType<string>()];

    /// <summary>
    /// Starts the tool on a large file and waits until it is writing its outputs (a temporary file of its own exists);
    /// returns it with the complete set of outputs that was in place when it started.
    /// </summary>
    private async Task<(ChildCli Child, Dictionary<string, byte[]> Previous)> StartAndWaitUntilWritingAsync()
    {
        await File.WriteAllTextAsync(PathOf("suite.json"), Suite);
        for (var rows = 400_000; ; rows *= 3)
        {
            var first = await CliRun.RunAsync(Args(Csv("small.csv", 300)));
            first.ExitCode.Should().Be(ExitCodes.ValidationFailed, first.Stderr);
            var previous = Snapshot();

            var data = Csv($"large-{rows}.csv", rows);
            var child = ChildCli.Start(Args(data));
            var marker = $".expectations-{child.Process.Id}-";
            var clock = Stopwatch.StartNew();
            while (!child.Process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (Directory.EnumerateFiles(_dir, "*.tmp").Any(f => f.Contains(marker, StringComparison.Ordinal)))
                {
                    return (child, previous);
                }

                await Task.Delay(1);
            }

            // It finished (or hung) before it was seen writing: again with more data, so that it runs longer.
            if (!child.Process.HasExited)
            {
                child.Process.Kill(entireProcessTree: true);
            }

            await child.Process.WaitForExitAsync();
            child.Dispose();
            rows.Should().BeLessThan(10_000_000, "the tool should be seen writing its outputs at some size");
        }
    }

    [Fact]
    public async Task Kill_9_mid_run_leaves_the_previous_complete_set_and_the_next_run_removes_the_leftovers()
    {
        var (child, previous) = await StartAndWaitUntilWritingAsync();
        using (child)
        {
            child.Process.Kill(entireProcessTree: true);
            await child.Process.WaitForExitAsync();
        }

        Snapshot().Should().BeEquivalentTo(previous, "nothing of the killed run is published: no new report beside old JUnit/HTML, no new good.parquet beside an old bad.parquet");
        TempFiles().Should().NotBeEmpty("a killed process cannot clean up (this is what the next run must do)");
        await using (var bad = await ParquetDataSource.OpenAsync(PathOf("bad.parquet")))
        {
            bad.RowCount.Should().Be(Enumerable.Range(0, 300).Count(i => i % 50 == 0 || i % 7 == 0), "the previous quarantine file is whole");
        }

        var next = await CliRun.RunAsync(Args(Csv("small2.csv", 200)));
        next.ExitCode.Should().Be(ExitCodes.ValidationFailed, next.Stderr);
        TempFiles().Should().BeEmpty("the temporary files of the killed run are stale: older than this run and their process is gone");
        var report = await File.ReadAllTextAsync(PathOf("report.json"));
        JsonDocument.Parse(report).Dispose();
        report.Should().Contain("small2.csv");
        (await File.ReadAllTextAsync(PathOf("report.xml"))).Should().Contain("small2.csv");
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_mid_run_cancels_with_one_clear_line_exit_130_and_no_partial_files(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // kill(1) is POSIX; on Windows Ctrl+C goes through the same cancellation path.
        }

        var (child, previous) = await StartAndWaitUntilWritingAsync();
        using var _ = child;
        using (var kill = Process.Start("kill", ["-" + signal, child.Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var exited = child.Process.WaitForExit(TimeSpan.FromSeconds(60));
        exited.Should().BeTrue("the run stops when cancelled");
        var stderr = await child.Stderr;
        var stdout = await child.Stdout;
        child.Process.ExitCode.Should().Be(ExitCodes.Cancelled, stderr);
        stderr.TrimEnd('\n').Split('\n').Should().ContainSingle().Which.Should().StartWith("expectations: error: cancelled").And.Contain("no output file was written or changed");
        stdout.Should().BeEmpty();
        Snapshot().Should().BeEquivalentTo(previous);
        TempFiles().Should().BeEmpty("a cancelled run deletes its temporary files itself");
    }
}

/// <summary>The built <c>Expectations.Cli.dll</c> (copied beside the tests) running in a child process, its output read as it comes.</summary>
internal sealed class ChildCli : IDisposable
{
    private ChildCli(Process process)
    {
        Process = process;
        Stdout = process.StandardOutput.ReadToEndAsync();
        Stderr = process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }

    /// <summary>All of stdout, once the process has closed it.</summary>
    public Task<string> Stdout { get; }

    /// <summary>All of stderr, once the process has closed it.</summary>
    public Task<string> Stderr { get; }

    public static ChildCli Start(IEnumerable<string> args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Expectations.Cli.dll");
        File.Exists(dll).Should().BeTrue("the CLI is built beside the tests");
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ChildCli(Process.Start(start) ?? throw new InvalidOperationException("the CLI did not start"));
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
