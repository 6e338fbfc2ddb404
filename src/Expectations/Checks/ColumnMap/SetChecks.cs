using System.Buffers;
using System.Text;
using Expectations.Data;
using Expectations.Engine;
using Expectations.Engine.ColumnMap;

namespace Expectations.Checks;

/// <summary>GX <c>expect_column_values_to_be_in_set</c>: each non-null value is one of <see cref="ValueSet"/>.</summary>
public sealed record ColumnValuesToBeInSet : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The allowed values. Timestamps are given as ISO-8601 strings. An empty set allows nothing (as in GX).</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; }
}

/// <summary>GX <c>expect_column_values_to_not_be_in_set</c>: no non-null value is one of <see cref="ValueSet"/>.</summary>
public sealed record ColumnValuesToNotBeInSet : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The forbidden values. An empty set forbids nothing (as in GX).</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; }
}

internal sealed class InSetEvaluator(ColumnValuesToBeInSet e) : ColumnMapEvaluator<ColumnValuesToBeInSet>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => SetCheck.Create(column, Spec.ValueSet, unexpectedWhenMember: false);
}

internal sealed class NotInSetEvaluator(ColumnValuesToNotBeInSet e) : ColumnMapEvaluator<ColumnValuesToNotBeInSet>(e)
{
    protected override RowCheck CreateCheck(ColumnInfo column) => SetCheck.Create(column, Spec.ValueSet, unexpectedWhenMember: true);
}

/// <summary>
/// Set membership, specialised by column kind: numbers compare by value (1 == 1.0), strings by exact text,
/// timestamps by instant (set members parsed as dates). Members of another kind never match.
/// </summary>
internal abstract record SetCheck(bool UnexpectedWhenMember) : RowCheck
{
    public static SetCheck Create(ColumnInfo column, ValueList<Scalar> set, bool unexpectedWhenMember) => column.Kind switch
    {
        DataKind.Integer or DataKind.Float or DataKind.Decimal => new NumberSet([.. set.Where(s => s.IsNumeric).Select(s => s.AsDouble())], unexpectedWhenMember),
        DataKind.Boolean => new NumberSet([.. set.Where(s => s.Kind == ScalarKind.Boolean).Select(s => s.AsBoolean() ? 1.0 : 0.0)], unexpectedWhenMember),
        DataKind.Timestamp => new NumberSet([.. set.Select(s => s.TryGetTimestamp(out var t) ? (double?)t.Ticks : null).OfType<double>()], unexpectedWhenMember),
        _ => new TextSet([.. set.Where(s => s.Kind == ScalarKind.String).Select(s => s.AsString())], unexpectedWhenMember),
    };

    public override int CountUnexpected(ColumnBatch batch)
    {
        var n = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            if (batch.IsValid(i) && IsUnexpected(batch, i))
            {
                n++;
            }
        }

        return n;
    }

    public override bool IsUnexpected(ColumnBatch batch, int row) => Contains(batch, row) == UnexpectedWhenMember;

    protected abstract bool Contains(ColumnBatch batch, int row);

    /// <summary>Numeric members as doubles: exact for integers up to 2^53, which covers value sets in practice.</summary>
    private sealed record NumberSet(HashSet<double> Members, bool UnexpectedWhenMember) : SetCheck(UnexpectedWhenMember)
    {
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

    /// <summary>String members, looked up from UTF-8 without allocating a string per row.</summary>
    private sealed record TextSet(HashSet<string> Members, bool UnexpectedWhenMember) : SetCheck(UnexpectedWhenMember)
    {
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup = Members.GetAlternateLookup<ReadOnlySpan<char>>();

        protected override bool Contains(ColumnBatch batch, int row)
        {
            var bytes = ((StringBatch)batch).GetBytes(row);
            if (bytes.Length <= 256)
            {
                Span<char> chars = stackalloc char[256];
                var n = Encoding.UTF8.GetChars(bytes, chars);
                return _lookup.Contains(chars[..n]);
            }

            var rented = ArrayPool<char>.Shared.Rent(bytes.Length);
            try
            {
                var n = Encoding.UTF8.GetChars(bytes, rented);
                return _lookup.Contains(rented.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        public bool Equals(TextSet? other) => other is not null && UnexpectedWhenMember == other.UnexpectedWhenMember && Members.SetEquals(other.Members);

        public override int GetHashCode() => HashCode.Combine(UnexpectedWhenMember, Members.Count);
    }
}
