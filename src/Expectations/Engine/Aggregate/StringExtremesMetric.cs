namespace Expectations.Engine.Aggregate;

/// <summary>
/// The smallest and largest string of a column in code-point order (ordinal UTF-8 byte order, which equals
/// Python's string order). Compares the UTF-8 bytes in place; copies bytes only when a new extreme appears.
/// </summary>
internal sealed record StringExtremesMetric(string Column) : MetricKey<StringExtremes>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Column];

    /// <inheritdoc />
    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(Column);

    private sealed class Accumulator(string column) : MetricAccumulator
    {
        private byte[]? _min;
        private byte[]? _max;
        private long _rows;
        private long _nulls;

        public override void Add(DataChunk chunk)
        {
            if (chunk[column] is not StringBatch batch)
            {
                throw new ExpectationException($"Column '{column}' does not hold strings.");
            }

            _rows += batch.Length;
            _nulls += batch.NullCount;
            var data = batch.Data.Span;
            var offsets = batch.Offsets.Span;
            for (var i = 0; i < batch.Length; i++)
            {
                if (!batch.IsValid(i))
                {
                    continue;
                }

                var value = data[offsets[i]..offsets[i + 1]];
                if (_min is null || value.SequenceCompareTo(_min) < 0)
                {
                    _min = value.ToArray();
                }

                if (_max is null || value.SequenceCompareTo(_max) > 0)
                {
                    _max = value.ToArray();
                }
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _rows += o._rows;
            _nulls += o._nulls;
            if (o._min is not null && (_min is null || o._min.AsSpan().SequenceCompareTo(_min) < 0))
            {
                _min = o._min;
            }

            if (o._max is not null && (_max is null || o._max.AsSpan().SequenceCompareTo(_max) > 0))
            {
                _max = o._max;
            }
        }

        public override void Save(Kernels.StateWriter writer)
        {
            writer.Long(_rows);
            writer.Long(_nulls);
            Optional(writer, _min);
            Optional(writer, _max);

            static void Optional(Kernels.StateWriter w, byte[]? value)
            {
                w.Bool(value is not null);
                if (value is not null)
                {
                    w.Bytes(value);
                }
            }
        }

        public override void Load(Kernels.StateReader reader)
        {
            _rows = reader.Long();
            _nulls = reader.Long();
            _min = reader.Bool() ? reader.ByteArray() : null;
            _max = reader.Bool() ? reader.ByteArray() : null;
        }

        public override object Finish() => new StringExtremes(
            _rows,
            _nulls,
            _min is null ? null : System.Text.Encoding.UTF8.GetString(_min),
            _max is null ? null : System.Text.Encoding.UTF8.GetString(_max));
    }
}

/// <summary>The extremes of a string column; null when it holds no value.</summary>
internal sealed record StringExtremes(long ElementCount, long NullCount, string? Min, string? Max);
