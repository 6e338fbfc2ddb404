using System.Text.Json;
using Expectations.Engine.ColumnMap;

namespace Expectations.Engine.Checks;

internal sealed class ZScoreEvaluator(ColumnValueZScoresToBeLessThan e) : MapEvaluator<ColumnValueZScoresToBeLessThan>(e)
{
    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        var column = binding.Column(Spec.Column);
        return new ZScoreMetric(Spec.Column, column.Kind, Spec.Threshold, Spec.DoubleSided ?? true, sampleCap);
    }
}

/// <summary>Rows whose z-score is not under the threshold; keeps the values and judges them at the end of the pass.</summary>
internal sealed record ZScoreMetric(string Column, DataKind Kind, double Threshold, bool DoubleSided, int SampleCap) : MetricKey<ColumnMapCounts>
{
    public override IReadOnlyList<string> Columns => [Column];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    /// <summary>Whether a z-score is unexpected; NaN (undefined) always is.</summary>
    internal bool IsUnexpected(double z) => DoubleSided ? !(Math.Abs(z) < Math.Abs(Threshold)) : !(z < Threshold);

    private sealed class Accumulator(ZScoreMetric key) : MetricAccumulator
    {
        private double[] _values = [];
        private long[] _rows = [];
        private int _count;
        private long _elements;
        private long _missing;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[key.Column];
            _elements += batch.Length;
            _missing += batch.NullCount;
            var present = batch.Length - batch.NullCount;
            if (present == 0)
            {
                return;
            }

            Reserve(present);
            switch (batch)
            {
                case PrimitiveBatch<double> b: Collect(b, chunk); break;
                case PrimitiveBatch<float> b: Collect(b, chunk); break;
                case PrimitiveBatch<decimal> b: Collect(b, chunk); break;
                case PrimitiveBatch<long> b: Collect(b, chunk); break;
                case PrimitiveBatch<int> b: Collect(b, chunk); break;
                case PrimitiveBatch<short> b: Collect(b, chunk); break;
                case PrimitiveBatch<sbyte> b: Collect(b, chunk); break;
                case PrimitiveBatch<ulong> b: Collect(b, chunk); break;
                case PrimitiveBatch<uint> b: Collect(b, chunk); break;
                case PrimitiveBatch<ushort> b: Collect(b, chunk); break;
                case PrimitiveBatch<byte> b: Collect(b, chunk); break;
                default:
                    throw new ExpectationException($"{ColumnValueZScoresToBeLessThan.TypeName} cannot check column '{batch.Name}' of kind {batch.Kind}: z-scores need numbers.");
            }
        }

        private void Collect<T>(PrimitiveBatch<T> batch, DataChunk chunk) where T : unmanaged, System.Numerics.INumberBase<T>
        {
            var values = batch.Values.Span;
            var validity = batch.Validity.Span;
            for (var i = 0; i < values.Length; i++)
            {
                if (Kernels.Bitmap.IsValid(validity, i))
                {
                    _values[_count] = double.CreateTruncating(values[i]);
                    _rows[_count] = chunk.GlobalIndex(i);
                    _count++;
                }
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            Reserve(o._count);
            o._values.AsSpan(0, o._count).CopyTo(_values.AsSpan(_count));
            o._rows.AsSpan(0, o._count).CopyTo(_rows.AsSpan(_count));
            _count += o._count;
            _elements += o._elements;
            _missing += o._missing;
        }

        public override void Save(Kernels.StateWriter writer)
        {
            writer.Long(_elements);
            writer.Long(_missing);
            writer.Int(_count);
            for (var i = 0; i < _count; i++)
            {
                writer.Double(_values[i]);
                writer.Row(_rows[i]);
            }
        }

        public override void Load(Kernels.StateReader reader)
        {
            _elements = reader.Long();
            _missing = reader.Long();
            var count = reader.Count(16);
            Reserve(count);
            for (var i = 0; i < count; i++)
            {
                _values[i] = reader.Double();
                _rows[i] = reader.Row();
            }

            _count = count;
        }

        public override object Finish()
        {
            var values = _values.AsSpan(0, _count);
            var (mean, stdev) = MeanAndStdev(values);
            var samples = new SampleBuffer(key.SampleCap);
            long unexpected = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (key.IsUnexpected((values[i] - mean) / stdev))
                {
                    unexpected++;
                    if (samples.Room > 0)
                    {
                        samples.Add(_rows[i], Json(values[i]));
                    }
                }
            }

            return new ColumnMapCounts(_elements, _missing, unexpected, samples.Indices, samples.Values);
        }

        /// <summary>pandas' mean and sample standard deviation (ddof = 1), skipping NaN; two passes for accuracy.</summary>
        private static (double Mean, double Stdev) MeanAndStdev(ReadOnlySpan<double> values)
        {
            double sum = 0;
            var n = 0;
            foreach (var v in values)
            {
                if (!double.IsNaN(v))
                {
                    sum += v;
                    n++;
                }
            }

            var mean = n > 0 ? sum / n : double.NaN;
            double squares = 0;
            foreach (var v in values)
            {
                if (!double.IsNaN(v))
                {
                    squares += (v - mean) * (v - mean);
                }
            }

            return (mean, n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN);
        }

        /// <summary>A sample value as the column holds it: integers stay integers.</summary>
        private JsonElement Json(double v) =>
            key.Kind == DataKind.Integer && Math.Abs(v) < 9.2e18
                ? JsonSerializer.SerializeToElement((long)v, ZScoreJsonContext.Default.Int64)
                : double.IsFinite(v) ? JsonSerializer.SerializeToElement(v, ZScoreJsonContext.Default.Double) : JsonSerializer.SerializeToElement(v.ToString(System.Globalization.CultureInfo.InvariantCulture), ZScoreJsonContext.Default.String);

        private void Reserve(int more)
        {
            if (_count + more > _values.Length)
            {
                var size = Math.Max(_count + more, _values.Length * 2);
                Array.Resize(ref _values, size);
                Array.Resize(ref _rows, size);
            }
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ZScoreJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
