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

    public sealed override void Save(Kernels.StateWriter writer)
    {
        writer.Long(Elements);
        writer.Long(Missing);
        writer.Long(Unexpected);
        Samples.Save(writer);
    }

    public sealed override void Load(Kernels.StateReader reader)
    {
        Elements = reader.Long();
        Missing = reader.Long();
        Unexpected = reader.Long();
        Samples.Load(reader);
    }
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

    /// <summary>Writes the samples: row indices (relative to the partition), values and row objects as JSON text.</summary>
    public void Save(Kernels.StateWriter writer)
    {
        writer.Int(Indices.Count);
        for (var i = 0; i < Indices.Count; i++)
        {
            writer.Row(Indices[i]);
            writer.String(Values[i].GetRawText());
        }

        writer.Bool(Rows is not null);
        if (Rows is not null)
        {
            writer.List(Rows, static (w, row) => w.String(row.GetRawText()));
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this empty buffer.</summary>
    public void Load(Kernels.StateReader reader)
    {
        var count = reader.Count(12);
        for (var i = 0; i < count; i++)
        {
            Indices.Add(reader.Row());
            Values.Add(StateJson.Parse(reader.String()));
        }

        var hasRows = reader.Bool();
        if (hasRows != Rows is not null)
        {
            throw new Kernels.KernelException("Saved state: the samples' row columns do not match the metric.");
        }

        if (hasRows)
        {
            Rows!.AddRange(reader.List(static r => StateJson.Parse(r.String()), 4));
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

/// <summary>JSON values inside saved states: kept as their JSON text.</summary>
internal static class StateJson
{
    public static JsonElement Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Kernels.KernelException($"Saved state: a sample value is not JSON ({ex.Message}).", ex);
        }
    }
}
