using System.Text.Json;
using Expectations.Engine.ColumnMap;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>One verified near-duplicate pair: rows, exact Jaccard similarity, and the texts as given.</summary>
internal sealed record NearPair(long Row, long OtherRow, double Jaccard, string Text, string OtherText);

/// <summary>A cluster of near-duplicate rows of one table.</summary>
internal sealed record NearCluster(int Size, IReadOnlyList<long> Rows, IReadOnlyList<string> Texts, double MinJaccard, double MaxJaccard);

/// <summary>What the near-duplicate metrics finish with.</summary>
internal sealed record NearDuplicateFacts(ColumnMapCounts Counts, long Candidates, long Pairs, IReadOnlyList<NearPair> TopPairs, long Clusters, IReadOnlyList<NearCluster> TopClusters);

/// <summary>The parameters both near-duplicate metrics share; equal settings give equal keys.</summary>
internal sealed record NearDuplicateSettings(string Column, Shingling Shingling, int NumPerm, double Threshold)
{
    public static NearDuplicateSettings Of(NearDuplicateExpectation e) => new(e.Column, Shingling.Of(e), e.NumPermValue, e.ThresholdValue);

    public MinHasher Hasher() => new(Shingling, NumPerm, Threshold);
}

/// <summary>
/// Distinct normalised texts with their LSH band keys, in a bucket index (band key → texts), and per text the rows that
/// hold it. Texts are compared once each however often they repeat; exact Jaccard verification reads their shingle sets, cached.
/// </summary>
internal sealed class NearDuplicateIndex(NearDuplicateSettings settings)
{
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _heads = [];
    private readonly List<int> _next = [];   // per (text, band) entry: the next entry of its bucket, or -1
    private readonly List<int> _entryText = [];
    private readonly Dictionary<int, HashSet<string>> _sets = [];

    public NearDuplicateSettings Settings => settings;

    /// <summary>The normalised distinct texts.</summary>
    public List<string> Texts { get; } = [];

    /// <summary>Per distinct text, the value as first given (for display).</summary>
    public List<string> Shown { get; } = [];

    /// <summary>Per distinct text, its first row.</summary>
    public List<long> FirstRows { get; } = [];

    /// <summary>Per distinct text, how many rows hold it.</summary>
    public List<long> RowCounts { get; } = [];

    /// <summary>Adds a text whose band keys are <paramref name="keys"/>; returns its number and whether it was new.</summary>
    public (int Text, bool New) Add(string normalized, string shown, long row, ReadOnlySpan<ulong> keys)
    {
        if (_byText.TryGetValue(normalized, out var t))
        {
            RowCounts[t]++;
            return (t, false);
        }

        t = Texts.Count;
        _byText[normalized] = t;
        Texts.Add(normalized);
        Shown.Add(shown);
        FirstRows.Add(row);
        RowCounts.Add(1);
        IndexKeys(t, keys);
        return (t, true);
    }

    /// <summary>Puts text <paramref name="t"/> in the buckets of <paramref name="keys"/>.</summary>
    public void IndexKeys(int t, ReadOnlySpan<ulong> keys)
    {
        foreach (var key in keys)
        {
            _next.Add(_heads.TryGetValue(key, out var head) ? head : -1);
            _entryText.Add(t);
            _heads[key] = _next.Count - 1;
        }
    }

    /// <summary>The number of <paramref name="normalized"/> when it is indexed, or -1.</summary>
    public int Find(string normalized) => _byText.TryGetValue(normalized, out var t) ? t : -1;

    /// <summary>Adds to <paramref name="found"/> every indexed text sharing a band key with <paramref name="keys"/>.</summary>
    public void Candidates(ReadOnlySpan<ulong> keys, HashSet<int> found)
    {
        foreach (var key in keys)
        {
            if (!_heads.TryGetValue(key, out var e))
            {
                continue;
            }

            for (; e >= 0; e = _next[e])
            {
                found.Add(_entryText[e]);
            }
        }
    }

    /// <summary>The exact shingle set of text <paramref name="t"/>.</summary>
    public HashSet<string> SetOf(int t)
    {
        if (!_sets.TryGetValue(t, out var set))
        {
            set = settings.Shingling.Set(Texts[t]);
            if (_sets.Count < 100_000)
            {
                _sets[t] = set;
            }
        }

        return set;
    }
}

/// <summary>The other table's near-duplicate index, built once per run.</summary>
internal sealed record OtherNearIndexScan(IDataSource Source, NearDuplicateSettings Settings);

/// <summary>Near-duplicate pairs kept for the result: the most similar first (then by rows), at most a cap.</summary>
internal sealed class TopPairs(int cap)
{
    private List<NearPair> _pairs = [];

    public IReadOnlyList<NearPair> Items => Sorted();

    public void Add(NearPair pair)
    {
        if (cap == 0)
        {
            return;
        }

        _pairs.Add(pair);
        if (_pairs.Count >= 2 * cap + 16)
        {
            _pairs = [.. Sorted()];
        }
    }

    public void AddRange(TopPairs other) => other._pairs.ForEach(Add);

    private List<NearPair> Sorted() =>
        [.. _pairs.OrderByDescending(p => p.Jaccard).ThenBy(p => p.Row).ThenBy(p => p.OtherRow).Take(cap)];
}

/// <summary>
/// Rows of this table with a near-duplicate in another table's column. The other table's distinct texts are indexed
/// once per run (<see cref="OtherTableScans"/>); each row here is normalised, signed, and looked up band by band; its
/// candidates are verified by exact Jaccard.
/// </summary>
internal sealed record NearDuplicatesInOtherTableMetric(IDataSource Other, NearDuplicateSettings Settings, int SampleCap, int PairCap, OtherTableScans Scans)
    : MetricKey<NearDuplicateFacts>
{
    public override IReadOnlyList<string> Columns => [Settings.Column];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private NearDuplicateIndex OtherIndex() => Scans.Get(new OtherNearIndexScan(Other, Settings), () =>
    {
        var index = new NearDuplicateIndex(Settings);
        var hasher = Settings.Hasher();
        var keys = new ulong[hasher.Bands];
        OtherTableScans.Read(Other, [Settings.Column], chunk =>
        {
            var batch = NearDuplicateRows.Strings(chunk[Settings.Column]);
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (batch.GetString(r) is not { } text)
                {
                    continue;
                }

                var normalized = Settings.Shingling.Normalize(text);
                var known = index.Find(normalized);
                if (known >= 0)
                {
                    index.Add(normalized, text, chunk.GlobalIndex(r), []);
                }
                else if (hasher.BandKeys(normalized, keys))
                {
                    index.Add(normalized, text, chunk.GlobalIndex(r), keys);
                }
            }
        });
        return index;
    });

    private sealed class Accumulator(NearDuplicatesInOtherTableMetric key) : UnsavedAccumulator
    {
        private readonly MinHasher _hasher = key.Settings.Hasher();
        private readonly HashSet<int> _found = [];
        private readonly List<(long Row, string Text)> _samples = [];
        private readonly TopPairs _top = new(key.PairCap);
        private NearDuplicateIndex? _other;
        private ulong[]? _keys;
        private long _elements;
        private long _missing;
        private long _unexpected;
        private long _candidates;
        private long _pairs;

        public override void Add(DataChunk chunk)
        {
            _other ??= key.OtherIndex();
            _keys ??= new ulong[_hasher.Bands];
            var batch = NearDuplicateRows.Strings(chunk[key.Settings.Column]);
            _elements += chunk.RowCount;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (batch.GetString(r) is not { } text)
                {
                    _missing++;
                    continue;
                }

                var normalized = key.Settings.Shingling.Normalize(text);
                if (!_hasher.BandKeys(normalized, _keys))
                {
                    continue;
                }

                _found.Clear();
                _other.Candidates(_keys, _found);
                if (_other.Find(normalized) is var same and >= 0)
                {
                    _found.Add(same);
                }

                if (_found.Count == 0)
                {
                    continue;
                }

                _candidates += _found.Count;
                var mine = key.Settings.Shingling.Set(normalized);
                var row = chunk.GlobalIndex(r);
                var any = false;
                foreach (var t in _found)
                {
                    var j = Shingling.Jaccard(mine, _other.SetOf(t));
                    if (j < key.Settings.Threshold)
                    {
                        continue;
                    }

                    any = true;
                    _pairs += _other.RowCounts[t];
                    _top.Add(new NearPair(row, _other.FirstRows[t], j, text, _other.Shown[t]));
                }

                if (any)
                {
                    _unexpected++;
                    if (_samples.Count < key.SampleCap)
                    {
                        _samples.Add((row, text));
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
            _candidates += o._candidates;
            _pairs += o._pairs;
            _samples.AddRange(o._samples.Take(key.SampleCap - _samples.Count));
            _top.AddRange(o._top);
        }

        public override object Finish()
        {
            _ = _other ?? key.OtherIndex();
            var counts = new ColumnMapCounts(_elements, _missing, _unexpected, [.. _samples.Select(s => s.Row)], [.. _samples.Select(s => JsonElements.Build(w => w.WriteStringValue(s.Text)))]);
            return new NearDuplicateFacts(counts, _candidates, _pairs, _top.Items, 0, []);
        }
    }
}

/// <summary>
/// Near-duplicate clusters within one column: every part keeps its rows' normalised texts and band keys; when the run
/// finishes, identical normalised texts are grouped, the distinct ones are bucketed by band key, candidates are verified
/// by exact Jaccard, and verified pairs join clusters (union–find).
/// </summary>
internal sealed record NearDuplicatesMetric(NearDuplicateSettings Settings, int SampleCap, int ClusterCap) : MetricKey<NearDuplicateFacts>
{
    /// <summary>Candidate pairs beyond which the check stops, saying why, rather than run for hours.</summary>
    internal const long CandidateLimit = 200_000_000;

    public override IReadOnlyList<string> Columns => [Settings.Column];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(NearDuplicatesMetric key) : UnsavedAccumulator
    {
        private readonly MinHasher _hasher = key.Settings.Hasher();
        private List<(long Row, string Normalized, string Text)> _rows = [];
        private List<ulong> _bandKeys = [];
        private List<bool> _signed = [];
        private ulong[]? _keys;
        private long _elements;
        private long _missing;

        public override void Add(DataChunk chunk)
        {
            _keys ??= new ulong[_hasher.Bands];
            var batch = NearDuplicateRows.Strings(chunk[key.Settings.Column]);
            _elements += chunk.RowCount;
            for (var r = 0; r < chunk.RowCount; r++)
            {
                if (batch.GetString(r) is not { } text)
                {
                    _missing++;
                    continue;
                }

                var normalized = key.Settings.Shingling.Normalize(text);
                var signed = _hasher.BandKeys(normalized, _keys);
                _rows.Add((chunk.GlobalIndex(r), normalized, text));
                _signed.Add(signed);
                _bandKeys.AddRange(signed ? _keys : new ulong[_keys.Length]);
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _elements += o._elements;
            _missing += o._missing;
            _rows.AddRange(o._rows);
            _signed.AddRange(o._signed);
            _bandKeys.AddRange(o._bandKeys);
        }

        public override object Finish()
        {
            var bands = _hasher.Bands;
            var index = new NearDuplicateIndex(key.Settings);
            var textOf = new int[_rows.Count];
            var found = new HashSet<int>();
            var union = new UnionFind();
            var edges = new Dictionary<int, (double Min, double Max)>();
            long candidates = 0, pairs = 0;
            for (var i = 0; i < _rows.Count; i++)
            {
                if (!_signed[i])
                {
                    textOf[i] = -1;
                    continue;
                }

                var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bandKeys).Slice(i * bands, bands);
                var (t, isNew) = index.Add(_rows[i].Normalized, _rows[i].Text, _rows[i].Row, []);
                textOf[i] = t;
                union.Ensure(t);
                if (!isNew)
                {
                    Note(edges, union, t, t, 1.0);
                    continue;
                }

                found.Clear();
                index.Candidates(keys, found);
                candidates += found.Count;
                if (candidates > CandidateLimit)
                {
                    throw new ExpectationException($"{key.Settings.Column}: more than {CandidateLimit} candidate pairs of near-duplicates; the texts are too alike for threshold {key.Settings.Threshold} (raise threshold or ngram, or check exact duplicates with expect_column_values_to_be_unique).");
                }

                var mine = index.SetOf(t);
                foreach (var c in found)
                {
                    var j = Shingling.Jaccard(mine, index.SetOf(c));
                    if (j >= key.Settings.Threshold)
                    {
                        pairs++;
                        Note(edges, union, t, c, j);
                    }
                }

                // Index the new text's band keys only now, so it is not its own candidate.
                index.IndexKeys(t, keys);
            }

            // Rows of clusters of two or more rows are unexpected (identical texts count as a cluster).
            var clusterRows = new Dictionary<int, List<int>>();
            for (var i = 0; i < _rows.Count; i++)
            {
                if (textOf[i] < 0)
                {
                    continue;
                }

                var root = union.Find(textOf[i]);
                if (!clusterRows.TryGetValue(root, out var list))
                {
                    clusterRows[root] = list = [];
                }

                list.Add(i);
            }

            var clusters = clusterRows.Values.Where(l => l.Count > 1).ToList();
            var unexpectedRows = clusters.SelectMany(l => l).Order().ToList();
            var samples = unexpectedRows.Take(key.SampleCap).ToList();
            var counts = new ColumnMapCounts(_elements, _missing, unexpectedRows.Count, [.. samples.Select(i => _rows[i].Row)], [.. samples.Select(i => JsonElements.Build(w => w.WriteStringValue(_rows[i].Text)))]);
            var top = clusters
                .OrderByDescending(l => l.Count).ThenBy(l => _rows[l[0]].Row)
                .Take(key.ClusterCap)
                .Select(l =>
                {
                    var root = union.Find(textOf[l[0]]);
                    var (min, max) = edges.TryGetValue(root, out var e) ? e : (1.0, 1.0);
                    return new NearCluster(l.Count, [.. l.Take(20).Select(i => _rows[i].Row)], [.. l.Select(i => textOf[i]).Distinct().Take(5).Select(t => index.Shown[t])], min, max);
                })
                .ToList();
            return new NearDuplicateFacts(counts, candidates, pairs, [], clusters.Count, top);
        }

        /// <summary>Joins <paramref name="a"/> and <paramref name="b"/> and folds the pair's similarity into their cluster's range.</summary>
        private static void Note(Dictionary<int, (double Min, double Max)> edges, UnionFind union, int a, int b, double j)
        {
            var ra = union.Find(a);
            var rb = union.Find(b);
            var ea = edges.TryGetValue(ra, out var x) ? x : (double.MaxValue, double.MinValue);
            var eb = ra != rb && edges.TryGetValue(rb, out var y) ? y : (double.MaxValue, double.MinValue);
            edges.Remove(ra);
            edges.Remove(rb);
            var root = union.Union(ra, rb);
            edges[root] = (Math.Min(Math.Min(ea.Item1, eb.Item1), j), Math.Max(Math.Max(ea.Item2, eb.Item2), j));
        }
    }
}

/// <summary>Disjoint sets of text numbers, with path halving and union by size.</summary>
internal sealed class UnionFind
{
    private readonly List<int> _parent = [];
    private readonly List<int> _size = [];

    public void Ensure(int x)
    {
        while (_parent.Count <= x)
        {
            _parent.Add(_parent.Count);
            _size.Add(1);
        }
    }

    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    /// <summary>Joins the sets of two roots; returns the new root.</summary>
    public int Union(int a, int b)
    {
        if (a == b)
        {
            return a;
        }

        if (_size[a] < _size[b])
        {
            (a, b) = (b, a);
        }

        _parent[b] = a;
        _size[a] += _size[b];
        return a;
    }
}

/// <summary>Batch access shared by the near-duplicate metrics.</summary>
internal static class NearDuplicateRows
{
    public static StringBatch Strings(ColumnBatch batch) => batch as StringBatch
        ?? throw new ExpectationException($"Column '{batch.Name}' holds {batch.Kind} values; near-duplicates are found in text.");
}

/// <summary>The evaluator shared by both near-duplicate checks: binds the text column (and the other table) and writes the details.</summary>
internal abstract class NearDuplicateEvaluator<T>(T e) : Evaluator<T>(e) where T : NearDuplicateExpectation
{
    private MetricKey<NearDuplicateFacts>? _metric;

    protected abstract MetricKey<NearDuplicateFacts> CreateMetric(Binding binding, NearDuplicateSettings settings);

    public override void Bind(Binding binding)
    {
        var column = binding.Column(Spec.Column);
        if (column.Kind != DataKind.String)
        {
            throw new ExpectationException($"{Spec.Type}: column '{Spec.Column}' is {column.Kind} ({column.PhysicalType}); near-duplicates are found in text columns.");
        }

        _metric = binding.Require(CreateMetric(binding, NearDuplicateSettings.Of(Spec)));
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        ScalarFormatting.WriteDouble(w, value);
    }

    protected static int Cap(ResultFormat format) => format.Level switch
    {
        ResultFormatLevel.BooleanOnly => 0,
        ResultFormatLevel.Complete => 1000,
        _ => Math.Max(format.PartialUnexpectedCount, 1),
    };

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var facts = metrics.Get(_metric!);
        var result = ExpectationResults.ColumnMap(Spec, facts.Counts, format, Spec.Mostly ?? 1.0);
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return result;
        }

        var hasher = NearDuplicateSettings.Of(Spec).Hasher();
        var details = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            if (Spec is ColumnValuesToNotHaveNearDuplicatesInOtherTable other)
            {
                w.WriteString("other_table", other.OtherTableName);
            }

            WriteNumber(w, "threshold", Spec.ThresholdValue);
            w.WriteString("shingle", (Spec.Shingle ?? ShingleUnit.Char) == ShingleUnit.Char ? "char" : "word");
            w.WriteNumber("ngram", Spec.NgramValue);
            w.WriteStartArray("normalize");
            foreach (var step in Spec.NormalizeValue)
            {
                w.WriteStringValue(step);
            }

            w.WriteEndArray();
            w.WriteNumber("num_perm", Spec.NumPermValue);
            w.WriteNumber("bands", hasher.Bands);
            w.WriteNumber("rows_per_band", hasher.Rows);
            WriteNumber(w, "expected_recall", hasher.CandidateProbability(Spec.ThresholdValue));
            w.WriteNumber("candidate_pairs", facts.Candidates);
            w.WriteNumber("near_duplicate_pairs", facts.Pairs);
            if (Spec is ColumnValuesToNotHaveNearDuplicatesInOtherTable)
            {
                w.WriteStartArray("pairs");
                foreach (var p in facts.TopPairs)
                {
                    w.WriteStartObject();
                    w.WriteNumber("row", p.Row);
                    w.WriteNumber("other_row", p.OtherRow);
                    WriteNumber(w, "jaccard", p.Jaccard);
                    w.WriteString("text", p.Text);
                    w.WriteString("other_text", p.OtherText);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteNumber("cluster_count", facts.Clusters);
                w.WriteStartArray("clusters");
                foreach (var c in facts.TopClusters)
                {
                    w.WriteStartObject();
                    w.WriteNumber("size", c.Size);
                    w.WriteStartArray("rows");
                    foreach (var r in c.Rows)
                    {
                        w.WriteNumberValue(r);
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("texts");
                    foreach (var t in c.Texts)
                    {
                        w.WriteStringValue(t);
                    }

                    w.WriteEndArray();
                    WriteNumber(w, "min_jaccard", c.MinJaccard);
                    WriteNumber(w, "max_jaccard", c.MaxJaccard);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
        return result with { Result = result.Result with { Details = details } };
    }
}

internal sealed class NearDuplicatesInOtherTableEvaluator(ColumnValuesToNotHaveNearDuplicatesInOtherTable e) : NearDuplicateEvaluator<ColumnValuesToNotHaveNearDuplicatesInOtherTable>(e)
{
    protected override MetricKey<NearDuplicateFacts> CreateMetric(Binding binding, NearDuplicateSettings settings)
    {
        var other = OtherTableScans.Resolve(binding, Spec.Type, Spec.OtherTableName);
        var there = OtherTableScans.Column(other, Spec.OtherTableName, Spec.Column);
        if (there.Kind != DataKind.String)
        {
            throw new ExpectationException($"{Spec.Type}: column '{Spec.Column}' is {there.Kind} ({there.PhysicalType}) in the other table '{Spec.OtherTableName}'; near-duplicates are found in text columns.");
        }

        return new NearDuplicatesInOtherTableMetric(other, settings, binding.Format.SampleCap, Cap(binding.Format), binding.Scans);
    }
}

internal sealed class NearDuplicatesEvaluator(ColumnValuesToNotHaveNearDuplicates e) : NearDuplicateEvaluator<ColumnValuesToNotHaveNearDuplicates>(e)
{
    protected override MetricKey<NearDuplicateFacts> CreateMetric(Binding binding, NearDuplicateSettings settings) =>
        new NearDuplicatesMetric(settings, binding.Format.SampleCap, Cap(binding.Format));
}
