using System.Text.Json;
using Json.Schema;

namespace Expectations.Model;

/// <summary>JSON Schema arguments (<c>json_schema</c>), built the same way for argument checks and for matching.</summary>
internal static class JsonSchemas
{
    /// <summary>Builds a schema in a registry of its own, so that schemas with the same <c>$id</c> in one suite do not collide.</summary>
    public static JsonSchema Build(JsonElement schema) =>
        JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}
