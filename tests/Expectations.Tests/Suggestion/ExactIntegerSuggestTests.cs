namespace Expectations.Tests.Suggestion;

/// <summary>Suggested ranges of integer columns are exact integers that hold the data they were suggested from (issue 10).</summary>
public class ExactIntegerSuggestTests
{
    private static DatasetProfile Build(IDataSource source, ProfileOptions? options = null) => DatasetProfile.BuildAsync(source, options).GetAwaiter().GetResult();

    internal static ColumnValuesToBeBetween Range(ExpectationSuite suite, string column) =>
        suite.Expectations.OfType<ColumnValuesToBeBetween>().Single(e => e.Column == column);

    [Fact]
    public void Snowflake_ids_get_exact_bounds_and_the_suite_passes_on_its_data()
    {
        // Snowflake-style IDs: timestamp << 22 | worker << 12 | sequence, around 1.8e18.
        var ids = Enumerable.Range(0, 50).Select(i => (long?)((1_785_000_000_000L << 22) | ((long)(i % 7) << 12) | (uint)i)).ToArray();
        var table = InMemoryTable.Builder("ids").Add("id", ids).Build();
        var suite = SuiteSuggester.Suggest(Build(table));
        var range = Range(suite, "id");
        var (min, max) = (ids.Min()!.Value, ids.Max()!.Value);
        range.Bounds.MinValue!.Value.Kind.Should().Be(ScalarKind.Integer);
        range.Bounds.MinValue.Value.AsInteger().Should().BeLessThanOrEqualTo(min);
        range.Bounds.MaxValue!.Value.AsInteger().Should().BeGreaterThanOrEqualTo(max);
        var margin = (max - min + 9) / 10;
        range.Bounds.MinValue.Value.AsInteger().Should().Be(min - margin, "10 % of the range, rounded outward, exactly");
        range.Bounds.MaxValue.Value.AsInteger().Should().Be(max + margin);
        var report = SuiteJson.Parse(SuiteJson.Serialize(suite)).Validate(table);
        report.Success.Should().BeTrue(TextReport.Render(report));
    }

    [Fact]
    public void A_single_value_beyond_two_to_the_53_is_its_own_range()
    {
        var table = InMemoryTable.Builder().Add("id", new long?[] { 9007199254740993, 9007199254740993 }).Build();
        var suite = SuiteSuggester.Suggest(Build(table));
        var range = Range(suite, "id");
        range.Bounds.MinValue.Should().Be(Scalar.From(9007199254740993L));
        range.Bounds.MaxValue.Should().Be(Scalar.From(9007199254740993L));
        SuiteJson.Serialize(suite).Should().Contain("\"min_value\": 9007199254740993");
        suite.Validate(table).Success.Should().BeTrue();
    }

    [Fact]
    public void Bounds_stay_within_the_64_bit_range_of_the_column()
    {
        var signed = InMemoryTable.Builder().Add("v", new long?[] { long.MinValue, long.MaxValue }).Build();
        var s = Range(SuiteSuggester.Suggest(Build(signed)), "v");
        s.Bounds.MinValue.Should().Be(Scalar.From(long.MinValue));
        s.Bounds.MaxValue.Should().Be(Scalar.From(long.MaxValue));

        var unsigned = InMemoryTable.Builder().Add("u", new ulong?[] { 0, 10_000_000_000_000_000_000UL, ulong.MaxValue }).Build();
        var u = Range(SuiteSuggester.Suggest(Build(unsigned)), "u");
        u.Bounds.MinValue.Should().Be(Scalar.From(0L), "non-negative columns clamp at 0");
        u.Bounds.MaxValue.Should().Be(Scalar.From(ulong.MaxValue));
        SuiteSuggester.Suggest(Build(unsigned)).Validate(unsigned).Success.Should().BeTrue();
    }

    [Fact]
    public void Sketched_integer_columns_still_get_bounds_that_hold()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 30_000).Select(_ => (long?)random.NextInt64((1L << 62) - 1000, 1L << 62)).ToArray();
        ids[12_345] = long.MaxValue;
        var table = InMemoryTable.Builder().Add("id", ids).Build();
        var profile = Build(table, ProfileOptions.Default with { ExactValueLimit = 1000 });
        profile.Columns[0].QuantilesAreExact.Should().BeFalse();
        var suite = SuiteSuggester.Suggest(profile);
        Range(suite, "id").Bounds.MaxValue.Should().Be(Scalar.From(long.MaxValue));
        var report = suite.Validate(table);
        report.Success.Should().BeTrue(TextReport.Render(report));
    }
}
