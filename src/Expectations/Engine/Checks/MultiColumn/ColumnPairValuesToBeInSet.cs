using System.Buffers;
using System.Numerics;
using System.Text;
using Expectations.Engine.ColumnMap;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class PairInSetEvaluator(ColumnPairValuesToBeInSet e) : MapEvaluator<ColumnPairValuesToBeInSet>(e)
{
    protected override double Mostly => Spec.Mostly ?? 1.0;

    protected override MetricKey<ColumnMapCounts> CreateMetric(Binding binding, int sampleCap)
    {
        var a = binding.Column(Spec.ColumnA);
        var b = binding.Column(Spec.ColumnB);
        return new PairCheckMetric(Spec.ColumnA, Spec.ColumnB, new PairInSetCheck(Spec.ValuePairsSet, a.Kind, b.Kind), Spec.IgnoreRowIf, sampleCap);
    }
}

/// <summary>
/// (a, b) ∈ set on rows where both are present. Each side's values are coded as the index of the distinct member
/// they equal (or -1), a batch at a time; the allowed pairs are a set of code pairs.
/// </summary>
internal sealed record PairInSetCheck : PairCheck
{
    private readonly ValueCoder _a;
    private readonly ValueCoder _b;
    private readonly HashSet<long> _allowed = [];

    public PairInSetCheck(ValueList<ValueList<Scalar>> pairs, DataKind kindA, DataKind kindB)
    {
        Pairs = pairs;
        (KindA, KindB) = (kindA, kindB);
        _a = ValueCoder.For(kindA, pairs.Select(p => p[0]));
        _b = ValueCoder.For(kindB, pairs.Select(p => p[1]));
        foreach (var p in pairs)
        {
            var ca = _a.CodeOf(p[0]);
            var cb = _b.CodeOf(p[1]);
            if (ca >= 0 && cb >= 0)
            {
                _allowed.Add(Key(ca, cb));
            }
        }
    }

    public ValueList<ValueList<Scalar>> Pairs { get; }

    public DataKind KindA { get; }

    public DataKind KindB { get; }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    public override int CountFailing(ColumnBatch a, ColumnBatch b) => Scan(a, b, null, 0);

    public override void FindFailing(ColumnBatch a, ColumnBatch b, List<int> rows, int limit) => Scan(a, b, rows, limit);

    private int Scan(ColumnBatch a, ColumnBatch b, List<int>? rows, int limit)
    {
        var n = a.Length;
        var codes = ArrayPool<int>.Shared.Rent(2 * n);
        try
        {
            var ca = codes.AsSpan(0, n);
            var cb = codes.AsSpan(n, n);
            _a.Encode(a, ca);
            _b.Encode(b, cb);
            var failing = 0;
            for (var i = 0; i < n; i++)
            {
                if (!a.IsValid(i) || !b.IsValid(i) || (ca[i] >= 0 && cb[i] >= 0 && _allowed.Contains(Key(ca[i], cb[i]))))
                {
                    continue;
                }

                failing++;
                if (rows is not null)
                {
                    rows.Add(i);
                    if (rows.Count >= limit)
                    {
                        break;
                    }
                }
            }

            return failing;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(codes);
        }
    }

    public bool Equals(PairInSetCheck? other) => other is not null && Pairs == other.Pairs && KindA == other.KindA && KindB == other.KindB;

    public override int GetHashCode() => HashCode.Combine(Pairs, KindA, KindB);
}

/// <summary>
/// Maps the values of one column to the index of the distinct member value they equal, or -1: numbers by value
/// (as <c>expect_column_values_to_be_in_set</c>: integer columns exactly, float columns as doubles), booleans,
/// timestamps by exact ticks, strings by text looked up from UTF-8 without a string per row.
/// </summary>
internal abstract class ValueCoder
{
    public static ValueCoder For(DataKind kind, IEnumerable<Scalar> members) => kind switch
    {
        DataKind.Integer or DataKind.Float or DataKind.Decimal => new NumberCoder(members.Where(s => s.IsNumeric)),
        DataKind.Boolean => new NumberCoder(members.Where(s => s.Kind == ScalarKind.Boolean).Select(s => Scalar.From(s.AsBoolean() ? 1L : 0L))),
        DataKind.Timestamp => new NumberCoder(members.Select(s => s.Kind == ScalarKind.String && s.TryGetTimestamp(out var t) ? Scalar.From(t.Ticks) : Scalar.Null).Where(s => !s.IsNull)),
        _ => new TextCoder(members.Where(s => s.Kind == ScalarKind.String).Select(s => s.AsString())),
    };

    /// <summary>The code of a member, or -1 when it cannot match this column's values.</summary>
    public abstract int CodeOf(Scalar member);

    /// <summary>Writes the code of each row's value (null slots get arbitrary codes).</summary>
    public abstract void Encode(ColumnBatch batch, Span<int> codes);

    /// <summary>Numbers: one code per distinct exact member; integer columns look their values up exactly, float columns as doubles.</summary>
    private sealed class NumberCoder : ValueCoder
    {
        private readonly Dictionary<Scalar, int> _codes = [];
        private readonly Dictionary<Int128, int> _integers = [];
        private readonly Dictionary<double, int> _floats = [];

        public NumberCoder(IEnumerable<Scalar> members)
        {
            foreach (var m in members)
            {
                if (!_codes.TryAdd(m, _codes.Count))
                {
                    continue;
                }

                var code = _codes[m];
                _floats.TryAdd(m.AsDouble(), code);
                if (m.Kind == ScalarKind.Integer)
                {
                    _integers.TryAdd(m.AsInt128(), code);
                }
                else if (ExactNumbers.TryGetInteger(m.AsDouble(), out var whole))
                {
                    _integers.TryAdd(whole, code);
                }
            }
        }

        public override int CodeOf(Scalar member) => member.Kind switch
        {
            ScalarKind.Integer or ScalarKind.Number => Lookup(member),
            ScalarKind.Boolean => Lookup(Scalar.From(member.AsBoolean() ? 1L : 0L)),
            ScalarKind.String when member.TryGetTimestamp(out var t) => Lookup(Scalar.From(t.Ticks)),
            _ => -1,
        };

        private int Lookup(Scalar value) => _codes.TryGetValue(value, out var c) ? c : -1;

        private int Lookup(Int128 value) => _integers.TryGetValue(value, out var c) ? c : -1;

        private int Lookup(double value) => _floats.TryGetValue(value, out var c) ? c : -1;

        public override void Encode(ColumnBatch batch, Span<int> codes)
        {
            switch (batch)
            {
                case PrimitiveBatch<double> b: EncodeFloats(b.Values.Span, codes); break;
                case PrimitiveBatch<float> b: EncodeFloats(b.Values.Span, codes); break;
                case PrimitiveBatch<long> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<int> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<short> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<sbyte> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<ulong> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<uint> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<ushort> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<byte> b: EncodeIntegers(b.Values.Span, codes); break;
                case PrimitiveBatch<decimal> b:
                    var decimals = b.Values.Span;
                    for (var i = 0; i < decimals.Length; i++)
                    {
                        codes[i] = Lookup(Scalar.From(decimals[i]));
                    }

                    break;
                case PrimitiveBatch<bool> b:
                    var flags = b.Values.Span;
                    for (var i = 0; i < flags.Length; i++)
                    {
                        codes[i] = Lookup((Int128)(flags[i] ? 1 : 0));
                    }

                    break;
                default: throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} cannot be compared with numbers.");
            }
        }

        private void EncodeFloats<T>(ReadOnlySpan<T> values, Span<int> codes) where T : unmanaged, IFloatingPoint<T>
        {
            for (var i = 0; i < values.Length; i++)
            {
                codes[i] = Lookup(double.CreateTruncating(values[i]));
            }
        }

        private void EncodeIntegers<T>(ReadOnlySpan<T> values, Span<int> codes) where T : unmanaged, IBinaryInteger<T>
        {
            for (var i = 0; i < values.Length; i++)
            {
                codes[i] = Lookup(Int128.CreateTruncating(values[i]));
            }
        }
    }

    private sealed class TextCoder : ValueCoder
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public TextCoder(IEnumerable<string> members)
        {
            foreach (var m in members)
            {
                _codes.TryAdd(m, _codes.Count);
            }

            _lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public override int CodeOf(Scalar member) => member.Kind == ScalarKind.String && _codes.TryGetValue(member.AsString(), out var c) ? c : -1;

        public override void Encode(ColumnBatch batch, Span<int> codes)
        {
            var strings = batch as StringBatch ?? throw new ExpectationException($"Column '{batch.Name}' of kind {batch.Kind} cannot be compared with texts.");
            Span<char> buffer = stackalloc char[256];
            char[]? rented = null;
            try
            {
                for (var i = 0; i < strings.Length; i++)
                {
                    var bytes = strings.GetBytes(i);
                    var chars = buffer;
                    if (bytes.Length > chars.Length)
                    {
                        if (rented is null || rented.Length < bytes.Length)
                        {
                            if (rented is not null)
                            {
                                ArrayPool<char>.Shared.Return(rented);
                            }

                            rented = ArrayPool<char>.Shared.Rent(bytes.Length);
                        }

                        chars = rented;
                    }

                    var n = Encoding.UTF8.GetChars(bytes, chars);
                    codes[i] = _lookup.TryGetValue(chars[..n], out var c) ? c : -1;
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }
        }
    }
}
