using System.Text.Json;

namespace Expectations;

/// <summary>JSON Schema verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value is JSON valid against <paramref name="schema"/> (GX <c>expect_column_values_to_match_json_schema</c>).</summary>
    public static ColumnBuilder<string> MatchesJsonSchema(this ColumnBuilder<string> c, JsonElement schema) =>
        c.Add(new ColumnValuesToMatchJsonSchema { Column = c.Name, JsonSchema = schema.Clone() });

    /// <summary>Every value is JSON valid against <paramref name="schema"/> (GX <c>expect_column_values_to_match_json_schema</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> MatchesJsonSchema(this ColumnBuilder<Scalar> c, JsonElement schema) =>
        c.Add(new ColumnValuesToMatchJsonSchema { Column = c.Name, JsonSchema = schema.Clone() });
}
