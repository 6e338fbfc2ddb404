using Expectations.Parquet;

namespace Expectations.Tests.Docs;

/// <summary>The suite docs/getting-started.md shows compiles, and catches the sample's planted problems.</summary>
public class GettingStartedTests
{
    [Fact]
    public async Task The_getting_started_suite_builds_and_finds_the_planted_problems()
    {
        var suite = Expect.Suite("transactions")
            .Column("transaction_id", c => c.NotNull().Unique())
            .Column<double>("amount", c => c
                .NotNull().Mostly(0.995)
                .Between(0, 100_000)
                .MaxBetween(null, 100_000)
                .MeanBetween(10, 500).AsWarning())
            .Column<string>("label", c => c.InSet("positive", "negative", "neutral"))
            .Column<string>("customer_email", c => c.MatchesRegex(@"^[^@\s]+@[^@\s]+\.[a-z]{2,}$").Mostly(0.99).LengthBetween(3, 254))
            .Column<DateTime>("created_at", c => c.Between(new DateTime(2026, 1, 1), new DateTime(2027, 1, 1)))
            .Table(t => t
                .RowCount(min: 1_000)
                .ColumnsMatchSet(["transaction_id", "amount", "label", "customer_email", "created_at"], exactMatch: false)
                .ColumnGreaterThan("total", "unit_price", orEqual: true)
                .CompoundUnique(["transaction_id", "created_at"]))
            .Build();

        await using var parquet = await ParquetDataSource.OpenAsync(Path.Combine(CatalogDocTests.RepoRoot(), "samples", "transactions.parquet"));
        var report = await ValidationPlan.Compile(suite).ValidateAsync(parquet);

        report.Success.Should().BeFalse();
        var failed = report.Failures().Select(r => (r.Expectation.Type, r.Expectation.ColumnName)).ToList();
        failed.Should().Contain(("expect_column_values_to_be_unique", "transaction_id"));
        failed.Should().Contain(("expect_column_values_to_be_between", "amount"));
        failed.Should().Contain(("expect_column_max_to_be_between", "amount"));
        failed.Should().Contain(("expect_column_values_to_be_in_set", "label"));
        failed.Should().Contain(("expect_column_values_to_be_between", "created_at"));
        report.Results.Where(r => r.ExceptionInfo is not null).Should().BeEmpty();
        var act = () => report.EnsureSuccess();
        act.Should().Throw<ExpectationsFailedException>().WithMessage("*expect_column_max_to_be_between [amount]: observed 12500000 (expected max_value 100000)*");
    }
}
