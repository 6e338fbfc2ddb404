using Expectations.Cli;

namespace Expectations.Tests.Cli;

public class OtherTableCliTests
{
    private static string Sample(string file) => Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", file);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        return (run.ExitCode, run.Stdout, run.Stderr);
    }

    private static string Suite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"other-table-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"name": "s", "expectations": [{"type": "expect_table_row_count_to_equal_other_table", "kwargs": {"other_table_name": "reference"}}]}""");
        return path;
    }

    [Fact]
    public async Task The_other_table_is_opened_from_its_path_and_compared()
    {
        var same = await Run("validate", "--suite", Suite(), Sample("transactions.parquet"), "--other-table", $"reference={Sample("transactions.csv")}");
        same.Code.Should().Be(ExitCodes.Success, same.Err + same.Out);
    }

    [Fact]
    public async Task A_missing_other_table_fails_the_expectation_naming_it()
    {
        var missing = await Run("validate", "--suite", Suite(), Sample("transactions.parquet"));
        missing.Code.Should().Be(ExitCodes.ValidationFailed);
        missing.Out.Should().Contain("reference");
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("=x.parquet")]
    public async Task A_malformed_other_table_is_bad_input(string value)
    {
        var bad = await Run("validate", "--suite", Suite(), Sample("transactions.parquet"), "--other-table", value);
        bad.Code.Should().Be(ExitCodes.InvalidInput);
        bad.Err.Should().Contain("NAME=PATH");
    }
}
