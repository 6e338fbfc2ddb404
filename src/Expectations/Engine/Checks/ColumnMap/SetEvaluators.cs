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
        DataKind.Integer or DataKind.Float or DataKind.Decimal => new NumberSet([.. set.Where(s => s.IsNumeric)], unexpectedWhenMember),
        DataKind.Boolean => new NumberSet([.. set.Where(s => s.Kind == ScalarKind.Boolean).Select(s => Scalar.From(s.AsBoolean() ? 1L : 0L))], unexpectedWhenMember),
        DataKind.Timestamp => new NumberSet([.. set.Select(s => s.TryGetTimestamp(out var t) ? Scalar.From(t.Ticks) : Scalar.Null).Where(s => !s.IsNull)], unexpectedWhenMember),
        DataKind.Binary => new TextSet(BytesOf(set, ScalarFormatting.BinaryMember), unexpectedWhenMember),
        _ => new TextSet(BytesOf(set, Encoding.UTF8.GetBytes), unexpectedWhenMember),
    };

    private static HashSet<byte[]> BytesOf(ValueList<Scalar> set, Func<string, byte[]> bytes) =>
        new(set.Where(s => s.Kind == ScalarKind.String).Select(s => bytes(s.AsString())), Utf8Comparer.Instance);

    public override bool IsUnexpected(ColumnBatch batch, int row) => Contains(batch, row) == UnexpectedWhenMember;

    protected abstract bool Contains(ColumnBatch batch, int row);

    /// <summary>
    /// Numeric members, looked up exactly by the column's element type: integer columns (and timestamp ticks, booleans as
    /// 0/1) in sets of long or ulong, so integers beyond 2^53 never meet a neighbour through double; float columns in a
    /// set of doubles, integer members rounded to the nearest double as numpy's isin does; decimals by exact value.
    /// </summary>
    private sealed record NumberSet : SetCheck
    {
        private readonly HashSet<long> _signed = [];
        private readonly HashSet<ulong> _unsigned = [];
        private readonly HashSet<double> _floats = [];

        public NumberSet(HashSet<Scalar> members, bool unexpectedWhenMember) : base(unexpectedWhenMember)
        {
            Members = members;
            foreach (var m in members)
            {
                _floats.Add(m.AsDouble());
                Int128? whole = m.Kind == ScalarKind.Integer ? m.AsInt128() : ExactNumbers.TryGetInteger(m.AsDouble(), out var w) ? w : null;
                if (whole is { } i)
                {
                    if (i >= long.MinValue && i <= long.MaxValue)
                    {
                        _signed.Add((long)i);
                    }

                    if (i >= 0 && i <= ulong.MaxValue)
                    {
                        _unsigned.Add((ulong)i);
                    }
                }
            }
        }

        /// <summary>The members, exact; what equality compares.</summary>
        public HashSet<Scalar> Members { get; }

        /// <summary>The batch type is decided once per batch; the loop then runs over its span.</summary>
        public override int CountUnexpected(ColumnBatch batch) => batch switch
        {
            PrimitiveBatch<double> b => CountFloats(b),
            PrimitiveBatch<float> b => CountFloats(b),
            PrimitiveBatch<long> b => CountSigned(b),
            PrimitiveBatch<int> b => CountSigned(b),
            PrimitiveBatch<short> b => CountSigned(b),
            PrimitiveBatch<sbyte> b => CountSigned(b),
            PrimitiveBatch<ulong> b => CountUnsigned(b),
            PrimitiveBatch<uint> b => CountUnsigned(b),
            PrimitiveBatch<ushort> b => CountUnsigned(b),
            PrimitiveBatch<byte> b => CountUnsigned(b),
            PrimitiveBatch<decimal> b => CountDecimals(b),
            PrimitiveBatch<bool> b => CountBooleans(b),
            _ => throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} cannot be compared with numbers."),
        };

        private int CountFloats<T>(PrimitiveBatch<T> b) where T : unmanaged, IFloatingPoint<T>
        {
            var values = b.Values.Span;
            var validity = b.Validity.Span;
            var n = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (Bitmap.IsValid(validity, i) && _floats.Contains(double.CreateTruncating(values[i])) == UnexpectedWhenMember)
                {
                    n++;
                }
            }

            return n;
        }

        private int CountSigned<T>(PrimitiveBatch<T> b) where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>
        {
            var values = b.Values.Span;
            var validity = b.Validity.Span;
            var n = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (Bitmap.IsValid(validity, i) && _signed.Contains(long.CreateTruncating(values[i])) == UnexpectedWhenMember)
                {
                    n++;
                }
            }

            return n;
        }

        private int CountUnsigned<T>(PrimitiveBatch<T> b) where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        {
            var values = b.Values.Span;
            var validity = b.Validity.Span;
            var n = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (Bitmap.IsValid(validity, i) && _unsigned.Contains(ulong.CreateTruncating(values[i])) == UnexpectedWhenMember)
                {
                    n++;
                }
            }

            return n;
        }

        private int CountDecimals(PrimitiveBatch<decimal> b)
        {
            var values = b.Values.Span;
            var validity = b.Validity.Span;
            var n = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (Bitmap.IsValid(validity, i) && Members.Contains(Scalar.From(values[i])) == UnexpectedWhenMember)
                {
                    n++;
                }
            }

            return n;
        }

        private int CountBooleans(PrimitiveBatch<bool> b)
        {
            // Two possible values: look each up once.
            var trueUnexpected = _signed.Contains(1) == UnexpectedWhenMember;
            var falseUnexpected = _signed.Contains(0) == UnexpectedWhenMember;
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
            PrimitiveBatch<double> b => _floats.Contains(b.Values.Span[row]),
            PrimitiveBatch<float> b => _floats.Contains(b.Values.Span[row]),
            PrimitiveBatch<long> b => _signed.Contains(b.Values.Span[row]),
            PrimitiveBatch<int> b => _signed.Contains(b.Values.Span[row]),
            PrimitiveBatch<short> b => _signed.Contains(b.Values.Span[row]),
            PrimitiveBatch<sbyte> b => _signed.Contains(b.Values.Span[row]),
            PrimitiveBatch<ulong> b => _unsigned.Contains(b.Values.Span[row]),
            PrimitiveBatch<uint> b => _unsigned.Contains(b.Values.Span[row]),
            PrimitiveBatch<ushort> b => _unsigned.Contains(b.Values.Span[row]),
            PrimitiveBatch<byte> b => _unsigned.Contains(b.Values.Span[row]),
            PrimitiveBatch<decimal> b => Members.Contains(Scalar.From(b.Values.Span[row])),
            PrimitiveBatch<bool> b => _signed.Contains(b.Values.Span[row] ? 1 : 0),
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
