using Expectations.Parquet;

namespace Expectations.Tests.Parquet;

public class SchemaOnlyRunTests
{
    [Fact]
    public async Task A_schema_only_suite_reads_no_data_but_reports_the_row_count_from_metadata()
    {
        var sample = Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", "transactions.parquet");
        await using var source = await ParquetDataSource.OpenAsync(sample);
        var suite = Expect.Suite("schema").Table(t => t.ColumnExists("amount").ColumnCount(min: 5)).Build();

        var report = await ValidationPlan.Compile(suite).ValidateAsync(source);

        report.Success.Should().BeTrue();
        report.Meta.RowCount.Should().Be(5_000);
    }
}
