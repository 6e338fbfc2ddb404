using static Expectations.Tests.Checks.Leakage.LeakageTestData;

namespace Expectations.Tests.Checks.Leakage;

public class TimeRangePrecedesTests
{
    private static readonly DateTime Day0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static InMemoryTable Days(params double?[] days) =>
        InMemoryTable.Builder().Add("ts", days.Select(d => d is { } x ? Day0.AddDays(x) : (DateTime?)null).ToArray()).Build();

    private static TableTimeRangeToPrecedeOtherTable Precedes(string? gap = null) => new() { TimeColumn = "ts", OtherTableName = "test", Gap = gap };

    [Fact]
    public void A_train_split_that_ends_a_gap_before_the_test_split_passes_and_reports_the_gap()
    {
        var r = Run(Precedes("P7D"), Days(0, 1, 2, null), Other("test", Days(10, 12)));
        r.Success.Should().BeTrue();
        r.Result.ObservedValue!.Value.GetDouble().Should().Be(8 * 86400);
        var d = r.Result.Details!.Value;
        d.GetProperty("max").GetString().Should().Be("2024-01-03T00:00:00");
        d.GetProperty("other_min").GetString().Should().Be("2024-01-11T00:00:00");
        d.GetProperty("actual_gap").GetString().Should().Be("P8D");
        d.GetProperty("required_gap").GetString().Should().Be("P7D");
        r.Result.MissingCount.Should().Be(1);
        r.Result.UnexpectedCount.Should().Be(0);
    }

    [Fact]
    public void Overlapping_splits_fail_with_the_violating_rows_of_both_sides()
    {
        // train ends day 9, test starts day 5, gap 2 days: train rows after day 3 violate; test rows before day 11 violate.
        var r = Run(Precedes("P2D"), Days(0, 3, 4, 9, 1), Other("test", Days(12, 5, 10, 11)));
        r.Success.Should().BeFalse();
        r.Result.UnexpectedCount.Should().Be(2);
        r.Result.PartialUnexpectedIndexList.Should().Equal(2, 3);
        r.Result.PartialUnexpectedList!.Select(v => v.GetString()).Should().Equal("2024-01-05T00:00:00", "2024-01-10T00:00:00");
        r.Result.ObservedValue!.Value.GetDouble().Should().Be(-4 * 86400);
        var d = r.Result.Details!.Value;
        d.GetProperty("actual_gap").GetString().Should().Be("-P4D");
        d.GetProperty("other_unexpected_count").GetInt64().Should().Be(2);
        var there = d.GetProperty("other_partial_unexpected_list").EnumerateArray().Select(x => (x.GetProperty("row").GetInt64(), x.GetProperty("value").GetString())).ToList();
        there.Should().Equal((1L, "2024-01-06T00:00:00"), (2L, "2024-01-11T00:00:00"));
    }

    [Fact]
    public void Equal_times_are_zero_apart_so_the_default_gap_allows_them_and_one_tick_does_not()
    {
        Run(Precedes(), Days(0, 5), Other("test", Days(5, 6))).Success.Should().BeTrue();
        var strict = Run(Precedes("PT0.0000001S"), Days(0, 5), Other("test", Days(5, 6)));
        strict.Success.Should().BeFalse();
        strict.Result.PartialUnexpectedIndexList.Should().Equal(1);
    }

    [Fact]
    public void The_result_equals_a_brute_force_check_on_random_splits_in_parallel_parts()
    {
        var random = new Random(15);
        for (var trial = 0; trial < 30; trial++)
        {
            var here = Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.Next(10) == 0 ? (double?)null : random.Next(0, 100)).ToArray();
            var there = Enumerable.Range(0, random.Next(1, 60)).Select(_ => random.Next(10) == 0 ? (double?)null : random.Next(50, 150)).ToArray();
            var gap = random.Next(0, 20);
            var expectedHere = here.Select((v, i) => (v, i)).Where(p => p.v is { } t && there.Any(u => u is { } x && x - t < gap)).Select(p => (long)p.i).ToList();
            var max = here.Max();
            var expectedThere = there.Select((v, i) => (v, i)).Where(p => p.v is { } u && max is { } m && u - m < gap).Select(p => (long)p.i).ToList();

            var r = Run(Precedes($"P{gap}D"), Split(Days(here), random.Next(1, 8)), Other("test", Split(Days(there), 5)), ResultFormat.Of(ResultFormatLevel.Complete), threads: 2);
            r.Result.UnexpectedIndexList.Should().Equal(expectedHere, $"trial {trial}");
            r.Success.Should().Be(expectedHere.Count == 0);
            var d = r.Result.Details!.Value;
            d.GetProperty("other_unexpected_count").GetInt64().Should().Be(expectedThere.Count);
            d.GetProperty("other_partial_unexpected_list").EnumerateArray().Select(x => x.GetProperty("row").GetInt64()).Should().Equal(expectedThere);
        }
    }

    [Fact]
    public void A_row_condition_filters_this_table_only()
    {
        var data = InMemoryTable.Builder()
            .Add("ts", new DateTime?[] { Day0, Day0.AddDays(20) })
            .Add("split", new[] { "train", "holdout" })
            .Build();
        Run(Precedes() with { RowCondition = "split == \"train\"", ConditionParser = "pandas" }, data, Other("test", Days(10))).Success.Should().BeTrue();
        Run(Precedes(), data, Other("test", Days(10))).Success.Should().BeFalse();
    }

    [Fact]
    public void Empty_sides_pass_vacuously_and_say_so()
    {
        var r = Run(Precedes(), Days(), Other("test", Days(1)));
        r.Success.Should().BeTrue();
        r.Result.ObservedValue!.Value.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        r.Result.Details!.Value.GetProperty("note").GetString().Should().Contain("this table has no ts values");

        var other = Run(Precedes(), Days(1, 2), Other("test", Days(null, null)));
        other.Success.Should().BeTrue();
        other.Result.Details!.Value.GetProperty("note").GetString().Should().Contain("other table 'test' has no ts values");
    }

    [Fact]
    public void A_time_column_that_is_no_timestamp_fails_naming_the_side()
    {
        var text = InMemoryTable.Builder().Add("ts", new[] { "2024-01-01" }).Build();
        var here = Run(Precedes(), text, Other("test", Days(1)));
        here.ExceptionInfo!.ExceptionMessage.Should().Contain("time_column 'ts' is String").And.Contain("here").And.Contain("not a timestamp");
        var there = Run(Precedes(), Days(1), Other("test", text));
        there.ExceptionInfo!.ExceptionMessage.Should().Contain("in the other table 'test'");
        var missing = Run(Precedes(), Days(1), Other("test", InMemoryTable.Builder().Add("t", new long?[] { 1 }).Build()));
        missing.ExceptionInfo!.ExceptionMessage.Should().Contain("Column 'ts' is not in the other table 'test'");
    }

    [Fact]
    public void A_missing_other_table_names_the_tables_supplied()
    {
        var r = Run(Precedes(), Days(1), Other("validation", Days(2)));
        r.ExceptionInfo!.ExceptionMessage.Should().Contain("'test' was not supplied").And.Contain("'validation'").And.Contain("--other-table test=PATH");
    }

    [Theory]
    [InlineData("P1M", "years or months")]
    [InlineData("7D", "must start with P")]
    [InlineData("PT1.5H", "only seconds may have a fraction")]
    [InlineData("P1DT", "ends with T")]
    [InlineData("PT1H2D", "not a unit")]
    public void A_gap_that_is_no_fixed_iso_duration_is_refused_when_read(string gap, string message)
    {
        var json = """{"name": "s", "expectations": [{"type": "expect_table_time_range_to_precede_other_table", "kwargs": {"time_column": "ts", "other_table_name": "test", "gap": "GAP"}}]}""".Replace("GAP", gap, StringComparison.Ordinal);
        var read = () => SuiteJson.Parse(json);
        read.Should().Throw<InvalidExpectationException>().WithMessage($"*gap*{message}*");
    }

    [Fact]
    public void Dsl_and_json_round_trip()
    {
        var suite = Expect.Suite("s").Table(t => t.TimeRangePrecedesOtherTable("ts", "test", TimeSpan.FromHours(36))).Build();
        suite.Expectations.Single().Should().Be(Precedes("P1DT12H"));
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Expectations.Should().Equal(suite.Expectations);
        var neg = () => Expect.Suite("s").Table(t => t.TimeRangePrecedesOtherTable("ts", "test", TimeSpan.FromDays(-1)));
        neg.Should().Throw<ArgumentOutOfRangeException>();
    }
}
