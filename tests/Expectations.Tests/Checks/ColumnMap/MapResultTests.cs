using System.Text.Json;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>What every column-map expectation shares: mostly, empty columns and the result_format levels.</summary>
public class MapResultTests
{
    // 10 values, 3 of them outside [0, 10], plus 2 nulls.
    private static readonly InMemoryTable Ten = Longs(1, 2, 3, 11, 4, null, 12, 5, 6, 13, 7, null);

    private static ColumnValuesToBeBetween Between(double? mostly = null) => new() { Column = "x", Bounds = new(0, 10), Mostly = mostly };

    [Theory]
    [InlineData(0.7, true)]
    [InlineData(0.70000001, false)]
    [InlineData(0.69, true)]
    [InlineData(0.0, true)]
    [InlineData(1.0, false)]
    public void Mostly_is_the_fraction_of_non_null_rows_that_must_pass(double mostly, bool success)
    {
        var result = Run(Between(mostly), Ten);
        result.Success.Should().Be(success);
        result.Result.UnexpectedPercent.Should().BeApproximately(30, 1e-9);
        result.Result.UnexpectedPercentTotal.Should().BeApproximately(25, 1e-9);
        result.Result.MissingPercent.Should().BeApproximately(100.0 * 2 / 12, 1e-9);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Mostly_outside_0_to_1_is_an_argument_error(double mostly)
    {
        var act = () => Expect.Suite("s").Column<long>("x", c => c.Between(0, 1).Mostly(mostly)).Build();
        act.Should().Throw<InvalidExpectationException>().Which.Arguments.Should().Equal("mostly");
    }

    public static TheoryData<Expectation> EveryMapExpectation => new()
    {
        new ColumnValuesToBeBetween { Column = "s", Bounds = new("a", null) },
        new ColumnValuesToBeInSet { Column = "s", ValueSet = ValueList.From<Scalar>(["a"]) },
        new ColumnValuesToNotBeInSet { Column = "s", ValueSet = ValueList.From<Scalar>(["a"]) },
        new ColumnValuesToMatchRegex { Column = "s", Regex = "^a" },
        new ColumnValuesToNotMatchRegex { Column = "s", Regex = "^a" },
        new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(3, null) },
        new ColumnValueLengthsToEqual { Column = "s", Value = 3 },
        new ColumnValuesToBeUnique { Column = "s" },
        new ColumnValuesToNotBeNull { Column = "s" },
        new ColumnValuesToBeNull { Column = "s" },
    };

    [Theory]
    [MemberData(nameof(EveryMapExpectation))]
    public void An_empty_column_passes(Expectation expectation)
    {
        var result = Run(expectation, Strings());
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().BeTrue();
        result.Result.ElementCount.Should().Be(0);
        result.Result.UnexpectedCount.Should().Be(0);
        result.Result.UnexpectedPercent.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(EveryMapExpectation))]
    public void An_all_null_column_passes_except_not_null(Expectation expectation)
    {
        var result = Run(expectation, Strings(null, null, null));
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().Be(expectation is not ColumnValuesToNotBeNull);
    }

    [Fact]
    public void Boolean_only_carries_no_details()
    {
        var result = Run(Between(), Ten, ResultFormat.Of(ResultFormatLevel.BooleanOnly));
        result.Success.Should().BeFalse();
        result.Result.Should().Be(ResultDetails.Empty);
        Json(result).TryGetProperty("result", out var r).Should().BeTrue();
        r.EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public void Basic_has_counts_and_the_partial_list_but_no_indices()
    {
        var result = Run(Between(), Ten, ResultFormat.Of(ResultFormatLevel.Basic));
        var d = result.Result;
        (d.ElementCount, d.MissingCount, d.UnexpectedCount).Should().Be((12L, 2L, 3L));
        d.PartialUnexpectedList!.Select(v => v.GetInt64()).Should().Equal(11, 12, 13);
        d.PartialUnexpectedIndexList.Should().BeNull();
        d.PartialUnexpectedCounts.Should().BeNull();
        d.UnexpectedList.Should().BeNull();
        var json = Json(result).GetProperty("result");
        Names(json).Should().Contain(["element_count", "missing_count", "missing_percent", "unexpected_count", "unexpected_percent", "unexpected_percent_total", "unexpected_percent_nonmissing", "partial_unexpected_list"])
            .And.NotContain(["partial_unexpected_index_list", "partial_unexpected_counts", "unexpected_list", "unexpected_index_list"]);
    }

    [Fact]
    public void Summary_adds_indices_and_value_counts()
    {
        var result = Run(Between(), Ten, ResultFormat.Of(ResultFormatLevel.Summary));
        result.Result.PartialUnexpectedIndexList.Should().Equal(3, 6, 9);
        result.Result.PartialUnexpectedCounts!.Select(c => c.Count).Should().Equal(1, 1, 1);
        result.Result.UnexpectedList.Should().BeNull();
        Names(Json(result).GetProperty("result")).Should().Contain(["partial_unexpected_index_list", "partial_unexpected_counts"]).And.NotContain("unexpected_list");
    }

    [Fact]
    public void Complete_adds_every_unexpected_value_and_index()
    {
        var result = Run(Between(), Ten, ResultFormat.Of(ResultFormatLevel.Complete));
        result.Result.UnexpectedList!.Select(v => v.GetInt64()).Should().Equal(11, 12, 13);
        result.Result.UnexpectedIndexList.Should().Equal(3, 6, 9);
        Names(Json(result).GetProperty("result")).Should().Contain(["unexpected_list", "unexpected_index_list", "partial_unexpected_list"]);
    }

    [Fact]
    public void Partial_lists_are_capped_at_20_by_default_and_by_partial_unexpected_count()
    {
        var values = Enumerable.Range(0, 50).Select(i => (long?)(i % 2 == 0 ? 100 + i : 1)).ToArray();
        var summary = Run(Between(), Longs(values), ResultFormat.Default);
        summary.Result.UnexpectedCount.Should().Be(25);
        summary.Result.PartialUnexpectedList.Should().HaveCount(20);
        summary.Result.PartialUnexpectedIndexList.Should().Equal(Enumerable.Range(0, 20).Select(i => 2L * i));

        var five = Run(Between(), Longs(values), new ResultFormat { Level = ResultFormatLevel.Summary, PartialUnexpectedCount = 5 });
        five.Result.PartialUnexpectedList.Should().HaveCount(5);
        five.Result.PartialUnexpectedCounts!.Sum(c => c.Count).Should().Be(5);

        var complete = Run(Between(), Longs(values), ResultFormat.Of(ResultFormatLevel.Complete));
        complete.Result.UnexpectedList.Should().HaveCount(25);
        complete.Result.PartialUnexpectedList.Should().HaveCount(20);

        var zero = Run(Between(), Longs(values), new ResultFormat { Level = ResultFormatLevel.Summary, PartialUnexpectedCount = 0 });
        zero.Result.PartialUnexpectedList.Should().BeEmpty();
        zero.Result.UnexpectedCount.Should().Be(25);
    }

    [Fact]
    public void Partial_unexpected_counts_group_equal_values_most_frequent_first()
    {
        var result = Run(new ColumnValuesToBeInSet { Column = "s", ValueSet = ValueList.From<Scalar>(["ok"]) }, Strings("b", "a", "ok", "b", "c", "b", "a"));
        result.Result.PartialUnexpectedCounts!.Select(c => (c.Value.GetString(), c.Count)).Should().Equal(("b", 3L), ("a", 2L), ("c", 1L));
    }

    [Fact]
    public void A_per_expectation_result_format_overrides_the_run_format()
    {
        var suite = Expect.Suite("s").Column<long>("x", c => c.Between(0, 10).WithResultFormat(ResultFormatLevel.Complete)).Build();
        var result = ValidationPlan.Compile(suite).Validate(Ten, new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.BooleanOnly) }).Results[0];
        result.Result.UnexpectedList.Should().HaveCount(3);
    }

    private static JsonElement Json(ExpectationResult result)
    {
        var report = new ValidationReport
        {
            Results = [result],
            Meta = new ReportMeta { SuiteName = "s", DataSource = "t", RunTime = DateTimeOffset.UnixEpoch, Duration = TimeSpan.Zero, RowCount = 0, ResultFormat = ResultFormatLevel.Summary },
        };
        using var doc = JsonDocument.Parse(ReportJson.Serialize(report));
        return doc.RootElement.GetProperty("results")[0].Clone();
    }

    private static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();
}
