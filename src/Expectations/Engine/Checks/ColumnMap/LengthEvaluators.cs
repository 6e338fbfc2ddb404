using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class LengthBetweenEvaluator(ColumnValueLengthsToBeBetween e) : ColumnMapEvaluator<ColumnValueLengthsToBeBetween>(e)
{
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary | ColumnShapes.List;

    protected override ListValues ListSemantics => ListValues.Whole;

    protected override RowCheck CreateCheck(ColumnInfo column)
    {
        // Integer bounds become inclusive ones; an impossible range (lo > hi) makes every value unexpected.
        var lo = WholeNumbers.OrNull(Spec.Bounds.MinValue, "min_value") is { } min ? (Spec.Bounds.StrictMin ? min + 1 : min) : 0;
        var hi = WholeNumbers.OrNull(Spec.Bounds.MaxValue, "max_value") is { } max ? (Spec.Bounds.StrictMax ? max - 1 : max) : int.MaxValue;
        return LengthChecks.For(column, (int)Math.Min(lo, int.MaxValue), (int)Math.Max(hi, -1), Unsupported);
    }
}

internal sealed class LengthEqualEvaluator(ColumnValueLengthsToEqual e) : ColumnMapEvaluator<ColumnValueLengthsToEqual>(e)
{
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary | ColumnShapes.List;

    protected override ListValues ListSemantics => ListValues.Whole;

    protected override RowCheck CreateCheck(ColumnInfo column) => LengthChecks.For(column, (int)WholeNumbers.Of(Spec.Value, "value"), (int)WholeNumbers.Of(Spec.Value, "value"), Unsupported);
}

/// <summary>What a value's length is: code points of text (Python's <c>len</c>), bytes of binary values, elements of lists.</summary>
internal static class LengthChecks
{
    public static RowCheck For(ColumnInfo column, int lo, int hi, Func<ColumnInfo, string, ExpectationException> unsupported) => column.Kind switch
    {
        DataKind.String => new LengthCheck(lo, hi),
        DataKind.Binary or DataKind.List => new CountLengthCheck(lo, hi),
        _ => throw unsupported(column, "the column is not text"),
    };
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

/// <summary>
/// Binary values with a byte length, or lists with a number of elements, outside <c>[Lo, Hi]</c>: both lengths are the
/// difference of consecutive offsets, so nothing but the offsets is read.
/// </summary>
internal sealed record CountLengthCheck(int Lo, int Hi) : RowCheck
{
    public override int CountUnexpected(ColumnBatch batch)
    {
        var offsets = Offsets(batch);
        var validity = batch.Validity.Span;
        var n = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            var length = offsets[i + 1] - offsets[i];
            if (Bitmap.IsValid(validity, i) && (length < Lo || length > Hi))
            {
                n++;
            }
        }

        return n;
    }

    public override bool IsUnexpected(ColumnBatch batch, int row)
    {
        var offsets = Offsets(batch);
        var length = offsets[row + 1] - offsets[row];
        return length < Lo || length > Hi;
    }

    private static ReadOnlySpan<int> Offsets(ColumnBatch batch) => batch switch
    {
        VariableLengthBatch bytes => bytes.Offsets.Span,
        ListBatch lists => lists.Offsets.Span,
        _ => throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} has no lengths to count."),
    };
}
