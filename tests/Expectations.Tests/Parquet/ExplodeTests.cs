using Expectations.Parquet;

namespace Expectations.Tests.Parquet;

/// <summary>A list column flattened on request: one row per element, other columns repeated, null/empty lists as one null row (pandas' explode).</summary>
public sealed class ExplodeTests
{
    private static InMemoryTable Orders() => InMemoryTable.Builder("orders")
        .Add("order", new long?[] { 1, 2, 3, 4 })
        .AddList("sku", new IReadOnlyList<string?>?[] { ["a", "b"], [], null, ["c", null] })
        .Build();

    [Fact]
    public async Task Each_element_is_a_row_and_other_columns_repeat()
    {
        var exploded = Orders().Explode("sku");
        exploded.Columns.Single(c => c.Name == "sku").Kind.Should().Be(DataKind.String);
        var orders = new List<long?>();
        var skus = new List<string?>();
        await foreach (var chunk in exploded.ReadAsync(["order", "sku"]))
        {
            var order = (PrimitiveBatch<long>)chunk["order"];
            var sku = (StringBatch)chunk["sku"];
            for (var i = 0; i < chunk.RowCount; i++)
            {
                orders.Add(order.IsValid(i) ? order.Values.Span[i] : null);
                skus.Add(sku.GetString(i));
            }
        }

        orders.Should().Equal(1, 1, 2, 3, 4, 4);
        skus.Should().Equal("a", "b", null, null, "c", null);
    }

    [Fact]
    public async Task Expectations_run_on_the_elements()
    {
        var suite = Expect.Suite("skus").Column<string>("sku", c => c.InSet(["a", "b", "c"])).Build();
        var report = await ValidationPlan.Compile(suite).ValidateAsync(Orders().Explode("sku"));
        report.Results[0].Success.Should().BeTrue();
        report.Results[0].Result.ElementCount.Should().Be(6);
        report.Results[0].Result.MissingCount.Should().Be(3);
    }

    [Fact]
    public void Only_list_columns_explode()
    {
        var act = () => Orders().Explode("order");
        act.Should().Throw<ArgumentException>().WithMessage("*'order'*not a list*");
    }

    [RealWorldFact]
    public async Task A_parquet_list_column_explodes()
    {
        await using var source = await ParquetDataSource.OpenAsync(Path.Combine(RealWorldFactAttribute.Directory!, "data/list_columns.parquet"));
        var exploded = source.Explode("int64_list");
        long rows = 0;
        await foreach (var chunk in exploded.ReadAsync(["int64_list", "utf8_list"]))
        {
            chunk["int64_list"].Kind.Should().Be(DataKind.Integer);
            chunk["utf8_list"].Kind.Should().Be(DataKind.List);
            rows += chunk.RowCount;
        }

        // 3 rows: [1, 2, 3], [null, 1], [4] → 6 element rows (DuckDB: SELECT count(*) FROM (SELECT unnest(int64_list)) = 6).
        rows.Should().Be(6);
    }
}
