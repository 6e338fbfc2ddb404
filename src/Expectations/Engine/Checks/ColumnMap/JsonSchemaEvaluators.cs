using System.Text.Json;
using Expectations.Engine.ColumnMap;
using Expectations.Model;
using Json.Schema;

namespace Expectations.Engine.Checks;

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
        _schema = JsonSchemas.Build(schema);
    }

    protected override bool IsUnexpectedText(ReadOnlySpan<char> text) => throw new NotSupportedException("JSON is checked on UTF-8 bytes.");

    /// <summary>A schema's <c>pattern</c>s run on the backtracking engine without a match timeout: every value is timed against the budget.</summary>
    protected override bool IsCostly => true;

    protected override string Kind => "JSON schema";

    protected override string Describe() => "the JSON schema";

    protected override string Advice => "simplify the schema's patterns (a schema's pattern runs on the backtracking engine, one value at a time)";

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
