using System.Numerics.Tensors;
using System.Text;
using Expectations.Data;
using Expectations.Model;

namespace Expectations.Engine.Conditions;

/// <summary>
/// Applies a <see cref="RowCondition"/> to a chunk: each comparison is one typed loop over a column's span
/// (pandas semantics: a null compares false, except with <c>!=</c>, where it is true), masks are combined,
/// and the chunk is compacted to the selected rows, keeping their global indices.
/// </summary>
internal static class ConditionFilter
{
    public static DataChunk Apply(RowCondition condition, DataChunk chunk, IReadOnlyCollection<string> keep)
    {
        var mask = Evaluate(condition, chunk);
        var count = 0;
        foreach (var m in mask)
        {
            count += m;
        }

        var rows = new int[count];
        var indices = new long[count];
        for (int i = 0, k = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                rows[k] = i;
                indices[k++] = chunk.GlobalIndex(i);
            }
        }

        var batches = keep.Select(name => Select(chunk[name], rows)).ToList();
        return DataChunk.Selection(batches, indices, chunk.Origin);
    }

    /// <summary>One byte per row: 1 when the row satisfies the condition.</summary>
    public static byte[] Evaluate(RowCondition condition, DataChunk chunk)
    {
        var mask = new byte[chunk.RowCount];
        Evaluate(condition, chunk, mask);
        return mask;
    }

    /// <summary>
    /// Writes the condition's mask into <paramref name="mask"/>. An n-ary and / or folds its terms one after the other
    /// into the mask through one scratch buffer, so time is linear in terms × rows and the recursion only as deep as
    /// the parentheses (at most <see cref="RowCondition.MaxDepth"/>).
    /// </summary>
    private static void Evaluate(RowCondition condition, DataChunk chunk, byte[] mask)
    {
        switch (condition)
        {
            case RowCondition.Compare c:
                if (!chunk.TryGetColumn(c.Column, out var batch))
                {
                    throw new ExpectationException($"row_condition refers to column '{c.Column}', which is not in the data.");
                }

                Compare(batch, c, mask);
                return;
            case RowCondition.And a:
                Fold(a.Terms, chunk, mask, and: true);
                return;
            case RowCondition.Or o:
                Fold(o.Terms, chunk, mask, and: false);
                return;
            case RowCondition.Not n:
                Evaluate(n.Inner, chunk, mask);
                TensorPrimitives.Xor(mask, (byte)1, mask);
                return;
            default:
                throw new InvalidOperationException($"Unknown condition {condition}.");
        }
    }

    private static void Fold(ValueList<RowCondition> terms, DataChunk chunk, byte[] mask, bool and)
    {
        Evaluate(terms[0], chunk, mask);
        var term = new byte[mask.Length];
        for (var t = 1; t < terms.Count; t++)
        {
            // Every evaluation writes each byte of the buffer it is given, so the one buffer serves every term.
            Evaluate(terms[t], chunk, term);
            if (and)
            {
                TensorPrimitives.BitwiseAnd(mask, term, mask);
            }
            else
            {
                TensorPrimitives.BitwiseOr(mask, term, mask);
            }
        }
    }

    private static byte[] Compare(ColumnBatch batch, RowCondition.Compare c, byte[] mask)
    {
        var value = c.Value;
        var nullResult = (byte)(c.Op == ConditionOperator.NotEqual ? 1 : 0);
        if (value.IsNull)
        {
            // col == None selects nulls, col != None the others.
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = (byte)(batch.IsValid(i) == (c.Op == ConditionOperator.NotEqual) ? 1 : 0);
            }

            return mask;
        }

        switch (batch)
        {
            case VariableLengthBatch s when value.Kind == ScalarKind.String:
            {
                // A binary column compares by bytes: the literal names them as \x-hex, or stands for its UTF-8.
                var literal = s is BinaryBatch ? ScalarFormatting.BinaryMember(value.AsString()) : Encoding.UTF8.GetBytes(value.AsString());
                for (var i = 0; i < mask.Length; i++)
                {
                    mask[i] = s.IsValid(i) ? Test(s.GetBytes(i).SequenceCompareTo(literal), c.Op) : nullResult;
                }

                return mask;
            }

            case PrimitiveBatch<long> t when t.Kind == DataKind.Timestamp:
            {
                if (!value.TryGetTimestamp(out var when))
                {
                    return Mismatch(batch, c, mask);
                }

                var span = t.Values.Span;
                for (var i = 0; i < mask.Length; i++)
                {
                    mask[i] = t.IsValid(i) ? Test(span[i].CompareTo(when.Ticks), c.Op) : nullResult;
                }

                return mask;
            }

            case PrimitiveBatch<bool> b when value.Kind == ScalarKind.Boolean:
            {
                var span = b.Values.Span;
                var literal = value.AsBoolean();
                for (var i = 0; i < mask.Length; i++)
                {
                    mask[i] = b.IsValid(i) ? Test(span[i].CompareTo(literal), c.Op) : nullResult;
                }

                return mask;
            }

            case not StringBatch when value.IsNumeric && batch.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal:
                return Numeric(batch, value, c.Op, nullResult, mask);
            case StringBatch s when value.IsNumeric && c.Op is ConditionOperator.Equal or ConditionOperator.NotEqual:
            {
                // Text that holds a number equals that number, as SQL and Spark coerce (and as pandas' mixed object
                // columns compare); other text never does.
                var literal = value.AsDouble();
                for (var i = 0; i < mask.Length; i++)
                {
                    var equal = s.IsValid(i) && System.Buffers.Text.Utf8Parser.TryParse(s.GetBytes(i), out double parsed, out var used)
                        && used == s.GetBytes(i).Length && parsed == literal;
                    mask[i] = s.IsValid(i) ? (byte)(equal == (c.Op == ConditionOperator.Equal) ? 1 : 0) : nullResult;
                }

                return mask;
            }
            default:
                return Mismatch(batch, c, mask);
        }
    }

    /// <summary>A literal of another type: never equal (so != holds), and ordering is an error, as in pandas.</summary>
    private static byte[] Mismatch(ColumnBatch batch, RowCondition.Compare c, byte[] mask)
    {
        if (c.Op is ConditionOperator.Equal or ConditionOperator.NotEqual)
        {
            Array.Fill(mask, (byte)(c.Op == ConditionOperator.NotEqual ? 1 : 0));
            return mask;
        }

        throw new ExpectationException($"row_condition compares column '{c.Column}' ({batch.Kind}) with {c.Value}, which cannot be ordered against it.");
    }

    private static byte[] Numeric(ColumnBatch batch, Scalar literal, ConditionOperator op, byte nullResult, byte[] mask) =>
        NumericBatches.TryApply(batch, new CompareNumbers(literal, op, nullResult, mask), out byte[] result)
            ? result
            : throw new ExpectationException($"row_condition cannot compare column '{batch.Name}' with a number.");

    /// <summary>Integer columns compare with the literal exactly (never through double); float and decimal ones as doubles, as pandas does.</summary>
    private readonly struct CompareNumbers(Scalar literal, ConditionOperator op, byte nullResult, byte[] mask) : INumericBatchFunc<byte[]>
    {
        public byte[] Apply<T>(PrimitiveBatch<T> batch) where T : unmanaged, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>
        {
            var values = batch.Values.Span;
            if (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(decimal))
            {
                var d = literal.AsDouble();
                for (var i = 0; i < mask.Length; i++)
                {
                    // NaN is pandas' missing value: it compares false with every number (double.CompareTo orders it first), != holds.
                    var x = double.CreateTruncating(values[i]);
                    mask[i] = !batch.IsValid(i) || double.IsNaN(x) ? nullResult : Test(x.CompareTo(d), op);
                }

                return mask;
            }

            var integer = literal.Kind == ScalarKind.Integer;
            var whole = integer ? literal.AsInt128() : default;
            var number = literal.AsDouble();
            for (var i = 0; i < mask.Length; i++)
            {
                if (!batch.IsValid(i))
                {
                    mask[i] = nullResult;
                    continue;
                }

                var x = Int128.CreateTruncating(values[i]);
                mask[i] = integer ? Test(x.CompareTo(whole), op) : ExactNumbers.Compare(x, number) is { } c ? Test(c, op) : (byte)(op == ConditionOperator.NotEqual ? 1 : 0);
            }

            return mask;
        }
    }

    private static byte Test(int comparison, ConditionOperator op) => (op switch
    {
        ConditionOperator.Equal => comparison == 0,
        ConditionOperator.NotEqual => comparison != 0,
        ConditionOperator.Less => comparison < 0,
        ConditionOperator.LessOrEqual => comparison <= 0,
        ConditionOperator.Greater => comparison > 0,
        _ => comparison >= 0,
    }) ? (byte)1 : (byte)0;

    /// <summary>The selected rows of a batch as a new, compact batch (every kind of batch: see <see cref="BatchSelection"/>).</summary>
    internal static ColumnBatch Select(ColumnBatch batch, int[] rows) => BatchSelection.Select(batch, rows);
}
