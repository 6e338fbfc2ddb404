using System.Text.Json;

namespace Expectations.Engine.ColumnMap;

/// <summary>What a row-level check found: counts plus the first unexpected rows (global index and value).</summary>
/// <param name="ElementCount">Rows seen.</param>
/// <param name="MissingCount">Rows not checked (nulls, or rows ignored by <c>ignore_row_if</c>).</param>
/// <param name="UnexpectedCount">Checked rows that failed.</param>
/// <param name="SampleIndices">Global row indices of the first unexpected rows, ascending.</param>
/// <param name="SampleValues">Their values, as reports show them.</param>
internal sealed record MapResult(long ElementCount, long MissingCount, long UnexpectedCount, IReadOnlyList<long> SampleIndices, IReadOnlyList<JsonElement> SampleValues);

/// <summary>Collects unexpected-row samples up to a cap, in row order.</summary>
internal sealed class SampleBuffer(int cap)
{
    public List<long> Indices { get; } = [];

    public List<JsonElement> Values { get; } = [];

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

    public void Append(SampleBuffer later)
    {
        for (var i = 0; i < later.Indices.Count && Room > 0; i++)
        {
            Add(later.Indices[i], later.Values[i]);
        }
    }
}
