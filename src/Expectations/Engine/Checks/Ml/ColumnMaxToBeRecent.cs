using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>The newest timestamp overall and per group (group keys as <see cref="RowKeys"/> bytes).</summary>
internal sealed record RecencyFacts(long? Max, long Rows, long Values, IReadOnlyList<(System.Text.Json.JsonElement Group, long Max)> Groups);

/// <summary>The greatest timestamp of a column, overall and for each combination of the group columns (nulls of the timestamp left out; a null group value is a group).</summary>
internal sealed record GroupMaxMetric(string TimeColumn, ValueList<string> GroupColumns, ValueList<DataKind> GroupKinds) : MetricKey<RecencyFacts>
{
    public override IReadOnlyList<string> Columns => [TimeColumn, .. GroupColumns];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(GroupMaxMetric key) : MetricAccumulator
    {
        private readonly RowKeys? _keys = key.GroupColumns.Count > 0 ? new RowKeys(key.GroupColumns, key.GroupKinds, MultiColumnIgnoreRowIf.Never) : null;
        private ByteKeySet _groups = new();
        private List<long> _max = [];
        private long _rows;
        private long _values;
        private long _overall = long.MinValue;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[key.TimeColumn] as PrimitiveBatch<long> is { Kind: DataKind.Timestamp } p
                ? p
                : throw new ExpectationException($"Column '{key.TimeColumn}' holds {chunk[key.TimeColumn].Kind} values, not timestamps.");
            var ticks = batch.Values.Span;
            var groups = _keys?.Batches(chunk);
            _rows += chunk.RowCount;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (!batch.IsValid(r))
                {
                    continue;
                }

                _values++;
                _overall = Math.Max(_overall, ticks[r]);
                if (groups is not null)
                {
                    Fold(_keys!.Key(groups, r), chunk.GlobalIndex(r), ticks[r]);
                }
            }
        }

        private void Fold(ReadOnlySpan<byte> group, long row, long ticks)
        {
            var entry = _groups.AddEntry(group, row);
            if (entry == _max.Count)
            {
                _max.Add(ticks);
            }
            else
            {
                _max[entry] = Math.Max(_max[entry], ticks);
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _rows += o._rows;
            _values += o._values;
            _overall = Math.Max(_overall, o._overall);
            for (var e = 0; e < o._groups.Count; e++)
            {
                Fold(o._groups.KeyOf(e), o._groups.FirstRow(e), o._max[e]);
            }
        }

        /// <summary>Rows, values and the overall max; then per group (in first-seen order) its key bytes, first row and max.</summary>
        public override void Save(StateWriter writer)
        {
            writer.Long(_rows);
            writer.Long(_values);
            writer.Long(_overall);
            writer.Int(_groups.Count);
            for (var e = 0; e < _groups.Count; e++)
            {
                writer.Bytes(_groups.KeyOf(e));
                writer.Row(_groups.FirstRow(e));
                writer.Long(_max[e]);
            }
        }

        public override void Load(StateReader reader)
        {
            _rows = reader.Long();
            _values = reader.Long();
            _overall = reader.Long();
            if (_rows < 0 || _values < 0 || _values > _rows || (_values == 0 && _overall != long.MinValue))
            {
                throw new KernelException($"Saved state: {_values} timestamps of {_rows} rows, newest {_overall} ticks, cannot be right.");
            }

            var count = reader.Count(20);
            if (count > 0 && (_keys is null || count > _values))
            {
                throw new KernelException($"Saved state: {count} groups of {_values} timestamps{(_keys is null ? ", but the check has no group_by" : "")}.");
            }

            for (var e = 0; e < count; e++)
            {
                var group = reader.Bytes();
                var row = reader.Row();
                var max = reader.Long();
                if (_groups.AddEntry(group, row) != e)
                {
                    throw new KernelException($"Saved state: group {e} is listed twice.");
                }

                if (max > _overall)
                {
                    throw new KernelException($"Saved state: group {e} is newer ({max} ticks) than the column's newest value ({_overall}).");
                }

                _max.Add(max);
            }
        }

        public override object Finish()
        {
            var groups = new List<(System.Text.Json.JsonElement, long)>();
            for (var e = 0; e < _groups.Count; e++)
            {
                groups.Add((_keys!.ToJson(_groups.KeyOf(e)), _max[e]));
            }

            return new RecencyFacts(_values > 0 ? _overall : null, _rows, _values, groups);
        }
    }
}

internal sealed class ColumnMaxToBeRecentEvaluator(ColumnMaxToBeRecent e) : Evaluator<ColumnMaxToBeRecent>(e)
{
    private GroupMaxMetric? _metric;

    public override void Bind(Binding binding)
    {
        var column = binding.Column(Spec.Column);
        if (column.Kind != DataKind.Timestamp)
        {
            throw new ExpectationException($"{Spec.Type}: column '{Spec.Column}' is {column.Kind} ({column.PhysicalType}), not a timestamp; store it as a timestamp (Parquet TIMESTAMP, DateTime), or parse it first.");
        }

        var kinds = new List<DataKind>();
        foreach (var g in Spec.GroupBy ?? default)
        {
            var kind = binding.Column(g).Kind;
            if (!RowKeys.Supports(kind))
            {
                throw new ExpectationException($"{Spec.Type}: group_by column '{g}' is {kind}; groups are made of flat values.");
            }

            kinds.Add(kind);
        }

        _metric = binding.Require(new GroupMaxMetric(Spec.Column, Spec.GroupBy ?? ValueList<string>.Empty, ValueList.From(kinds)));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var facts = metrics.Get(_metric!);
        var asOf = Spec.AsOfTicks ?? DateTime.UtcNow.Ticks;
        var maxAge = Spec.MaxAgeValue.Ticks;
        var oldest = asOf - maxAge;
        var stale = facts.Groups.Where(g => g.Max < oldest).OrderBy(g => g.Max).ToList();
        var success = facts.Max is { } max && max >= oldest && stale.Count == 0;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var observed = JsonElements.Build(w =>
        {
            if (facts.Max is { } m)
            {
                ScalarFormatting.WriteDouble(w, (double)((Int128)asOf - m) / TimeSpan.TicksPerSecond);
            }
            else
            {
                w.WriteNullValue();
            }
        });
        var details = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("as_of", ScalarFormatting.FormatTimestamp(asOf));
            w.WriteString("max_age", Spec.MaxAge);
            if (facts.Max is { } m)
            {
                w.WriteString("max", ScalarFormatting.FormatTimestamp(m));
            }
            else
            {
                w.WriteNull("max");
                w.WriteString("note", $"column '{Spec.Column}' has no values: nothing is recent");
            }

            if (Spec.GroupBy is not null)
            {
                w.WriteNumber("group_count", facts.Groups.Count);
                w.WriteNumber("stale_group_count", stale.Count);
                w.WriteStartArray("stale_groups");
                foreach (var (group, last) in stale.Take(format.Level == ResultFormatLevel.Complete ? int.MaxValue : Math.Max(format.PartialUnexpectedCount, 1)))
                {
                    w.WriteStartObject();
                    w.WritePropertyName("group");
                    group.WriteTo(w);
                    w.WriteString("max", ScalarFormatting.FormatTimestamp(last));
                    w.WritePropertyName("age_seconds");
                    ScalarFormatting.WriteDouble(w, (double)((Int128)asOf - last) / TimeSpan.TicksPerSecond);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
        return Result(success, new ResultDetails { ObservedValue = observed, ElementCount = facts.Rows, MissingCount = facts.Rows - facts.Values, Details = details });
    }
}
