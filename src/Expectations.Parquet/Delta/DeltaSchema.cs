using System.Text.Json;

namespace Expectations.Parquet.Delta;

/// <summary>The top-level fields of a Delta <c>schemaString</c>, with the kinds their values have.</summary>
internal static class Schema
{
    public static List<TableField> Parse(string schemaString, string table)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaString);
        }
        catch (JsonException e)
        {
            throw new DataSourceException($"Delta table '{table}': metaData.schemaString is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
            {
                throw new DataSourceException($"Delta table '{table}': metaData.schemaString has no \"fields\" array.");
            }

            var result = new List<TableField>();
            foreach (var field in fields.EnumerateArray())
            {
                var name = field.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!
                    : throw new DataSourceException($"Delta table '{table}': a schema field has no name.");
                if (!field.TryGetProperty("type", out var type))
                {
                    throw new DataSourceException($"Delta table '{table}': schema field '{name}' has no type.");
                }

                if (type.ValueKind != JsonValueKind.String)
                {
                    var nested = type.TryGetProperty("type", out var t) ? t.GetString() : null;
                    result.Add(new TableField(name, nested switch { "struct" => DataKind.Struct, "array" => DataKind.List, "map" => DataKind.Map, _ => null }, null));
                    continue;
                }

                var (kind, nullType) = Primitive(type.GetString()!, name, table);
                result.Add(new TableField(name, kind, nullType));
            }

            return result;
        }
    }

    private static (DataKind, PartitionType) Primitive(string type, string name, string table) => type switch
    {
        "string" => (DataKind.String, PartitionType.String),
        "long" or "integer" or "short" or "byte" => (DataKind.Integer, PartitionType.Int64),
        "float" or "double" => (DataKind.Float, PartitionType.Double),
        "boolean" => (DataKind.Boolean, PartitionType.Boolean),
        "binary" => (DataKind.Binary, PartitionType.Binary),
        "date" => (DataKind.Timestamp, PartitionType.Date),
        "timestamp" or "timestamp_ntz" => (DataKind.Timestamp, PartitionType.Timestamp),
        _ when type.StartsWith("decimal", StringComparison.Ordinal) => (DataKind.Decimal, PartitionType.Decimal),
        _ => throw new DataSourceException($"Delta table '{table}': column '{name}' has the type '{type}', which this reader does not know."),
    };
}
