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
        var resolutions = new List<string>();
        foreach (var (name, value) in kwargs.ToList())
        {
            kwargs[name] = Replace(name, value);
        }

        if (resolutions.Count == 0)
        {
            return expectation;
        }

        using var doc = JsonDocument.Parse(node.ToJsonString());
        try
        {
            // Read back as the same record type, also when it is a user-defined one that the default catalog does not hold.
            return SuiteJson.ParseExpectation(doc.RootElement, expectation.Type, ExpectationCatalog.Default.With(expectation.GetType()));
        }
        catch (InvalidExpectationException ex) when (ex.Problems.Count > 0)
        {
            // A resolved value the argument does not take (a negative count, say): name the argument and the parameter.
            throw new InvalidExpectationException(expectation.Type, null, ex.Problems, "after resolving " + string.Join("; ", resolutions));
        }
        catch (SuiteFormatException ex) when (ex.Argument is { } argument)
        {
            // A resolved value of the wrong type (a string for a count, say): the same, an argument error of this expectation.
            throw new InvalidExpectationException(expectation.Type, null, [(argument, ex.Problem ?? ex.Message)], "after resolving " + string.Join("; ", resolutions));
        }

        JsonNode? Replace(string kwarg, JsonNode? value)
        {
            switch (value)
            {
                case JsonObject o when o.Count == 1 && o["$PARAMETER"] is JsonValue v && v.TryGetValue<string>(out var expr):
                    Scalar resolved;
                    try
                    {
                        resolved = ParameterExpression.Evaluate(expr, parameters, nowUtc);
                    }
                    catch (FormatException ex)
                    {
                        // The expression cannot be evaluated: an argument error of this expectation, naming the kwarg.
                        throw new InvalidExpectationException(expectation.Type, null, [(kwarg, ex.Message)]);
                    }

                    resolutions.Add($"{kwarg}: suite parameter {JsonStrings.Quote(expr)} = {resolved}");
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
                        a[i] = Replace($"{kwarg}[{i}]", item);
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
