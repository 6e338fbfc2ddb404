using Expectations.Engine.Conditions;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>Rows satisfying a condition: their number and the global indices of the first few.</summary>
internal sealed record MatchingRowsMetric(RowCondition Condition, int SampleCap) : MetricKey<(long Count, IReadOnlyList<long> First)>
{
    public override IReadOnlyList<string> Columns => [.. Condition.Columns.Distinct(StringComparer.Ordinal)];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(MatchingRowsMetric key) : MetricAccumulator
    {
        private readonly List<long> _first = [];
        private long _count;

        public override void Add(DataChunk chunk)
        {
            var mask = ConditionFilter.Evaluate(key.Condition, chunk);
            for (var i = 0; i < mask.Length; i++)
            {
                if (mask[i] != 0)
                {
                    _count++;
                    if (_first.Count < key.SampleCap)
                    {
                        _first.Add(chunk.GlobalIndex(i));
                    }
                }
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _count += o._count;
            _first.AddRange(o._first.Take(key.SampleCap - _first.Count));
        }

        public override void Save(Kernels.StateWriter writer)
        {
            writer.Long(_count);
            writer.List(_first, static (w, row) => w.Row(row));
        }

        public override void Load(Kernels.StateReader reader)
        {
            _count = reader.Long();
            _first.AddRange(reader.List(static r => r.Row(), 8));
        }

        public override object Finish() => (_count, (IReadOnlyList<long>)_first);
    }
}

internal sealed class UnexpectedRowsEvaluator(UnexpectedRowsExpectation e) : Evaluator<UnexpectedRowsExpectation>(e)
{
    private MatchingRowsMetric? _metric;

    public override void Bind(Binding binding)
    {
        var condition = Spec.ParseCondition();
        foreach (var column in condition.Columns)
        {
            binding.Column(column);
        }

        _metric = binding.Require(new MatchingRowsMetric(condition, binding.Format.PartialUnexpectedCount));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var (count, first) = metrics.Get(_metric!);
        var observed = count == 1 ? "1 unexpected row" : $"{count} unexpected rows";
        return Result(count == 0, format.Level == ResultFormatLevel.BooleanOnly
            ? ResultDetails.Empty
            : ObservedDetails.Of(observed, format) with { UnexpectedCount = count, PartialUnexpectedIndexList = first });
    }
}
