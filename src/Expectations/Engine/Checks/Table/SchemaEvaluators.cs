using System.Buffers;
using System.Text.Json;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>
/// Schema expectations need no metric: the column list is known when binding, and an evaluator lives for one run,
/// so it keeps the names it was bound to and judges them when evaluating.
/// </summary>
internal abstract class SchemaEvaluator<T>(T expectation) : Evaluator<T>(expectation) where T : Expectation
{
    private string[]? _columns;

    /// <summary>Column names are checked, never values: any column counts.</summary>
    public override ColumnShapes AcceptedShapes => ColumnShapes.All;

    /// <summary>
    /// Whether only top-level columns are seen (<see cref="ColumnInfo.Parent"/> null): the fields of a struct or map
    /// (<c>address.city</c>) are columns one can check, but not columns of the table, as pandas, Spark and DuckDB count them.
    /// </summary>
    protected virtual bool TopLevelOnly => true;

    /// <inheritdoc />
    public override void Bind(Binding binding) => _columns = [.. binding.Columns.Where(c => !TopLevelOnly || c.Parent is null).Select(c => c.Name)];

    /// <inheritdoc />
    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format) =>
        Evaluate(_columns ?? throw new InvalidOperationException("Evaluate was called before Bind."), format);

    /// <summary>The result for the data's column names, in order.</summary>
    protected abstract ExpectationResult Evaluate(IReadOnlyList<string> columns, ResultFormat format);

    /// <summary>A result with the given observed value and details, trimmed to BOOLEAN_ONLY when asked.</summary>
    protected ExpectationResult Result(bool success, ResultFormat format, Action<Utf8JsonWriter> observed, Action<Utf8JsonWriter>? details = null) =>
        format.Level == ResultFormatLevel.BooleanOnly
            ? Result(success, ResultDetails.Empty)
            : Result(success, new ResultDetails { ObservedValue = Json(observed), Details = details is null ? null : Json(details) });

    /// <summary>Writes a list of names as a JSON array.</summary>
    protected static void WriteNames(Utf8JsonWriter w, IEnumerable<string> names)
    {
        w.WriteStartArray();
        foreach (var n in names)
        {
            w.WriteStringValue(n);
        }

        w.WriteEndArray();
    }

    private static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}

internal sealed class ColumnToExistEvaluator(ColumnToExist e) : SchemaEvaluator<ColumnToExist>(e)
{
    private string[] _topLevel = [];

    // Any column exists, fields of structs and maps (address.city) included.
    protected override bool TopLevelOnly => false;

    public override void Bind(Binding binding)
    {
        base.Bind(binding);
        _topLevel = [.. binding.Columns.Where(c => c.Parent is null).Select(c => c.Name)];
    }

    // GX reports only success here (no observed value). Unlike GX, whose `if column_index:` skips the position check for
    // index 0, any given index is checked. A position counts top-level columns (a field has none of its own).
    protected override ExpectationResult Evaluate(IReadOnlyList<string> columns, ResultFormat format) =>
        Result(WholeNumbers.OrNull(Spec.ColumnIndex, "column_index") is { } i
            ? i < _topLevel.Length && _topLevel[(int)i] == Spec.Column
            : columns.Contains(Spec.Column, StringComparer.Ordinal), ResultDetails.Empty);
}

internal sealed class ColumnsMatchOrderedListEvaluator(TableColumnsToMatchOrderedList e) : SchemaEvaluator<TableColumnsToMatchOrderedList>(e)
{
    protected override ExpectationResult Evaluate(IReadOnlyList<string> columns, ResultFormat format)
    {
        if (Spec.ColumnList is not { } expected || expected.SequenceEqual(columns, StringComparer.Ordinal))
        {
            return Result(true, format, w => WriteNames(w, columns));
        }

        // GX lists every position where expected and found differ, null past the end of the shorter list.
        return Result(false, format, w => WriteNames(w, columns), w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("mismatched");
            for (var i = 0; i < Math.Max(expected.Count, columns.Count); i++)
            {
                var want = i < expected.Count ? expected[i] : null;
                var found = i < columns.Count ? columns[i] : null;
                if (want != found)
                {
                    w.WriteStartObject();
                    w.WriteNumber("Expected Column Position", i);
                    w.WriteString("Expected", want);
                    w.WriteString("Found", found);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}

internal sealed class ColumnsMatchSetEvaluator(TableColumnsToMatchSet e) : SchemaEvaluator<TableColumnsToMatchSet>(e)
{
    protected override ExpectationResult Evaluate(IReadOnlyList<string> columns, ResultFormat format)
    {
        // A set has no order: the observed columns are reported sorted, as GX does.
        var observed = columns.Order(StringComparer.Ordinal).ToArray();
        if (Spec.ColumnSet is not { } set)
        {
            if (!Spec.ExactMatch)
            {
                return Result(true, format, w => WriteNames(w, observed));
            }

            set = ValueList<string>.Empty;
        }

        var expected = set.ToHashSet(StringComparer.Ordinal);
        var actual = columns.ToHashSet(StringComparer.Ordinal);
        var unexpected = actual.Where(c => !expected.Contains(c)).Order(StringComparer.Ordinal).ToArray();
        var missing = expected.Where(c => !actual.Contains(c)).Order(StringComparer.Ordinal).ToArray();
        var success = missing.Length == 0 && (!Spec.ExactMatch || unexpected.Length == 0);
        return Result(success, format, w => WriteNames(w, observed), w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("mismatched");
            if (unexpected.Length > 0)
            {
                w.WritePropertyName("unexpected");
                WriteNames(w, unexpected);
            }

            if (missing.Length > 0)
            {
                w.WritePropertyName("missing");
                WriteNames(w, missing);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}

internal sealed class ColumnCountBetweenEvaluator(TableColumnCountToBeBetween e) : SchemaEvaluator<TableColumnCountToBeBetween>(e)
{
    protected override ExpectationResult Evaluate(IReadOnlyList<string> columns, ResultFormat format)
    {
        long count = columns.Count;
        var ok = Spec.Bounds.Contains(count);
        return Result(ok, format, w => w.WriteNumberValue(count));
    }
}

internal sealed class ColumnCountEqualEvaluator(TableColumnCountToEqual e) : SchemaEvaluator<TableColumnCountToEqual>(e)
{
    protected override ExpectationResult Evaluate(IReadOnlyList<string> columns, ResultFormat format) =>
        Result(columns.Count == WholeNumbers.Of(Spec.Value, "value"), format, w => w.WriteNumberValue(columns.Count));
}
