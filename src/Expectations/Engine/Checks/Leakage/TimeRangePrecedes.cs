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

    private sealed class Accumulator(TimeRangePrecedesMetric key) : UnsavedAccumulator
    {
        private readonly List<(long Row, long Ticks)> _samples = [];
        private TimeRange? _other;
        private long _elements;
        private long _missing;
        private long _unexpected;
        private long _max = long.MinValue;

        public override void Add(DataChunk chunk)
        {
            _other ??= key.OtherRange();
            var batch = Ticks(chunk[key.TimeColumn]);
            var span = batch.Values.Span;
            _elements += chunk.RowCount;
            // A row here violates when t + gap > min(other), that is t > min(other) - gap.
            var latest = _other.Values == 0 ? long.MaxValue : TimeRangePrecedesMetric.Add(_other.Min, -key.GapTicks);
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (!batch.IsValid(r))
                {
                    _missing++;
                    continue;
                }

                var t = span[r];
                _max = Math.Max(_max, t);
                if (t > latest && _other.Values > 0)
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
