using Expectations;
using Expectations.Parquet;
using Expectations.Testing;
using FluentAssertions;
using Microsoft.Data.Analysis;
using Xunit;
using Xunit.Sdk;

namespace XunitConsumer;

/// <summary>Data tests as a user writes them, on the packed packages (eng/consumer-test.sh).</summary>
public sealed class TransactionsTests : IAsyncLifetime
{
    private static readonly string Data = Path.Join(AppContext.BaseDirectory, "data", "transactions.parquet");
    private static readonly ExpectationSuite Production = SuiteJson.ReadFile(Path.Join(AppContext.BaseDirectory, "data", "transactions.suite.json"));

    private ParquetDataSource _transactions = null!;

    public async Task InitializeAsync() => _transactions = await ParquetDataSource.OpenAsync(Data);

    public async Task DisposeAsync() => await _transactions.DisposeAsync();

    [Fact]
    public void The_file_meets_the_contract()
    {
        var contract = Expect.Suite("contract")
            .RowCount(min: 1_000)
            .Column<double>("score", c => c.Between(0, 1))
            .Column<int>("quantity", c => c.Between(1, 100))
            .Build();

        _transactions.Should().Satisfy(contract, "the model is trained on score and quantity");
    }

    [Fact]
    public async Task The_shipped_suite_catches_the_planted_problems()
    {
        var report = await _transactions.ValidateAsync(Production);

        report.Should().NotBeSuccessful();
        report.Should().HaveFailed("label").Which.Should().HaveUnexpectedValue("unknown");
        report.Should().HaveFailed<ColumnValuesToBeUnique>("transaction_id");
        report.Should().NotHaveFailed("score");
    }

    [Fact]
    public void A_failing_assertion_names_its_subject_and_lists_the_failures()
    {
        var transactions = _transactions;

        var act = () => transactions.Should().Satisfy(Production);

        act.Should().Throw<XunitException>()
            .WithMessage("Expected transactions to satisfy suite \"transactions\", but * expectations failed on *transactions.parquet (5,000 rows):*expect_column_values_to_be_in_set [label]*");
    }

    [Fact]
    public void DataFrames_are_checked_with_Expectations_Testing_DataAnalysis()
    {
        var suite = Expect.Suite("features").Column<double>("age", c => c.Between(18, 120)).Build();
        var features = new DataFrame(new DoubleDataFrameColumn("age", new double?[] { 34, 19, 212 }));

        features.Should().NotSatisfy(suite).Which.Should().HaveFailed("age").Which.Should().HaveUnexpectedCount(1);
        var act = () => DataFrameAssert.Satisfies(features, suite);
        act.Should().Throw<ExpectationsFailedException>().WithMessage("*212 (row 2)*");
    }
}
