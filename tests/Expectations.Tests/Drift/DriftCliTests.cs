using System.Globalization;
using System.Text;
using System.Text.Json;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Drift;

public sealed class DriftCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drift-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    /// <summary>A CSV with a numeric column "amount" (uniform from <paramref name="shift"/>), a string "label" and an id.</summary>
    private string Csv(string name, double shift, int rows = 2000, int seed = 1, bool textAmount = false)
    {
        var random = new Random(seed);
        var sb = new StringBuilder("id,amount,label\n");
        for (var i = 0; i < rows; i++)
        {
            var amount = textAmount ? "v" + i : (shift + (random.NextDouble() * 100)).ToString("0.###", CultureInfo.InvariantCulture);
            var label = i % 10 == 0 ? "" : (random.Next(0, 3) == 0 ? "red" : "blue");
            sb.Append(CultureInfo.InvariantCulture, $"{i},{amount},{label}\n");
        }

        var path = Path(name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public async Task Profile_writes_json_and_a_self_contained_html_page()
    {
        var data = Csv("train.csv", 0);
        var run = await RunAsync("profile", data, "--output", Path("p.json"), "--html", Path("p.html"));
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("Profiled 2,000 rows, 3 columns").And.Contain("alert: id: all unique");
        var profile = DatasetProfile.Load(Path("p.json"));
        profile.Column("amount")!.ValueCount.Should().Be(2000);
        var html = await File.ReadAllTextAsync(Path("p.html"));
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<svg").And.Contain("Alerts").And.Contain("amount");
        html.Should().NotContain("http://").And.NotContain("https://").And.NotContain("<script").And.NotContain("src=");
    }

    [Fact]
    public async Task Drift_against_a_profile_exits_0_without_drift_and_1_with_drift_and_reports_json()
    {
        (await RunAsync("profile", Csv("train.csv", 0), "--output", Path("p.json"))).ExitCode.Should().Be(0);
        var same = await RunAsync("drift", Path("p.json"), Csv("same.csv", 0, seed: 2), "--columns", "amount,label");
        same.ExitCode.Should().Be(0, same.Stdout + same.Stderr);
        same.Stdout.Should().Contain("no drift");

        var drifted = await RunAsync("drift", Path("p.json"), Csv("shifted.csv", 30, seed: 3), "--format", "json", "--output", Path("drift.json"));
        drifted.ExitCode.Should().Be(1, drifted.Stderr);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path("drift.json")));
        var columns = doc.RootElement.GetProperty("columns");
        columns[0].GetProperty("column").GetString().Should().Be("amount", "the drifted column comes first");
        var tests = columns[0].GetProperty("tests").EnumerateArray().ToDictionary(t => t.GetProperty("method").GetString()!);
        tests.Keys.Should().Contain(["ks", "psi", "js", "wasserstein", "missing_rate"]);
        tests["ks"].GetProperty("drifted").GetBoolean().Should().BeTrue();
        tests["ks"].GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        tests["psi"].GetProperty("threshold").GetDouble().Should().Be(0.2);
        var label = columns.EnumerateArray().Single(c => c.GetProperty("column").GetString() == "label");
        label.GetProperty("kind").GetString().Should().Be("string");
        label.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("method").GetString()).Should().Contain(["linf", "chi2"]);
    }

    [Fact]
    public async Task Drift_between_two_datasets_in_exact_mode_and_html()
    {
        var run = await RunAsync("drift", Csv("a.csv", 0), Csv("b.csv", 0, seed: 9), "--exact", "--format", "html");
        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().StartWith("<!DOCTYPE html>").And.Contain("No drift");
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_line()
    {
        (await RunAsync("profile", Csv("train.csv", 0), "--output", Path("p.json"))).ExitCode.Should().Be(0);
        var mismatch = await RunAsync("drift", Path("p.json"), Csv("text.csv", 0, textAmount: true));
        mismatch.ExitCode.Should().Be(2);
        mismatch.Stderr.Should().Contain("column 'amount' is numeric").And.Contain("string").And.Contain("text.csv");
        mismatch.Stderr.Trim().Split('\n').Should().ContainSingle("exit 2 is one error line");
        mismatch.Stdout.Should().BeEmpty("exit 2 writes no report");

        var missing = await RunAsync("drift", Path("nope.json"), Csv("b.csv", 0));
        missing.ExitCode.Should().Be(2);
        missing.Stderr.Should().Contain("does not exist");

        await File.WriteAllTextAsync(Path("bad.json"), """{"format": "something else"}""");
        var bad = await RunAsync("drift", Path("bad.json"), Csv("b.csv", 0));
        bad.ExitCode.Should().Be(2);
        bad.Stderr.Should().Contain("not an Expectations profile");

        var unknownColumn = await RunAsync("drift", Path("p.json"), Csv("b.csv", 0), "--columns", "amout");
        unknownColumn.ExitCode.Should().Be(2);
        unknownColumn.Stderr.Should().Contain("'amout' not in the baseline");

        var noData = await RunAsync("profile", Path("absent.csv"), "--output", Path("x.json"));
        noData.ExitCode.Should().Be(2);
        noData.Stderr.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public async Task A_file_without_rows_is_bad_input_one_stderr_line_and_no_report()
    {
        var empty = Path("empty.csv");
        await File.WriteAllTextAsync(empty, "id,amount,label\n");

        foreach (var args in new[] { new[] { "drift", empty, empty }, ["drift", empty, empty, "--format", "json"], ["drift", empty, empty, "--output", Path("drift.json")] })
        {
            var run = await RunAsync(args);
            run.ExitCode.Should().Be(2, string.Join(' ', args));
            run.Stdout.Should().BeEmpty("exit 2 writes no report ({0})", string.Join(' ', args));
            run.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("expectations: error: ")
                .And.Contain("empty.csv").And.Contain("has no rows");
        }

        File.Exists(Path("drift.json")).Should().BeFalse("no report file is written for bad input");

        (await RunAsync("profile", Csv("train.csv", 0), "--output", Path("p.json"))).ExitCode.Should().Be(0);
        var noCurrentRows = await RunAsync("drift", Path("p.json"), empty);
        noCurrentRows.ExitCode.Should().Be(2);
        noCurrentRows.Stdout.Should().BeEmpty();
        noCurrentRows.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("the current data").And.Contain("empty.csv").And.Contain("has no rows");
    }

    [Fact]
    public async Task Profile_output_that_cannot_be_written_is_bad_input_before_anything_is_written()
    {
        var data = Csv("train.csv", 0);
        await File.WriteAllTextAsync(Path("a-file"), "a file where a folder should be");
        var badHtml = await RunAsync("profile", data, "--output", Path("p.json"), "--html", Path("a-file/p.html"));
        badHtml.ExitCode.Should().Be(2);
        badHtml.Stdout.Should().BeEmpty("exit 2 writes nothing to stdout");
        badHtml.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("a-file").And.Contain("is a file, not a folder");
        File.Exists(Path("p.json")).Should().BeFalse("the outputs are checked before the profile is written");

        var twice = await RunAsync("profile", data, "--output", Path("same.json"), "--html", Path("same.json"));
        twice.ExitCode.Should().Be(2);
        twice.Stdout.Should().BeEmpty();
        twice.Stderr.Should().Contain("--output and --html both write");

        var suggest = await RunAsync("suggest", data, "--output", Path("a-file/suite.json"));
        suggest.ExitCode.Should().Be(2);
        suggest.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Suggested_suite_passes_on_the_data_it_came_from()
    {
        var data = Csv("train.csv", -5, rows: 6000);
        var run = await RunAsync("suggest", data, "--output", Path("suite.json"));
        run.ExitCode.Should().Be(0, run.Stderr);
        var suite = await File.ReadAllTextAsync(Path("suite.json"));
        suite.Should().Contain("expect_column_values_to_be_unique").And.Contain("expect_column_values_to_be_between")
            .And.Contain("expect_column_values_to_be_in_set").And.Contain("expect_column_distribution_to_not_drift")
            .And.Contain("expect_column_values_to_not_be_null");
        var validate = await RunAsync("validate", "--suite", Path("suite.json"), data);
        validate.ExitCode.Should().Be(0, validate.Stdout);

        var shifted = await RunAsync("validate", "--suite", Path("suite.json"), Csv("shifted.csv", 40, rows: 6000, seed: 4));
        shifted.ExitCode.Should().Be(1, "a shifted dataset leaves the suggested range and drifts");
    }

    [Fact]
    public async Task Suggested_suite_passes_on_skewed_data_past_the_exact_sketch_size()
    {
        // The shipped sample: 5,000 rows (past the 4,096 values kept exactly) with a 12,500,000 outlier in amount.
        var sample = System.IO.Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", "transactions.parquet");
        var run = await RunAsync("suggest", sample, "--output", Path("sample-suite.json"));
        run.ExitCode.Should().Be(0, run.Stderr);
        var validate = await RunAsync("validate", "--suite", Path("sample-suite.json"), sample);
        validate.ExitCode.Should().Be(0, validate.Stdout);
    }
}
