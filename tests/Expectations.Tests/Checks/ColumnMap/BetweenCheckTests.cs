using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class BetweenCheckTests
{
    [Theory]
    [InlineData(false, false, new long[] { 0, 4 })]
    [InlineData(true, false, new long[] { 0, 1, 4 })]
    [InlineData(false, true, new long[] { 0, 3, 4 })]
    [InlineData(true, true, new long[] { 0, 1, 3, 4 })]
    public void Strict_bounds_on_integers(bool strictMin, bool strictMax, long[] rows)
    {
        var result = Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(2, 4, strictMin: strictMin, strictMax: strictMax) }, Longs(1, 2, 3, 4, 5, null));
        result.Result.UnexpectedIndexList.Should().Equal(rows);
        result.Result.MissingCount.Should().Be(1);
    }

    [Theory]
    [InlineData(false, false, new long[] { 0, 4 })]
    [InlineData(true, true, new long[] { 0, 1, 3, 4 })]
    public void Strict_bounds_on_doubles_and_fractional_bounds_on_integers(bool strict, bool strictMax, long[] rows)
    {
        var doubles = Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(1.5, 2.5, strictMin: strict, strictMax: strictMax) }, Doubles(1.4999999, 1.5, 2.0, 2.5, 2.5000001));
        doubles.Result.UnexpectedIndexList.Should().Equal(rows);

        // Integer columns against fractional bounds: 1.5 < 2 and 3 < 3.5, whether strict or not.
        Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(1.5, 3.5, strictMin: strict, strictMax: strictMax) }, Longs(1, 2, 3, 4))
            .Result.UnexpectedIndexList.Should().Equal(0, 3);
    }

    [Fact]
    public void Float_columns_compare_as_their_exact_value_against_double_bounds()
    {
        // 0.1f is 0.100000001490116…: above the double 0.1, as numpy compares float32 with a Python float.
        var table = InMemoryTable.Builder().AddBatch(new PrimitiveBatch<float>("f", DataKind.Float, new[] { 0.1f, 0.2f, 0.3f }, default, 0), "float").Build();
        Run(new ColumnValuesToBeBetween { Column = "f", Bounds = new(null, 0.1) }, table).Result.UnexpectedIndexList.Should().Equal(0, 1, 2);
        Run(new ColumnValuesToBeBetween { Column = "f", Bounds = new(0.1, 0.3) }, table).Result.UnexpectedIndexList.Should().Equal(2);
        Run(new ColumnValuesToBeBetween { Column = "f", Bounds = new((double)0.2f, 1, strictMin: true) }, table).Result.UnexpectedIndexList.Should().Equal(0, 1);
    }

    [Fact]
    public void Nan_is_never_within_bounds_and_infinities_are_ordinary_extremes()
    {
        var table = Doubles(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 5, null);
        Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(0, 10) }, table).Result.UnexpectedIndexList.Should().Equal(0, 1, 2);
        Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(0, null) }, table).Result.UnexpectedIndexList.Should().Equal(0, 2);
        Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(null, 0) }, table).Result.UnexpectedIndexList.Should().Equal(0, 1, 3);
        var nan = Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(0, 10) }, table);
        nan.UnexpectedJson().Should().Equal("\"NaN\"", "\"Infinity\"", "\"-Infinity\"");
        nan.Result.MissingCount.Should().Be(1, "NaN is a value, only the null is missing");
    }

    [Theory]
    [InlineData(false, false, new long[] { 0, 3 })]
    [InlineData(true, true, new long[] { 0, 1, 2, 3 })]
    public void Strict_bounds_on_timestamps(bool strictMin, bool strictMax, long[] rows)
    {
        var table = InMemoryTable.Builder().Add("t", new DateTime?[] { new(2023, 12, 31, 23, 59, 59), new(2024, 1, 1), new(2024, 1, 31, 12, 0, 0), new(2024, 2, 1), null }).Build();
        var result = Run(new ColumnValuesToBeBetween { Column = "t", Bounds = new("2024-01-01", "2024-01-31T12:00:00", strictMin: strictMin, strictMax: strictMax) }, table);
        result.Result.UnexpectedIndexList.Should().Equal(rows);
        result.UnexpectedJson().First().Should().Be("\"2023-12-31T23:59:59\"");
    }

    [Theory]
    [InlineData(false, false, new long[] { 0, 4 })]
    [InlineData(true, true, new long[] { 0, 1, 3, 4 })]
    public void Strict_bounds_on_strings_in_code_point_order(bool strictMin, bool strictMax, long[] rows)
    {
        var result = Run(new ColumnValuesToBeBetween { Column = "s", Bounds = new("b", "d", strictMin: strictMin, strictMax: strictMax) }, Strings("a", "b", "c", "d", "e", null));
        result.Result.UnexpectedIndexList.Should().Equal(rows);
        // Code point order, as Python: uppercase sorts before lowercase, and "é" after "z".
        Run(new ColumnValuesToBeBetween { Column = "s", Bounds = new("a", "z") }, Strings("B", "b", "é", "zz")).Result.UnexpectedIndexList.Should().Equal(0, 2, 3);
    }

    [Fact]
    public void Bounds_of_another_type_than_the_column_are_reported_as_gx_does()
    {
        var numbers = Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new("a", "z") }, Longs(1, 2));
        numbers.ExceptionInfo!.ExceptionMessage.Should().StartWith("TypeError: Column values, min_value, and max_value must either be None or of the same type.");
        Run(new ColumnValuesToBeBetween { Column = "s", Bounds = new(1, 2) }, Strings("a")).ExceptionInfo!.ExceptionMessage.Should().Contain("holds strings");
        var table = InMemoryTable.Builder().Add("t", new DateTime?[] { DateTime.UnixEpoch }).Build();
        Run(new ColumnValuesToBeBetween { Column = "t", Bounds = new("not a date", null) }, table).ExceptionInfo!.ExceptionMessage.Should().Contain("not a date or time");
        Run(new ColumnValuesToBeBetween { Column = "b", Bounds = new(0, null) }, InMemoryTable.Builder().Add("b", new bool?[] { true }).Build()).ExceptionInfo.Should().NotBeNull();
    }

    [Fact]
    public void Bad_bounds_are_argument_errors()
    {
        var both = () => Expect.Suite("s").Add(new ColumnValuesToBeBetween { Column = "x" }).Build();
        both.Should().Throw<InvalidExpectationException>().Which.Arguments.Should().Contain("min_value");
        // A minimum above the maximum builds, as GX reads it, and is that result's error when it runs (GX raises then).
        var reversed = Expect.Suite("s").Column<int>("x", c => c.Between(5, 1)).Build();
        reversed.Validate(InMemoryTable.Builder().Add("x", new long?[] { 3 }).Build()).Results.Single().ExceptionInfo!.ExceptionMessage
            .Should().Contain("min_value (5) must not be greater than max_value (1)");
    }

    [Fact]
    public void Large_columns_use_the_vector_kernel_and_agree_with_row_by_row_checks()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i % 13 == 0 ? (double?)null : i % 17 == 0 ? double.NaN : i - 500.0).ToArray();
        var expected = values.Select((v, i) => (v, i)).Where(x => x.v is { } d && !(d >= -100 && d < 250)).Select(x => (long)x.i).ToArray();
        var result = Run(new ColumnValuesToBeBetween { Column = "x", Bounds = new(-100, 250, strictMax: true) }, Doubles(values));
        result.Result.UnexpectedCount.Should().Be(expected.Length);
        result.Result.UnexpectedIndexList.Should().Equal(expected);
    }
}
