using System.Text.Json;
using Expectations.Cli;
using Expectations.Tests.Parquet;

namespace Expectations.Tests.Cli;

/// <summary><c>expectations validate --param NAME=VALUE</c>: suite parameters from the command line.</summary>
public sealed class SuiteParameterCliTests : IDisposable
{
    private const string ParameterSuite = """
        {"name": "limits", "expectations": [
          {"type": "expect_column_values_to_be_between",
           "kwargs": {"column": "amount", "min_value": 0, "max_value": {"$PARAMETER": "max_amount"}}}
        ]}
        """;

    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private string Write(string name, string content)
    {
        var path = _files.PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    private string Data() => Write("data.csv", "amount\n10\n250\n40\n");

    private Task<CliRun> ValidateAsync(params string[] extra) =>
        RunAsync(["validate", "--suite", Write("suite.json", ParameterSuite), Data(), .. extra]);

    [Fact]
    public async Task The_same_suite_passes_or_fails_depending_on_the_parameter()
    {
        (await ValidateAsync("--param", "max_amount=300")).ExitCode.Should().Be(ExitCodes.Success);
        (await ValidateAsync("--param", "max_amount=100")).ExitCode.Should().Be(ExitCodes.ValidationFailed);
        (await ValidateAsync("-p", "max_amount=250.0")).ExitCode.Should().Be(ExitCodes.Success);
    }

    [Fact]
    public async Task The_report_shows_the_resolved_value()
    {
        var run = await ValidateAsync("--param", "max_amount=100", "--format", "json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var result = doc.RootElement.GetProperty("results")[0];
        result.GetProperty("expectation_config").GetProperty("kwargs").GetProperty("max_value").GetInt64().Should().Be(100);
        result.GetProperty("result").GetProperty("unexpected_count").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Repeated_params_feed_several_parameters_and_expressions()
    {
        var suite = Write("two.json", """
            {"name": "two", "expectations": [
              {"type": "expect_column_values_to_be_between",
               "kwargs": {"column": "amount", "min_value": {"$PARAMETER": "low"}, "max_value": {"$PARAMETER": "low + 300"}}}
            ]}
            """);
        (await RunAsync("validate", "--suite", suite, Data(), "--param", "low=10", "--param", "unused=x")).ExitCode.Should().Be(ExitCodes.Success);
        (await RunAsync("validate", "--suite", suite, Data(), "--param", "low=11")).ExitCode.Should().Be(ExitCodes.ValidationFailed);
    }

    [Fact]
    public async Task A_missing_parameter_fails_that_expectation_and_says_how_to_pass_it()
    {
        var run = await ValidateAsync("--format", "json");
        run.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        using var doc = JsonDocument.Parse(run.Stdout);
        doc.RootElement.GetProperty("results")[0].GetProperty("exception_info").GetProperty("exception_message").GetString()
            .Should().Contain("max_amount").And.Contain("--param");
    }

    [Theory]
    [InlineData("max_amount", "must be NAME=VALUE")]
    [InlineData("=5", "has no name")]
    [InlineData("1st=5", "'1st' is not a parameter name")]
    [InlineData("max-amount=5", "'max-amount' is not a parameter name")]
    public async Task A_malformed_param_is_one_error_line_and_exit_code_2(string param, string message)
    {
        var run = await ValidateAsync("--param", param);
        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stdout.Should().BeEmpty();
        var lines = run.Stderr.TrimEnd().Split('\n');
        lines.Should().ContainSingle();
        lines[0].Should().StartWith("expectations: error: ").And.Contain(message).And.Contain(param);
    }

    [Fact]
    public async Task A_parameter_given_twice_is_an_error()
    {
        var run = await ValidateAsync("--param", "max_amount=1", "--param", "max_amount=2");
        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Stderr.Should().Contain("given twice");
    }

    [Theory]
    [InlineData("18446744073709551615", ScalarKind.Integer, "18446744073709551615")]
    [InlineData("9007199254740993", ScalarKind.Integer, "9007199254740993")]
    [InlineData("42", ScalarKind.Integer, "42")]
    [InlineData("-7", ScalarKind.Integer, "-7")]
    [InlineData("2.5", ScalarKind.Number, "2.5")]
    [InlineData("1e3", ScalarKind.Integer, "1000")]
    [InlineData("true", ScalarKind.Boolean, "true")]
    [InlineData("FALSE", ScalarKind.Boolean, "false")]
    [InlineData("2024-03-01", ScalarKind.String, "\"2024-03-01\"")]
    [InlineData("2024-03-01T10:30:00", ScalarKind.String, "\"2024-03-01T10:30:00\"")]
    [InlineData("2024-03-01T10:30:00+02:00", ScalarKind.String, "\"2024-03-01T08:30:00\"")]
    [InlineData("hello world", ScalarKind.String, "\"hello world\"")]
    [InlineData("\"007\"", ScalarKind.String, "\"007\"")]
    [InlineData("NaN", ScalarKind.String, "\"NaN\"")]
    [InlineData("1,5", ScalarKind.String, "\"1,5\"")]
    [InlineData("", ScalarKind.String, "\"\"")]
    [InlineData("a=b", ScalarKind.String, "\"a=b\"")]
    public void Values_are_typed_from_their_text(string text, ScalarKind kind, string json)
    {
        SuiteParameterArgument.TryParse("p=" + text, out var name, out var value, out var error).Should().BeTrue(error);
        name.Should().Be("p");
        value.Kind.Should().Be(kind);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be(json);
    }

    [Fact]
    public async Task A_parameter_in_an_integer_kwarg_sets_the_expected_row_count()
    {
        var suite = Write("rows.json", """
            {"name": "rows", "expectations": [
              {"type": "expect_table_row_count_to_equal", "kwargs": {"value": {"$PARAMETER": "expected_rows"}}},
              {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": {"$PARAMETER": "expected_rows - 1"}, "max_value": {"$PARAMETER": "expected_rows + 1"}}}
            ]}
            """);

        (await RunAsync("validate", "--suite", suite, Data(), "--param", "expected_rows=3")).ExitCode.Should().Be(ExitCodes.Success);
        (await RunAsync("validate", "--suite", suite, Data(), "--param", "expected_rows=5")).ExitCode.Should().Be(ExitCodes.ValidationFailed);

        var wrongType = await RunAsync("validate", "--suite", suite, Data(), "--param", "expected_rows=three", "--format", "json");
        wrongType.ExitCode.Should().Be(ExitCodes.ValidationFailed, "a resolved value of the wrong type is that result's error, not bad input");
        using var doc = JsonDocument.Parse(wrongType.Stdout);
        var message = doc.RootElement.GetProperty("results")[0].GetProperty("exception_info").GetProperty("exception_message").GetString();
        message.Should().Contain("value").And.Contain("whole number").And.Contain("expected_rows");
    }

    [Fact]
    public async Task A_date_parameter_takes_part_in_date_arithmetic()
    {
        var suite = Write("dates.json", """
            {"name": "dates", "expectations": [
              {"type": "expect_column_values_to_be_between",
               "kwargs": {"column": "day", "min_value": {"$PARAMETER": "start"}, "max_value": {"$PARAMETER": "start + timedelta(days=7)"}}}
            ]}
            """);
        // CSV dates are strings unless asked for, as in pandas: --parse-dates makes "day" a timestamp column.
        var data = Write("days.csv", "day\n2024-03-02\n2024-03-05\n");
        (await RunAsync("validate", "--suite", suite, data, "--parse-dates", "day", "--param", "start=2024-03-01")).ExitCode.Should().Be(ExitCodes.Success);
        (await RunAsync("validate", "--suite", suite, data, "--parse-dates", "day", "--param", "start=2024-03-03")).ExitCode.Should().Be(ExitCodes.ValidationFailed);
    }
}
