using System.Text.Json;
using Expectations.Model;
using Json.Schema;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_match_json_schema</c>: each non-null string is a JSON document valid against the
/// JSON Schema <see cref="JsonSchema"/> (draft 2020-12 unless the schema's <c>$schema</c> names another draft;
/// evaluated with JsonSchema.Net). A value that is not JSON at all is unexpected (GX raised an error instead).
/// Example: <c>json_schema = {"type": "object", "required": ["id"]}</c> accepts <c>{"id": 1}</c>, rejects <c>{}</c>.
/// Values nest at most 1,000 levels; each value's evaluation counts against <c>ValidationOptions.RegexBudget</c>
/// (a schema's <c>pattern</c> runs on the backtracking engine), after which the expectation fails with <c>exception_info</c>
/// naming the row (docs/limits.md).
/// </summary>
public sealed record ColumnValuesToMatchJsonSchema : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_match_json_schema";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The schema: a JSON object (or <c>true</c>/<c>false</c>).</summary>
    [Kwarg("json_schema", Required = true)]
    public JsonElement? JsonSchema { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (JsonSchema is not { } schema)
        {
            errors.Add("json_schema", "is required");
            return;
        }

        try
        {
            _ = JsonSchemas.Build(schema);
        }
        catch (Exception ex) when (ex is JsonException or JsonSchemaException or RefResolutionException or ArgumentException or InvalidOperationException)
        {
            errors.Add("json_schema", $"is not a valid JSON Schema: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public bool Equals(ColumnValuesToMatchJsonSchema? other) =>
        base.Equals(other) && (JsonSchema is { } a ? other.JsonSchema is { } b && JsonElement.DeepEquals(a, b) : other.JsonSchema is null);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Column);
}
