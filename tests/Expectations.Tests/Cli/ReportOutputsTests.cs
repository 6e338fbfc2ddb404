using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using Expectations.Cli;
using Expectations.Tests.Parquet;
using Expectations.Tests.Reporting.Renderers;
using global::Parquet.Schema;

namespace Expectations.Tests.Cli;

/// <summary>The CLI's report options: --format for every renderer, several report files in one run, exit codes.</summary>
public sealed class ReportOutputsTests : IDisposable
{
    private const string Suite = """
        {"name": "amounts", "expectations": [
          {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 100}},
          {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "label", "value_set": ["a", "b"]}, "severity": "warning"}
        ]}
        """;

    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private async Task<(string Suite, string Data)> InputsAsync(bool failing)
    {
        var suite = _files.PathOf("suite.json");
        await File.WriteAllTextAsync(suite, Suite);
        var amount = new DataField<double?>("amount");
        var label = new DataField<string>("label");
        double?[] amounts = failing ? [1, 250, null, -3] : [1, 2, null, 4];
        var data = await _files.WriteAsync("data.parquet", new ParquetSchema(amount, label), async rg =>
        {
            await rg.WriteAsync<double>(amount, amounts);
            await rg.WriteAsync(label, ["a", "b", "zzz", "b"]);
        });
        return (suite, data);
    }

    [Theory]
    [InlineData("markdown", "### ❌ FAILED: amounts on ")]
    [InlineData("junit", "<?xml version=\"1.0\" encoding=\"utf-8\"?>")]
    [InlineData("html", "<!DOCTYPE html>")]
    [InlineData("json", "{")]
    [InlineData("text", "FAILED  amounts on ")]
    public async Task Format_puts_that_report_alone_on_stdout(string format, string start)
    {
        var (suite, data) = await InputsAsync(failing: true);

        var run = await RunAsync("validate", "--suite", suite, data, "--format", format);

        run.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        run.Stderr.Should().BeEmpty();
        run.Stdout.Should().StartWith(start).And.NotContain("written to");
    }

    [Fact]
    public async Task Several_reports_in_one_run_each_in_its_format_and_the_text_summary_on_stdout()
    {
        var (suite, data) = await InputsAsync(failing: true);
        var folder = _files.PathOf("reports");
        Directory.CreateDirectory(folder);
        string Out(string name) => Path.Combine(folder, name);

        var run = await RunAsync("validate", "--suite", suite, data,
            "--output", Out("report.json"), "--junit", Out("junit.xml"), "--html", Out("report.html"), "--markdown", Out("summary.md"));

        run.ExitCode.Should().Be(ExitCodes.ValidationFailed, "the reports are written and the gate still closes");
        run.Stdout.Should().StartWith("FAILED  amounts").And.Contain("JSON report written to " + Out("report.json"))
            .And.Contain("JUnit XML written to " + Out("junit.xml")).And.Contain("HTML report written to " + Out("report.html"))
            .And.Contain("Markdown summary written to " + Out("summary.md"));
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(["report.json", "junit.xml", "report.html", "summary.md"], "no temporary file is left");

        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Out("report.json"))))
        {
            json.RootElement.GetProperty("success").GetBoolean().Should().BeFalse("--output report.json without --format is JSON by its extension");
        }

        var junit = await File.ReadAllTextAsync(Out("junit.xml"));
        JUnitSchema.Validate(junit).Should().BeEmpty();
        XDocument.Parse(junit).Descendants("failure").Should().ContainSingle();
        var html = HtmlReportTests.Parse(await File.ReadAllTextAsync(Out("report.html")));
        html.Descendants("h1").Single().Value.Should().Be("FAILEDamounts");
        (await File.ReadAllTextAsync(Out("summary.md"))).Should().StartWith("### ❌ FAILED: amounts on ").And.Contain("250 (row 1), -3 (row 3)");
    }

    [Fact]
    public async Task Fail_on_warning_reaches_every_report()
    {
        var (suite, data) = await InputsAsync(failing: false);
        var junit = _files.PathOf("junit.xml");
        var markdown = _files.PathOf("summary.md");

        var lenient = await RunAsync("validate", "--suite", suite, data, "--junit", junit, "--markdown", markdown);
        var lenientJunit = XDocument.Parse(await File.ReadAllTextAsync(junit));
        var lenientMarkdown = await File.ReadAllTextAsync(markdown);
        var strict = await RunAsync("validate", "--suite", suite, data, "--junit", junit, "--markdown", markdown, "--fail-on", "warning");

        lenient.ExitCode.Should().Be(ExitCodes.Success);
        lenientJunit.Descendants("failure").Should().BeEmpty();
        lenientMarkdown.Should().StartWith("### ✅ PASSED");
        strict.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        XDocument.Parse(await File.ReadAllTextAsync(junit)).Descendants("failure").Should().ContainSingle();
        (await File.ReadAllTextAsync(markdown)).Should().StartWith("### ❌ FAILED");
    }

    [Fact]
    public async Task Explicit_format_wins_over_the_output_extension()
    {
        var (suite, data) = await InputsAsync(failing: false);
        var output = _files.PathOf("report.json");

        var run = await RunAsync("validate", "--suite", suite, data, "--format", "markdown", "--output", output);

        run.ExitCode.Should().Be(ExitCodes.Success);
        (await File.ReadAllTextAsync(output)).Should().StartWith("### ✅ PASSED");
    }

    [Theory]
    [InlineData("r.xml", ReportFormat.JUnit)]
    [InlineData("r.HTML", ReportFormat.Html)]
    [InlineData("r.htm", ReportFormat.Html)]
    [InlineData("r.md", ReportFormat.Markdown)]
    [InlineData("r.json", ReportFormat.Json)]
    [InlineData("r.txt", ReportFormat.Text)]
    [InlineData("report", ReportFormat.Text)]
    internal void Output_format_follows_the_extension(string path, ReportFormat expected) =>
        ReportOutputs.FormatOfFile(path).Should().Be(expected);

    [Fact]
    public async Task Two_options_naming_one_file_exit_2_before_reading_data()
    {
        var (suite, _) = await InputsAsync(failing: false);
        var same = _files.PathOf("same.xml");

        var run = await RunAsync("validate", "--suite", suite, _files.PathOf("missing.parquet"), "--output", same, "--junit", same);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stderr.Should().Be($"expectations: error: --output and --junit both write '{same}'; give each output its own file\n".ReplaceLineEndings());
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Report_into_a_missing_folder_creates_it()
    {
        var (suite, data) = await InputsAsync(failing: false);

        var run = await RunAsync("validate", "--suite", suite, data, "--html", _files.PathOf("no/such/r.html"));

        run.ExitCode.Should().Be(ExitCodes.Success, run.Stderr);
        File.Exists(_files.PathOf("no/such/r.html")).Should().BeTrue();
    }

    [Fact]
    public async Task Report_under_a_file_instead_of_a_folder_exits_2_before_reading_data()
    {
        var (suite, _) = await InputsAsync(failing: false);
        await File.WriteAllTextAsync(_files.PathOf("plain.txt"), "not a folder");

        var run = await RunAsync("validate", "--suite", suite, _files.PathOf("missing.parquet"), "--html", _files.PathOf("plain.txt/r.html"));

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stderr.Should().StartWith("expectations: error: cannot write").And.Contain("is a file, not a folder").And.NotContain("missing.parquet");
    }

    [Fact]
    public void Exit_codes_are_named_in_the_help_summary_and_documented_in_docs_cli()
    {
        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (int)f.GetRawConstantValue()!).ToList();
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));
        var table = doc[doc.IndexOf("## Exit codes", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        codes.Should().HaveCount(5);
        foreach (var code in codes)
        {
            ExitCodes.Summary.Should().Contain($" {code} ");
            table.Should().Contain($"| `{code}` |");
        }

        System.Text.RegularExpressions.Regex.Matches(table, @"^\| `(\d+)` \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Should().BeEquivalentTo(codes, "the table documents exactly the codes the tool uses");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
