using System.Runtime.InteropServices;
using System.Text.Json;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>The finished value of <see cref="NotInOtherTableMetric"/>: GX's counts and samples, and the leaked keys.</summary>
internal sealed record LeakedKeys(ColumnMapCounts Counts, long LeakedKeyCount, long OtherRows, long OtherRowsLeaked, IReadOnlyList<LeakedKey> Sample);

/// <summary>A key found on both sides: its value, rows and first row here, rows and first row there.</summary>
internal sealed record LeakedKey(JsonElement Key, long Rows, long FirstRow, long OtherRows, long OtherFirstRow);

/// <summary>The distinct keys of another table (rows without a key left out), read once per run.</summary>
internal sealed record OtherKeySetScan(IDataSource Source, ValueList<string> Columns, MultiColumnIgnoreRowIf Skip);

/// <summary>
/// Rows of this table whose key (over <paramref name="KeyColumns"/>) occurs in another table. The other table's distinct
/// keys are read into an <see cref="OtherKeySet"/> once per run (<see cref="OtherTableScans"/>), then every chunk of this
/// table probes it: exact, one pass over each side, memory in the other table's distinct keys plus this table's leaked ones.
/// </summary>
internal sealed record NotInOtherTableMetric(
    IDataSource Other, ValueList<string> KeyColumns, ValueList<DataKind> Kinds, MultiColumnIgnoreRowIf Skip, int SampleCap, int KeyCap, OtherTableScans Scans)
    : MetricKey<LeakedKeys>
{
    public override IReadOnlyList<string> Columns => KeyColumns;

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private OtherKeySet OtherKeys() => Scans.Get(new OtherKeySetScan(Other, KeyColumns, Skip), () => OtherKeySet.Build(Other, KeyColumns, Kinds, Skip, Scans.Threads));

    private sealed class Accumulator(NotInOtherTableMetric key) : UnsavedAccumulator
    {
        private readonly RowKeys _keys = new(key.KeyColumns, key.Kinds, key.Skip);
        private readonly List<(long Row, int Entry)> _samples = [];
        private Dictionary<int, (long FirstRow, long Rows)> _leaked = [];
        private OtherKeySet? _other;
        private int[] _entries = [];
        private long _elements;
        private long _missing;
        private long _unexpected;

        public override void Add(DataChunk chunk)
        {
            _other ??= key.OtherKeys();
            var batches = _keys.Batches(chunk);
            _elements += chunk.RowCount;
            if (_entries.Length < chunk.RowCount)
            {
                _entries = new int[chunk.RowCount];
            }

            var entries = _entries.AsSpan(0, chunk.RowCount);
            _missing += _other.FindAll(_keys, batches, entries);
            for (var r = 0; r < entries.Length; r++)
            {
                var entry = entries[r];
                if (entry < 0)
                {
                    continue;
                }

                _unexpected++;
                var row = chunk.GlobalIndex(r);
                if (_samples.Count < key.SampleCap)
                {
                    _samples.Add((row, entry));
                }

                ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_leaked, entry, out var exists);
                seen = exists ? (seen.FirstRow, seen.Rows + 1) : (row, 1);
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _other ??= o._other;
            _elements += o._elements;
            _missing += o._missing;
            _unexpected += o._unexpected;
            _samples.AddRange(o._samples.Take(key.SampleCap - _samples.Count));
            var (into, from, laterIsFrom) = _leaked.Count >= o._leaked.Count ? (_leaked, o._leaked, true) : (o._leaked, _leaked, false);
            foreach (var (entry, seen) in from)
            {
                // The other state's rows come after these: the first row is the earlier state's.
                into[entry] = into.TryGetValue(entry, out var have)
                    ? (laterIsFrom ? have.FirstRow : seen.FirstRow, have.Rows + seen.Rows)
                    : seen;
            }

            _leaked = into;
        }

        public override object Finish()
        {
            var other = _other ?? key.OtherKeys();
            var values = _samples.Select(s => other.KeyJson(_keys, s.Entry)).ToList();
            var counts = new ColumnMapCounts(_elements, _missing, _unexpected, [.. _samples.Select(s => s.Row)], values);
            long otherLeaked = 0;
            foreach (var entry in _leaked.Keys)
            {
                otherLeaked += other.RowCount(entry);
            }

            var sample = _leaked
                .OrderBy(p => p.Value.FirstRow)
                .Take(key.KeyCap)
                .Select(p => new LeakedKey(other.KeyJson(_keys, p.Key), p.Value.Rows, p.Value.FirstRow, other.RowCount(p.Key), other.FirstRow(p.Key)))
                .ToList();
            return new LeakedKeys(counts, _leaked.Count, other.Rows, otherLeaked, sample);
        }
    }
}

internal sealed class NotInOtherTableEvaluator(ColumnValuesToNotBeInOtherTable e) : Evaluator<ColumnValuesToNotBeInOtherTable>(e)
{
    private NotInOtherTableMetric? _metric;

    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    public override void Bind(Binding binding)
    {
        var other = OtherTableScans.Resolve(binding, Spec.Type, Spec.OtherTableName);
        var kinds = new List<DataKind>();
        foreach (var name in Spec.KeyColumns)
        {
            var here = binding.Column(name);
            if (!RowKeys.Supports(here.Kind))
            {
                throw new ExpectationException($"{Spec.Type}: column '{name}' is {here.Kind}; keys are made of flat values (numbers, text, timestamps, booleans, bytes).");
            }

            var there = OtherTableScans.Column(other, Spec.OtherTableName, name);
            if (there.Kind != here.Kind)
            {
                throw new ExpectationException($"{Spec.Type}: column '{name}' is {here.Kind} ({here.PhysicalType}) here but {there.Kind} ({there.PhysicalType}) in the other table '{Spec.OtherTableName}'; keys of different kinds never compare equal, so cast one side first.");
            }

            kinds.Add(here.Kind);
        }

        var skip = Spec.Column is not null ? MultiColumnIgnoreRowIf.AnyValueIsMissing : Spec.IgnoreRowIf ?? MultiColumnIgnoreRowIf.AllValuesAreMissing;
        var format = binding.Format;
        var keyCap = format.Level == ResultFormatLevel.BooleanOnly ? 0 : Math.Max(format.PartialUnexpectedCount, 1);
        _metric = binding.Require(new NotInOtherTableMetric(other, ValueList.From(Spec.KeyColumns), ValueList.From(kinds), skip, format.SampleCap, keyCap, binding.Scans));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var leaked = metrics.Get(_metric!);
        var result = ExpectationResults.ColumnMap(Spec, leaked.Counts, format, Spec.Mostly ?? 1.0, domainColumns: Spec.KeyColumns);
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return result;
        }

        var details = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("other_table", Spec.OtherTableName);
            w.WriteNumber("leaked_key_count", leaked.LeakedKeyCount);
            w.WriteNumber("other_row_count", leaked.OtherRows);
            w.WriteNumber("other_rows_leaked", leaked.OtherRowsLeaked);
            w.WriteStartArray("leaked_keys");
            foreach (var k in leaked.Sample)
            {
                w.WriteStartObject();
                w.WritePropertyName("key");
                k.Key.WriteTo(w);
                w.WriteNumber("rows", k.Rows);
                w.WriteNumber("first_row", k.FirstRow);
                w.WriteNumber("other_rows", k.OtherRows);
                w.WriteNumber("other_first_row", k.OtherFirstRow);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return result with { Result = result.Result with { Details = details } };
    }
}
