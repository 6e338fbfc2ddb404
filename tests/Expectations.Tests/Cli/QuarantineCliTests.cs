using System.Text.Json;
using Expectations.Cli;
using Expectations.Parquet;
using Expectations.Tests.Parquet;
using Expectations.Tests.Quarantine;
using global::Parquet.Schema;

namespace Expectations.Tests.Cli;

public sealed class QuarantineCliTests : IDisposable
{
    private const string Suite = """
        {"name": "amounts", "expectations": [
          {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 100}},
          {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "label", "value_set": ["a", "b"]}, "severity": "warning"}
        ]}
        """;

    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        return (run.ExitCode, run.Stdout, run.Stderr);
    }

    private async Task<(string Suite, string Data)> InputsAsync()
    {
        var suite = _files.PathOf("suite.json");
        await File.WriteAllTextAsync(suite, Suite);
        var amount = new DataField<double?>("amount");
        var label = new DataField<string>("label");
        var data = await _files.WriteAsync("data.parquet", new ParquetSchema(amount, label),
            async rg =>
            {
                await rg.WriteAsync<double>(amount, new double?[] { 1, 500, null }.AsMemory());
                await rg.WriteAsync(label, ["a", "c", "b"]);
            },
            async rg =>
            {
                await rg.WriteAsync<double>(amount, new double?[] { -1, 7 }.AsMemory());
                await rg.WriteAsync(label, ["c", "a"]);
            });
        return (suite, data);
    }

    [Fact]
    public async Task Quarantine_and_valid_split_the_rows_and_keep_the_exit_code_and_json_on_stdout()
    {
        var (suite, data) = await InputsAsync();
        var bad = _files.PathOf("bad.parquet");
        var good = _files.PathOf("good.parquet");

        var run = await RunAsync("validate", "--suite", suite, data, "--format", "json", "--quarantine", bad, "--valid", good);

        run.Code.Should().Be(ExitCodes.ValidationFailed);
        using (var json = JsonDocument.Parse(run.Stdout))
        {
            json.RootElement.GetProperty("success").GetBoolean().Should().BeFalse();
        }

        run.Stderr.Should().Contain("Quarantined 2 rows to " + bad).And.Contain("Wrote 3 valid rows to " + good);
        await using var valid = await ParquetDataSource.OpenAsync(good);
        await using var invalid = await ParquetDataSource.OpenAsync(bad);
        (await QuarantineTests.RowsAsync(valid)).Should().Equal("1 | \"a\"", "null | \"b\"", "7 | \"a\"");
        const string Both = "\"expect_column_values_to_be_between(amount); expect_column_values_to_be_in_set(label)\"";
        (await QuarantineTests.RowsAsync(invalid)).Should().Equal("500 | \"c\" | " + Both, "-1 | \"c\" | " + Both);
        invalid.Columns[^1].Name.Should().Be(InvalidRows.FailedExpectationsColumn);
    }

    [Fact]
    public async Task Targets_that_would_overwrite_the_input_are_bad_input()
    {
        var (suite, data) = await InputsAsync();

        var run = await RunAsync("validate", "--suite", suite, data, "--quarantine", data);

        run.Code.Should().Be(ExitCodes.InvalidInput);
        run.Stderr.Should().Contain("--quarantine").And.Contain("would overwrite the data");
    }
}
