using Expectations.Cli;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Json;

/// <summary>
/// Issue 16, the "smaller" list: what System.Text.Json reads without complaint but a suite must not hold is refused
/// at load with the JSON path (CLI exit 2): a key twice in one object (it used to be last-wins), a lone UTF-16
/// surrogate (it used to be an internal error, exit 3), a number beyond a double (1e400 used to become infinity).
/// </summary>
public sealed class SuiteValueCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-suite-values-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Suite(string kwargs, string meta = "{}") => $$"""
        {"name": "s", "meta": {{meta}}, "expectations": [
          {"type": "expect_column_values_to_be_between", "kwargs": {{kwargs}}}]}
        """;

    private static SuiteFormatException Refused(string json)
    {
        var act = () => SuiteJson.Parse(json);
        return act.Should().Throw<SuiteFormatException>().Which;
    }

    [Theory]
    [InlineData("""{"column": "x", "column": "y", "min_value": 1}""", "$.expectations[0].kwargs.column")]
    [InlineData("""{"column": "x", "min_value": 1, "min_value": 2}""", "$.expectations[0].kwargs.min_value")]
    public void A_key_twice_in_kwargs_is_refused_with_its_path(string kwargs, string path)
    {
        var error = Refused(Suite(kwargs));

        error.JsonPath.Should().Be(path);
        error.Message.Should().Contain("appears twice");
    }

    [Theory]
    [InlineData("expect_table_row_count_to_be_between", "min_value", "1e19")]
    [InlineData("expect_table_row_count_to_be_between", "max_value", "10000000000000000000")]
    [InlineData("expect_table_row_count_to_equal", "value", "1e19")]
    [InlineData("expect_column_value_lengths_to_be_between", "max_value", "-1e19")]
    public void A_count_beyond_64_bits_is_refused_with_its_path(string type, string kwarg, string number)
    {
        // It used to pass the argument check and fail later as an internal error (exit 3) naming no expectation.
        var column = type.StartsWith("expect_column", StringComparison.Ordinal) ? "\"column\": \"x\", " : "";
        var kwargs = "{" + column + "\"" + kwarg + "\": " + number + "}";
        var json = "{\"name\": \"s\", \"expectations\": [{\"type\": \"" + type + "\", \"kwargs\": " + kwargs + "}]}";
        var error = FluentActions.Invoking(() => SuiteJson.Parse(json)).Should().Throw<InvalidExpectationException>().Which;

        error.Arguments.Should().Equal(kwarg);
        error.Message.Should().StartWith(type + " at $.expectations[0]: " + kwarg + " must be at ");
        error.Message.Should().Contain(number.StartsWith('-') ? "-9223372036854775808" : "9223372036854775807");
    }

    [Fact]
    public void A_key_twice_anywhere_in_the_suite_is_refused_too()
    {
        Refused(Suite("""{"column": "x", "min_value": 1}""", """{"owner": "a", "owner": "b"}""")).JsonPath.Should().Be("$.meta.owner");
        Refused("""{"name": "a", "name": "b", "expectations": []}""").JsonPath.Should().Be("$.name");
    }

    [Fact]
    public void A_lone_surrogate_is_refused_with_its_path()
    {
        var error = Refused(Suite("""{"column": "x", "min_value": "\ud800", "max_value": 5}"""));

        error.JsonPath.Should().Be("$.expectations[0].kwargs.min_value");
        error.Message.Should().Contain("lone UTF-16 surrogate").And.Contain(@"\ud800");
    }

    [Fact]
    public void A_lone_surrogate_in_a_key_is_refused()
    {
        Refused(Suite("""{"column": "x", "\udc00": 1}""")).JsonPath.Should().Be("$.expectations[0].kwargs");
    }

    [Fact]
    public void A_surrogate_pair_is_a_character_and_loads()
    {
        var suite = SuiteJson.Parse(Suite("""{"column": "\ud83d\ude00", "min_value": 1}"""));

        suite.Expectations.OfType<ColumnValuesToBeBetween>().Single().Column.Should().Be("😀");
    }

    [Theory]
    [InlineData("1e400", "$.expectations[0].kwargs.min_value")]
    [InlineData("-1e400", "$.expectations[0].kwargs.min_value")]
    public void A_number_beyond_a_double_is_refused_not_infinity(string number, string path)
    {
        var error = Refused(Suite($$"""{"column": "x", "min_value": {{number}}}"""));

        error.JsonPath.Should().Be(path);
        error.Message.Should().Contain($"the number {number} is beyond the range of a double");
    }

    [Fact]
    public void An_integer_with_four_hundred_digits_is_refused_with_a_short_message()
    {
        var error = Refused(Suite($$"""{"column": "x", "max_value": {{new string('9', 400)}}}"""));

        error.JsonPath.Should().Be("$.expectations[0].kwargs.max_value");
        error.Message.Length.Should().BeLessThan(200);
    }

    [Fact]
    public void The_largest_doubles_and_exact_big_integers_still_load()
    {
        var suite = SuiteJson.Parse(Suite("""{"column": "x", "min_value": -1.7976931348623157e308, "max_value": 170141183460469231731687303715884105727}"""));

        var range = suite.Expectations.OfType<ColumnValuesToBeBetween>().Single();
        range.Bounds.MinValue!.Value.AsDouble().Should().Be(double.MinValue);
        range.Bounds.MaxValue!.Value.AsInt128().Should().Be(Int128.MaxValue);
    }

    [Theory]
    [InlineData("""{"column": "x", "min_value": "\ud800", "max_value": 5}""", "lone UTF-16 surrogate")]
    [InlineData("""{"column": "x", "column": "y", "min_value": 1}""", "appears twice")]
    [InlineData("""{"column": "x", "min_value": 1e400}""", "beyond the range of a double")]
    public async Task The_cli_exits_2_naming_the_file_and_path(string kwargs, string message)
    {
        var suite = Path.Combine(_dir, "suite.json");
        await File.WriteAllTextAsync(suite, Suite(kwargs));
        var data = Path.Combine(_dir, "data.csv");
        await File.WriteAllTextAsync(data, "x\n1\n");

        var run = await CliRun.RunAsync("validate", "--suite", suite, data);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput, run.Stderr);
        run.Stderr.Should().Contain("suite.json").And.Contain("$.expectations[0].kwargs").And.Contain(message);
    }
}
