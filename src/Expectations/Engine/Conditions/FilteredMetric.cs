using Expectations.Model;

namespace Expectations.Engine.Conditions;

/// <summary>A metric computed over the rows that satisfy a row condition (GX's conditional expectations).</summary>
internal sealed record FilteredMetric(RowCondition Condition, MetricKey Inner) : MetricKey
{
    public override IReadOnlyList<string> Columns => [.. Inner.Columns.Concat(Condition.Columns).Distinct(StringComparer.Ordinal)];

    public override MetricAccumulator CreateAccumulator(MetricContext context) =>
        new Accumulator(context.Filters, Condition, Inner.CreateAccumulator(context));

    private sealed class Accumulator(FilterCache cache, RowCondition condition, MetricAccumulator inner) : MetricAccumulator
    {
        public MetricAccumulator Inner { get; } = inner;

        public override void Add(DataChunk chunk) => Inner.Add(cache.Get(chunk, condition));

        public override void Merge(MetricAccumulator other) => Inner.Merge(((Accumulator)other).Inner);

        public override void Save(Kernels.StateWriter writer) => Inner.Save(writer);

        public override bool CanSave => Inner.CanSave;

        public override void Load(Kernels.StateReader reader) => Inner.Load(reader);

        public override object Finish() => Inner.Finish();
    }
}

/// <summary>Filters each chunk once per condition, however many metrics run under that condition.</summary>
internal sealed class FilterCache
{
    private readonly Dictionary<RowCondition, DataChunk> _filtered = [];
    private DataChunk? _source;

    public DataChunk Get(DataChunk chunk, RowCondition condition)
    {
        if (!ReferenceEquals(chunk, _source))
        {
            _filtered.Clear();
            _source = chunk;
        }

        if (!_filtered.TryGetValue(condition, out var filtered))
        {
            filtered = ConditionFilter.Apply(condition, chunk, [.. chunk.Columns.Select(c => c.Name)]);
            _filtered[condition] = filtered;
        }

        return filtered;
    }
}
