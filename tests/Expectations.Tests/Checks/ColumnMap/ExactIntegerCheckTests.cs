using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>
/// Integer columns compare with integer bounds and set members exactly (issue 16 item 3): never through double, for
/// long and ulong columns alike. Float columns compare with huge integers as GX does, as doubles.
/// </summary>
public class ExactIntegerCheckTests
{
    private const long TwoTo53 = 1L << 53;

    private static InMemoryTable Unsigned(params ulong?[] values) => InMemoryTable.Builder().Add("x", values).Build();

    private static Expectation FromJson(string type, string kwargs) => Parse("{\"type\": \"" + type + "\", \"kwargs\": {\"column\": \"x\", " + kwargs + "}}");

    [Fact]
    public void Between_with_min_equal_max_beyond_two_to_the_53_accepts_exactly_that_value()
    {
        var e = FromJson("expect_column_values_to_be_between", "\"min_value\": 9007199254740993, \"max_value\": 9007199254740993");
        var result = Run(e, Longs(TwoTo53 + 1, TwoTo53, TwoTo53 + 2, null));
        result.Result.UnexpectedIndexList.Should().Equal(1, 2);
        result.UnexpectedJson().Should().Equal("9007199254740992", "9007199254740994");
    }

    [Fact]
    public void In_set_beyond_two_to_the_53_matches_only_the_exact_member()
    {
        var e = FromJson("expect_column_values_to_be_in_set", "\"value_set\": [9007199254740993]");
        var result = Run(e, Longs(TwoTo53 + 1, TwoTo53, TwoTo53 + 2));
        result.Result.UnexpectedIndexList.Should().Equal(1, 2);
        result.UnexpectedJson().Should().Equal("9007199254740992", "9007199254740994");

        var notIn = FromJson("expect_column_values_to_not_be_in_set", "\"value_set\": [9007199254740993]");
        Run(notIn, Longs(TwoTo53 + 1, TwoTo53, TwoTo53 + 2)).Result.UnexpectedIndexList.Should().Equal(0);
    }

    [Fact]
    public void Between_max_one_below_long_max_rejects_long_max()
    {
        var e = FromJson("expect_column_values_to_be_between", "\"max_value\": 9223372036854775806");
        var result = Run(e, Longs(long.MaxValue, long.MaxValue - 1, long.MinValue));
        result.Success.Should().BeFalse();
        result.Result.UnexpectedIndexList.Should().Equal(0);
        result.UnexpectedJson().Should().Equal("9223372036854775807");

        var min = FromJson("expect_column_values_to_be_between", "\"min_value\": -9223372036854775807");
        Run(min, Longs(long.MinValue, long.MinValue + 1)).Result.UnexpectedIndexList.Should().Equal(0);
    }

    [Theory]
    [InlineData(false, false, new long[] { 0 })]
    [InlineData(true, false, new long[] { 0, 1 })]
    [InlineData(false, true, new long[] { 0, 3 })]
    public void Unsigned_columns_compare_exactly_up_to_ulong_max(bool strictMin, bool strictMax, long[] rows)
    {
        var e = FromJson("expect_column_values_to_be_between", $"\"min_value\": 9223372036854775808, \"max_value\": 18446744073709551615, \"strict_min\": {(strictMin ? "true" : "false")}, \"strict_max\": {(strictMax ? "true" : "false")}");
        var result = Run(e, Unsigned(9223372036854775807UL, 9223372036854775808UL, 18446744073709551614UL, ulong.MaxValue, null));
        result.Result.UnexpectedIndexList.Should().Equal(rows);
        result.Result.MissingCount.Should().Be(1);
    }

    [Fact]
    public void Unsigned_columns_against_bounds_beyond_their_range()
    {
        // Every ulong is below 2^64 and above -1; nothing is above ulong.MaxValue.
        var values = Unsigned(0, 1, ulong.MaxValue);
        Run(FromJson("expect_column_values_to_be_between", "\"min_value\": -1, \"max_value\": 18446744073709551616"), values).Success.Should().BeTrue();
        Run(FromJson("expect_column_values_to_be_between", "\"min_value\": 18446744073709551616"), values).Result.UnexpectedCount.Should().Be(3);
        Run(FromJson("expect_column_values_to_be_between", "\"max_value\": -1"), values).Result.UnexpectedCount.Should().Be(3);
        Run(FromJson("expect_column_values_to_be_between", "\"max_value\": 18446744073709551614"), values).UnexpectedJson().Should().Equal("18446744073709551615");
    }

    [Fact]
    public void In_set_on_unsigned_columns_is_exact_at_the_top_of_the_range()
    {
        var e = FromJson("expect_column_values_to_be_in_set", "\"value_set\": [18446744073709551615, 0, -1]");
        var result = Run(e, Unsigned(ulong.MaxValue, ulong.MaxValue - 1, 0, null));
        result.Result.UnexpectedIndexList.Should().Equal(1);
        result.UnexpectedJson().Should().Equal("18446744073709551614");
    }

    [Fact]
    public void Integer_columns_against_fractional_bounds_stay_correct()
    {
        Run(FromJson("expect_column_values_to_be_between", "\"max_value\": 10.5"), Longs(10, 11)).Result.UnexpectedIndexList.Should().Equal(1);
        Run(FromJson("expect_column_values_to_be_between", "\"min_value\": -10.5, \"strict_min\": true"), Longs(-11, -10)).Result.UnexpectedIndexList.Should().Equal(0);
        Run(FromJson("expect_column_values_to_be_between", "\"min_value\": 1.5e19"), Unsigned(15_000_000_000_000_000_000UL, 14_999_999_999_999_999_999UL)).Result.UnexpectedIndexList.Should().Equal(1);
        Run(FromJson("expect_column_values_to_be_in_set", "\"value_set\": [10.5, 1.0]"), Longs(10, 1)).Result.UnexpectedIndexList.Should().Equal(0);
    }

    [Fact]
    public void Float_columns_compare_with_huge_integer_bounds_as_doubles_like_gx()
    {
        // numpy turns the Python int into float64: 2^53 + 1 becomes 2^53, so 2^53 passes.
        var floats = Doubles(9007199254740992.0, 9007199254740994.0);
        Run(FromJson("expect_column_values_to_be_between", "\"min_value\": 9007199254740993, \"max_value\": 9007199254740993"), floats).Result.UnexpectedIndexList.Should().Equal(1);
        Run(FromJson("expect_column_values_to_be_in_set", "\"value_set\": [9007199254740993]"), floats).Result.UnexpectedIndexList.Should().Equal(1);
    }

    [Fact]
    public void Decimal_columns_compare_whole_values_exactly()
    {
        var table = InMemoryTable.Builder().Add("x", new decimal?[] { 9007199254740993m, 9007199254740992m, 12345678901234567890123m }).Build();
        Run(FromJson("expect_column_values_to_be_in_set", "\"value_set\": [9007199254740993, 12345678901234567890123]"), table).Result.UnexpectedIndexList.Should().Equal(1);
        Run(FromJson("expect_column_values_to_be_between", "\"min_value\": 9007199254740993, \"max_value\": 12345678901234567890122"), table).Result.UnexpectedIndexList.Should().Equal(1, 2);
    }

    [Fact]
    public void Timestamps_in_a_set_compare_by_exact_ticks()
    {
        var t = new DateTime(2024, 5, 1, 12, 0, 0).AddTicks(1);
        var table = InMemoryTable.Builder().Add("t", new DateTime?[] { t, t.AddTicks(1) }).Build();
        var e = new ColumnValuesToBeInSet { Column = "t", ValueSet = [Scalar.From(t)] };
        Run(e, table).Result.UnexpectedIndexList.Should().Equal(1);
    }

    [Fact]
    public async Task Statistics_pushdown_trusts_exact_integer_bounds_only_when_they_prove_the_range()
    {
        var e = FromJson("expect_column_values_to_be_between", "\"min_value\": 9007199254740993, \"max_value\": 9223372036854775806");
        var source = new StatisticsSource(Longs(TwoTo53 + 1, long.MaxValue), min: TwoTo53 + 1, max: long.MaxValue);
        var report = await ValidationPlan.Compile(new ExpectationSuite("s", [e])).ValidateAsync(InMemoryValidation.Backend(source));
        report.Results[0].Result.UnexpectedCount.Should().Be(1, "the statistics cannot prove long.MaxValue <= long.MaxValue - 1");

        // Bounds that the exact statistics prove: the part is never decoded.
        var proven = FromJson("expect_column_values_to_be_between", "\"min_value\": 9007199254740993, \"max_value\": 9223372036854775807");
        var undecodable = new StatisticsSource(Longs(TwoTo53 + 1, long.MaxValue), min: TwoTo53 + 1, max: long.MaxValue, decodable: false);
        var skipped = await ValidationPlan.Compile(new ExpectationSuite("s", [proven])).ValidateAsync(InMemoryValidation.Backend(undecodable));
        skipped.Results[0].Success.Should().BeTrue(skipped.Results[0].ExceptionInfo?.ExceptionMessage);
    }

    /// <summary>One part whose statistics give exact integer bounds of column x.</summary>
    private sealed class StatisticsSource(InMemoryTable table, long min, long max, bool decodable = true) : IPartitionedDataSource
    {
        public string Description => "with statistics";

        public IReadOnlyList<ColumnInfo> Columns => table.Columns;

        public IReadOnlyList<IDataPartition> Partitions => [new Part(table, min, max, decodable)];

        public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default) => table.ReadAsync(columns, cancellationToken);

        private sealed class Part(InMemoryTable table, long min, long max, bool decodable) : IDataPartition
        {
            public long RowOffset => 0;

            public long RowCount => table.RowCount;

            public string Description => "part 0";

            public ColumnStatistics? GetStatistics(string column) => new(0, Scalar.From(min), Scalar.From(max));

            public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default) =>
                decodable || columns.Count == 0 ? table.ReadAsync(columns, cancellationToken) : throw new InvalidOperationException("the statistics should have answered");
        }
    }
}
