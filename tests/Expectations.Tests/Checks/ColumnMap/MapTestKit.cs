using System.Text.Json;

namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>Runs single expectations over small tables and reads their results.</summary>
internal static class MapTestKit
{
    public static ExpectationResult Run(Expectation expectation, InMemoryTable table, ResultFormat? format = null)
    {
        var suite = new ExpectationSuite("test", [expectation]);
        var options = new ValidationOptions { ResultFormat = format ?? ResultFormat.Of(ResultFormatLevel.Complete) };
        return ValidationPlan.Compile(suite).Validate(table, options).Results[0];
    }

    public static InMemoryTable Strings(params string?[] values) => InMemoryTable.Builder().Add("s", values).Build();

    public static InMemoryTable Doubles(params double?[] values) => InMemoryTable.Builder().Add("x", values).Build();

    public static InMemoryTable Longs(params long?[] values) => InMemoryTable.Builder().Add("x", values).Build();

    /// <summary>The unexpected values as their JSON text (strings quoted), in row order.</summary>
    public static string[] UnexpectedJson(this ExpectationResult result) =>
        result.Result.UnexpectedList!.Select(v => v.GetRawText()).ToArray();

    /// <summary>The unexpected string values, in row order.</summary>
    public static string?[] UnexpectedStrings(this ExpectationResult result) =>
        result.Result.UnexpectedList!.Select(v => v.GetString()).ToArray();

    /// <summary>Asserts the expectation survives GX JSON: serialized in a suite and read back, it is equal.</summary>
    public static void ShouldRoundTrip(this Expectation expectation)
    {
        var suite = new ExpectationSuite("round-trip", [expectation]);
        var json = SuiteJson.Serialize(suite);
        SuiteJson.Parse(json).Should().Be(suite, "the suite was serialized as {0}", json);
        json.Should().Contain($"\"type\": \"{expectation.Type}\"");
    }

    /// <summary>Parses one expectation from a GX JSON object.</summary>
    public static Expectation Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return SuiteJson.ParseExpectation(doc.RootElement);
    }
}
