using Expectations.DataAnalysis;
using Expectations.Parquet;
using Microsoft.Data.Analysis;

namespace Expectations.Tests.Validation;

/// <summary>
/// The entry points are the same on every source: <c>Validate(suite)</c>, <c>Validate(plan)</c>, <c>ValidateAsync(suite)</c>
/// and <c>ValidateAsync(plan)</c>, on a DataFrame and on any <see cref="IDataSource"/> (typed as the interface or as its
/// concrete class), plus <see cref="ParquetValidation"/> for a path. Most of this test is that it compiles: each call
/// binds to the overload named in its comment, and none is ambiguous with the plan-first forms
/// (<c>plan.Validate(source)</c>, <c>suite.ValidateAsync(source)</c>).
/// </summary>
public class EntryPointTests
{
    private static readonly ExpectationSuite Suite = Expect.Suite("entry points")
        .Column<double>("amount", c => c.Between(0, 10_000))
        .RowCount(min: 1)
        .Build();

    private static readonly ValidationPlan Plan = ValidationPlan.Compile(Suite);

    private static DataFrame Frame() => new(new DoubleDataFrameColumn("amount", [1.0, 20_000, 3.0]));

    [Fact]
    public async Task A_DataFrame_takes_a_suite_or_a_plan_sync_and_async()
    {
        var frame = Frame();

        ValidationReport[] reports =
        [
            frame.Validate(Suite),                   // DataFrameExpectations.Validate(DataFrame, ExpectationSuite)
            frame.Validate(Plan),                    // DataFrameExpectations.Validate(DataFrame, ValidationPlan)
            await frame.ValidateAsync(Suite),        // DataFrameExpectations.ValidateAsync(DataFrame, ExpectationSuite)
            await frame.ValidateAsync(Plan),         // DataFrameExpectations.ValidateAsync(DataFrame, ValidationPlan)
            frame.Validate(Plan, new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) }),
            await frame.ValidateAsync(Suite, null, CancellationToken.None),
        ];

        AllAlike(reports, rows: 3, unexpected: 1);
    }

    [Fact]
    public async Task Any_data_source_takes_a_suite_or_a_plan_sync_and_async()
    {
        IDataSource source = InMemoryTable.Builder("tx").Add("amount", new double?[] { 1, 20_000, 3 }).Build();
        var table = (InMemoryTable)source;
        var frameSource = Frame().AsDataSource();

        ValidationReport[] reports =
        [
            source.Validate(Suite),                  // InMemoryValidation.Validate(IDataSource, ExpectationSuite)
            source.Validate(Plan),                   // InMemoryValidation.Validate(IDataSource, ValidationPlan)
            await source.ValidateAsync(Suite),       // InMemoryValidation.ValidateAsync(IDataSource, ExpectationSuite)
            await source.ValidateAsync(Plan),        // InMemoryValidation.ValidateAsync(IDataSource, ValidationPlan)
            table.Validate(Suite),                   // the same through a concrete source type
            await table.ValidateAsync(Plan),
            frameSource.Validate(Plan),
            await frameSource.ValidateAsync(Suite),
            Plan.Validate(source),                   // the plan-first forms are still there
            await Suite.ValidateAsync(source),
        ];

        AllAlike(reports, rows: 3, unexpected: 1);
    }

    [Fact]
    public async Task A_Parquet_source_or_path_takes_a_suite_or_a_plan()
    {
        var path = Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", "transactions.parquet");
        var suite = Expect.Suite("parquet").Column<double>("score", c => c.Between(0, 1)).Build();
        var plan = ValidationPlan.Compile(suite);
        await using var parquet = await ParquetDataSource.OpenAsync(path);

        ValidationReport[] reports =
        [
            parquet.Validate(suite),
            parquet.Validate(plan),
            await parquet.ValidateAsync(suite),
            await parquet.ValidateAsync(plan),
            await ParquetValidation.ValidateAsync(path, suite),   // opens and closes the file
            await ParquetValidation.ValidateAsync(path, plan),
        ];

        reports.Should().AllSatisfy(r => r.Success.Should().BeTrue());
        reports.Select(r => r.Meta.RowCount).Distinct().Should().Equal(5_000L);
        var missing = () => ParquetValidation.ValidateAsync(Path.Combine(Path.GetTempPath(), "no-such-file.parquet"), plan);
        await missing.Should().ThrowAsync<DataSourceException>().WithMessage("*does not exist*");
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        var frame = Frame();
        IDataSource source = frame.AsDataSource();

        FluentActions.Invoking(() => frame.Validate((ValidationPlan)null!)).Should().Throw<ArgumentNullException>().WithParameterName("plan");
        FluentActions.Invoking(() => source.Validate((ValidationPlan)null!)).Should().Throw<ArgumentNullException>().WithParameterName("plan");
        FluentActions.Invoking(() => source.ValidateAsync((ValidationPlan)null!)).Should().Throw<ArgumentNullException>().WithParameterName("plan");
    }

    private static void AllAlike(ValidationReport[] reports, long rows, long unexpected)
    {
        foreach (var report in reports)
        {
            report.Success.Should().BeFalse();
            report.Meta.RowCount.Should().Be(rows);
            report.Results[0].Result.UnexpectedCount.Should().Be(unexpected);
        }
    }
}
