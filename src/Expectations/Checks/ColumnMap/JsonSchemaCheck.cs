using System.Text.Json;
using Expectations.Checks;
using Expectations.Data;
using Expectations.Engine.ColumnMap;
using Json.Schema;

namespace Expectations.Checks
{
    /// <summary>
    /// GX <c>expect_column_values_to_match_json_schema</c>: each non-null string is a JSON document valid against the
    /// JSON Schema <see cref="JsonSchema"/> (draft 2020-12 unless the schema's <c>$schema</c> names another draft;
    /// evaluated with JsonSchema.Net). A value that is not JSON at all is unexpected (GX raised an error instead).
    /// Example: <c>json_schema = {"type": "object", "required": ["id"]}</c> accepts <c>{"id": 1}</c>, rejects <c>{}</c>.
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
                _ = JsonSchemaCheck.Build(schema);
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

    internal sealed class JsonSchemaEvaluator(ColumnValuesToMatchJsonSchema e) : ColumnMapEvaluator<ColumnValuesToMatchJsonSchema>(e)
    {
        protected override RowCheck CreateCheck(ColumnInfo column) =>
            column.Kind == DataKind.String ? new JsonSchemaCheck(Spec.JsonSchema!.Value) : throw Unsupported(column, "the column is not text");
    }

    /// <summary>Rows whose text is not JSON valid against a schema. Parses each value into a document (allocates per row).</summary>
    internal sealed record JsonSchemaCheck : TextRowCheck
    {
        private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Flag };

        private readonly string _key;
        private readonly JsonSchema _schema;

        public JsonSchemaCheck(JsonElement schema)
        {
            _key = schema.GetRawText();
            _schema = Build(schema);
        }

        /// <summary>Builds a schema in a registry of its own, so that schemas with the same <c>$id</c> in one suite do not collide.</summary>
        public static JsonSchema Build(JsonElement schema) =>
            global::Json.Schema.JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

        protected override bool IsUnexpectedText(ReadOnlySpan<char> text) => throw new NotSupportedException("JSON is checked on UTF-8 bytes.");

        protected override bool IsUnexpectedUtf8(ReadOnlySpan<byte> utf8)
        {
            if (!JsonText.IsValid(utf8))
            {
                return true;
            }

            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1000 });
            using var document = JsonDocument.ParseValue(ref reader);
            return !_schema.Evaluate(document.RootElement, Evaluation).IsValid;
        }

        public bool Equals(JsonSchemaCheck? other) => other is not null && _key == other._key;

        public override int GetHashCode() => _key.GetHashCode(StringComparison.Ordinal);
    }
}

namespace Expectations
{
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
}
