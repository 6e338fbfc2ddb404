using System.Text.Json;
using Expectations.Cli;

namespace Expectations.Tests.Cli;

/// <summary>The <c>splits</c> verb over samples/ml, whose planted leakage is listed in samples/Expectations.Samples.Generator/MlSplitGenerator.cs.</summary>
public class SplitsCliTests
{
    private static string Ml(string file) => Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", "ml", file);

    private static string[] All(params string[] more) =>
        ["splits", "--train", Ml("train.parquet"), "--validation", Ml("validation.parquet"), "--test", Ml("test.parquet"), .. more];

    private static JsonElement Result(JsonElement report, string type, string split, string other) =>
        report.GetProperty("results").EnumerateArray().Single(r =>
            r.GetProperty("expectation_config").GetProperty("type").GetString() == type
            && r.GetProperty("expectation_config").GetProperty("meta").GetProperty("split").GetString() == split
            && r.GetProperty("expectation_config").GetProperty("meta").GetProperty("other_split").GetString() == other);

    [Fact]
    public async Task The_sample_splits_report_every_planted_leak_and_exit_1()
    {
        var run = await CliRun.RunAsync(All("--time-column", "ts", "--gap", "P7D", "--key", "user_id", "--text-column", "body", "--format", "json"));
        run.ExitCode.Should().Be(ExitCodes.ValidationFailed, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var report = doc.RootElement;
        report.GetProperty("results").GetArrayLength().Should().Be(9, "three checks for each of three ordered pairs");

        var trainTest = Result(report, "expect_table_time_range_to_precede_other_table", "train", "test").GetProperty("result");
        trainTest.GetProperty("partial_unexpected_index_list").EnumerateArray().Select(x => x.GetInt64()).Should().Equal(40, 41);
        var validationTest = Result(report, "expect_table_time_range_to_precede_other_table", "validation", "test").GetProperty("result");
        validationTest.GetProperty("partial_unexpected_index_list").EnumerateArray().Select(x => x.GetInt64()).Should().Equal(10);
        validationTest.GetProperty("details").GetProperty("other_unexpected_count").GetInt64().Should().BeGreaterThan(0);

        var users = Result(report, "expect_column_values_to_not_be_in_other_table", "validation", "test").GetProperty("result");
        users.GetProperty("partial_unexpected_index_list").EnumerateArray().Select(x => x.GetInt64()).Should().Equal(6);
        var leaked = users.GetProperty("details").GetProperty("leaked_keys")[0];
        leaked.GetProperty("other_rows").GetInt64().Should().Be(2, "test rows 3 and 4 carry the user of validation row 6");
        leaked.GetProperty("other_first_row").GetInt64().Should().Be(3);

        var texts = Result(report, "expect_column_values_to_not_have_near_duplicates_in_other_table", "train", "test").GetProperty("result");
        texts.GetProperty("partial_unexpected_index_list").EnumerateArray().Select(x => x.GetInt64()).Should().Equal(100, 101, 102, 103);
        var pairs = texts.GetProperty("details").GetProperty("pairs").EnumerateArray().Select(p => (p.GetProperty("row").GetInt64(), p.GetProperty("other_row").GetInt64())).ToList();
        pairs.Should().BeEquivalentTo(new[] { (100L, 20L), (101L, 21L), (102L, 22L), (103L, 23L) });
        Result(report, "expect_column_values_to_not_have_near_duplicates_in_other_table", "validation", "test").GetProperty("success").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Splits_without_leakage_exit_0_and_a_split_against_itself_leaks_every_row()
    {
        var pass = await CliRun.RunAsync("splits", "--train", Ml("validation.parquet"), "--test", Ml("test.parquet"), "--text-column", "body");
        pass.ExitCode.Should().Be(ExitCodes.Success, pass.Stdout + pass.Stderr);

        var itself = await CliRun.RunAsync("splits", "--train", Ml("validation.parquet"), "--test", Ml("validation.parquet"), "--key", "label,user_id,ts,body", "--format", "json");
        itself.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        using var doc = JsonDocument.Parse(itself.Stdout);
        doc.RootElement.GetProperty("results")[0].GetProperty("result").GetProperty("unexpected_count").GetInt64().Should().Be(100);
    }

    [Fact]
    public async Task A_key_missing_from_a_split_is_that_result_s_error()
    {
        var run = await CliRun.RunAsync("splits", "--train", Ml("train.parquet"), "--test", Ml("labels.parquet"), "--key", "user_id");
        run.ExitCode.Should().Be(ExitCodes.ValidationFailed);
        run.Stdout.Should().Contain("Column 'user_id' is not in the other table 'test'");
    }

    [Theory]
    [InlineData(new[] { "splits", "--train", "x.parquet", "--key", "user_id" }, "give --validation or --test")]
    [InlineData(new[] { "splits", "--train", "x.parquet", "--test", "y.parquet" }, "nothing to check")]
    [InlineData(new[] { "splits", "--train", "x.parquet", "--test", "y.parquet", "--key", "id", "--gap", "P7D" }, "--gap needs --time-column")]
    [InlineData(new[] { "splits", "--train", "x.parquet", "--test", "y.parquet", "--time-column", "ts", "--gap", "1 week" }, "--gap")]
    [InlineData(new[] { "splits", "--train", "x.parquet", "--test", "y.parquet", "--text-column", "b", "--threshold", "1.5" }, "--threshold")]
    [InlineData(new[] { "splits", "--train", "x.parquet", "--test", "y.parquet", "--key", "id" }, "does not exist")]
    public async Task Bad_input_exits_2_with_one_line(string[] args, string message)
    {
        var run = await CliRun.RunAsync(args);
        run.ExitCode.Should().Be(ExitCodes.InvalidInput, run.Stdout);
        run.Stderr.Should().Contain(message);
        run.Stderr.Trim().Split('\n').Should().ContainSingle();
    }
}
