using System.Text.Json;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class JsonSchemaCheckTests
{
    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Follows_the_gx_fixture()
    {
        var values = Strings("""{"a":1}""", """{"a":2}""", null, null);
        Run(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = Schema("{}") }, values).Success.Should().BeTrue();
        var complex = Run(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = Schema("""{"properties": {"a": {"type": "integer"}}, "required": ["a"]}""") }, values);
        complex.Success.Should().BeTrue();
        complex.Result.UnexpectedList.Should().BeEmpty();
    }

    [Fact]
    public void Values_that_break_the_schema_or_are_not_json_are_unexpected()
    {
        var schema = Schema("""{"type": "object", "properties": {"id": {"type": "integer", "minimum": 1}}, "required": ["id"], "additionalProperties": false}""");
        var result = Run(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = schema },
            Strings("""{"id": 1}""", """{"id": 0}""", "{}", """{"id": 2, "x": 1}""", "[1]", "not json", """{"id": "3"}""", null));
        result.Result.UnexpectedIndexList.Should().Equal(1L, 2, 3, 4, 5, 6);
        result.Result.MissingCount.Should().Be(1);
    }

    [Fact]
    public void Boolean_schemas_and_older_drafts_work()
    {
        Run(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = Schema("false") }, Strings("1")).Success.Should().BeFalse();
        Run(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = Schema("true") }, Strings("1")).Success.Should().BeTrue();
        var draft7 = Schema("""{"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "items": [{"type": "string"}], "additionalItems": false}""");
        Run(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = draft7 }, Strings("""["a"]""", """["a", 1]""")).Result.UnexpectedIndexList.Should().Equal(1L);
    }

    [Fact]
    public void Schemas_with_the_same_id_do_not_collide()
    {
        var a = Schema("""{"$id": "https://example.com/s", "type": "string"}""");
        var b = Schema("""{"$id": "https://example.com/s", "type": "number"}""");
        var suite = Expect.Suite("s").Column<string>("s", c => c.MatchesJsonSchema(a).MatchesJsonSchema(b)).Build();
        var report = ValidationPlan.Compile(suite).Validate(Strings("\"x\""), new ValidationOptions());
        report.Results.Select(r => r.Success).Should().Equal(true, false);
    }

    [Theory]
    [InlineData("""{"type": 5}""")]
    [InlineData("""{"minimum": "one"}""")]
    [InlineData("[1, 2]")]
    public void An_invalid_schema_is_an_argument_error(string schema)
    {
        var act = () => Parse("""{"type": "expect_column_values_to_match_json_schema", "kwargs": {"column": "s", "json_schema": """ + schema + "}}");
        act.Should().Throw<Exception>().WithMessage("*json_schema*");
    }

    [Fact]
    public void Equality_and_json_round_trip_compare_the_schema_by_content()
    {
        var one = new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = Schema("""{"type": "string"}""") };
        one.Should().Be(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = Schema("""{ "type" : "string" }""") });
        one.Should().NotBe(new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = Schema("""{"type": "number"}""") });
        one.ShouldRoundTrip();
        (one with { Mostly = 0.5 }).ShouldRoundTrip();
    }
}
