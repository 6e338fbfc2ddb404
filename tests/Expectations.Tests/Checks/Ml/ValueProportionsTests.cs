using System.Text.Json;

namespace Expectations.Tests.Checks.Ml;

/// <summary><c>expect_column_value_proportions_to_be_between</c>: class balance over the non-null values, common and per-value bounds.</summary>
public class ValueProportionsTests
{
    private static InMemoryTable Labels(params string?[] labels) => InMemoryTable.Builder().Add("label", labels).Build();

    private static string Suite(string kwargs) =>
        "{\"name\": \"s\", \"expectations\": [{\"type\": \"expect_column_value_proportions_to_be_between\", \"kwargs\": {\"column\": \"label\", " + kwargs + "}}]}";

    private static ExpectationResult Run(string kwargs, InMemoryTable data) =>
        ValidationPlan.Compile(SuiteJson.Parse(Suite(kwargs)))
            .Validate(data).Results[0];

    [Fact]
    public void Every_share_is_reported_and_a_collapsed_class_fails_the_common_bounds()
    {
        // 6 positive, 2 negative, 2 null: shares over the 8 values are 0.75 and 0.25.
        var data = Labels("pos", "pos", "neg", "pos", null, "pos", "pos", "neg", null, "pos");
        var ok = Run("\"min_value\": 0.2, \"max_value\": 0.8", data);
        ok.Success.Should().BeTrue();
        ok.Result.MissingCount.Should().Be(2);
        ok.Result.ObservedValue!.Value.GetRawText().Should().Be("""[{"value":"neg","proportion":0.25,"count":2},{"value":"pos","proportion":0.75,"count":6}]""");

        var tight = Run("\"max_value\": 0.7", data);
        tight.Success.Should().BeFalse();
        tight.Result.Details!.Value.GetProperty("out_of_bounds").GetRawText().Should().Be("""[{"value":"pos","proportion":0.75,"min":null,"max":0.7}]""");
    }

    [Fact]
    public void Per_value_bounds_judge_named_values_and_an_absent_one_has_share_zero()
    {
        var data = Labels("pos", "pos", "pos", "neg");
        Run("\"value_bounds\": {\"pos\": [0.5, 0.8], \"neg\": [0.2, null]}", data).Success.Should().BeTrue();
        var missing = Run("\"value_bounds\": {\"pos\": [0.5, 0.8], \"unsure\": [0.05, null]}", data);
        missing.Success.Should().BeFalse();
        missing.Result.Details!.Value.GetProperty("out_of_bounds").GetRawText().Should().Be("""[{"value":"unsure","proportion":0,"min":0.05,"max":null}]""");
    }

    [Fact]
    public void Numeric_labels_match_value_bounds_keys_by_value()
    {
        var data = InMemoryTable.Builder().Add("label", new long?[] { 1, 0, 0, 0 }).Build();
        Run("\"value_bounds\": {\"1\": [0.3, null]}", data).Success.Should().BeFalse("the share of 1 is 0.25");
        Run("\"value_bounds\": {\"1\": [0.2, null]}", data).Success.Should().BeTrue();
    }

    [Fact]
    public void A_column_without_values_fails()
    {
        var r = Run("\"min_value\": 0, \"max_value\": 1", Labels(null, null));
        r.Success.Should().BeFalse();
        r.Result.ObservedValue!.Value.GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("\"value_bounds\": [0.1, 0.2]", "value_bounds")]
    [InlineData("\"value_bounds\": {\"pos\": [0.9, 0.1]}", "value_bounds.pos")]
    [InlineData("\"value_bounds\": {\"pos\": [0.1, 2]}", "value_bounds.pos")]
    [InlineData("\"value_bounds\": {\"pos\": 0.5}", "value_bounds.pos")]
    [InlineData("\"column\": \"label\"", "min_value")]
    public void Bad_bounds_are_refused_when_the_suite_is_read_naming_the_argument(string kwargs, string argument)
    {
        var suite = Suite(kwargs).Replace("\"column\": \"label\", \"column\": \"label\"", "\"column\": \"label\"", StringComparison.Ordinal);
        var read = () => SuiteJson.Parse(suite);
        read.Should().Throw<Exception>().Which.Message.Should().Contain(argument);
    }

    [Fact]
    public void The_dsl_verb_writes_the_same_suite_as_json()
    {
        var suite = Expect.Suite("s").Column<string>("label", c => c.ValueProportionsBetween(0.1, null, new Dictionary<string, (double?, double?)> { ["pos"] = (0.5, 0.8) })).Build();
        var json = SuiteJson.Serialize(suite);
        json.Should().Contain("\"value_bounds\"").And.Contain("\"pos\"");
        SuiteJson.Parse(json).Expectations[0].Should().BeOfType<ColumnValueProportionsToBeBetween>();
        ValidationPlan.Compile(suite).Validate(Labels("pos", "pos", "neg")).Results[0].Success.Should().BeTrue();
    }
}
