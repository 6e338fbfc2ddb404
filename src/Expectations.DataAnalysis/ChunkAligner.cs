namespace Expectations.DataAnalysis;

/// <summary>
/// Turns column readers whose segments end at different rows into chunks that all of them cover: every segment
/// boundary of any reader is a chunk boundary, and each chunk holds one batch per reader.
/// </summary>
internal static class ChunkAligner
{
    /// <summary>
    /// Yields the chunks of <paramref name="rowCount"/> rows. Each reader must cover exactly that many rows; with no
    /// readers, chunks of up to <see cref="int.MaxValue"/> rows without columns are yielded.
    /// </summary>
    public static IEnumerable<DataChunk> Align(IReadOnlyList<ColumnReader> readers, long rowCount, string description, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (rowCount == 0)
        {
            yield return new DataChunk(0, 0, readers.Select(r => r.Empty()).ToList(), description);
            yield break;
        }

        var positions = new int[readers.Count];
        foreach (var reader in readers)
        {
            MoveToRows(reader, 0, rowCount, description);
        }

        var offset = 0L;
        while (offset < rowCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = (int)Math.Min(rowCount - offset, int.MaxValue);
            for (var i = 0; i < readers.Count; i++)
            {
                rows = Math.Min(rows, readers[i].SegmentLength - positions[i]);
            }

            var batches = new ColumnBatch[readers.Count];
            for (var i = 0; i < readers.Count; i++)
            {
                batches[i] = readers[i].Slice(positions[i], rows);
            }

            yield return new DataChunk(offset, rows, batches, $"{description}, rows {offset}-{offset + rows - 1}");
            offset += rows;
            for (var i = 0; i < readers.Count; i++)
            {
                positions[i] += rows;
                if (positions[i] == readers[i].SegmentLength && offset < rowCount)
                {
                    positions[i] = 0;
                    MoveToRows(readers[i], offset, rowCount, description);
                }
            }
        }

        foreach (var reader in readers)
        {
            if (reader.MoveNext() && reader.SegmentLength > 0)
            {
                throw new DataSourceException($"{description}, column '{reader.Name}': its buffers hold more than the DataFrame's {rowCount} rows.");
            }
        }
    }

    /// <summary>Moves <paramref name="reader"/> to its next segment that holds rows.</summary>
    private static void MoveToRows(ColumnReader reader, long offset, long rowCount, string description)
    {
        do
        {
            if (!reader.MoveNext())
            {
                throw new DataSourceException($"{description}, column '{reader.Name}': its buffers end at row {offset}, before the DataFrame's {rowCount} rows.");
            }
        }
        while (reader.SegmentLength == 0);
    }
}
