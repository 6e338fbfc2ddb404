using System.Text;
using System.Text.Json;
using Expectations.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// Reads and writes suites in Great Expectations' JSON: the 1.x shape
/// (<c>{"name", "expectations": [{"type", "kwargs", "meta", "id", "severity"}], "meta"}</c>) and, for reading,
/// the 0.x shape (<c>expectation_suite_name</c>, <c>expectation_type</c>).
/// </summary>
public static class SuiteJson
{
    /// <summary>
    /// The largest suite read, in bytes of the file (characters of text): 64 MiB. A suite is an argument list; one
    /// beyond this is a generated value set that belongs in data (an other table), and reading it would hold several
    /// times its size in memory.
    /// </summary>
    public const int MaxSuiteSize = 64 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 };

    /// <summary>Reads a suite from a file.</summary>
    /// <exception cref="SuiteFormatException">The file is not a valid suite; the message names the file and JSON path.</exception>
    /// <exception cref="InvalidExpectationException">An expectation has invalid arguments.</exception>
    /// <param name="path">The suite file.</param>
    /// <param name="catalog">The expectation types the suite may name; null means <see cref="ExpectationCatalog.Default"/>.</param>
    public static ExpectationSuite ReadFile(string path, ExpectationCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxSuiteSize)
            {
                throw new SuiteFormatException($"{path}: the suite file is {length / (1024.0 * 1024):0.#} MiB; suites are read up to {MaxSuiteSize / (1024 * 1024)} MiB (SuiteJson.MaxSuiteSize). Move large value sets into data (an other table).");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SuiteFormatException($"Cannot read suite file '{path}': {ex.Message}", ex);
        }

        try
        {
            return Parse(text, catalog);
        }
        catch (SuiteFormatException ex)
        {
            throw new SuiteFormatException($"{path}: {ex.Message}", ex);
        }
        catch (InvalidExpectationException ex)
        {
            throw new InvalidExpectationException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a suite from JSON text.</summary>
    /// <exception cref="SuiteFormatException">The JSON is malformed or not a suite; the message names the JSON path.</exception>
    /// <exception cref="InvalidExpectationException">An expectation has invalid arguments.</exception>
    /// <param name="json">The suite JSON.</param>
    /// <param name="catalog">The expectation types the suite may name; null means <see cref="ExpectationCatalog.Default"/>.</param>
    public static ExpectationSuite Parse(string json, ExpectationCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxSuiteSize)
        {
            throw new SuiteFormatException($"the suite is {json.Length / (1024.0 * 1024):0.#} M characters; suites are read up to {MaxSuiteSize / (1024 * 1024)} M (SuiteJson.MaxSuiteSize). Move large value sets into data (an other table).");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new SuiteFormatException(JsonPositions.Describe(ex, json), ex);
        }

        using (doc)
        {
            CheckValues(doc.RootElement, "$");
            return ReadSuite(doc.RootElement, catalog ?? ExpectationCatalog.Default);
        }
    }

    /// <summary>
    /// Refuses, with the JSON path, what System.Text.Json reads without complaint but a suite must not hold: a key twice
    /// in one object (the last would silently win), text with a lone UTF-16 surrogate (<c>"\ud800"</c>: no string holds it),
    /// and numbers beyond a double (<c>1e400</c> would silently be infinity). Every part of the suite is checked, meta too.
    /// </summary>
    private static void CheckValues(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Text(property, path);
                    var at = $"{path}.{name}";
                    if (!names.Add(name))
                    {
                        throw new SuiteFormatException(at, $"the key \"{name}\" appears twice in this object; a suite holds each key once (which one was meant is unknown)");
                    }

                    CheckValues(property.Value, at);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckValues(item, $"{path}[{i++}]");
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException ex)
                {
                    throw new SuiteFormatException(path, $"the text holds a lone UTF-16 surrogate escape ({LoneSurrogate(element.GetRawText())}), which is not a character: {ex.Message}", ex);
                }

                break;
            case JsonValueKind.Number:
                if (!element.TryGetInt64(out _) && !(element.TryGetDouble(out var d) && double.IsFinite(d)) && !ExactNumbers.TryParseInteger(element.GetRawText(), out _))
                {
                    var raw = element.GetRawText();
                    throw new SuiteFormatException(path, $"the number {(raw.Length > 40 ? raw[..40] + "…" : raw)} is beyond the range of a double (about ±1.8e308)");
                }

                break;
        }

        static string Text(JsonProperty property, string path)
        {
            try
            {
                return property.Name;
            }
            catch (InvalidOperationException ex)
            {
                throw new SuiteFormatException(path, $"a key holds a lone UTF-16 surrogate escape, which is not a character: {ex.Message}", ex);
            }
        }

        static string LoneSurrogate(string raw)
        {
            var match = System.Text.RegularExpressions.Regex.Match(raw, @"\\u[dD][89abAB][0-9a-fA-F]{2}|\\u[dD][c-fC-F][0-9a-fA-F]{2}");
            return match.Success ? match.Value : "\\uD8xx";
        }
    }

    /// <summary>Reads one expectation from its JSON object (<c>{"type", "kwargs", ...}</c>).</summary>
    /// <param name="element">The expectation object.</param>
    /// <param name="path">Its JSON path, for messages.</param>
    /// <param name="catalog">The expectation types it may name; null means <see cref="ExpectationCatalog.Default"/>.</param>
    public static Expectation ParseExpectation(JsonElement element, string path = "$", ExpectationCatalog? catalog = null)
    {
        catalog ??= ExpectationCatalog.Default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SuiteFormatException(path, $"an expectation must be an object, found {KwargBinder.Describe(element)}");
        }

        var type = OptionalString(element, "type", path) ?? OptionalString(element, "expectation_type", path)
            ?? throw new SuiteFormatException(path, "an expectation needs a \"type\" (GX 1.x) or \"expectation_type\" (GX 0.x)");
        if (!catalog.TryGetModelType(type, out var clrType))
        {
            var closest = Suggest.Closest(type, catalog.TypeNames, 3);
            throw new SuiteFormatException($"{path}.type", $"unknown expectation type '{type}'; the closest known types are {string.Join(", ", closest)}");
        }

        var kwargs = element.TryGetProperty("kwargs", out var k) ? k : JsonDocument.Parse("{}").RootElement;
        var expectation = KwargBinder.Bind(clrType, type, kwargs, $"{path}.kwargs");
        if (element.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.EnumerateObject().Any())
        {
            expectation = expectation with { Meta = meta.Clone() };
        }
        else if (kwargs.ValueKind == JsonValueKind.Object && kwargs.TryGetProperty("meta", out var kwMeta) && kwMeta.ValueKind == JsonValueKind.Object)
        {
            expectation = expectation with { Meta = kwMeta.Clone() };
        }

        var id = OptionalString(element, "id", path) ?? OptionalString(element, "ge_cloud_id", path);
        if (id is not null)
        {
            expectation = expectation with { Id = id };
        }

        if (OptionalString(element, "severity", path) is { } severity)
        {
            expectation = expectation with
            {
                Severity = severity.ToLowerInvariant() switch
                {
                    "error" or "critical" => Severity.Error,
                    "warning" => Severity.Warning,
                    "info" => Severity.Info,
                    _ => throw new SuiteFormatException($"{path}.severity", $"severity '{severity}' is not one of error, warning, info"),
                },
            };
        }

        expectation.ThrowIfInvalid(path);
        return expectation;
    }

    /// <summary>Writes <paramref name="suite"/> as GX 1.x suite JSON (indented).</summary>
    public static string Serialize(ExpectationSuite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, suite);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <paramref name="suite"/> as GX 1.x suite JSON.</summary>
    public static void Write(Utf8JsonWriter writer, ExpectationSuite suite)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(suite);
        writer.WriteStartObject();
        writer.WriteString("name", suite.Name);
        writer.WritePropertyName("expectations");
        writer.WriteStartArray();
        foreach (var e in suite.Expectations)
        {
            WriteExpectation(writer, e);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("meta");
        if (suite.Meta is { } meta)
        {
            meta.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one expectation as <c>{"type", "kwargs", "meta", "id", "severity"}</c>.</summary>
    public static void WriteExpectation(Utf8JsonWriter writer, Expectation expectation)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(expectation);
        writer.WriteStartObject();
        writer.WriteString("type", expectation.Type);
        writer.WritePropertyName("kwargs");
        KwargBinder.WriteKwargs(writer, expectation);
        writer.WritePropertyName("meta");
        if (expectation.Meta is { } meta)
        {
            meta.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        if (expectation.Id is not null)
        {
            writer.WriteString("id", expectation.Id);
        }

        writer.WriteString("severity", expectation.Severity.ToString().ToLowerInvariant());
        writer.WriteEndObject();
    }

    private static ExpectationSuite ReadSuite(JsonElement root, ExpectationCatalog catalog)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SuiteFormatException("$", $"a suite must be a JSON object, found {KwargBinder.Describe(root)}");
        }

        var name = OptionalString(root, "name", "$") ?? OptionalString(root, "expectation_suite_name", "$")
            ?? throw new SuiteFormatException("$", "a suite needs a \"name\" (GX 1.x) or \"expectation_suite_name\" (GX 0.x)");
        if (!root.TryGetProperty("expectations", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new SuiteFormatException("$.expectations", "a suite needs an \"expectations\" list");
        }

        var expectations = new List<Expectation>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            expectations.Add(ParseExpectation(item, $"$.expectations[{i++}]", catalog));
        }

        JsonElement? meta = root.TryGetProperty("meta", out var m) && m.ValueKind == JsonValueKind.Object && m.EnumerateObject().Any() ? m.Clone() : null;
        return new ExpectationSuite(name, expectations, meta);
    }

    private static string? OptionalString(JsonElement obj, string property, string path)
    {
        if (!obj.TryGetProperty(property, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new SuiteFormatException($"{path}.{property}", $"must be a string, found {KwargBinder.Describe(v)}");
    }
}
