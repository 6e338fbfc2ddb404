using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>The range of a timestamp column of another table: its least and greatest ticks over the non-null rows.</summary>
internal sealed record TimeRange(long Min, long Max, long Values, long Rows);

/// <summary>The rows of another table earlier than a threshold: how many, and the first few (row, ticks).</summary>
internal sealed record EarlyRows(long Count, IReadOnlyList<(long Row, long Ticks)> Sample);

internal sealed record OtherTimeRangeScan(IDataSource Source, string Column);

internal sealed record OtherEarlyRowsScan(IDataSource Source, string Column, long Before, int Cap);

/// <summary>What <see cref="TimeRangePrecedesMetric"/> finishes with.</summary>
internal sealed record TimeRangeFacts(ColumnMapCounts Counts, long? Max, TimeRange Other, EarlyRows OtherViolations);

/// <summary>
/// This table's timestamps against another table's range: one pass over the other table's time column (once per run)
/// gives its least value, so each chunk here counts its rows later than <c>min(other) − gap</c> as it streams; when this
/// table's greatest value is known, a second pass over the other column (only when some row there can violate) counts
/// the rows there earlier than <c>max(this) + gap</c>.
/// </summary>
internal sealed record TimeRangePrecedesMetric(IDataSource Other, string TimeColumn, long GapTicks, int SampleCap, OtherTableScans Scans) : MetricKey<TimeRangeFacts>
{
    public override IReadOnlyList<string> Columns => [TimeColumn];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private TimeRange OtherRange() => Scans.Get(new OtherTimeRangeScan(Other, TimeColumn), () =>
    {
        long min = long.MaxValue, max = long.MinValue, values = 0, rows = 0;
        OtherTableScans.Read(Other, [TimeColumn], chunk =>
        {
            var batch = Ticks(chunk[TimeColumn]);
            var span = batch.Values.Span;
            rows += chunk.RowCount;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (batch.IsValid(r))
                {
                    values++;
                    min = Math.Min(min, span[r]);
                    max = Math.Max(max, span[r]);
                }
            }
        });
        return new TimeRange(min, max, values, rows);
    });

    private EarlyRows OtherEarlierThan(long before) => Scans.Get(new OtherEarlyRowsScan(Other, TimeColumn, before, SampleCap), () =>
    {
        long count = 0;
        var sample = new List<(long, long)>();
        OtherTableScans.Read(Other, [TimeColumn], chunk =>
        {
            var batch = Ticks(chunk[TimeColumn]);
            var span = batch.Values.Span;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (batch.IsValid(r) && span[r] < before)
                {
                    count++;
                    if (sample.Count < SampleCap)
                    {
                        sample.Add((chunk.GlobalIndex(r), span[r]));
                    }
                }
            }
        });
        return new EarlyRows(count, sample);
    });

    private static PrimitiveBatch<long> Ticks(ColumnBatch batch) => batch is PrimitiveBatch<long> { Kind: DataKind.Timestamp } p
        ? p
        : throw new ExpectationException($"Column '{batch.Name}' holds {batch.Kind} values, not timestamps.");

    /// <summary><paramref name="a"/> + <paramref name="b"/>, held within the range of ticks rather than wrapping.</summary>
    internal static long Add(long a, long b)
    {
        var sum = (Int128)a + b;
        return sum > long.MaxValue ? long.MaxValue : sum < long.MinValue ? long.MinValue : (long)sum;
    }

    /// <summary>The greatest time a row here may have: later rows violate; null (no row violates) when the other table has no times.</summary>
    private long? Latest(TimeRange other) => other.Values == 0 ? null : Add(other.Min, -GapTicks);

    /// <summary>
    /// This table's side: rows, nulls, least and greatest time, and the rows later than <see cref="Latest"/> (counted, the
    /// first <see cref="SampleCap"/> kept with their times). The state is saved with the bound it was counted against; the
    /// other table is read fresh every run, and a saved state whose bound has moved is re-based when that is exact (the
    /// partition lies wholly on one side of both bounds) and otherwise refused, so the partition is read again.
    /// </summary>
    private sealed class Accumulator(TimeRangePrecedesMetric key) : MetricAccumulator
    {
        private readonly List<(long Row, long Ticks)> _samples = [];
        private TimeRange? _other;
        private long _elements;
        private long _missing;
        private long _unexpected;
        private long _min = long.MaxValue;
        private long _max = long.MinValue;

        public override void Add(DataChunk chunk)
        {
            _other ??= key.OtherRange();
            var batch = Ticks(chunk[key.TimeColumn]);
            var span = batch.Values.Span;
            _elements += chunk.RowCount;
            // A row here violates when t + gap > min(other), that is t > min(other) - gap.
            var latest = key.Latest(_other) ?? long.MaxValue;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (!batch.IsValid(r))
                {
                    _missing++;
                    continue;
                }

                var t = span[r];
                _min = Math.Min(_min, t);
                _max = Math.Max(_max, t);
                if (t > latest)
                {
                    _unexpected++;
                    if (_samples.Count < key.SampleCap)
                    {
                        _samples.Add((chunk.GlobalIndex(r), t));
                    }
                }
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _other ??= o._other;
            _elements += o._elements;
            _missing += o._missing;
            _unexpected += o._unexpected;
            _min = Math.Min(_min, o._min);
            _max = Math.Max(_max, o._max);
            _samples.AddRange(o._samples.Take(key.SampleCap - _samples.Count));
        }

        public override object Finish()
        {
            var other = _other ?? key.OtherRange();
            var values = _samples.Select(s => JsonElements.Build(w => w.WriteStringValue(ScalarFormatting.FormatTimestamp(s.Ticks)))).ToList();
            var counts = new ColumnMapCounts(_elements, _missing, _unexpected, [.. _samples.Select(s => s.Row)], values);
            var hasMax = _elements > _missing;
            var before = hasMax ? TimeRangePrecedesMetric.Add(_max, key.GapTicks) : long.MinValue;
            var early = hasMax && other.Values > 0 && before > other.Min ? key.OtherEarlierThan(before) : new EarlyRows(0, []);
            return new TimeRangeFacts(counts, hasMax ? _max : null, other, early);
        }

        /// <summary>
        /// Rows, nulls, least and greatest time, the bound the rows were counted against (absent when the other table had no
        /// times, or was never read: no rows), the violating rows' count, then the kept ones (row, ticks).
        /// </summary>
        public override void Save(StateWriter writer)
        {
            writer.Long(_elements);
            writer.Long(_missing);
            writer.Long(_min);
            writer.Long(_max);
            var latest = _other is null ? null : key.Latest(_other);
            writer.Bool(latest is not null);
            writer.Long(latest ?? 0);
            writer.Long(_unexpected);
            writer.List(_samples, static (w, s) =>
            {
                w.Row(s.Row);
                w.Long(s.Ticks);
            });
        }

        public override void Load(StateReader reader)
        {
            _elements = reader.Long();
            _missing = reader.Long();
            _min = reader.Long();
            _max = reader.Long();
            var bounded = reader.Bool();
            var bound = reader.Long();
            var saved = bounded ? bound : (long?)null;
            _unexpected = reader.Long();
            _samples.AddRange(reader.List(static r => (r.Row(), r.Long()), 16));
            var values = _elements - _missing;
            if (_missing < 0 || values < 0 || _unexpected < 0 || _unexpected > values || _samples.Count != Math.Min(_unexpected, key.SampleCap)
                || (values > 0 ? _min > _max : _min != long.MaxValue || _max != long.MinValue))
            {
                throw new KernelException($"Saved state: {_elements} rows, {_missing} null, {_unexpected} later than the bound ({_samples.Count} kept), times {_min}..{_max}: these cannot be right.");
            }

            if (values == 0)
            {
                return;
            }

            // The other table is read now: its least time may have moved since this partition was counted.
            _other = key.OtherRange();
            var latest = key.Latest(_other);
            if (latest == saved)
            {
                return;
            }

            if (latest is null || _max <= latest)
            {
                // No row is later than the new bound.
                _unexpected = 0;
                _samples.Clear();
            }
            else if (!(_min > latest && _unexpected == values))
            {
                // Some rows lie on each side of the new bound (or the old one counted fewer than all): only the rows tell which.
                throw new KernelException($"Saved state: the other table's least '{key.TimeColumn}' moved since this partition was saved, and the partition's times "
                    + $"({ScalarFormatting.FormatTimestamp(_min)} to {ScalarFormatting.FormatTimestamp(_max)}) are not all on one side of the new bound; its rows are compared again.");
            }
        }
    }
}

internal sealed class TimeRangePrecedesEvaluator(TableTimeRangeToPrecedeOtherTable e) : Evaluator<TableTimeRangeToPrecedeOtherTable>(e)
{
    private TimeRangePrecedesMetric? _metric;

    public override void Bind(Binding binding)
    {
        var other = OtherTableScans.Resolve(binding, Spec.Type, Spec.OtherTableName);
        var here = binding.Column(Spec.TimeColumn);
        var there = OtherTableScans.Column(other, Spec.OtherTableName, Spec.TimeColumn);
        foreach (var (column, where) in new[] { (here, "here"), (there, $"in the other table '{Spec.OtherTableName}'") })
        {
            if (column.Kind != DataKind.Timestamp)
            {
                throw new ExpectationException($"{Spec.Type}: time_column '{Spec.TimeColumn}' is {column.Kind} ({column.PhysicalType}) {where}, not a timestamp; "
                    + "store it as a timestamp (Parquet TIMESTAMP, DateTime), or parse it first.");
            }
        }

        _metric = binding.Require(new TimeRangePrecedesMetric(other, Spec.TimeColumn, Spec.GapValue.Ticks, binding.Format.SampleCap, binding.Scans));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var facts = metrics.Get(_metric!);
        var result = ExpectationResults.ColumnMap(Spec, facts.Counts, format, 1.0);
        var both = facts.Max is not null && facts.Other.Values > 0;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return result;
        }

        var actual = both ? (Int128)facts.Other.Min - facts.Max!.Value : (Int128?)null;
        var observed = JsonElements.Build(w =>
        {
            if (actual is { } a)
            {
                ScalarFormatting.WriteDouble(w, (double)a / TimeSpan.TicksPerSecond);
            }
            else
            {
                w.WriteNullValue();
            }
        });
        var details = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("other_table", Spec.OtherTableName);
            WriteTicks(w, "max", facts.Max);
            WriteTicks(w, "other_min", facts.Other.Values > 0 ? facts.Other.Min : null);
            WriteTicks(w, "other_max", facts.Other.Values > 0 ? facts.Other.Max : null);
            w.WriteString("required_gap", IsoDuration.Format(Spec.GapValue));
            if (actual is { } a && a >= long.MinValue && a <= long.MaxValue)
            {
                w.WriteString("actual_gap", IsoDuration.Format(TimeSpan.FromTicks((long)a)));
            }
            else
            {
                w.WriteNull("actual_gap");
            }

            w.WriteNumber("other_row_count", facts.Other.Rows);
            w.WriteNumber("other_unexpected_count", facts.OtherViolations.Count);
            w.WriteStartArray("other_partial_unexpected_list");
            foreach (var (row, ticks) in facts.OtherViolations.Sample.Take(format.Level == ResultFormatLevel.Complete ? int.MaxValue : format.PartialUnexpectedCount))
            {
                w.WriteStartObject();
                w.WriteNumber("row", row);
                w.WriteString("value", ScalarFormatting.FormatTimestamp(ticks));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (!both)
            {
                w.WriteString("note", facts.Max is null
                    ? $"this table has no {Spec.TimeColumn} values: nothing to compare, the expectation passes vacuously"
                    : $"the other table '{Spec.OtherTableName}' has no {Spec.TimeColumn} values: nothing to compare, the expectation passes vacuously");
            }

            w.WriteEndObject();
        });
        return result with { Result = result.Result with { ObservedValue = observed, Details = details } };
    }

    private static void WriteTicks(System.Text.Json.Utf8JsonWriter w, string name, long? ticks)
    {
        if (ticks is { } t)
        {
            w.WriteString(name, ScalarFormatting.FormatTimestamp(t));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
