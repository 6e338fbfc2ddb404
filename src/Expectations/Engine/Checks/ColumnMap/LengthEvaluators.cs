using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class LengthBetweenEvaluator(ColumnValueLengthsToBeBetween e) : ColumnMapEvaluator<ColumnValueLengthsToBeBetween>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column)
    {
        if (column.Kind != DataKind.String)
        {
            throw Unsupported(column, "the column is not text");
        }

        // Integer bounds become inclusive ones; an impossible range (lo > hi) makes every value unexpected.
        var lo = WholeNumbers.OrNull(Spec.MinValue, "min_value") is { } min ? (Spec.StrictMin ? min + 1 : min) : 0;
        var hi = WholeNumbers.OrNull(Spec.MaxValue, "max_value") is { } max ? (Spec.StrictMax ? max - 1 : max) : int.MaxValue;
        return new LengthCheck((int)Math.Min(lo, int.MaxValue), (int)Math.Max(hi, -1));
    }
}

internal sealed class LengthEqualEvaluator(ColumnValueLengthsToEqual e) : ColumnMapEvaluator<ColumnValueLengthsToEqual>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) =>
        column.Kind == DataKind.String
            ? new LengthCheck((int)WholeNumbers.Of(Spec.Value, "value"), (int)WholeNumbers.Of(Spec.Value, "value"))
            : throw Unsupported(column, "the column is not text");
}

/// <summary>Strings whose code-point length lies outside <c>[Lo, Hi]</c> are unexpected; equal bounds share one metric.</summary>
internal sealed record LengthCheck(int Lo, int Hi) : RowCheck
{
    public override int CountUnexpected(ColumnBatch batch)
    {
        var strings = (StringBatch)batch;
        return Utf8LengthKernel.CountLengthsOutside(strings.Data.Span, strings.Offsets.Span, strings.Validity.Span, Lo, Hi);
    }

    public override bool IsUnexpected(ColumnBatch batch, int row)
    {
        var length = Utf8LengthKernel.CodePoints(((StringBatch)batch).GetBytes(row));
        return length < Lo || length > Hi;
    }
}
