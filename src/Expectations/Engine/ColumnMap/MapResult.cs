using System.Buffers;
using System.Text.Json;

namespace Expectations.Engine.ColumnMap;

/// <summary>
/// A map metric whose samples can carry the values of other columns of their rows (the key columns of
/// <c>unexpected_index_column_names</c>, or whole rows for <c>include_unexpected_rows</c>). The columns join the
/// metric's <see cref="MetricKey.Columns"/>, so the plan reads them in the same pass; only sampled rows are decoded.
/// Metrics that do not implement it report plain row indices and no <c>unexpected_rows</c>.
/// </summary>
internal interface IRowSampling
{
    /// <summary>The same metric, whose <see cref="ColumnMapCounts.SampleRows"/> hold <paramref name="rowColumns"/>.</summary>
    MetricKey<ColumnMapCounts> WithRowColumns(ValueList<string> rowColumns);
}

/// <summary>
/// The state every row-level metric keeps: rows seen, rows not checked, unexpected rows and their samples. Subclasses
/// only fold chunks in; merging and finishing are the same for all of them.
/// </summary>
internal abstract class MapAccumulator(int sampleCap, ValueList<string> rowColumns) : MetricAccumulator
{
    protected SampleBuffer Samples { get; } = new(sampleCap, rowColumns);

    protected long Elements { get; set; }

    protected long Missing { get; set; }

    protected long Unexpected { get; set; }

    public sealed override void Merge(MetricAccumulator other)
    {
        var o = (MapAccumulator)other;
        Elements += o.Elements;
        Missing += o.Missing;
        Unexpected += o.Unexpected;
        Samples.Append(o.Samples);
    }

    public sealed override object Finish() => new ColumnMapCounts(Elements, Missing, Unexpected, Samples.Indices, Samples.Values, Samples.Rows);
}

/// <summary>Collects unexpected-row samples up to a cap, in row order; optionally with other columns' values of each row.</summary>
internal sealed class SampleBuffer(int cap, ValueList<string> rowColumns = default)
{
    private readonly ValueList<string> _rowColumns = rowColumns;

    public List<long> Indices { get; } = [];

    public List<JsonElement> Values { get; } = [];

    /// <summary>For each sample, the values of <c>rowColumns</c> in its row; null when none were asked for.</summary>
    public List<JsonElement>? Rows { get; } = rowColumns.Count > 0 ? [] : null;

    public int Cap { get; } = cap;

    public int Room => Math.Max(0, Cap - Indices.Count);

    public void Add(long index, JsonElement value)
    {
        if (Indices.Count < Cap)
        {
            Indices.Add(index);
            Values.Add(value);
        }
    }

    /// <summary>Adds row <paramref name="row"/> of <paramref name="chunk"/>, reading the row columns' values when asked for.</summary>
    public void Add(DataChunk chunk, int row, JsonElement value)
    {
        if (Indices.Count >= Cap)
        {
            return;
        }

        Add(chunk.GlobalIndex(row), value);
        Rows?.Add(RowObject(chunk, row, _rowColumns));
    }

    public void Append(SampleBuffer later)
    {
        for (var i = 0; i < later.Indices.Count && Room > 0; i++)
        {
            Add(later.Indices[i], later.Values[i]);
            if (Rows is not null && later.Rows is not null)
            {
                Rows.Add(later.Rows[i]);
            }
        }
    }

    /// <summary>The values of <paramref name="columns"/> in row <paramref name="row"/> as one JSON object (samples only, never per row of data).</summary>
    internal static JsonElement RowObject(DataChunk chunk, int row, IReadOnlyList<string> columns)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var column in columns)
            {
                writer.WritePropertyName(column);
                chunk[column].WriteValue(writer, row);
            }

            writer.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}
