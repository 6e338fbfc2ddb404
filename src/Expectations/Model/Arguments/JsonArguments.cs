namespace Expectations.Model;

/// <summary>Equality of JSON-valued arguments (partition objects, ranges, parameters) by content.</summary>
internal static class JsonArguments
{
    public static bool Same(System.Text.Json.JsonElement? a, System.Text.Json.JsonElement? b) =>
        a is { } x ? b is { } y && System.Text.Json.JsonElement.DeepEquals(x, y) : b is null;
}
