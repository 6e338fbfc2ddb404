using System.Text.Json;

namespace Expectations;

/// <summary>JSON Schema verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value is JSON valid against <paramref name="schema"/> (GX <c>expect_column_values_to_match_json_schema</c>).</summary>
    public static ColumnRules<string> MatchesJsonSchema(this ColumnRules<string> c, JsonElement schema) =>
        c.Add(new ColumnValuesToMatchJsonSchema { Column = c.Name, JsonSchema = schema.Clone() });

    /// <summary>Every value is JSON valid against <paramref name="schema"/> (GX <c>expect_column_values_to_match_json_schema</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> MatchesJsonSchema(this ColumnRules<Scalar> c, JsonElement schema) =>
        c.Add(new ColumnValuesToMatchJsonSchema { Column = c.Name, JsonSchema = schema.Clone() });
}
