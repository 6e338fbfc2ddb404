using Expectations.Kernels;

namespace Expectations.Engine.Aggregate;

/// <summary>
/// Count, nulls, NaNs, min, max, sum, mean and variance of a numeric, boolean or timestamp column, in one
/// vectorized pass. min, max, mean, stdev and sum expectations on the same column share one instance
/// (the key is the column name alone).
/// </summary>
internal sealed record ColumnStatsMetric(string Column) : MetricKey<ColumnStats>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Column];

    /// <inheritdoc />
    public override MetricAccumulator CreateAccumulator(MetricContext context)
    {
        var info = context.Schema[Column];
        return info.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean or DataKind.Timestamp
            ? new Accumulator(info)
            : throw new ExpectationException($"Column '{Column}' of type {info.PhysicalType} ({info.Kind}) has no numeric statistics.");
    }

    private sealed class Accumulator(ColumnInfo info) : MetricAccumulator
    {
        private FloatMoments _float = FloatMoments.Empty;
        private IntegerMoments _integer = IntegerMoments.Empty;
        private long _rows;
        private long _nulls;
        private bool _isInteger = info.Kind is DataKind.Integer or DataKind.Boolean or DataKind.Timestamp;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[info.Name];
            _rows += batch.Length;
            _nulls += batch.NullCount;
            var validity = batch.Validity.Span;
            switch (batch)
            {
                case PrimitiveBatch<double> b: AggregateKernel.AccumulateDouble(b.Values.Span, validity, ref _float); break;
                case PrimitiveBatch<float> b: AggregateKernel.AccumulateFloatScalar(b.Values.Span, validity, ref _float); break;
                case PrimitiveBatch<decimal> b: AggregateKernel.AccumulateFloatScalar(b.Values.Span, validity, ref _float); break;
                case PrimitiveBatch<long> b: AggregateKernel.AccumulateLong(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<int> b: AggregateKernel.AccumulateIntegerScalar(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<short> b: AggregateKernel.AccumulateIntegerScalar(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<sbyte> b: AggregateKernel.AccumulateIntegerScalar(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<ulong> b: AggregateKernel.AccumulateIntegerScalar(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<uint> b: AggregateKernel.AccumulateIntegerScalar(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<ushort> b: AggregateKernel.AccumulateIntegerScalar(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<byte> b: AggregateKernel.AccumulateIntegerScalar(b.Values.Span, validity, ref _integer); break;
                case PrimitiveBatch<bool> b: AggregateKernel.AccumulateBoolean(b.Values.Span, validity, ref _integer); break;
                default: throw new ExpectationException($"Column '{info.Name}' ({info.PhysicalType}) arrived as {batch.GetType().Name}, which has no numeric statistics.");
            }

            // A source may deliver a column declared integer as floats (or the reverse) in some chunk; the
            // stats follow the values actually seen, floats winning once any appear.
            _isInteger &= batch is not (PrimitiveBatch<double> or PrimitiveBatch<float> or PrimitiveBatch<decimal>);
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _float.Merge(o._float);
            _integer.Merge(o._integer);
            _rows += o._rows;
            _nulls += o._nulls;
            _isInteger &= o._isInteger;
        }

        public override void Save(StateWriter writer)
        {
            _float.Save(writer);
            _integer.Save(writer);
            writer.Long(_rows);
            writer.Long(_nulls);
            writer.Bool(_isInteger);
        }

        public override void Load(StateReader reader)
        {
            _float = FloatMoments.Load(reader);
            _integer = IntegerMoments.Load(reader);
            _rows = reader.Long();
            _nulls = reader.Long();
            _isInteger = reader.Bool();
        }

        public override object Finish()
        {
            if (_isInteger)
            {
                return ColumnStats.FromIntegers(info.Kind, _rows, _nulls, _integer);
            }

            // Mixed delivery: fold the integer part into the floating one.
            return ColumnStats.FromFloats(info.Kind, _rows, _nulls, _integer.FoldInto(_float));
        }
    }
}

/// <summary>The finished statistics of one column; integer columns keep exact min, max and sum.</summary>
internal sealed record ColumnStats
{
    /// <summary>The column's kind (decides how min and max are reported).</summary>
    public required DataKind Kind { get; init; }

    /// <summary>Rows seen.</summary>
    public required long ElementCount { get; init; }

    /// <summary>Null rows.</summary>
    public required long NullCount { get; init; }

    /// <summary>NaN rows (floating columns only); skipped like nulls by every statistic.</summary>
    public long NaNCount { get; init; }

    /// <summary>Values the statistics are over: neither null nor NaN.</summary>
    public required long ValueCount { get; init; }

    /// <summary>Whether <see cref="IntegerMin"/>, <see cref="IntegerMax"/> and <see cref="IntegerSum"/> hold the exact values.</summary>
    public bool IsInteger { get; init; }

    /// <summary>Exact minimum of an integer column.</summary>
    public Int128 IntegerMin { get; init; }

    /// <summary>Exact maximum of an integer column.</summary>
    public Int128 IntegerMax { get; init; }

    /// <summary>Exact sum of an integer column.</summary>
    public Int128 IntegerSum { get; init; }

    /// <summary>Minimum as double.</summary>
    public double Min { get; init; }

    /// <summary>Maximum as double.</summary>
    public double Max { get; init; }

    /// <summary>Sum as double (compensated for floating columns).</summary>
    public double Sum { get; init; }

    /// <summary>Sum divided by the count.</summary>
    public double Mean { get; init; }

    /// <summary>Sum of squared deviations from the mean.</summary>
    public double M2 { get; init; }

    /// <summary>Rows that no statistic uses: nulls and NaNs.</summary>
    public long MissingCount => NullCount + NaNCount;

    /// <summary>The sample standard deviation (ddof = 1, as pandas), or null with fewer than two values.</summary>
    public double? SampleStdev => ValueCount > 1 ? Math.Sqrt(Math.Max(0, M2) / (ValueCount - 1)) : null;

    internal static ColumnStats FromIntegers(DataKind kind, long rows, long nulls, in IntegerMoments m) => new()
    {
        Kind = kind,
        ElementCount = rows,
        NullCount = nulls,
        ValueCount = m.Count,
        IsInteger = true,
        IntegerMin = m.Min,
        IntegerMax = m.Max,
        IntegerSum = m.Sum,
        Min = (double)m.Min,
        Max = (double)m.Max,
        Sum = (double)m.Sum,
        Mean = m.Count > 0 ? (double)m.Sum / m.Count : double.NaN,
        M2 = m.M2,
    };

    internal static ColumnStats FromFloats(DataKind kind, long rows, long nulls, in FloatMoments m) => new()
    {
        Kind = kind,
        ElementCount = rows,
        NullCount = nulls,
        NaNCount = m.NaNCount,
        ValueCount = m.Count,
        Min = m.Min,
        Max = m.Max,
        Sum = m.Sum,
        Mean = m.Count > 0 ? m.Sum / m.Count : double.NaN,
        M2 = m.M2,
    };
}
