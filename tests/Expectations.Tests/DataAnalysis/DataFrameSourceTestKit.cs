namespace Expectations.Tests.DataAnalysis;

/// <summary>Reads a source to the end and copies what the batches hold (batches are only valid until the next chunk).</summary>
internal static class DataFrameSourceTestKit
{
    public sealed record ReadResult(List<DataChunk> Chunks, Dictionary<string, List<object?>> Values)
    {
        public IEnumerable<int> ChunkSizes => Chunks.Select(c => c.RowCount);
    }

    public static async Task<ReadResult> ReadAllAsync(IDataSource source, params string[] columns)
    {
        var chunks = new List<DataChunk>();
        var values = columns.ToDictionary(c => c, _ => new List<object?>());
        var expectedOffset = 0L;
        await foreach (var chunk in source.ReadAsync(columns))
        {
            chunk.RowOffset.Should().Be(expectedOffset, "chunks are contiguous and the offset is global");
            expectedOffset += chunk.RowCount;
            chunks.Add(chunk);
            foreach (var name in columns)
            {
                var batch = chunk[name];
                batch.Length.Should().Be(chunk.RowCount);
                var nulls = 0;
                for (var i = 0; i < batch.Length; i++)
                {
                    if (!batch.IsValid(i))
                    {
                        nulls++;
                    }

                    values[name].Add(ValueAt(batch, i));
                }

                batch.NullCount.Should().Be(nulls, "the null count of column '{0}' matches its validity", name);
            }
        }

        return new ReadResult(chunks, values);
    }

    public static object? ValueAt(ColumnBatch batch, int index)
    {
        if (!batch.IsValid(index))
        {
            return null;
        }

        return batch switch
        {
            StringBatch s => s.GetString(index),
            PrimitiveBatch<bool> b => b.Values.Span[index],
            PrimitiveBatch<byte> b => b.Values.Span[index],
            PrimitiveBatch<sbyte> b => b.Values.Span[index],
            PrimitiveBatch<short> b => b.Values.Span[index],
            PrimitiveBatch<ushort> b => b.Values.Span[index],
            PrimitiveBatch<int> b => b.Values.Span[index],
            PrimitiveBatch<uint> b => b.Values.Span[index],
            PrimitiveBatch<long> b => b.Values.Span[index],
            PrimitiveBatch<ulong> b => b.Values.Span[index],
            PrimitiveBatch<float> b => b.Values.Span[index],
            PrimitiveBatch<double> b => b.Values.Span[index],
            PrimitiveBatch<decimal> b => b.Values.Span[index],
            _ => throw new InvalidOperationException($"Unexpected batch type {batch.GetType()}"),
        };
    }
}
