using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Expectations.Model;

namespace Expectations.Engine.Aggregate;

/// <summary>
/// Each distinct non-null value of a column with its count (pandas' <c>value_counts()</c>, which also drops
/// NaN). Integers, booleans and timestamps are keyed exactly (128-bit, so unsigned 64-bit values fit), floats
/// and decimals by double value (1 == 1.0, −0 == 0), strings by their text: UTF-8 is decoded into a reused
/// buffer and looked up as a span, so only a new distinct value allocates a string. Binary values are keyed by their
/// <c>\x</c>-hex form (written the same way into the reused buffer; hex order is byte order), which is also how they are
/// reported. States merge by adding counts.
/// </summary>
internal sealed record DistinctValuesMetric(string Column) : MetricKey<DistinctValues>
{
    /// <inheritdoc />
    public override IReadOnlyList<string> Columns => [Column];

    /// <inheritdoc />
    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(context.Schema[Column]);

    private sealed class Accumulator(ColumnInfo info) : MetricAccumulator
    {
        private readonly Dictionary<Int128, long> _integers = [];
        private readonly Dictionary<double, long> _floats = [];
        private readonly Dictionary<string, long> _texts = new(StringComparer.Ordinal);
        private char[] _chars = [];
        private long _rows;
        private long _nulls;
        private long _nans;

        public override void Add(DataChunk chunk)
        {
            var batch = chunk[info.Name];
            _rows += batch.Length;
            _nulls += batch.NullCount;
            var validity = batch.Validity.Span;
            switch (batch)
            {
                case StringBatch s: CountTexts(s); break;
                case BinaryBatch b: CountBinary(b); break;
                case PrimitiveBatch<double> b: CountFloats(b.Values.Span, validity); break;
                case PrimitiveBatch<float> b: CountFloats(b.Values.Span, validity); break;
                case PrimitiveBatch<decimal> b: CountFloats(b.Values.Span, validity); break;
                case PrimitiveBatch<long> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<int> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<short> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<sbyte> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<ulong> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<uint> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<ushort> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<byte> b: CountIntegers(b.Values.Span, validity); break;
                case PrimitiveBatch<bool> b: CountIntegers(MemoryMarshal.Cast<bool, byte>(b.Values.Span), validity); break;
                default: throw new ExpectationException($"Column '{info.Name}' arrived as {batch.GetType().Name}, whose values cannot be counted.");
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _rows += o._rows;
            _nulls += o._nulls;
            _nans += o._nans;
            foreach (var (k, c) in o._integers)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_integers, k, out _) += c;
            }

            foreach (var (k, c) in o._floats)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_floats, k, out _) += c;
            }

            foreach (var (k, c) in o._texts)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_texts, k, out _) += c;
            }
        }

        public override void Save(Kernels.StateWriter writer)
        {
            writer.Long(_rows);
            writer.Long(_nulls);
            writer.Long(_nans);
            writer.List(_integers, static (w, p) =>
            {
                w.Int128(p.Key);
                w.Long(p.Value);
            });
            writer.List(_floats, static (w, p) =>
            {
                w.Double(p.Key);
                w.Long(p.Value);
            });
            writer.List(_texts, static (w, p) =>
            {
                w.String(p.Key);
                w.Long(p.Value);
            });
        }

        public override void Load(Kernels.StateReader reader)
        {
            _rows = reader.Long();
            _nulls = reader.Long();
            _nans = reader.Long();
            for (var n = reader.Count(24); n > 0; n--)
            {
                _integers.Add(reader.Int128(), reader.Long());
            }

            for (var n = reader.Count(16); n > 0; n--)
            {
                _floats.Add(reader.Double(), reader.Long());
            }

            for (var n = reader.Count(12); n > 0; n--)
            {
                _texts.Add(reader.String(), reader.Long());
            }
        }

        public override object Finish()
        {
            // A column declared integer that delivered floats in some chunk: all keys become doubles.
            if (_floats.Count > 0 && _integers.Count > 0)
            {
                foreach (var (k, c) in _integers)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(_floats, (double)k, out _) += c;
                }

                _integers.Clear();
            }

            return new DistinctValues(info, _rows, _nulls, _nans, _integers, _floats, _texts);
        }

        private void CountIntegers<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, IBinaryInteger<T>
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (Kernels.Bitmap.IsValid(validity, i))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(_integers, Int128.CreateTruncating(values[i]), out _)++;
                }
            }
        }

        private void CountFloats<T>(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity) where T : unmanaged, INumberBase<T>
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (!Kernels.Bitmap.IsValid(validity, i))
                {
                    continue;
                }

                var x = double.CreateTruncating(values[i]);
                if (double.IsNaN(x))
                {
                    _nans++;
                    continue;
                }

                CollectionsMarshal.GetValueRefOrAddDefault(_floats, x == 0 ? 0.0 : x, out _)++;
            }
        }

        private void CountBinary(BinaryBatch batch)
        {
            var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var i = 0; i < batch.Length; i++)
            {
                if (!batch.IsValid(i))
                {
                    continue;
                }

                var bytes = batch.GetBytes(i);
                var length = 2 + (2 * bytes.Length);
                if (_chars.Length < length)
                {
                    _chars = new char[Math.Max(length, _chars.Length * 2)];
                }

                _chars[0] = '\\';
                _chars[1] = 'x';
                Convert.TryToHexStringLower(bytes, _chars.AsSpan(2), out _);
                CollectionsMarshal.GetValueRefOrAddDefault(lookup, _chars.AsSpan(0, length), out _)++;
            }
        }

        private void CountTexts(StringBatch batch)
        {
            var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
            var data = batch.Data.Span;
            var offsets = batch.Offsets.Span;
            for (var i = 0; i < batch.Length; i++)
            {
                if (!batch.IsValid(i))
                {
                    continue;
                }

                var bytes = data[offsets[i]..offsets[i + 1]];
                if (_chars.Length < bytes.Length)
                {
                    _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
                }

                var n = Encoding.UTF8.GetChars(bytes, _chars);
                CollectionsMarshal.GetValueRefOrAddDefault(lookup, _chars.AsSpan(0, n), out _)++;
            }
        }
    }
}

/// <summary>
/// The distinct non-null values of a column, ascending (numbers by value, timestamps by time, strings by
/// code point), each with its count.
/// </summary>
internal sealed class DistinctValues
{
    private readonly ColumnInfo _column;
    private readonly Int128[] _integers;
    private readonly double[] _floats;
    private readonly string[] _texts;
    private readonly long[] _counts;

    internal DistinctValues(ColumnInfo column, long rows, long nulls, long nans, Dictionary<Int128, long> integers, Dictionary<double, long> floats, Dictionary<string, long> texts)
    {
        _column = column;
        ElementCount = rows;
        NullCount = nulls;
        NaNCount = nans;
        _integers = [.. integers.Keys.Order()];
        _floats = [.. floats.Keys.Order()];
        _texts = [.. texts.Keys.Order(StringComparer.Ordinal)];
        _counts = _integers.Length > 0 ? [.. _integers.Select(k => integers[k])]
            : _floats.Length > 0 ? [.. _floats.Select(k => floats[k])]
            : [.. _texts.Select(k => texts[k])];
    }

    /// <summary>Rows seen.</summary>
    public long ElementCount { get; }

    /// <summary>Null rows.</summary>
    public long NullCount { get; }

    /// <summary>NaN rows (not counted as values, as in pandas).</summary>
    public long NaNCount { get; }

    /// <summary>Rows that hold a value: neither null nor NaN.</summary>
    public long ValueCount => ElementCount - NullCount - NaNCount;

    /// <summary>Number of distinct values.</summary>
    public int Count => _counts.Length;

    /// <summary>How often the <paramref name="index"/>-th distinct value occurs.</summary>
    public long CountAt(int index) => _counts[index];

    /// <summary>
    /// The index of the distinct value equal to <paramref name="member"/>, or −1. Numbers compare by value,
    /// timestamps by instant (strings parsed as dates), strings exactly, booleans with booleans (or 0/1), binary
    /// values by bytes (a string member names bytes as <see cref="ScalarFormatting.BinaryMember"/> reads it);
    /// members of another kind match nothing.
    /// </summary>
    public int IndexOf(Scalar member)
    {
        if (member.IsNull)
        {
            return -1;
        }

        if (_column.Kind == DataKind.Binary)
        {
            return member.Kind == ScalarKind.String
                && Array.BinarySearch(_texts, ScalarFormatting.FormatHex(ScalarFormatting.BinaryMember(member.AsString())), StringComparer.Ordinal) is var b and >= 0 ? b : -1;
        }

        if (_texts.Length > 0 || _column.Kind == DataKind.String)
        {
            return member.Kind == ScalarKind.String ? Array.BinarySearch(_texts, member.AsString(), StringComparer.Ordinal) is var i and >= 0 ? i : -1 : -1;
        }

        if (_floats.Length > 0)
        {
            return member.IsNumeric ? Array.BinarySearch(_floats, member.AsDouble() == 0 ? 0.0 : member.AsDouble()) is var i and >= 0 ? i : -1 : -1;
        }

        Int128? key = _column.Kind switch
        {
            DataKind.Timestamp => member.TryGetTimestamp(out var t) ? t.Ticks : null,
            DataKind.Boolean when member.Kind == ScalarKind.Boolean => member.AsBoolean() ? 1 : 0,
            _ when member.Kind == ScalarKind.Integer => member.AsInt128(),
            _ when member.Kind == ScalarKind.Number && double.IsInteger(member.AsDouble()) && Math.Abs(member.AsDouble()) < 1e38 => (Int128)member.AsDouble(),
            _ => null,
        };
        return key is { } k && Array.BinarySearch(_integers, k) is var j and >= 0 ? j : -1;
    }

    /// <summary>Writes the <paramref name="index"/>-th distinct value as a report shows it.</summary>
    public void WriteValue(Utf8JsonWriter writer, int index)
    {
        if (_texts.Length > 0)
        {
            writer.WriteStringValue(_texts[index]);
        }
        else if (_floats.Length > 0)
        {
            ScalarFormatting.WriteDouble(writer, _floats[index]);
        }
        else
        {
            ScalarFormatting.WriteInteger(writer, _column.Kind, _integers[index]);
        }
    }

    /// <summary>The distinct values, ascending, as a JSON array (GX's observed_value).</summary>
    public JsonElement ToJsonList() => JsonElements.Build(w =>
    {
        w.WriteStartArray();
        for (var i = 0; i < Count; i++)
        {
            WriteValue(w, i);
        }

        w.WriteEndArray();
    });

    /// <summary>GX's <c>details</c>: <c>{"value_counts": [{"value": v, "count": n}, ...]}</c>, ascending by value.</summary>
    public JsonElement ToValueCountsDetails() => JsonElements.Build(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("value_counts");
        for (var i = 0; i < Count; i++)
        {
            w.WriteStartObject();
            w.WritePropertyName("value");
            WriteValue(w, i);
            w.WriteNumber("count", _counts[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
