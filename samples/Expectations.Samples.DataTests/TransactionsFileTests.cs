using Expectations.Parquet;
using Expectations.Testing;
using FluentAssertions;
using Xunit;

namespace Expectations.Samples.DataTests;

/// <summary>
/// Data tests over a Parquet file, as a team would write them for the transactions feed. The shipped file has
/// planted problems: one test pins that the production suite still catches them; the others hold the
/// contract parts that the file meets.
/// </summary>
public sealed class TransactionsFileTests : IAsyncLifetime
{
    private static readonly string DataPath = Path.Join(AppContext.BaseDirectory, "data", "transactions.parquet");
    private static readonly string SuitePath = Path.Join(AppContext.BaseDirectory, "data", "transactions.suite.json");

    private ParquetDataSource _transactions = null!;

    public async Task InitializeAsync() => _transactions = await ParquetDataSource.OpenAsync(DataPath);

    public async Task DisposeAsync() => await _transactions.DisposeAsync();

    [Fact]
    public void Keys_and_model_features_meet_the_contract()
    {
        var contract = Expect.Suite("transactions contract")
            .RowCount(min: 1_000)
            .Column<long>("transaction_id", c => c.NotNull())
            .Column<double>("score", c => c.Between(0, 1).MeanBetween(0.4, 0.6))
            .Column<int>("quantity", c => c.Between(1, 100))
            .Column<string>("currency", c => c.InSet("USD", "EUR", "GBP"))
            .Build();

        _transactions.Should().Satisfy(contract, "the model is trained on score and quantity");
    }

    [Fact]
    public void The_production_suite_catches_the_planted_problems()
    {
        var suite = SuiteJson.ReadFile(SuitePath);

        var report = _transactions.Should().NotSatisfy(suite).Which;

        report.Should().HaveFailed<ColumnValuesToBeUnique>("transaction_id")
            .Which.Result.UnexpectedCount.Should().BeGreaterThan(0);
        report.Should().HaveFailed("label", "unknown labels are planted")
            .Which.Should().HaveUnexpectedValue("unknown");
        report.Should().HaveFailed<ColumnValuesToBeBetween>("created_at", "timestamps in 2031 are planted");
        report.Should().NotHaveFailed("score").And.NotHaveFailed("quantity");
    }

    [Fact]
    public async Task Rows_left_after_quarantine_pass_the_whole_suite()
    {
        var plan = ValidationPlan.Compile(SuiteJson.ReadFile(SuitePath));
        var folder = Directory.CreateTempSubdirectory("expectations-sample-").FullName;
        try
        {
            var clean = Path.Join(folder, "clean.parquet");
            var split = await plan.QuarantineAsync(DataPath, clean, Path.Join(folder, "quarantine.parquet"));

            split.InvalidRowCount.Should().BeInRange(1, 250, "about 2% of the rows are planted problems");
            await using var cleanRows = await ParquetDataSource.OpenAsync(clean);
            var report = await plan.ValidateAsync(cleanRows);
            report.Should().BeSuccessful();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
