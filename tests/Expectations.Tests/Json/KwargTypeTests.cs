using Expectations.Json;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Expectations.Tests.Json;

/// <summary>
/// Issues 11 and 12.3: a kwarg of the wrong type is bad input when the suite is read (CLI exit 2, JSON path and
/// argument named), for every kwarg of every registered expectation, so a gate can tell a broken suite from bad data.
/// The loop is over the catalogue, so a new expectation or kwarg is covered without editing this file.
/// </summary>
public sealed class KwargTypeTests
{
    /// <summary>A valid value for each required kwarg, so the wrong-typed one is the only problem in the suite.</summary>
    private static readonly Dictionary<string, JsonNode> ValidRequired = new(StringComparer.Ordinal)
    {
        ["column"] = "a",
        ["column_A"] = "a",
        ["column_B"] = "b",
        ["column_list"] = new JsonArray("a", "b"),
        ["column_set"] = new JsonArray("a"),
        ["value_set"] = new JsonArray(1, 2),
        ["value_pairs_set"] = new JsonArray(new JsonArray(1, 2)),
        ["value"] = 3,
        ["regex"] = "x",
        ["regex_list"] = new JsonArray("x"),
        ["like_pattern"] = "a%",
        ["like_pattern_list"] = new JsonArray("a%"),
        ["strftime_format"] = "%Y",
        ["metric"] = "mean",
        ["json_schema"] = new JsonObject(),
        ["distribution"] = "norm",
        ["sum_total"] = 1,
        ["threshold"] = 1.0,
        ["type_"] = "int",
        ["type_list"] = new JsonArray("int"),
        ["other_table_name"] = "other",
        ["column_index"] = 0,
        ["partition_object"] = JsonNode.Parse("""{"values": [1, 2], "weights": [0.5, 0.5]}""")!,
        ["quantile_ranges"] = JsonNode.Parse("""{"quantiles": [0.5], "value_ranges": [[0, 1]]}""")!,
        ["baseline"] = JsonNode.Parse("""{"kind": "numeric"}""")!,
        ["max_age"] = "P1D",
        ["time_column"] = "t",
        ["unexpected_rows_query"] = "SELECT * FROM {batch} WHERE a > 1",
    };

    public static TheoryData<string, string> Kwargs()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in ExpectationCatalog.Default.ModelTypes.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var name = ((Expectation)Activator.CreateInstance(type)!).Type;
            foreach (var kwarg in KwargsOf(type).Select(k => k.Name))
            {
                data.Add(name, kwarg);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kwargs))]
    public void A_wrong_typed_kwarg_is_refused_when_the_suite_is_read(string typeName, string kwarg)
    {
        ExpectationCatalog.Default.TryGetModelType(typeName, out var type).Should().BeTrue();
        var property = KwargsOf(type!).Single(k => k.Name == kwarg);
        var kwargs = new JsonObject();
        foreach (var name in KwargsOf(type!).Where(k => k.Required && k.Name != kwarg).Select(k => k.Name))
        {
            ValidRequired.TryGetValue(name, out var valid).Should().BeTrue(
                $"this test needs a valid value for the required kwarg '{name}' of {typeName}: add it to ValidRequired");
            kwargs[name] = valid!.DeepClone();
        }

        var wrong = WrongValue(type!, property);
        kwargs[kwarg] = wrong;
        var suite = new JsonObject
        {
            ["name"] = "s",
            ["expectations"] = new JsonArray(new JsonObject { ["type"] = typeName, ["kwargs"] = kwargs }),
        };

        var act = () => SuiteJson.Parse(suite.ToJsonString());

        var error = act.Should().Throw<Exception>().Which;
        switch (error)
        {
            case SuiteFormatException format:
                format.JsonPath.Should().Be($"$.expectations[0].kwargs.{kwarg}", $"{kwarg} = {wrong?.ToJsonString() ?? "null"}: {format.Message}");
                break;
            case InvalidExpectationException invalid:
                invalid.Arguments.Should().Contain(kwarg, $"{kwarg} = {wrong?.ToJsonString() ?? "null"}: {invalid.Message}");
                invalid.Message.Should().Contain("$.expectations[0]");
                break;
            default:
                throw new Xunit.Sdk.XunitException($"{typeName}.{kwarg} = {wrong?.ToJsonString()}: expected a suite error, got {error.GetType().Name}: {error.Message}");
        }
    }

    [Theory]
    [InlineData("expect_column_mean_to_be_between")]
    [InlineData("expect_column_stdev_to_be_between")]
    [InlineData("expect_column_sum_to_be_between")]
    [InlineData("expect_column_median_to_be_between")]
    [InlineData("expect_column_unique_value_count_to_be_between")]
    [InlineData("expect_column_proportion_of_unique_values_to_be_between")]
    public void A_string_bound_of_a_numeric_statistic_is_refused(string typeName)
    {
        var act = () => SuiteJson.Parse($$$"""{"name": "s", "expectations": [{"type": "{{{typeName}}}", "kwargs": {"column": "a", "min_value": "zero", "max_value": 5}}]}""");

        act.Should().Throw<InvalidExpectationException>().Which.Message.Should().Contain("min_value").And.Contain("must be a number");
    }

    [Theory]
    [InlineData("expect_column_min_to_be_between", "\"2024-01-01\"")]
    [InlineData("expect_column_max_to_be_between", "\"zebra\"")]
    [InlineData("expect_column_values_to_be_between", "\"zero\"")]
    [InlineData("expect_column_mean_to_be_between", """{"$PARAMETER": "low"}""")]
    public void Bounds_GX_can_compare_still_load(string typeName, string bound)
    {
        var suite = SuiteJson.Parse($$$"""{"name": "s", "expectations": [{"type": "{{{typeName}}}", "kwargs": {"column": "a", "min_value": {{{bound}}}}}]}""");

        suite.Expectations.Should().ContainSingle();
    }

    /// <summary>Every kwarg the reader maps, as it maps them (group kwargs such as <see cref="Bounds"/> at the top level).</summary>
    private static IReadOnlyList<KwargBinder.KwargProperty> KwargsOf(Type type) => KwargBinder.PropertiesOf(type);

    /// <summary>A value no expectation can accept for a kwarg of this type.</summary>
    private static JsonNode? WrongValue(Type type, KwargBinder.KwargProperty kwarg)
    {
        var t = Nullable.GetUnderlyingType(kwarg.Type) ?? kwarg.Type;
        if (kwarg.Integer)
        {
            return "zero";
        }

        if (t == typeof(Scalar))
        {
            // A string is a fine bound for values/min/max (strings order); never for a statistic that is a number.
            return typeof(ColumnAggregateBetween).IsAssignableFrom(type)
                   && ((ColumnAggregateBetween)Activator.CreateInstance(type)!).NumericStatistic
                ? "zero"
                : new JsonObject { ["not"] = "a value" };
        }

        return t == typeof(string) || t.IsEnum ? 5
            : t == typeof(bool) ? "yes"
            : t == typeof(double) || t == typeof(int) || t == typeof(long) ? "zero"
            : t == typeof(ResultFormat) ? 5
            : t == typeof(System.Text.Json.JsonElement) ? 5
            : t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ValueList<>) ? "x"
            : throw new InvalidOperationException($"no wrong value for kwarg type {t.Name}: extend WrongValue");
    }
}
