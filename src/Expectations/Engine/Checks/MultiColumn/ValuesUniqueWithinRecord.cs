using System.Buffers;
using Expectations.Engine.ColumnMap;

namespace Expectations.Engine.Checks;

/// <summary>Evaluates both names of the within-record uniqueness check.</summary>
internal sealed class UniqueWithinRecordEvaluator<T>(T e) : MapEvaluator<T>(e) where T : ColumnListExpectation
{
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    protected override double Mostly => Spec.Mostly ?? 1.0;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        foreach (var column in Spec.ColumnList)
        {
            binding.Column(column);
        }

        return new RowsCheckMetric(Spec.ColumnList, DistinctWithinRowCheck.Instance, Spec.IgnoreRowIf, sampleCap);
    }
}

/// <summary>Rows where two of the columns hold equal values, or are both null: every pair of columns, a batch at a time.</summary>
internal sealed record DistinctWithinRowCheck : RowsCheck
{
    public static DistinctWithinRowCheck Instance { get; } = new();

    public override void MarkUnexpected(ColumnBatch[] batches, ReadOnlySpan<byte> anyMissing, byte[] unexpected)
    {
        var bytes = anyMissing.Length;
        var pair = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            for (var i = 0; i < batches.Length; i++)
            {
                for (var j = i + 1; j < batches.Length; j++)
                {
                    ValueEquality.MarkBothMissing(batches[i], batches[j], unexpected);
                    if (!ValueEquality.CanBeEqual(batches[i].Kind, batches[j].Kind))
                    {
                        continue;
                    }

                    Array.Clear(pair, 0, bytes);
                    ValueEquality.MarkEqual(batches[i], batches[j], pair, nanEqualsNaN: true);
                    for (var k = 0; k < bytes; k++)
                    {
                        unexpected[k] |= pair[k];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pair);
        }
    }
}
