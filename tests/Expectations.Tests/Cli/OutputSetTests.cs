using System.Globalization;
using System.Text;
using Expectations.Cli;

namespace Expectations.Tests.Cli;

/// <summary>Issue 16 item 7, issue 12 item 5: one run's output files are published together or not at all, and leftovers are cleaned.</summary>
public sealed class OutputSetTests : IDisposable
{
    private const string Suite = """
        {"name": "s", "expectations": [
          {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 100}}
        ]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("output-set-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private Dictionary<string, byte[]> Snapshot(params string[] names) => names.ToDictionary(n => n, n => File.ReadAllBytes(PathOf(n)));

    private string[] TempFiles() => [.. Directory.EnumerateFiles(_dir, "*.tmp").Select(Path.GetFileName).OfType<string>()];

    private string Csv(string name, int rows, int badEvery = 10, string? corruptAt = null)
    {
        var sb = new StringBuilder("id,amount\n");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i},{(i % badEvery == 0 ? -1 : i % 100)}\n");
        }

        if (corruptAt is not null)
        {
            sb.Append(corruptAt);
        }

        File.WriteAllText(PathOf(name), sb.ToString());
        return PathOf(name);
    }

    [Fact]
    public async Task A_failure_before_commit_leaves_the_previous_set_untouched_and_no_temp_files()
    {
        File.WriteAllText(PathOf("a.json"), "old a");
        File.WriteAllText(PathOf("b.html"), "old b");

        var failing = async () =>
        {
            await using var set = new OutputSet();
            await set.WriteTextAsync(PathOf("a.json"), "new a", CancellationToken.None);
            TempFiles().Should().ContainSingle().Which.Should().MatchRegex(@"^\.a\.json\.expectations-\d+-[0-9a-f]{8}\.tmp$");
            await set.WriteTextAsync(PathOf("b.html"), "new b", CancellationToken.None);
            throw new IOException("the run failed half-way through its outputs");
        };

        await failing.Should().ThrowAsync<IOException>();
        File.ReadAllText(PathOf("a.json")).Should().Be("old a");
        File.ReadAllText(PathOf("b.html")).Should().Be("old b");
        TempFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelling_at_commit_publishes_nothing_and_commit_publishes_everything()
    {
        File.WriteAllText(PathOf("a.json"), "old a");
        using var cancelled = new CancellationTokenSource();
        await using (var set = new OutputSet())
        {
            await set.WriteTextAsync(PathOf("a.json"), "new a", CancellationToken.None);
            await set.WriteTextAsync(PathOf("b.html"), "new b", CancellationToken.None);
            await cancelled.CancelAsync();
            var commit = () => set.CommitAsync(cancelled.Token);
            await commit.Should().ThrowAsync<OperationCanceledException>();
        }

        File.ReadAllText(PathOf("a.json")).Should().Be("old a");
        File.Exists(PathOf("b.html")).Should().BeFalse();
        TempFiles().Should().BeEmpty();

        await using (var set = new OutputSet())
        {
            await set.WriteTextAsync(PathOf("a.json"), "new a", CancellationToken.None);
            await set.WriteTextAsync(PathOf("b.html"), "new b", CancellationToken.None);
            await set.CommitAsync(CancellationToken.None);
        }

        File.ReadAllText(PathOf("a.json")).Should().Be("new a");
        File.ReadAllText(PathOf("b.html")).Should().Be("new b");
        TempFiles().Should().BeEmpty();
    }

    [Fact]
    public void Stale_temp_files_of_dead_runs_are_cleaned_and_everything_else_is_kept()
    {
        var old = DateTime.UtcNow.AddMinutes(-10);
        string Make(string name, DateTime written)
        {
            var path = PathOf(name);
            File.WriteAllText(path, "x");
            File.SetLastWriteTimeUtc(path, written);
            return name;
        }

        var deadPid = Make(".report.json.expectations-999999999-0123abcd.tmp", old);
        var deadLibraryTemp = Make("..good.parquet.expectations-999999999-0123abcd.tmp.0123456789abcdef0123456789abcdef.tmp", old);
        var deadOtherTarget = Make(".other.xml.expectations-999999999-0123abcd.tmp", old);
        var legacy = Make(".report.json.0123456789abcdef0123456789abcdef.tmp", old);
        var livePid = Make($".report.json.expectations-{Environment.ProcessId}-89abcdef.tmp", old);
        var newer = Make(".report.json.expectations-999999999-fedcba98.tmp", DateTime.UtcNow.AddMinutes(10));
        var legacyOfAnotherFile = Make(".notes.txt.0123456789abcdef0123456789abcdef.tmp", old);
        var unrelated = Make(".something.tmp", old);

        new OutputSet(DateTime.UtcNow).CleanStale([PathOf("report.json"), PathOf("good.parquet")]);

        var left = TempFiles();
        left.Should().NotContain([deadPid, deadLibraryTemp, deadOtherTarget, legacy]);
        left.Should().Contain([livePid, newer, legacyOfAnotherFile, unrelated]);
    }

    [Fact]
    public async Task A_validate_run_that_fails_after_reading_half_the_data_leaves_the_previous_reports_and_quarantine_files()
    {
        var suite = PathOf("suite.json");
        await File.WriteAllTextAsync(suite, Suite);
        string[] outputs = ["report.json", "report.xml", "report.html", "bad.parquet", "good.parquet"];
        string[] Args(string data) =>
        [
            "validate", "--suite", suite, data, "--output", PathOf("report.json"), "--junit", PathOf("report.xml"), "--html", PathOf("report.html"),
            "--quarantine", PathOf("bad.parquet"), "--valid", PathOf("good.parquet"),
        ];

        var first = await CliRun.RunAsync(Args(Csv("first.csv", 100)));
        first.ExitCode.Should().Be(ExitCodes.ValidationFailed, first.Stderr);
        var previous = Snapshot(outputs);

        // A value past the type-inference sample that does not parse: the run stops with exit 2 after reading rows.
        var broken = await CliRun.RunAsync(Args(Csv("broken.csv", 30_000, corruptAt: "oops,1\n")));
        broken.ExitCode.Should().Be(ExitCodes.InvalidInput, broken.Stdout);
        broken.Stderr.Should().NotContain("Quarantined", "nothing is announced that was not published");
        Snapshot(outputs).Should().BeEquivalentTo(previous, "no output of the failed run replaces one of the previous run");
        TempFiles().Should().BeEmpty();

        var second = await CliRun.RunAsync(Args(Csv("second.csv", 200)));
        second.ExitCode.Should().Be(ExitCodes.ValidationFailed, second.Stderr);
        second.Stderr.Should().Contain("Quarantined 20 rows");
        File.ReadAllText(PathOf("report.json")).Should().Contain("second.csv");
        File.ReadAllText(PathOf("report.xml")).Should().Contain("second.csv");
        TempFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelling_right_after_the_quarantine_split_leaves_no_mixed_set()
    {
        var suite = PathOf("suite.json");
        await File.WriteAllTextAsync(suite, Suite);
        string[] outputs = ["report.json", "report.xml", "bad.parquet", "good.parquet"];
        string[] Args(string data) =>
            ["validate", "--suite", suite, data, "--output", PathOf("report.json"), "--junit", PathOf("report.xml"), "--quarantine", PathOf("bad.parquet"), "--valid", PathOf("good.parquet")];
        (await CliRun.RunAsync(Args(Csv("first.csv", 100)))).ExitCode.Should().Be(ExitCodes.ValidationFailed);
        var previous = Snapshot(outputs);

        // Cancel the moment the run reports its quarantine: before this fix the split files were in place by then
        // and the reports not yet written, so cancelling left this run's quarantine files beside the last run's reports.
        using var cancel = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new CancellingWriter("Quarantined", cancel);
        var code = await Expectations.Cli.Cli.RunAsync(Args(Csv("second.csv", 200)), stdout, stderr, CliTerminal.Plain, handleProcessTermination: false, cancel.Token);

        var now = Snapshot(outputs);
        var unchanged = outputs.Where(n => now[n].SequenceEqual(previous[n])).ToList();
        unchanged.Should().Match<List<string>>(u => u.Count == 0 || u.Count == outputs.Length, "the outputs are one run's set, never a mix (exit {0}, unchanged: {1})", code, string.Join(", ", unchanged));
        TempFiles().Should().BeEmpty();
    }

    /// <summary>A stderr that cancels a run when a line containing <paramref name="trigger"/> is written.</summary>
    private sealed class CancellingWriter(string trigger, CancellationTokenSource cancel) : StringWriter
    {
        public override void Write(string? value)
        {
            base.Write(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true)
            {
                cancel.Cancel();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            Write(value + NewLine);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Profile_drift_and_suggest_publish_their_files_together_and_leave_no_temp_files()
    {
        var data = Csv("data.csv", 100);
        (await CliRun.RunAsync("profile", data, "--output", PathOf("p.json"), "--html", PathOf("p.html"))).ExitCode.Should().Be(0);
        (await CliRun.RunAsync("drift", PathOf("p.json"), data, "--output", PathOf("d.json"))).ExitCode.Should().Be(0);
        (await CliRun.RunAsync("suggest", data, "--output", PathOf("s.json"))).ExitCode.Should().Be(0);
        File.Exists(PathOf("p.html")).Should().BeTrue();
        File.Exists(PathOf("d.json")).Should().BeTrue();
        File.Exists(PathOf("s.json")).Should().BeTrue();
        TempFiles().Should().BeEmpty();

        var previous = Snapshot("p.json", "p.html");
        (await CliRun.RunAsync("profile", Csv("broken.csv", 30_000, corruptAt: "oops,1\n"), "--output", PathOf("p.json"), "--html", PathOf("p.html"))).ExitCode.Should().Be(2);
        Snapshot("p.json", "p.html").Should().BeEquivalentTo(previous);
        TempFiles().Should().BeEmpty();
    }
}
