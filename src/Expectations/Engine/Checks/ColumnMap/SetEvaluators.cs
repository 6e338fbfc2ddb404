using System.Numerics;
using System.Text;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class InSetEvaluator(ColumnValuesToBeInSet e) : ColumnMapEvaluator<ColumnValuesToBeInSet>(e)
{
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary | ColumnShapes.List;

    protected override RowCheck CreateCheck(ColumnInfo column) => SetCheck.Create(column, Spec.ValueSet, unexpectedWhenMember: false);
}

internal sealed class NotInSetEvaluator(ColumnValuesToNotBeInSet e) : ColumnMapEvaluator<ColumnValuesToNotBeInSet>(e)
{
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary | ColumnShapes.List;

    protected override RowCheck CreateCheck(ColumnInfo column) => SetCheck.Create(column, Spec.ValueSet, unexpectedWhenMember: true);
}

/// <summary>
/// Set membership, specialised by column kind: numbers compare by value (1 == 1.0), strings by exact text,
/// timestamps by instant (set members parsed as dates), binary values by their bytes (a string member stands for the
/// bytes <see cref="ScalarFormatting.BinaryMember"/> gives: <c>\x</c>-hex, else its UTF-8). Members of another kind never match.
/// </summary>
internal abstract record SetCheck(bool UnexpectedWhenMember) : RowCheck
{
    public static SetCheck Create(ColumnInfo column, ValueList<Scalar> set, bool unexpectedWhenMember) => column.Kind switch
    {
        DataKind.Integer or DataKind.Float or DataKind.Decimal => new NumberSet([.. set.Where(s => s.IsNumeric).Select(s => s.AsDouble())], unexpectedWhenMember),
        DataKind.Boolean => new NumberSet([.. set.Where(s => s.Kind == ScalarKind.Boolean).Select(s => s.AsBoolean() ? 1.0 : 0.0)], unexpectedWhenMember),
        DataKind.Timestamp => new NumberSet([.. set.Select(s => s.TryGetTimestamp(out var t) ? (double?)t.Ticks : null).OfType<double>()], unexpectedWhenMember),
        DataKind.Binary => new TextSet(BytesOf(set, ScalarFormatting.BinaryMember), unexpectedWhenMember),
        _ => new TextSet(BytesOf(set, Encoding.UTF8.GetBytes), unexpectedWhenMember),
    };

    private static HashSet<byte[]> BytesOf(ValueList<Scalar> set, Func<string, byte[]> bytes) =>
        new(set.Where(s => s.Kind == ScalarKind.String).Select(s => bytes(s.AsString())), Utf8Comparer.Instance);

    public override bool IsUnexpected(ColumnBatch batch, int row) => Contains(batch, row) == UnexpectedWhenMember;

    protected abstract bool Contains(ColumnBatch batch, int row);

    /// <summary>Numeric members as doubles: exact for integers up to 2^53, which covers value sets in practice.</summary>
    private sealed record NumberSet(HashSet<double> Members, bool UnexpectedWhenMember) : SetCheck(UnexpectedWhenMember)
    {
        /// <summary>The batch type is decided once per batch; the loop then runs over its span.</summary>
        public override int CountUnexpected(ColumnBatch batch) => batch switch
        {
            PrimitiveBatch<double> b => Count(b),
            PrimitiveBatch<float> b => Count(b),
            PrimitiveBatch<long> b => Count(b),
            PrimitiveBatch<int> b => Count(b),
            PrimitiveBatch<short> b => Count(b),
            PrimitiveBatch<sbyte> b => Count(b),
            PrimitiveBatch<ulong> b => Count(b),
            PrimitiveBatch<uint> b => Count(b),
            PrimitiveBatch<ushort> b => Count(b),
            PrimitiveBatch<byte> b => Count(b),
            PrimitiveBatch<decimal> b => Count(b),
            PrimitiveBatch<bool> b => CountBooleans(b),
            _ => throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} cannot be compared with numbers."),
        };

        private int Count<T>(PrimitiveBatch<T> b) where T : unmanaged, INumberBase<T>
        {
            var values = b.Values.Span;
            var validity = b.Validity.Span;
            var n = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (Bitmap.IsValid(validity, i) && Members.Contains(double.CreateTruncating(values[i])) == UnexpectedWhenMember)
                {
                    n++;
                }
            }

            return n;
        }

        private int CountBooleans(PrimitiveBatch<bool> b)
        {
            // Two possible values: look each up once.
            var trueUnexpected = Members.Contains(1.0) == UnexpectedWhenMember;
            var falseUnexpected = Members.Contains(0.0) == UnexpectedWhenMember;
            var values = b.Values.Span;
            var validity = b.Validity.Span;
            var n = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (Bitmap.IsValid(validity, i) && (values[i] ? trueUnexpected : falseUnexpected))
                {
                    n++;
                }
            }

            return n;
        }

        protected override bool Contains(ColumnBatch batch, int row) => batch switch
        {
            PrimitiveBatch<double> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<float> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<long> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<int> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<short> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<sbyte> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<ulong> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<uint> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<ushort> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<byte> b => Members.Contains(b.Values.Span[row]),
            PrimitiveBatch<decimal> b => Members.Contains((double)b.Values.Span[row]),
            PrimitiveBatch<bool> b => Members.Contains(b.Values.Span[row] ? 1.0 : 0.0),
            _ => throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} cannot be compared with numbers."),
        };

        public bool Equals(NumberSet? other) => other is not null && UnexpectedWhenMember == other.UnexpectedWhenMember && Members.SetEquals(other.Members);

        public override int GetHashCode() => HashCode.Combine(UnexpectedWhenMember, Members.Count);
    }

    /// <summary>
    /// Members as bytes (UTF-8 for text, the bytes themselves for binary), looked up by span (no decoding per row). Runs
    /// of equal values (sorted or dictionary-encoded data, low-cardinality columns) are looked up once per run.
    /// </summary>
    private sealed record TextSet(HashSet<byte[]> Members, bool UnexpectedWhenMember) : SetCheck(UnexpectedWhenMember)
    {
        private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _utf8 = Members.GetAlternateLookup<ReadOnlySpan<byte>>();

        public override int CountUnexpected(ColumnBatch batch)
        {
            var strings = (VariableLengthBatch)batch;
            var data = strings.Data.Span;
            var offsets = strings.Offsets.Span;
            var validity = strings.Validity.Span;
            var n = 0;
            var previousStart = -1;
            var previousLength = -1;
            var previousUnexpected = false;
            for (var i = 0; i < strings.Length; i++)
            {
                if (!Bitmap.IsValid(validity, i))
                {
                    continue;
                }

                var start = offsets[i];
                var length = offsets[i + 1] - start;
                var bytes = data.Slice(start, length);
                if (length != previousLength || !bytes.SequenceEqual(data.Slice(previousStart, previousLength)))
                {
                    previousUnexpected = _utf8.Contains(bytes) == UnexpectedWhenMember;
                    previousStart = start;
                    previousLength = length;
                }

                if (previousUnexpected)
                {
                    n++;
                }
            }

            return n;
        }

        protected override bool Contains(ColumnBatch batch, int row) => _utf8.Contains(((VariableLengthBatch)batch).GetBytes(row));

        public bool Equals(TextSet? other) => other is not null && UnexpectedWhenMember == other.UnexpectedWhenMember && Members.SetEquals(other.Members);

        public override int GetHashCode() => HashCode.Combine(UnexpectedWhenMember, Members.Count);
    }

    /// <summary>Byte-wise equality of UTF-8 text, also for spans (so rows are looked up without copying).</summary>
    private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static Utf8Comparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
