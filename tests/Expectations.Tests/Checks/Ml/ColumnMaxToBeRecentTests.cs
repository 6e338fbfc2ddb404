using static Expectations.Tests.Checks.Leakage.LeakageTestData;

namespace Expectations.Tests.Checks.Ml;

public class ColumnMaxToBeRecentTests
{
    private static readonly DateTime AsOf = new(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, IDataSource> None = [];

    private static InMemoryTable Feed(params (string Tenant, double? HoursAgo)[] rows) => InMemoryTable.Builder()
        .Add("tenant", rows.Select(r => (string?)r.Tenant).ToArray())
        .Add("updated_at", rows.Select(r => r.HoursAgo is { } h ? AsOf.AddHours(-h) : (DateTime?)null).ToArray())
        .Build();

    private static ColumnMaxToBeRecent Recent(string maxAge, params string[] groupBy) => new()
    {
        Column = "updated_at", MaxAge = maxAge, AsOf = Scalar.From("2024-06-01T00:00:00Z"), GroupBy = groupBy.Length > 0 ? ValueList.Create(groupBy) : null,
    };

    [Fact]
    public void The_newest_row_decides_and_its_age_is_the_observed_value()
    {
        var data = Feed(("a", 50), ("b", 30), ("a", null));
        var r = Run(Recent("PT36H"), data, None);
        r.Success.Should().BeTrue();
        r.Result.ObservedValue!.Value.GetDouble().Should().Be(30 * 3600);
        r.Result.MissingCount.Should().Be(1);
        r.Result.Details!.Value.GetProperty("max").GetString().Should().Be("2024-05-30T18:00:00");
        Run(Recent("P1D"), data, None).Success.Should().BeFalse();
    }

    [Fact]
    public void With_group_by_every_group_must_be_recent_and_stale_groups_are_listed_oldest_first()
    {
        var data = Feed(("a", 50), ("a", 2), ("b", 80), ("c", 100), ("c", 40), ("d", 1));
        var r = Run(Recent("P1D", "tenant"), data, None);
        r.Success.Should().BeFalse();
        var d = r.Result.Details!.Value;
        d.GetProperty("group_count").GetInt32().Should().Be(4);
        d.GetProperty("stale_group_count").GetInt32().Should().Be(2);
        var stale = d.GetProperty("stale_groups").EnumerateArray().Select(g => (g.GetProperty("group").GetString(), g.GetProperty("age_seconds").GetDouble())).ToList();
        stale.Should().Equal(("b", 80.0 * 3600), ("c", 40.0 * 3600));
        Run(Recent("P4D", "tenant"), data, None).Success.Should().BeTrue();
    }

    [Fact]
    public void Groups_merge_across_parallel_parts()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ => ($"t{random.Next(12)}", (double?)random.Next(0, 500))).ToArray();
        var expected = rows.GroupBy(r => r.Item1).Where(g => g.Min(r => r.Item2!.Value) > 240).OrderByDescending(g => g.Min(r => r.Item2!.Value)).Select(g => g.Key).ToList();
        var r = Run(Recent("P10D", "tenant"), Split(Feed(rows), 9), None, threads: 2);
        r.Result.Details!.Value.GetProperty("stale_groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()).Should().Equal(expected);
    }

    [Fact]
    public void As_of_takes_a_suite_parameter_and_defaults_to_now()
    {
        var data = Feed(("a", 1));
        var suite = new ExpectationSuite("s", [Recent("P1D") with { AsOf = Scalar.Parameter("as_of") }]);
        var report = ValidationPlan.Compile(suite).Validate(data, new ValidationOptions { Parameters = new Dictionary<string, Scalar> { ["as_of"] = Scalar.From("2024-06-03T00:00:00Z") } });
        report.Results.Single().Success.Should().BeFalse("on June 3 the row of May 31 is two days old");
        Run(Recent("P1D") with { AsOf = null }, data, None).Success.Should().BeFalse("the data is from 2024, and the default is now");
    }

    [Fact]
    public void Bad_input_is_a_clear_result_or_error()
    {
        Run(Recent("P1D"), Feed(("a", null)), None).Result.Details!.Value.GetProperty("note").GetString().Should().Contain("has no values");
        Run(Recent("P1D"), Feed(("a", null)), None).Success.Should().BeFalse();
        var text = InMemoryTable.Builder().Add("updated_at", new[] { "2024-01-01" }).Build();
        Run(Recent("P1D"), text, None).ExceptionInfo!.ExceptionMessage.Should().Contain("not a timestamp");
        var bad = () => new ColumnMaxToBeRecent { Column = "t", MaxAge = "1 day", AsOf = Scalar.From("yesterday"), GroupBy = ValueList.Create(["t"]) }.ThrowIfInvalid();
        bad.Should().Throw<InvalidExpectationException>().WithMessage("*max_age*").WithMessage("*as_of*").WithMessage("*group_by*");
    }

    [Fact]
    public void Dsl_and_json()
    {
        var suite = Expect.Suite("s").Column<DateTime>("updated_at", c => c.MaxIsRecent(TimeSpan.FromHours(36), AsOf, ["tenant"])).Build();
        var e = (ColumnMaxToBeRecent)suite.Expectations.Single();
        e.MaxAge.Should().Be("P1DT12H");
        e.AsOf!.Value.AsString().Should().Be("2024-06-01T00:00:00Z");
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Expectations.Should().Equal(suite.Expectations);
    }
}
