namespace Expectations.Tests.Reporting;

/// <summary>unexpected_index_column_names and include_unexpected_rows on column-pair and multi-column expectations.</summary>
public class ResultFormatMultiColumnTests
{
    private static readonly InMemoryTable Orders = InMemoryTable.Builder()
        .Add("id", [100L, 101L, 102L, 103L])
        .Add("total", [10.0, 5.0, 7.0, 1.0])
        .Add("price", [2.0, 6.0, 7.0, 3.0])
        .Add("a", [1L, 2L, 3L, 4L])
        .Add("b", [1L, 5L, 3L, 9L])
        .Build();

    private static ResultFormat Keys(params string[] keys) =>
        ResultFormat.Of(ResultFormatLevel.Complete) with { UnexpectedIndexColumnNames = ValueList.From(keys) };

    private static ExpectationResult Run(Expectation e, ResultFormat format) =>
        new ExpectationSuite("t", [e]).Validate(Orders, new ValidationOptions { ResultFormat = format }).Results[0];

    [Fact]
    public void Pair_samples_are_indexed_by_key_columns_with_both_checked_columns()
    {
        var r = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "total", ColumnB = "price" }, Keys("id"));
        r.Result.UnexpectedIndexList.Should().Equal(1L, 2L, 3L);
        r.Result.UnexpectedIndexKeys!.Select(k => k.GetRawText()).Should().Equal(
            "{\"total\":5,\"price\":6,\"id\":101}", "{\"total\":7,\"price\":7,\"id\":102}", "{\"total\":1,\"price\":3,\"id\":103}");
    }

    [Fact]
    public void Multicolumn_samples_are_indexed_by_key_columns()
    {
        var r = Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["a", "b"] }, Keys("id"));
        r.Result.UnexpectedIndexList.Should().Equal(0L, 2L);
        r.Result.UnexpectedIndexKeys!.Select(k => k.GetRawText()).Should().Equal("{\"a\":1,\"b\":1,\"id\":100}", "{\"a\":3,\"b\":3,\"id\":102}");
    }

    [Fact]
    public void Pair_samples_carry_whole_rows_when_asked()
    {
        var r = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "total", ColumnB = "price" }, ResultFormat.Of(ResultFormatLevel.Summary) with { IncludeUnexpectedRows = true });
        r.Result.UnexpectedRows![0].GetRawText().Should().Be("{\"id\":101,\"total\":5,\"price\":6,\"a\":2,\"b\":5}");
    }
}
