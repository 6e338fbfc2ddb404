using System.Buffers;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Engine.Checks;

internal sealed class PairEqualEvaluator(ColumnPairValuesToBeEqual e) : MapEvaluator<ColumnPairValuesToBeEqual>(e)
{
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    protected override double Mostly => Spec.Mostly ?? 1.0;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        binding.Column(Spec.ColumnA);
        binding.Column(Spec.ColumnB);
        return new PairCheckMetric(Spec.ColumnA, Spec.ColumnB, EqualCheck.Instance, Spec.IgnoreRowIf, sampleCap);
    }
}

/// <summary>a == b on rows where both are present (<see cref="ValueEquality"/>).</summary>
internal sealed record EqualCheck : PairCheck
{
    public static EqualCheck Instance { get; } = new();

    public override int CountFailing(ColumnBatch a, ColumnBatch b)
    {
        var (_, either) = PairCheckMetric.CountMissing(a, b);
        var bothPresent = a.Length - either;
        if (!ValueEquality.CanBeEqual(a.Kind, b.Kind))
        {
            return bothPresent;
        }

        var bytes = ValueEquality.BitmapBytes(a.Length);
        var equal = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            Array.Clear(equal, 0, bytes);
            ValueEquality.MarkEqual(a, b, equal, nanEqualsNaN: false);
            return bothPresent - Bitmap.CountValid(equal.AsSpan(0, bytes), a.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(equal);
        }
    }

    public override void FindFailing(ColumnBatch a, ColumnBatch b, List<int> rows, int limit)
    {
        var bytes = ValueEquality.BitmapBytes(a.Length);
        var equal = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            Array.Clear(equal, 0, bytes);
            ValueEquality.MarkEqual(a, b, equal, nanEqualsNaN: false);
            for (var i = 0; i < a.Length && rows.Count < limit; i++)
            {
                if (a.IsValid(i) && b.IsValid(i) && ((equal[i >> 3] >> (i & 7)) & 1) == 0)
                {
                    rows.Add(i);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(equal);
        }
    }
}
