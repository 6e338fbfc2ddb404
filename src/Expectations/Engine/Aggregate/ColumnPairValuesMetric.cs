using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Expectations.Engine.Aggregate;

/// <summary>
/// Both columns of a pair, row by row, for a contingency table: numeric columns keep their values as double
/// (NaN for null, since bins are only known once the whole column is seen); other columns keep one int code per
/// row (−1 for null), codes numbered in order of first appearance. Memory is O(rows): 8 bytes per numeric row,
/// 4 per coded row, plus each distinct text once. States merge by concatenation (codes are renumbered).
/// </summary>
internal sealed record ColumnPairValuesMetric(string ColumnA, string ColumnB) : MetricKey<ColumnPairValues>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [ColumnA, ColumnB];

    /// <inheritdoc />
    public override MetricAccumulator CreateAccumulator(MetricContext context) =>
        new Accumulator(RowValues.For(context.Schema[ColumnA]), RowValues.For(context.Schema[ColumnB]));

    private sealed class Accumulator(RowValues a, RowValues b) : MetricAccumulator
    {
        public override void Add(DataChunk chunk)
        {
            a.Add(chunk);
            b.Add(chunk);
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            a.Merge(o.A);
            b.Merge(o.B);
        }

        public override void Save(Kernels.StateWriter writer)
        {
            a.Save(writer);
            b.Save(writer);
        }

        public override void Load(Kernels.StateReader reader)
        {
            a.Load(reader);
            b.Load(reader);
        }

        public override object Finish() => new ColumnPairValues(a, b);

        private RowValues A => a;

        private RowValues B => b;
    }
}

/// <summary>The finished rows of both columns.</summary>
internal sealed record ColumnPairValues(RowValues A, RowValues B);

/// <summary>One column's rows: doubles for numeric columns, first-appearance codes for the others.</summary>
internal sealed class RowValues
{
    private readonly ColumnInfo _column;
    private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _keys = [];
    private readonly List<long> _codeCounts = [];
    private double[] _numbers = [];
    private int[] _codes = [];
    private char[] _chars = [];

    private RowValues(ColumnInfo column) => _column = column;

    /// <summary>Whether the column is numeric (integers and floats are binned; booleans, timestamps and strings are categories).</summary>
    public bool IsNumeric => _column.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal;

    /// <summary>Rows seen.</summary>
    public int Count { get; private set; }

    /// <summary>The values of a numeric column (NaN for null and NaN).</summary>
    public ReadOnlySpan<double> Numbers => _numbers.AsSpan(0, Count);

    /// <summary>The codes of a category column (−1 for null).</summary>
    public ReadOnlySpan<int> Codes => _codes.AsSpan(0, Count);

    /// <summary>How many rows hold each code.</summary>
    public IReadOnlyList<long> CodeCounts => _codeCounts;

    /// <summary>The column.</summary>
    public string Name => _column.Name;

    public static RowValues For(ColumnInfo column) => new(column);

    /// <summary>The code of a value given in JSON (a string, a boolean, or an integer/timestamp key), or null when absent.</summary>
    public int? CodeOfValue(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String when _texts.TryGetValue(value.GetString()!, out var c) => c,
        System.Text.Json.JsonValueKind.String when _column.Kind == DataKind.Timestamp && Scalar.From(value.GetString()).TryGetTimestamp(out var t) && _keys.TryGetValue(t.Ticks, out var c) => c,
        System.Text.Json.JsonValueKind.True when _keys.TryGetValue(1, out var c) => c,
        System.Text.Json.JsonValueKind.False when _keys.TryGetValue(0, out var c) => c,
        System.Text.Json.JsonValueKind.Number when value.TryGetInt64(out var l) && _keys.TryGetValue(l, out var c) => c,
        _ => null,
    };

    public void Add(DataChunk chunk)
    {
        var batch = chunk[_column.Name];
        Reserve(batch.Length);
        var validity = batch.Validity.Span;
        switch (batch)
        {
            case StringBatch s: CodeTexts(s); break;
            case PrimitiveBatch<double> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<float> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<decimal> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<long> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<int> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<short> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<sbyte> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<ulong> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<uint> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<ushort> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<byte> p: Put(p.Values.Span, validity); break;
            case PrimitiveBatch<bool> p: Put(MemoryMarshal.Cast<bool, byte>(p.Values.Span), validity); break;
            default: throw new ExpectationException($"Column '{_column.Name}' arrived as {batch.GetType().Name}, which cannot be tabulated.");
        }
    }

    public void Merge(RowValues other)
    {
        Reserve(other.Count);
        if (IsNumeric)
        {
            other.Numbers.CopyTo(_numbers.AsSpan(Count));
            Count += other.Count;
            return;
        }

        // Renumber the other state's codes into this one's, in its order of first appearance.
        var map = new int[other._codeCounts.Count];
        foreach (var (text, code) in other._texts)
        {
            map[code] = CodeOf(text);
        }

        foreach (var (key, code) in other._keys)
        {
            map[code] = CodeOf(key);
        }

        foreach (var c in other.Codes)
        {
            if (c >= 0)
            {
                _codeCounts[map[c]]++;
            }

            _codes[Count++] = c < 0 ? -1 : map[c];
        }
    }

    /// <summary>Writes the rows (numbers or codes) and the code tables, in their order of first appearance.</summary>
    public void Save(Kernels.StateWriter writer)
    {
        writer.Bool(IsNumeric);
        writer.Int(Count);
        if (IsNumeric)
        {
            foreach (var x in Numbers)
            {
                writer.Double(x);
            }

            return;
        }

        foreach (var c in Codes)
        {
            writer.Int(c);
        }

        // Dictionaries never removed from enumerate in insertion order, which merging relies on: keep it.
        writer.List(_texts, static (w, p) =>
        {
            w.String(p.Key);
            w.Int(p.Value);
        });
        writer.List(_keys, static (w, p) =>
        {
            w.Long(p.Key);
            w.Int(p.Value);
        });
        writer.List(_codeCounts, static (w, c) => w.Long(c));
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this empty state.</summary>
    public void Load(Kernels.StateReader reader)
    {
        if (reader.Bool() != IsNumeric)
        {
            throw new Kernels.KernelException($"Saved state: column '{Name}' was saved as {(IsNumeric ? "categories" : "numbers")}.");
        }

        var count = reader.Count(4);
        Reserve(count);
        for (var i = 0; i < count; i++)
        {
            if (IsNumeric)
            {
                _numbers[i] = reader.Double();
            }
            else
            {
                _codes[i] = reader.Int();
            }
        }

        Count = count;
        if (IsNumeric)
        {
            return;
        }

        for (var n = reader.Count(8); n > 0; n--)
        {
            _texts.Add(reader.String(), reader.Int());
        }

        for (var n = reader.Count(12); n > 0; n--)
        {
            _keys.Add(reader.Long(), reader.Int());
        }

        _codeCounts.AddRange(reader.List(static r => r.Long(), 8));
        if (_texts.Count + _keys.Count != _codeCounts.Count || Codes.ToArray().Any(c => c < -1 || c >= _codeCounts.Count))
        {
            throw new Kernels.KernelException($"Saved state: the codes of column '{Name}' do not match its code table.");
        }
    }

    private void Reserve(int more)
    {
        var needed = Count + more;
        if (IsNumeric && needed > _numbers.Length)
        {
            Array.Resize(ref _numbers, Math.Max(needed, _numbers.Length * 2));
        }
        else if (!IsNumeric && needed > _codes.Length)
        {
            Array.Resize(ref _codes, Math.Max(needed, _codes.Length * 2));
        }
    }

    private void Put<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, INumberBase<T>
    {
        if (IsNumeric)
        {
            var target = _numbers.AsSpan(Count, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = Kernels.Bitmap.IsValid(validity, i) ? double.CreateTruncating(values[i]) : double.NaN;
            }
        }
        else
        {
            // Booleans and timestamps: categories keyed by their raw value.
            var target = _codes.AsSpan(Count, values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = Kernels.Bitmap.IsValid(validity, i) ? CountCode(CodeOf(long.CreateTruncating(values[i]))) : -1;
            }
        }

        Count += values.Length;
    }

    private void CodeTexts(StringBatch batch)
    {
        var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        var data = batch.Data.Span;
        var offsets = batch.Offsets.Span;
        var target = _codes.AsSpan(Count, batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            if (!batch.IsValid(i))
            {
                target[i] = -1;
                continue;
            }

            var bytes = data[offsets[i]..offsets[i + 1]];
            if (_chars.Length < bytes.Length)
            {
                _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
            }

            var n = Encoding.UTF8.GetChars(bytes, _chars);
            ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, _chars.AsSpan(0, n), out var exists);
            if (!exists)
            {
                code = _codeCounts.Count;
                _codeCounts.Add(0);
            }

            target[i] = CountCode(code);
        }

        Count += batch.Length;
    }

    private int CountCode(int code)
    {
        _codeCounts[code]++;
        return code;
    }

    private int CodeOf(long key)
    {
        ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(_keys, key, out var exists);
        if (!exists)
        {
            code = _codeCounts.Count;
            _codeCounts.Add(0);
        }

        return code;
    }

    private int CodeOf(string text)
    {
        ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(_texts, text, out var exists);
        if (!exists)
        {
            code = _codeCounts.Count;
            _codeCounts.Add(0);
        }

        return code;
    }
}
