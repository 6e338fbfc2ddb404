using System.Text.Json;
using Expectations.Cli;

namespace Expectations.Tests.Cli;

/// <summary>CSV inputs of the CLI: dates stay strings as in pandas, and <c>--parse-dates</c> asks for timestamps.</summary>
public sealed class CsvCliTests : IDisposable
{
    private const string DateSuite = """
        {"name": "dates", "expectations": [
          {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "d", "regex": "^\\d{4}-\\d{2}-\\d{2}$"}},
          {"type": "expect_column_max_to_be_between", "kwargs": {"column": "d", "min_value": "2024-01-01"}}
        ]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("csv-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string Data() => Write("dates.csv", "n,d\n1,2024-01-31\n2,2024-02-29\n");

    private static JsonElement[] Results(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone())];
    }

    [Fact]
    public async Task Csv_dates_are_strings_unless_parse_dates_names_the_column()
    {
        var suite = Write("suite.json", DateSuite);

        var strings = await CliRun.RunAsync("validate", "--suite", suite, Data(), "--format", "json");
        strings.ExitCode.Should().Be(ExitCodes.Success, strings.Stdout + strings.Stderr);
        var asText = Results(strings.Stdout);
        asText[0].GetProperty("success").GetBoolean().Should().BeTrue("a regex applies to the date text");
        asText[1].GetProperty("result").GetProperty("observed_value").GetString().Should().Be("2024-02-29");

        var timestamps = await CliRun.RunAsync("validate", "--suite", suite, Data(), "--parse-dates", "d", "--format", "json");
        timestamps.ExitCode.Should().Be(ExitCodes.ValidationFailed, "a regex does not apply to a timestamp column");
        var asTime = Results(timestamps.Stdout);
        asTime[0].GetProperty("exception_info").GetProperty("raised_exception").GetBoolean().Should().BeTrue();
        asTime[1].GetProperty("success").GetBoolean().Should().BeTrue();
        asTime[1].GetProperty("result").GetProperty("observed_value").GetString().Should().Be("2024-02-29T00:00:00");
    }

    [Fact]
    public async Task Parse_dates_reads_every_named_column_and_applies_to_profile_drift_and_suggest()
    {
        var data = Write("two.csv", "a,b,c\n2024-01-01,2024-01-02T10:00:00,x\n");
        var suite = Write("types.json", """
            {"name": "t", "expectations": [
              {"type": "expect_column_values_to_be_of_type", "kwargs": {"column": "a", "type_": "datetime64"}},
              {"type": "expect_column_values_to_be_of_type", "kwargs": {"column": "b", "type_": "datetime64"}},
              {"type": "expect_column_values_to_be_of_type", "kwargs": {"column": "c", "type_": "str"}}
            ]}
            """);
        var run = await CliRun.RunAsync("validate", "--suite", suite, data, "--parse-dates", "a", "--parse-dates", "b,a");
        run.ExitCode.Should().Be(ExitCodes.Success, run.Stdout + run.Stderr);

        (await CliRun.RunAsync("profile", data, "--parse-dates", "a,b", "--output", Path.Combine(_dir, "p.json"))).ExitCode.Should().Be(ExitCodes.Success);
        (await CliRun.RunAsync("drift", data, data, "--parse-dates", "a")).ExitCode.Should().Be(ExitCodes.Success);
        (await CliRun.RunAsync("suggest", data, "--parse-dates", "a", "--output", Path.Combine(_dir, "s.json"))).ExitCode.Should().Be(ExitCodes.Success);
    }

    [Theory]
    [InlineData("e", "'e', not a column of")]
    [InlineData("d,,n", "empty column name")]
    public async Task Bad_parse_dates_is_bad_input_with_one_line(string value, string message)
    {
        var run = await CliRun.RunAsync("validate", "--suite", Write("suite.json", DateSuite), Data(), "--parse-dates", value);
        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public async Task A_date_that_does_not_parse_names_line_and_column()
    {
        var data = Write("bad.csv", "d\n2024-01-31\n2024-02-30\n");
        var run = await CliRun.RunAsync("validate", "--suite", Write("suite.json", DateSuite), data, "--parse-dates", "d");
        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("line 3").And.Contain("column 'd'").And.Contain("2024-02-30").And.Contain("--parse-dates");
    }

    [Fact]
    public async Task Parse_dates_on_parquet_is_bad_input()
    {
        var sample = Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", "transactions.parquet");
        var run = await CliRun.RunAsync("validate", "--suite", Write("suite.json", DateSuite), sample, "--parse-dates", "created_at");
        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("--parse-dates").And.Contain("Parquet");
    }
}
