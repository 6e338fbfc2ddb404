using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class SetAndNullCheckTests
{
    [Fact]
    public void Numbers_in_a_set_compare_by_value_so_1_equals_1_point_0()
    {
        ValueList<Scalar> set = ValueList.From<Scalar>([1.0, 2, 2.5]);
        Run(new ColumnValuesToBeInSet { Column = "x", ValueSet = set }, Longs(1, 2, 3, null)).Result.UnexpectedIndexList.Should().Equal(2);
        Run(new ColumnValuesToBeInSet { Column = "x", ValueSet = set }, Doubles(1, 2.0, 2.5, 2.4, double.NaN)).Result.UnexpectedIndexList.Should().Equal(3, 4);
        Run(new ColumnValuesToNotBeInSet { Column = "x", ValueSet = set }, Longs(1, 2, 3, null)).Result.UnexpectedIndexList.Should().Equal(0, 1);
        var decimals = InMemoryTable.Builder().Add("m", new decimal?[] { 1.00m, 2.5m, 3m }).Build();
        Run(new ColumnValuesToBeInSet { Column = "m", ValueSet = set }, decimals).Result.UnexpectedIndexList.Should().Equal(2);
    }

    [Fact]
    public void Strings_in_a_set_compare_by_exact_text()
    {
        ValueList<Scalar> set = ValueList.From<Scalar>(["a", "B", "日本", "1"]);
        var table = Strings("a", "A", "b", "B", "日本", "1", "", null, new string('a', 300));
        Run(new ColumnValuesToBeInSet { Column = "s", ValueSet = set }, table).Result.UnexpectedIndexList.Should().Equal(1, 2, 6, 8);
        Run(new ColumnValuesToNotBeInSet { Column = "s", ValueSet = set }, table).Result.UnexpectedIndexList.Should().Equal(0, 3, 4, 5);
    }

    [Fact]
    public void Timestamps_in_a_set_compare_by_instant()
    {
        var table = InMemoryTable.Builder().Add("t", new DateTime?[] { new(2024, 1, 1), new(2024, 1, 2), new(2024, 1, 2, 0, 0, 1), null }).Build();
        ValueList<Scalar> set = ValueList.From<Scalar>(["2024-01-01", "2024-01-02T00:00:00", "not a date"]);
        var result = Run(new ColumnValuesToBeInSet { Column = "t", ValueSet = set }, table);
        result.ExceptionInfo.Should().BeNull();
        result.Result.UnexpectedIndexList.Should().Equal(2);
        result.UnexpectedJson().Should().Equal("\"2024-01-02T00:00:01\"");
    }

    [Fact]
    public void Booleans_in_a_set()
    {
        var table = InMemoryTable.Builder().Add("b", new bool?[] { true, false, null, true }).Build();
        Run(new ColumnValuesToBeInSet { Column = "b", ValueSet = ValueList.From<Scalar>([true]) }, table).UnexpectedJson().Should().Equal("false");
        Run(new ColumnValuesToNotBeInSet { Column = "b", ValueSet = ValueList.From<Scalar>([true]) }, table).Result.UnexpectedIndexList.Should().Equal(0, 3);
    }

    [Fact]
    public void An_empty_value_set_allows_nothing_and_forbids_nothing_as_in_gx()
    {
        Run(new ColumnValuesToBeInSet { Column = "x", ValueSet = ValueList<Scalar>.Empty }, Longs(1, 2, null)).Result.UnexpectedIndexList.Should().Equal(0, 1);
        Run(new ColumnValuesToNotBeInSet { Column = "x", ValueSet = ValueList<Scalar>.Empty }, Longs(1, 2, null)).Success.Should().BeTrue();
    }

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.8, false)]
    [InlineData(0.75, true)]
    [InlineData(0.7, true)]
    public void Not_null_counts_nulls_as_unexpected_out_of_all_rows(double mostly, bool success)
    {
        var result = Run(new ColumnValuesToNotBeNull { Column = "x", Mostly = mostly }, Longs(4, 5, null, 7));
        result.Success.Should().Be(success);
        result.UnexpectedJson().Should().Equal("null");
        result.Result.UnexpectedIndexList.Should().Equal(2);
        result.Result.UnexpectedPercent.Should().Be(25);
    }

    [Fact]
    public void Null_checks_follow_the_gx_fixture()
    {
        Run(new ColumnValuesToNotBeNull { Column = "x" }, Longs(null, null, null, null)).Result.UnexpectedCount.Should().Be(4);
        Run(new ColumnValuesToNotBeNull { Column = "s" }, Strings("a", "b")).Success.Should().BeTrue();
        var beNull = Run(new ColumnValuesToBeNull { Column = "x", Mostly = 0.75 }, Longs(null, null, null, 5));
        beNull.Success.Should().BeTrue();
        beNull.UnexpectedJson().Should().Equal("5");
        Run(new ColumnValuesToBeNull { Column = "x", Mostly = 0.8 }, Longs(null, null, null, 5)).Success.Should().BeFalse();
        Run(new ColumnValuesToBeNull { Column = "s" }, Strings("a", "b", "c", "d")).UnexpectedStrings().Should().Equal("a", "b", "c", "d");
        Run(new ColumnValuesToBeNull { Column = "x" }, Longs(null, null)).Result.UnexpectedPercent.Should().Be(0);
    }

    [Fact]
    public void Nan_is_a_value_for_the_null_checks()
    {
        Run(new ColumnValuesToNotBeNull { Column = "x" }, Doubles(double.NaN, 1)).Success.Should().BeTrue();
        Run(new ColumnValuesToBeNull { Column = "x" }, Doubles(double.NaN, null)).Result.UnexpectedIndexList.Should().Equal(0);
    }
}
