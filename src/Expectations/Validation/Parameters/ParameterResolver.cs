using System.Text.Json;
using System.Text.Json.Nodes;
using Expectations.Model;

namespace Expectations.Validation;

/// <summary>Replaces <c>{"$PARAMETER": ...}</c> values of an expectation by their values for one run.</summary>
internal static class ParameterResolver
{
    /// <summary>
    /// The expectation with every parameter resolved; the same instance when it has none. Throws
    /// <see cref="FormatException"/> or <see cref="InvalidExpectationException"/> naming the parameter.
    /// </summary>
    public static Expectation Resolve(Expectation expectation, IReadOnlyDictionary<string, Scalar> parameters, DateTime nowUtc)
    {
        var node = JsonNode.Parse(Serialize(expectation))!;
        var kwargs = node["kwargs"]!.AsObject();
        var changed = false;
        foreach (var (name, value) in kwargs.ToList())
        {
            kwargs[name] = Replace(value, ref changed);
        }

        if (!changed)
        {
            return expectation;
        }

        using var doc = JsonDocument.Parse(node.ToJsonString());
        // Read back as the same record type, also when it is a user-defined one that the default catalog does not hold.
        return SuiteJson.ParseExpectation(doc.RootElement, expectation.Type, ExpectationCatalog.Default.With(expectation.GetType()));

        JsonNode? Replace(JsonNode? value, ref bool any)
        {
            switch (value)
            {
                case JsonObject o when o.Count == 1 && o["$PARAMETER"] is JsonValue v && v.TryGetValue<string>(out var expr):
                    any = true;
                    var resolved = ParameterExpression.Evaluate(expr, parameters, nowUtc);
                    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                    using (var w = new Utf8JsonWriter(buffer))
                    {
                        resolved.WriteTo(w);
                    }

                    return JsonNode.Parse(buffer.WrittenSpan);
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        var item = a[i];
                        a[i] = null;
                        a[i] = Replace(item, ref any);
                    }

                    return a;
                default:
                    return value;
            }
        }
    }

    /// <summary>Whether any argument of <paramref name="expectation"/> is a parameter (cheap check before resolving).</summary>
    public static bool HasParameters(Expectation expectation) => Serialize(expectation).Contains("\"$PARAMETER\"", StringComparison.Ordinal);

    private static string Serialize(Expectation expectation)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            SuiteJson.WriteExpectation(writer, expectation);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
