using System.Buffers;
using System.Text.Json;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Engine.Checks;

/// <summary>
/// A row-level condition over a list of columns, judged a whole batch at a time into a bitmap. Records, so equal
/// checks on the same columns are computed once.
/// </summary>
internal abstract record RowsCheck
{
    /// <summary>
    /// Sets, in <paramref name="unexpected"/> (a cleared bitmap of the batches' rows), the rows that fail. Rows with a
    /// null are included: <paramref name="anyMissing"/> marks them, for checks to which a null makes a row fail; the
    /// metric leaves out the rows its <c>ignore_row_if</c> skips afterwards.
    /// </summary>
    public abstract void MarkUnexpected(ColumnBatch[] batches, ReadOnlySpan<byte> anyMissing, byte[] unexpected);
}

/// <summary>
/// The metric "rows of <paramref name="ColumnList"/> where <paramref name="Check"/> fails": rows
/// <paramref name="IgnoreRowIf"/> skips are missing. Null bitmaps, failures and skips are combined a byte (8 rows) at
/// a time and counted by popcount. Samples are <c>{"column": value, ...}</c> objects, as GX reports them.
/// </summary>
internal sealed record RowsCheckMetric(ValueList<string> ColumnList, RowsCheck Check, MultiColumnIgnoreRowIf IgnoreRowIf, int SampleCap, ValueList<string> RowColumns = default)
    : MetricKey<ColumnMapCounts>, IRowSampling
{
    public override IReadOnlyList<string> Columns => RowColumns.Count == 0 ? ColumnList : [.. ColumnList.Concat(RowColumns).Distinct(StringComparer.Ordinal)];

    public MetricKey<ColumnMapCounts> WithRowColumns(ValueList<string> rowColumns) => this with { RowColumns = rowColumns };

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(RowsCheckMetric key) : MapAccumulator(key.SampleCap, key.RowColumns)
    {
        public override void Add(DataChunk chunk)
        {
            var n = chunk.RowCount;
            Elements += n;
            if (n == 0)
            {
                return;
            }

            var batches = new ColumnBatch[key.ColumnList.Count];
            for (var c = 0; c < batches.Length; c++)
            {
                batches[c] = chunk[key.ColumnList[c]];
            }

            var bytes = ValueEquality.BitmapBytes(n);
            var scratch = ArrayPool<byte>.Shared.Rent(3 * bytes);
            var unexpected = ArrayPool<byte>.Shared.Rent(bytes);
            try
            {
                var anyMissing = scratch.AsSpan(0, bytes);
                var allMissing = scratch.AsSpan(bytes, bytes);
                var ignored = scratch.AsSpan(2 * bytes, bytes);
                MarkMissing(batches, anyMissing, allMissing, n);
                Array.Clear(unexpected, 0, bytes);
                key.Check.MarkUnexpected(batches, anyMissing, unexpected);

                switch (key.IgnoreRowIf)
                {
                    case MultiColumnIgnoreRowIf.AllValuesAreMissing: allMissing.CopyTo(ignored); break;
                    case MultiColumnIgnoreRowIf.AnyValueIsMissing: anyMissing.CopyTo(ignored); break;
                    default: ignored.Clear(); break;
                }

                var failing = unexpected.AsSpan(0, bytes);
                for (var i = 0; i < bytes; i++)
                {
                    failing[i] &= (byte)~ignored[i];
                }

                ValueEquality.ClearTail(failing, n);
                Missing += Bitmap.CountValid(ignored, n);
                var count = Bitmap.CountValid(failing, n);
                Unexpected += count;
                for (var row = 0; row < n && count > 0 && Samples.Room > 0; row++)
                {
                    if (((failing[row >> 3] >> (row & 7)) & 1) != 0)
                    {
                        Samples.Add(chunk, row, RowJson(batches, row));
                        count--;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
                ArrayPool<byte>.Shared.Return(unexpected);
            }
        }

        /// <summary>Rows with at least one null, and rows where every value is null, from the validity bitmaps.</summary>
        private static void MarkMissing(ColumnBatch[] batches, Span<byte> any, Span<byte> all, int rows)
        {
            any.Clear();
            all.Fill(0xFF);
            foreach (var batch in batches)
            {
                if (batch.NullCount == 0)
                {
                    all.Clear();
                    continue;
                }

                var validity = batch.Validity.Span;
                for (var i = 0; i < any.Length; i++)
                {
                    any[i] |= (byte)~validity[i];
                    all[i] &= (byte)~validity[i];
                }
            }

            ValueEquality.ClearTail(any, rows);
            ValueEquality.ClearTail(all, rows);
        }

        /// <summary>A sample as GX reports it: an object of column name to value.</summary>
        private JsonElement RowJson(ColumnBatch[] batches, int row)
        {
            var buffer = new ArrayBufferWriter<byte>(64);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                for (var c = 0; c < batches.Length; c++)
                {
                    writer.WritePropertyName(key.ColumnList[c]);
                    batches[c].WriteValue(writer, row);
                }

                writer.WriteEndObject();
            }

            using var doc = JsonDocument.Parse(buffer.WrittenMemory);
            return doc.RootElement.Clone();
        }
    }
}
