using System.Text.Json;

namespace Expectations.Tests.Checks.Aggregate;

/// <summary>Runs GX-style cases: an expectation given as fixture JSON against a table, checked against the fixture's output.</summary>
internal static class AggregateTestKit
{
    public static ExpectationResult Run(IDataSource data, string type, string kwargs)
    {
        using var doc = JsonDocument.Parse($$"""{"type": "{{type}}", "kwargs": {{kwargs}}}""");
        var expectation = SuiteJson.ParseExpectation(doc.RootElement);
        var report = ValidationPlan.Compile(Expect.Suite("fixture").Add(expectation).Build()).Validate(data);
        return report.Results.Single();
    }

    /// <summary>Asserts success and observed_value as GX fixtures do: numbers by value (2 == 2.0), everything else exactly.</summary>
    public static void ShouldMatch(this ExpectationResult result, bool success, string? observed)
    {
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().Be(success, "the fixture says so for {0}", result.Expectation);
        if (observed is null)
        {
            return;
        }

        using var expected = JsonDocument.Parse(observed);
        result.Result.ObservedValue.Should().NotBeNull();
        SameJson(result.Result.ObservedValue!.Value, expected.RootElement).Should().BeTrue($"observed {result.Result.ObservedValue.Value.GetRawText()}, fixture {observed}");
    }

    public static bool SameJson(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => a.GetDouble() == b.GetDouble(),
        (JsonValueKind.Array, JsonValueKind.Array) => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => SameJson(p.First, p.Second)),
        (JsonValueKind.Object, JsonValueKind.Object) => a.EnumerateObject().Count() == b.EnumerateObject().Count()
            && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var q) && SameJson(p.Value, q)),
        _ => a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText(),
    };
}
