using Expectations.Cli;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Drift;

/// <summary>Issue 16: every exit 2 of <c>drift</c> is one stderr line saying what and where, and nothing on stdout.</summary>
public sealed class DriftBadInputCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drift-exit2-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public static TheoryData<string> Cases() =>
    [
        "no-rows-baseline", "no-rows-current", "type-mismatch", "unknown-column-dataset", "unknown-column-profile",
        "not-a-profile", "corrupt-parquet", "missing-file", "bad-value", "output-under-a-file", "unknown-option",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exit_2_is_one_line_naming_what_and_where(string name)
    {
        var data = File("data.csv", "a,b\n1,x\n2,y\n3,z\n");
        var (args, mentions) = name switch
        {
            "no-rows-baseline" => (new[] { "drift", File("empty.csv", "a,b\n"), data }, "empty.csv"),
            "no-rows-current" => (["drift", data, File("empty.csv", "a,b\n")], "empty.csv"),
            "type-mismatch" => (["drift", data, File("text.csv", "a,b\nq,x\nr,y\n")], "column 'a' is numeric"),
            "unknown-column-dataset" => (["drift", data, data, "--columns", "a,nope"], "'nope' not in the baseline " + data),
            "unknown-column-profile" => (["drift", Profile(data), data, "--columns", "nope"], "'nope' not in the baseline"),
            "not-a-profile" => (["drift", File("other.json", """{"format": "x"}"""), data], "not an Expectations profile"),
            "corrupt-parquet" => (["drift", data, File("bad.parquet", "not parquet at all")], "bad.parquet"),
            "missing-file" => (["drift", Path.Combine(_dir, "absent.csv"), data], "absent.csv"),
            "bad-value" => (["drift", data, File("bad-value.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},x\n")) + "oops,x\n")], "line 20002, column 'a'"),
            "output-under-a-file" => (["drift", data, data, "--output", Path.Combine(File("plain.txt", "a file"), "r.json")], "is a file, not a folder"),
            _ => (["drift", data, data, "--nope"], "--nope"),
        };

        var run = await CliRun.RunAsync(args);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput, run.Stdout + run.Stderr);
        run.Stdout.Should().BeEmpty("exit 2 writes no report");
        var line = run.Stderr.TrimEnd('\n').Split('\n').Should().ContainSingle("exit 2 is one line on stderr").Subject;
        line.Should().StartWith("expectations: error: ").And.Contain(mentions).And.NotContain("(Parameter '", "an ArgumentException's parameter name means nothing to a CLI user");
    }

    private string Profile(string data)
    {
        var path = Path.Combine(_dir, "p.json");
        CliRun.RunAsync("profile", data, "--output", path).GetAwaiter().GetResult().ExitCode.Should().Be(0);
        return path;
    }
}
