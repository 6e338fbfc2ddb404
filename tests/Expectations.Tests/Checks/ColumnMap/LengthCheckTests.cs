using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class LengthCheckTests
{
    // The GX fixture data (column_map_expectations/expect_column_value_lengths_to_*.json).
    private static readonly InMemoryTable Fixture = InMemoryTable.Builder()
        .Add("s1", new string?[] { "smart", "silly", "sassy", "slimy", "sexy" })
        .Add("s2", new string?[] { "cool", "calm", "collected", "casual", "creepy" })
        .Add("s3", new string?[] { "cool", "calm", "collected", "casual", null })
        .Add("s4", new long?[] { 1, 2, 3, 4, 5 })
        .Build();

    [Theory]
    [InlineData("s2", 4, 8, false, new[] { "collected" })]
    [InlineData("s1", null, 5, true, new string[0])]
    [InlineData("s1", 4, null, true, new string[0])]
    [InlineData("s3", 4, 9, true, new string[0])]
    public void Lengths_between_follow_the_gx_fixture(string column, int? min, int? max, bool success, string[] unexpected)
    {
        var result = Run(new ColumnValueLengthsToBeBetween { Column = column, Bounds = new(min, max) }, Fixture);
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().Be(success);
        result.UnexpectedStrings().Should().Equal(unexpected);
    }

    [Theory]
    [InlineData("s3", 4, 0.5, true, new[] { "collected", "casual" }, new long[] { 2, 3 })]
    [InlineData("s1", 5, 1.0, false, new[] { "sexy" }, new long[] { 4 })]
    [InlineData("s1", 5, 0.8, true, new[] { "sexy" }, new long[] { 4 })]
    public void Lengths_equal_follow_the_gx_fixture(string column, int value, double mostly, bool success, string[] unexpected, long[] rows)
    {
        var result = Run(new ColumnValueLengthsToEqual { Column = column, Value = value, Mostly = mostly }, Fixture);
        result.Success.Should().Be(success);
        result.UnexpectedStrings().Should().Equal(unexpected);
        result.Result.UnexpectedIndexList.Should().Equal(rows);
    }

    [Fact]
    public void Integer_column_is_not_text()
    {
        Run(new ColumnValueLengthsToBeBetween { Column = "s4", Bounds = new(0, 1) }, Fixture).ExceptionInfo!.ExceptionMessage.Should().Contain("not text");
        Run(new ColumnValueLengthsToEqual { Column = "s4", Value = 1 }, Fixture).ExceptionInfo!.ExceptionMessage.Should().Contain("not text");
    }

    [Fact]
    public void Length_counts_code_points_as_python_len()
    {
        // Python: len("héllo") == 5, len("日本") == 2, len("😀") == 1, len("e\u0301") == 2 (no normalisation).
        var table = Strings("héllo", "日本", "😀", "e\u0301", "", null);
        Run(new ColumnValueLengthsToEqual { Column = "s", Value = 5 }, table).Result.UnexpectedIndexList.Should().Equal(1, 2, 3, 4);
        Run(new ColumnValueLengthsToEqual { Column = "s", Value = 1 }, table).Result.UnexpectedIndexList.Should().Equal(0, 1, 3, 4);
        Run(new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(2, 2) }, table).Result.UnexpectedIndexList.Should().Equal(0, 2, 4);
        Run(new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(null, 0) }, table).Result.UnexpectedCount.Should().Be(4);
    }

    [Theory]
    [InlineData(false, false, new long[] { 0, 4 })]
    [InlineData(true, false, new long[] { 0, 1, 4 })]
    [InlineData(false, true, new long[] { 0, 3, 4 })]
    [InlineData(true, true, new long[] { 0, 1, 3, 4 })]
    public void Strict_bounds_exclude_the_bound_itself(bool strictMin, bool strictMax, long[] rows)
    {
        var table = Strings("a", "ab", "abc", "abcd", "abcde");
        var result = Run(new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(2, 4, strictMin: strictMin, strictMax: strictMax) }, table);
        result.Result.UnexpectedIndexList.Should().Equal(rows);
    }

    [Fact]
    public void Strict_bounds_that_leave_no_length_make_every_value_unexpected()
    {
        var result = Run(new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(3, 3, strictMax: true) }, Strings("abc", "ab", null));
        result.Result.UnexpectedCount.Should().Be(2);
        Run(new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(null, 0, strictMax: true) }, Strings("", "x")).Result.UnexpectedCount.Should().Be(2);
    }

    [Fact]
    public void Many_rows_with_mixed_ascii_and_unicode_use_the_kernel_and_agree_with_python_len()
    {
        var values = Enumerable.Range(0, 257).Select(i => i % 7 == 0 ? null : new string('a', i % 11) + (i % 3 == 0 ? "ß" : "") + (i % 5 == 0 ? "🎉" : "")).ToArray();
        var expected = values.Select((v, i) => (v, i)).Where(x => x.v is not null && CodePoints(x.v) is < 3 or > 8).Select(x => (long)x.i).ToArray();
        var result = Run(new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(3, 8) }, Strings(values));
        result.Result.UnexpectedIndexList.Should().Equal(expected);
        result.Result.UnexpectedCount.Should().Be(expected.Length);

        static int CodePoints(string s) => s.EnumerateRunes().Count();
    }

    [Theory]
    [InlineData(null, null, "min_value")]
    [InlineData(-1, 3, "min_value")]
    [InlineData(1, -3, "max_value")]
    public void Bad_bounds_are_argument_errors(int? min, int? max, string argument)
    {
        var build = () => Expect.Suite("s").Column<string>("s", c => c.LengthBetween(min, max)).Build();
        build.Should().Throw<InvalidExpectationException>().Which.Arguments.Should().Contain(argument);
    }

    [Fact]
    public void Bad_arguments_in_json_are_reported_with_the_argument_name()
    {
        var negative = () => Parse("""{"type": "expect_column_value_lengths_to_equal", "kwargs": {"column": "s", "value": -2}}""");
        negative.Should().Throw<InvalidExpectationException>().Which.Arguments.Should().Equal("value");
        var missing = () => Parse("""{"type": "expect_column_value_lengths_to_equal", "kwargs": {"column": "s"}}""");
        missing.Should().Throw<Exception>().WithMessage("*value*");
        var both = () => Parse("""{"type": "expect_column_value_lengths_to_be_between", "kwargs": {"column": "s", "min_value": null, "max_value": null}}""");
        both.Should().Throw<InvalidExpectationException>().WithMessage("*both be null*");
    }

    [Fact]
    public void Dsl_verbs_add_the_records_and_they_round_trip_through_json()
    {
        var suite = Expect.Suite("s")
            .Column<string>("name", c => c.LengthBetween(1, 64, strictMax: true).Mostly(0.99).LengthEquals(3))
            .Column("code", c => c.LengthBetween(null, 10).LengthEquals(0))
            .Build();
        suite.Expectations[0].Should().Be(new ColumnValueLengthsToBeBetween { Column = "name", Bounds = new(1, 64, strictMax: true), Mostly = 0.99 });
        suite.Expectations[1].Should().Be(new ColumnValueLengthsToEqual { Column = "name", Value = 3 });
        suite.Expectations[3].Should().Be(new ColumnValueLengthsToEqual { Column = "code", Value = 0 });
        foreach (var e in suite.Expectations)
        {
            e.ShouldRoundTrip();
        }
    }
}
