using static Expectations.Tests.Checks.Aggregate.AggregateTestKit;

namespace Expectations.Tests.Checks.Aggregate;

/// <summary>Min, max and sum of 64-bit integer columns (signed and unsigned) compare with their bounds exactly and print exactly.</summary>
public class ExactIntegerAggregateTests
{
    private static readonly InMemoryTable Unsigned = InMemoryTable.Builder().Add("u", new ulong?[] { 9223372036854775808UL, ulong.MaxValue, null }).Build();

    [Fact]
    public void Unsigned_extremes_are_observed_exactly()
    {
        var max = Run(Unsigned, "expect_column_max_to_be_between", """{"column": "u", "min_value": 18446744073709551615, "max_value": 18446744073709551615}""");
        max.Success.Should().BeTrue(max.ExceptionInfo?.ExceptionMessage);
        max.Result.ObservedValue!.Value.GetRawText().Should().Be("18446744073709551615");
        Run(Unsigned, "expect_column_max_to_be_between", """{"column": "u", "max_value": 18446744073709551614}""").Success.Should().BeFalse();

        var min = Run(Unsigned, "expect_column_min_to_be_between", """{"column": "u", "min_value": 9223372036854775808}""");
        min.Success.Should().BeTrue();
        min.Result.ObservedValue!.Value.GetRawText().Should().Be("9223372036854775808");
        Run(Unsigned, "expect_column_min_to_be_between", """{"column": "u", "min_value": 9223372036854775809}""").Success.Should().BeFalse();
        Run(Unsigned, "expect_column_sum_to_be_between", """{"column": "u", "min_value": 0}""").Result.ObservedValue!.Value.GetRawText()
            .Should().Be(((Int128)9223372036854775808UL + ulong.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Long_extremes_against_bounds_one_apart()
    {
        var data = InMemoryTable.Builder().Add("v", new long?[] { long.MinValue, long.MaxValue }).Build();
        Run(data, "expect_column_max_to_be_between", """{"column": "v", "max_value": 9223372036854775806}""").Success.Should().BeFalse();
        Run(data, "expect_column_max_to_be_between", """{"column": "v", "max_value": 9223372036854775807}""").Success.Should().BeTrue();
        Run(data, "expect_column_min_to_be_between", """{"column": "v", "min_value": -9223372036854775807}""").Success.Should().BeFalse();
        Run(data, "expect_column_min_to_be_between", """{"column": "v", "min_value": -9223372036854775808, "strict_min": true}""").Success.Should().BeFalse();
    }

    [Fact]
    public void Integer_statistics_against_fractional_and_double_bounds_compare_exactly()
    {
        var ints = InMemoryTable.Builder().Add("v", new long?[] { 10 }).Build();
        Run(ints, "expect_column_max_to_be_between", """{"column": "v", "max_value": 10.5}""").Success.Should().BeTrue();
        Run(ints, "expect_column_max_to_be_between", """{"column": "v", "max_value": 9.5}""").Success.Should().BeFalse();

        // 10000000000000000001 is above the double 1e19, although (double) of it is 1e19.
        var data = InMemoryTable.Builder().Add("u", new ulong?[] { 10_000_000_000_000_000_001UL }).Build();
        Run(data, "expect_column_max_to_be_between", """{"column": "u", "max_value": 1.0e19}""").Success.Should().BeFalse();
        Run(data, "expect_column_max_to_be_between", """{"column": "u", "max_value": 1.0000000000000000001e19}""").Success.Should().BeTrue();
    }
}
