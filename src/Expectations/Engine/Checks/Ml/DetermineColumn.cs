using System.Text.Json;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>One label of a conflicting group: its value (as JSON), rows and first row.</summary>
internal sealed record LabelCount(JsonElement Value, long Rows, long FirstRow);

/// <summary>A group of rows with equal features and more than one label: the features (as JSON), rows, first row, labels (most rows first).</summary>
internal sealed record ConflictingGroup(JsonElement Key, long Rows, long FirstRow, IReadOnlyList<LabelCount> Labels);

/// <summary>What the label-consistency metric found.</summary>
/// <param name="Rows">Rows seen.</param>
/// <param name="SkippedRows">Rows <c>ignore_row_if</c> skipped (their features are null).</param>
/// <param name="NullLabelRows">Rows kept by <c>ignore_row_if</c> whose label is null (left out).</param>
/// <param name="Groups">Distinct feature tuples among the rows checked.</param>
/// <param name="ConflictingRows">Rows of the conflicting groups.</param>
/// <param name="Conflicts">Every conflicting group, most rows first, then by first row.</param>
internal sealed record DeterminationFacts(long Rows, long SkippedRows, long NullLabelRows, long Groups, long ConflictingRows, IReadOnlyList<ConflictingGroup> Conflicts);

/// <summary>
/// Per distinct feature tuple (<see cref="RowKeys"/> bytes in a <see cref="ByteKeySet"/>), its first label (an entry of a
/// second <see cref="ByteKeySet"/> of the distinct labels) with that label's row count and first row; only a group that
/// meets a second label gets a small table of its other labels. One pass; states merge exactly (by key bytes, first rows
/// as the least global row) and save per group its key and every label with its count and first row.
/// </summary>
internal sealed record DetermineColumnMetric(ValueList<string> Features, ValueList<DataKind> FeatureKinds, string Label, DataKind LabelKind, MultiColumnIgnoreRowIf IgnoreRowIf)
    : MetricKey<DeterminationFacts>
{
    public override IReadOnlyList<string> Columns => [.. Features, Label];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(DetermineColumnMetric key) : MetricAccumulator
    {
        private readonly RowKeys _features = new(key.Features, key.FeatureKinds, key.IgnoreRowIf);
        private readonly RowKeys _label = new([key.Label], [key.LabelKind], MultiColumnIgnoreRowIf.AnyValueIsMissing);
        private readonly ByteKeySet _groups = new();
        private readonly ByteKeySet _labels = new();

        // Per group entry: its first label, that label's rows and first row.
        private readonly List<int> _firstLabel = [];
        private readonly List<long> _firstRows = [];
        private readonly List<long> _firstLabelRows = [];

        // Groups that met a second label: their other labels with rows and first row.
        private readonly Dictionary<int, Dictionary<int, (long Rows, long First)>> _others = [];
        private long _rows;
        private long _skipped;
        private long _nullLabels;

        public override void Add(DataChunk chunk)
        {
            var features = _features.Batches(chunk);
            var labels = _label.Batches(chunk);
            var label = labels[0];
            _rows += chunk.RowCount;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (_features.IsSkipped(features, r))
                {
                    _skipped++;
                    continue;
                }

                if (!label.IsValid(r))
                {
                    _nullLabels++;
                    continue;
                }

                var row = chunk.GlobalIndex(r);
                var g = _groups.AddEntry(_features.Key(features, r), row);
                var l = _labels.AddEntry(_label.Key(labels, r), row);
                Fold(g, l, 1, row);
            }
        }

        private void Fold(int group, int label, long rows, long first)
        {
            if (group == _firstLabel.Count)
            {
                _firstLabel.Add(label);
                _firstRows.Add(rows);
                _firstLabelRows.Add(first);
                return;
            }

            if (_firstLabel[group] == label)
            {
                _firstRows[group] += rows;
                _firstLabelRows[group] = Math.Min(_firstLabelRows[group], first);
                return;
            }

            if (!_others.TryGetValue(group, out var others))
            {
                _others[group] = others = [];
            }

            others[label] = others.TryGetValue(label, out var had) ? (had.Rows + rows, Math.Min(had.First, first)) : (rows, first);
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _rows += o._rows;
            _skipped += o._skipped;
            _nullLabels += o._nullLabels;
            for (var e = 0; e < o._firstLabel.Count; e++)
            {
                foreach (var (label, rows, first) in o.LabelsOf(e))
                {
                    Fold(_groups.AddEntry(o._groups.KeyOf(e), first), _labels.AddEntry(o._labels.KeyOf(label), first), rows, first);
                }
            }
        }

        /// <summary>Group <paramref name="group"/>'s labels (entries of <see cref="_labels"/>) with rows and first row, its first label first.</summary>
        private IEnumerable<(int Label, long Rows, long First)> LabelsOf(int group)
        {
            yield return (_firstLabel[group], _firstRows[group], _firstLabelRows[group]);
            if (_others.TryGetValue(group, out var others))
            {
                foreach (var (label, (rows, first)) in others)
                {
                    yield return (label, rows, first);
                }
            }
        }

        /// <summary>Counts; then per group (first-seen order) its key bytes and its labels, each as bytes, rows and first row.</summary>
        public override void Save(StateWriter writer)
        {
            writer.Long(_rows);
            writer.Long(_skipped);
            writer.Long(_nullLabels);
            writer.Int(_firstLabel.Count);
            for (var e = 0; e < _firstLabel.Count; e++)
            {
                writer.Bytes(_groups.KeyOf(e));
                var labels = LabelsOf(e).ToList();
                writer.Int(labels.Count);
                foreach (var (label, rows, first) in labels)
                {
                    writer.Bytes(_labels.KeyOf(label));
                    writer.Long(rows);
                    writer.Row(first);
                }
            }
        }

        public override void Load(StateReader reader)
        {
            _rows = reader.Long();
            _skipped = reader.Long();
            _nullLabels = reader.Long();
            if (_rows < 0 || _skipped < 0 || _nullLabels < 0 || _skipped + _nullLabels > _rows)
            {
                throw new KernelException($"Saved state: {_skipped} skipped and {_nullLabels} null-label rows of {_rows} rows cannot be right.");
            }

            var count = reader.Count(9);
            var labelled = 0L;
            for (var e = 0; e < count; e++)
            {
                var group = _groups.AddEntry(reader.Bytes(), 0);
                if (group != e)
                {
                    throw new KernelException($"Saved state: group {e} is listed twice.");
                }

                var labels = reader.Count(21);
                if (labels == 0)
                {
                    throw new KernelException($"Saved state: group {e} has no label.");
                }

                for (var i = 0; i < labels; i++)
                {
                    var label = _labels.AddEntry(reader.Bytes(), 0);
                    var rows = reader.Long();
                    var first = reader.Row();
                    if (rows <= 0 || (i > 0 && (label == _firstLabel[e] || (_others.TryGetValue(e, out var o) && o.ContainsKey(label)))))
                    {
                        throw new KernelException($"Saved state: label {i} of group {e} has {rows} rows or is listed twice.");
                    }

                    labelled += rows;
                    Fold(e, label, rows, first);
                }
            }

            if (labelled != _rows - _skipped - _nullLabels)
            {
                throw new KernelException($"Saved state: the groups hold {labelled} rows, but {_rows - _skipped - _nullLabels} rows were checked.");
            }
        }

        public override object Finish()
        {
            var conflicts = new List<(int Group, long Rows, long First)>(_others.Count);
            var conflictingRows = 0L;
            foreach (var group in _others.Keys)
            {
                var labels = LabelsOf(group).ToList();
                var rows = labels.Sum(l => l.Rows);
                conflictingRows += rows;
                conflicts.Add((group, rows, labels.Min(l => l.First)));
            }

            // Largest first; ties by first row, which is global and so the same however the rows were split.
            conflicts.Sort((a, b) => a.Rows != b.Rows ? b.Rows.CompareTo(a.Rows) : a.First.CompareTo(b.First));
            var list = conflicts.Select(c => new ConflictingGroup(KeyJson(_groups.KeyOf(c.Group)), c.Rows, c.First,
                [.. LabelsOf(c.Group).OrderByDescending(l => l.Rows).ThenBy(l => l.First).Select(l => new LabelCount(_label.ToJson(_labels.KeyOf(l.Label)), l.Rows, l.First))])).ToList();
            return new DeterminationFacts(_rows, _skipped, _nullLabels, _firstLabel.Count, conflictingRows, list);
        }

        /// <summary>The features of a key as an object of column to value, also for a single feature column.</summary>
        private JsonElement KeyJson(ReadOnlySpan<byte> group)
        {
            var json = _features.ToJson(group);
            return key.Features.Count > 1 ? json : JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName(key.Features[0]);
                json.WriteTo(w);
                w.WriteEndObject();
            });
        }
    }
}

/// <summary>
/// <c>expect_multicolumn_values_to_determine_column</c>: the groups of equal features with more than one label
/// (<see cref="DetermineColumnMetric"/>); every row of such a group is unexpected, judged with <c>mostly</c> over the rows
/// checked (rows skipped by <c>ignore_row_if</c> or with a null label are missing).
/// </summary>
internal sealed class DetermineColumnEvaluator(MulticolumnValuesToDetermineColumn e) : Evaluator<MulticolumnValuesToDetermineColumn>(e)
{
    private DetermineColumnMetric? _metric;

    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    public override void Bind(Binding binding)
    {
        var kinds = new List<DataKind>();
        foreach (var f in Spec.ColumnList)
        {
            kinds.Add(KindOf(binding, f, "feature"));
        }

        var label = KindOf(binding, Spec.Column, "label");
        _metric = binding.Require(new DetermineColumnMetric(Spec.ColumnList, ValueList.From(kinds), Spec.Column, label, Spec.IgnoreRowIf));
    }

    private DataKind KindOf(Binding binding, string column, string role)
    {
        var kind = binding.Column(column).Kind;
        return RowKeys.Supports(kind)
            ? kind
            : throw new ExpectationException($"{Spec.Type}: {role} column '{column}' is {kind}; features and labels are compared as flat values (numbers, text, booleans, timestamps, bytes).");
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var facts = metrics.Get(_metric!);
        var cap = format.SampleCap;

        // The samples: each conflicting group's labels' first rows, ascending (the first rows of the first groups by row).
        var samples = facts.Conflicts.SelectMany(g => g.Labels.Select(l => (Row: l.FirstRow, Group: g, Label: l))).OrderBy(s => s.Row).Take(cap).ToList();
        var counts = new ColumnMapCounts(facts.Rows, facts.SkippedRows + facts.NullLabelRows, facts.ConflictingRows,
            [.. samples.Select(s => s.Row)], [.. samples.Select(s => Sample(s.Group.Key, s.Label.Value))]);
        var result = ExpectationResults.ColumnMap(Spec, counts, format, Spec.Mostly ?? 1.0);
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return result;
        }

        var shown = format.Level == ResultFormatLevel.Complete ? int.MaxValue : Math.Max(format.PartialUnexpectedCount, 1);
        var details = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("group_count", facts.Groups);
            w.WriteNumber("conflicting_group_count", facts.Conflicts.Count);
            w.WriteNumber("null_label_rows", facts.NullLabelRows);
            w.WriteNumber("ignored_rows", facts.SkippedRows);
            w.WriteStartArray("conflicting_groups");
            foreach (var g in facts.Conflicts.Take(shown))
            {
                w.WriteStartObject();
                w.WritePropertyName("key");
                g.Key.WriteTo(w);
                w.WriteNumber("rows", g.Rows);
                w.WriteStartArray("labels");
                foreach (var l in g.Labels)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("value");
                    l.Value.WriteTo(w);
                    w.WriteNumber("rows", l.Rows);
                    w.WriteNumber("first_row", l.FirstRow);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return result with { Result = result.Result with { Details = details } };
    }

    /// <summary>A sample as the reports show it: the features and the label of that row.</summary>
    private JsonElement Sample(JsonElement key, JsonElement label) => JsonElements.Build(w =>
    {
        w.WriteStartObject();
        foreach (var p in key.EnumerateObject())
        {
            p.WriteTo(w);
        }

        w.WritePropertyName(Spec.Column);
        label.WriteTo(w);
        w.WriteEndObject();
    });
}
