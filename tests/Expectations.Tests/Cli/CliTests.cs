using System.Text.Json;
using Expectations.Cli;
using Expectations.Tests.Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private const string BetweenSuite = """
        {"name": "amounts", "expectations": [
          {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 100}},
          {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "label", "value_set": ["a", "b"]}, "severity": "warning"}
        ]}
        """;

    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private string Suite(string json, string name = "suite.json")
    {
        var path = _files.PathOf(name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A Parquet file with a double column "amount" and a string column "label", in two row groups.</summary>
    private async Task<string> DataAsync(double?[] amounts, string[] labels)
    {
        var amount = new DataField<double?>("amount");
        var label = new DataField<string>("label");
        var half = amounts.Length / 2;
        return await _files.WriteAsync("data.parquet", new ParquetSchema(amount, label),
            async rg =>
            {
                await rg.WriteAsync<double>(amount, amounts.AsMemory(0, half));
                await rg.WriteAsync(label, labels[..half]);
            },
            async rg =>
            {
                await rg.WriteAsync<double>(amount, amounts.AsMemory(half));
                await rg.WriteAsync(label, labels[half..]);
            });
    }

    private Task<string> GoodDataAsync() => DataAsync([1, 2, null, 4], ["a", "b", "a", "b"]);

    private static void ShouldBeOneErrorLine(CliRun run, params string[] fragments)
    {
        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        var lines = run.Stderr.TrimEnd().Split('\n');
        lines.Should().ContainSingle("bad input gets one line on stderr, never a stack trace");
        lines[0].Should().StartWith("expectations: error: ");
        foreach (var fragment in fragments)
        {
            lines[0].Should().Contain(fragment);
        }

        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Passing_data_exits_0_and_prints_the_text_report()
    {
        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), await GoodDataAsync());

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Stderr.Should().BeEmpty();
        run.Stdout.Should().StartWith("PASSED  amounts on ").And.Contain("4 rows").And.Contain("PASS    error   expect_column_values_to_be_between");
        run.Stdout.Should().NotContain("\u001b[", "colours are off unless the terminal asks for them");
    }

    [Fact]
    public async Task Failing_error_expectation_exits_1_and_names_values_and_rows()
    {
        var data = await DataAsync([1, 250, null, -3], ["a", "b", "a", "b"]);

        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), data);

        run.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        run.Stdout.Should().StartWith("FAILED").And.Contain("FAIL    error   expect_column_values_to_be_between  amount")
            .And.Contain("2 of 3 values unexpected").And.Contain("250 (row 1)").And.Contain("-3 (row 3)");
    }

    [Fact]
    public async Task Failing_warning_exits_0_unless_fail_on_warning()
    {
        var data = await DataAsync([1, 2, 3, 4], ["a", "zzz", "a", "b"]);
        var suite = Suite(BetweenSuite);

        var lenient = await RunAsync("validate", "--suite", suite, data);
        var strict = await RunAsync("validate", "--suite", suite, data, "--fail-on", "warning");

        lenient.ExitCode.Should().Be(ExitCodes.Success);
        lenient.Stdout.Should().StartWith("PASSED").And.Contain("WARN    warning expect_column_values_to_be_in_set");
        strict.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        strict.Stdout.Should().StartWith("FAILED");
    }

    [Fact]
    public async Task Suite_with_a_bad_kwarg_exits_2_naming_the_json_path()
    {
        var suite = Suite("""{"name": "s", "expectations": [{"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "mostly": "high"}}]}""");

        var run = await RunAsync("validate", "--suite", suite, await GoodDataAsync());

        ShouldBeOneErrorLine(run, "$.expectations[0].kwargs.mostly", "suite.json");
    }

    [Fact]
    public async Task Malformed_suite_json_exits_2_with_the_line()
    {
        var suite = Suite("{\"name\": \"s\",\n \"expectations\": [\n  {\"type\": }\n]}");

        var run = await RunAsync("validate", "--suite", suite, await GoodDataAsync());

        ShouldBeOneErrorLine(run, "malformed JSON at line 3");
    }

    [Fact]
    public async Task Unknown_expectation_type_exits_2_with_the_closest_names()
    {
        var suite = Suite("""{"name": "s", "expectations": [{"type": "expect_column_values_to_be_betwen", "kwargs": {"column": "amount"}}]}""");

        var run = await RunAsync("validate", "--suite", suite, await GoodDataAsync());

        ShouldBeOneErrorLine(run, "unknown expectation type 'expect_column_values_to_be_betwen'", "expect_column_values_to_be_between", "$.expectations[0].type");
    }

    [Fact]
    public async Task Missing_suite_file_exits_2_naming_it()
    {
        var run = await RunAsync("validate", "--suite", _files.PathOf("nope.json"), await GoodDataAsync());

        ShouldBeOneErrorLine(run, "nope.json", "does not exist");
    }

    [Fact]
    public async Task Missing_data_file_exits_2_naming_it()
    {
        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), _files.PathOf("missing.parquet"));

        ShouldBeOneErrorLine(run, "missing.parquet", "does not exist");
    }

    [Fact]
    public async Task Corrupt_parquet_exits_2_naming_the_file()
    {
        var path = _files.PathOf("corrupt.parquet");
        await File.WriteAllBytesAsync(path, [.. "PAR1"u8, .. Enumerable.Repeat((byte)0x5A, 200), .. "PAR1"u8]);

        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), path);

        ShouldBeOneErrorLine(run, "corrupt.parquet");
    }

    [Fact]
    public async Task Csv_data_is_read_by_extension()
    {
        var path = _files.PathOf("data.csv");
        await File.WriteAllTextAsync(path, "amount,label\n1.5,a\n500,b\n,a\n");

        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), path);

        run.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        run.Stdout.Should().Contain("data.csv").And.Contain("500 (row 1)");
    }

    [Fact]
    public async Task Output_writes_gx_json_atomically_and_stdout_still_shows_the_text_report()
    {
        var report = _files.PathOf("out/report.json");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        await File.WriteAllTextAsync(report, "stale");

        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), await GoodDataAsync(), "--format", "json", "--output", report);

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Stdout.Should().StartWith("PASSED").And.Contain("report.json");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var root = doc.RootElement;
        root.GetProperty("success").GetBoolean().Should().BeTrue();
        root.GetProperty("statistics").GetProperty("evaluated_expectations").GetInt32().Should().Be(2);
        var result = root.GetProperty("results")[0];
        result.GetProperty("expectation_config").GetProperty("type").GetString().Should().Be("expect_column_values_to_be_between");
        result.GetProperty("result").GetProperty("element_count").GetInt64().Should().Be(4);
        result.GetProperty("exception_info").GetProperty("raised_exception").GetBoolean().Should().BeFalse();
        root.GetProperty("meta").GetProperty("row_count").GetInt64().Should().Be(4);
        Directory.GetFiles(Path.GetDirectoryName(report)!).Should().ContainSingle("the temporary file is renamed over the target");
    }

    [Fact]
    public async Task Output_into_a_missing_folder_creates_the_folder()
    {
        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), await GoodDataAsync(), "--output", _files.PathOf("no/such/dir/r.txt"));

        run.ExitCode.Should().Be(ExitCodes.Success, run.Stderr);
        File.ReadAllText(_files.PathOf("no/such/dir/r.txt")).Should().StartWith("PASSED");
    }

    [Fact]
    public async Task Format_json_goes_to_stdout()
    {
        var data = await DataAsync([1, 250, null, -3], ["a", "b", "a", "b"]);

        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), data, "--format", "json");

        run.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        using var doc = JsonDocument.Parse(run.Stdout);
        var result = doc.RootElement.GetProperty("results")[0].GetProperty("result");
        result.GetProperty("unexpected_count").GetInt64().Should().Be(2);
        result.GetProperty("partial_unexpected_index_list").EnumerateArray().Select(i => i.GetInt64()).Should().Equal(1, 3);
        doc.RootElement.GetProperty("meta").GetProperty("result_format").GetString().Should().Be("SUMMARY");
    }

    [Fact]
    public async Task Result_format_boolean_only_leaves_only_success()
    {
        var data = await DataAsync([1, 250, null, -3], ["a", "b", "a", "b"]);

        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), data, "--format", "json", "--result-format", "BOOLEAN_ONLY");

        run.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        using var doc = JsonDocument.Parse(run.Stdout);
        doc.RootElement.GetProperty("meta").GetProperty("result_format").GetString().Should().Be("BOOLEAN_ONLY");
        var first = doc.RootElement.GetProperty("results")[0];
        first.GetProperty("success").GetBoolean().Should().BeFalse();
        first.GetProperty("result").EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Result_format_complete_lists_every_unexpected_row()
    {
        var data = await DataAsync([1, 250, null, -3], ["a", "b", "a", "b"]);

        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), data, "--format", "json", "--result-format", "complete");

        using var doc = JsonDocument.Parse(run.Stdout);
        doc.RootElement.GetProperty("results")[0].GetProperty("result").GetProperty("unexpected_index_list")
            .EnumerateArray().Select(i => i.GetInt64()).Should().Equal(1, 3);
    }

    [Theory]
    [InlineData("--format", "xml", "xml")]
    [InlineData("--result-format", "EVERYTHING", "EVERYTHING")]
    [InlineData("--fail-on", "info", "info")]
    public async Task Bad_option_values_exit_2_with_one_line(string option, string value, string named)
    {
        var run = await RunAsync("validate", "--suite", Suite(BetweenSuite), await GoodDataAsync(), option, value);

        ShouldBeOneErrorLine(run, named, "expectations validate --help");
    }

    [Fact]
    public async Task Missing_suite_option_exits_2()
    {
        var run = await RunAsync("validate", await GoodDataAsync());

        ShouldBeOneErrorLine(run, "--suite");
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        var run = await RunAsync("validate", "--help");

        run.ExitCode.Should().Be(0);
        run.Stdout.Should().Contain("--suite").And.Contain("--result-format").And.Contain("DATA");
    }

    [Fact]
    public async Task Shipped_sample_fails_on_its_planted_problems()
    {
        var root = RepositoryRoot();

        var run = await RunAsync("validate", "--suite", Path.Combine(root, "samples", "transactions.suite.json"), Path.Combine(root, "samples", "transactions.parquet"));

        run.ExitCode.Should().Be(ExitCodes.ValidationFailed, run.Stderr);
        run.Stdout.Should().StartWith("FAILED  transactions on ").And.Contain("5,000 rows")
            .And.Contain("\"unknown\"").And.Contain("2031-").And.MatchRegex(@"WARN +warning +expect_column_values_to_be_in_set +country")
            .And.MatchRegex(@"FAIL +error +expect_column_values_to_be_unique +transaction_id");
    }

    [Fact]
    public async Task Shipped_sample_csv_gives_the_same_verdicts_as_the_parquet()
    {
        var root = RepositoryRoot();
        var suite = Path.Combine(root, "samples", "transactions.suite.json");

        var parquet = await RunAsync("validate", "--suite", suite, Path.Combine(root, "samples", "transactions.parquet"), "--format", "json");
        var csv = await RunAsync("validate", "--suite", suite, Path.Combine(root, "samples", "transactions.csv"), "--format", "json");

        csv.ExitCode.Should().Be(parquet.ExitCode);
        Verdicts(csv.Stdout).Should().Equal(Verdicts(parquet.Stdout));

        static List<(bool, long?)> Verdicts(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return [.. doc.RootElement.GetProperty("results").EnumerateArray().Select(r => (
                r.GetProperty("success").GetBoolean(),
                r.GetProperty("result").TryGetProperty("unexpected_count", out var n) ? n.GetInt64() : (long?)null))];
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Expectations.sln) is not above the test binaries.");
    }
}
