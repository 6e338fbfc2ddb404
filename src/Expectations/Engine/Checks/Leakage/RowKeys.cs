using System.Runtime.InteropServices;
using System.Text.Json;
using Expectations.Kernels;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>
/// Row keys over some columns as bytes that compare equal across tables exactly when the values are equal: per column a
/// tag byte (0 null, 1 present, 2 an unsigned integer above <see cref="long.MaxValue"/>) then the value in a canonical
/// form — integers of every width as a 64-bit integer, floats as a double (one NaN, +0 for −0), decimals without
/// trailing zeros, timestamps as ticks, text and bytes as a length and the bytes. The kinds are fixed when bound, so a
/// key of one table is compared only with keys of a table whose columns have the same kinds.
/// </summary>
internal sealed class RowKeys
{
    private readonly string[] _columns;
    private readonly DataKind[] _kinds;
    private readonly MultiColumnIgnoreRowIf _skip;
    private byte[] _buffer = new byte[256];

    /// <param name="columns">The key columns.</param>
    /// <param name="kinds">Their kinds.</param>
    /// <param name="skip">Which rows with nulls have no key: <see cref="MultiColumnIgnoreRowIf.AnyValueIsMissing"/> for a single key column.</param>
    public RowKeys(IReadOnlyList<string> columns, IReadOnlyList<DataKind> kinds, MultiColumnIgnoreRowIf skip)
    {
        _columns = [.. columns];
        _kinds = [.. kinds];
        _skip = skip;
    }

    /// <summary>The kinds a key column may have.</summary>
    public static bool Supports(DataKind kind) => kind is DataKind.Boolean or DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.String or DataKind.Timestamp or DataKind.Binary;

    /// <summary>The key columns' batches of <paramref name="chunk"/>.</summary>
    public ColumnBatch[] Batches(DataChunk chunk)
    {
        var batches = new ColumnBatch[_columns.Length];
        for (var c = 0; c < batches.Length; c++)
        {
            batches[c] = chunk[_columns[c]];
            if (batches[c].Kind != _kinds[c])
            {
                throw new ExpectationException($"Column '{_columns[c]}' holds {batches[c].Kind} values in {chunk.Origin ?? "a chunk"}, but its schema says {_kinds[c]}.");
            }
        }

        return batches;
    }

    /// <summary>Whether row <paramref name="row"/> has no key (its nulls are left out), counting its nulls.</summary>
    public bool IsSkipped(ColumnBatch[] batches, int row)
    {
        var nulls = 0;
        foreach (var b in batches)
        {
            if (!b.IsValid(row))
            {
                nulls++;
            }
        }

        return _skip switch
        {
            MultiColumnIgnoreRowIf.AnyValueIsMissing => nulls > 0,
            MultiColumnIgnoreRowIf.AllValuesAreMissing => nulls == batches.Length,
            _ => false,
        };
    }

    /// <summary>The key bytes of row <paramref name="row"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Key(ColumnBatch[] batches, int row)
    {
        var at = 0;
        foreach (var b in batches)
        {
            Ensure(at + 64 + (b is VariableLengthBatch v && b.IsValid(row) ? v.GetBytes(row).Length : 0));
            at += Write(b, row, _buffer.AsSpan(at));
        }

        return _buffer.AsSpan(0, at);
    }

    /// <summary>A key as JSON: the value for one column, an object of column to value for several.</summary>
    public JsonElement ToJson(ReadOnlySpan<byte> key)
    {
        var bytes = key.ToArray();
        return JsonElements.Build(w =>
        {
            var rest = (ReadOnlySpan<byte>)bytes;
            if (_columns.Length > 1)
            {
                w.WriteStartObject();
            }

            for (var c = 0; c < _columns.Length; c++)
            {
                if (_columns.Length > 1)
                {
                    w.WritePropertyName(_columns[c]);
                }

                rest = rest[WriteJson(w, _kinds[c], rest)..];
            }

            if (_columns.Length > 1)
            {
                w.WriteEndObject();
            }
        });
    }

    private void Ensure(int length)
    {
        if (_buffer.Length < length)
        {
            Array.Resize(ref _buffer, Math.Max(length, _buffer.Length * 2));
        }
    }

    private static int Write(ColumnBatch batch, int row, Span<byte> dest)
    {
        if (!batch.IsValid(row))
        {
            dest[0] = 0;
            return 1;
        }

        dest[0] = 1;
        switch (batch)
        {
            case VariableLengthBatch v:
                var bytes = v.GetBytes(row);
                var length = bytes.Length;
                MemoryMarshal.Write(dest[1..], in length);
                bytes.CopyTo(dest[5..]);
                return 5 + length;
            case PrimitiveBatch<long> p: return Long(dest, p.Values.Span[row]);
            case PrimitiveBatch<int> p: return Long(dest, p.Values.Span[row]);
            case PrimitiveBatch<short> p: return Long(dest, p.Values.Span[row]);
            case PrimitiveBatch<sbyte> p: return Long(dest, p.Values.Span[row]);
            case PrimitiveBatch<byte> p: return Long(dest, p.Values.Span[row]);
            case PrimitiveBatch<ushort> p: return Long(dest, p.Values.Span[row]);
            case PrimitiveBatch<uint> p: return Long(dest, p.Values.Span[row]);
            case PrimitiveBatch<ulong> p:
                var u = p.Values.Span[row];
                if (u > long.MaxValue)
                {
                    dest[0] = 2;
                    MemoryMarshal.Write(dest[1..], in u);
                    return 9;
                }

                return Long(dest, (long)u);
            case PrimitiveBatch<double> p: return Double(dest, p.Values.Span[row]);
            case PrimitiveBatch<float> p: return Double(dest, p.Values.Span[row]);
            case PrimitiveBatch<decimal> p:
                // Dividing by 1 with 28 zero decimals yields the least scale that holds the value (1.50m -> 1.5m).
                var m = p.Values.Span[row] / 1.0000000000000000000000000000m;
                MemoryMarshal.Write(dest[1..], in m);
                return 17;
            case PrimitiveBatch<bool> p:
                dest[1] = p.Values.Span[row] ? (byte)1 : (byte)0;
                return 2;
            default:
                throw new ExpectationException($"Column '{batch.Name}' holds values of a layout keys cannot be made of ({batch.GetType().Name}).");
        }

        static int Long(Span<byte> dest, long v)
        {
            MemoryMarshal.Write(dest[1..], in v);
            return 9;
        }

        static int Double(Span<byte> dest, double d)
        {
            d = double.IsNaN(d) ? double.NaN : d == 0 ? 0.0 : d;
            MemoryMarshal.Write(dest[1..], in d);
            return 9;
        }
    }

    private static int WriteJson(Utf8JsonWriter w, DataKind kind, ReadOnlySpan<byte> key)
    {
        if (key[0] == 0)
        {
            w.WriteNullValue();
            return 1;
        }

        if (key[0] == 2)
        {
            w.WriteNumberValue(MemoryMarshal.Read<ulong>(key[1..]));
            return 9;
        }

        switch (kind)
        {
            case DataKind.String:
            case DataKind.Binary:
                var length = MemoryMarshal.Read<int>(key[1..]);
                var bytes = key.Slice(5, length);
                if (kind == DataKind.Binary)
                {
                    w.WriteStringValue(ScalarFormatting.FormatHex(bytes));
                }
                else
                {
                    w.WriteStringValue(bytes);
                }

                return 5 + length;
            case DataKind.Integer: w.WriteNumberValue(MemoryMarshal.Read<long>(key[1..])); return 9;
            case DataKind.Timestamp: w.WriteStringValue(ScalarFormatting.FormatTimestamp(MemoryMarshal.Read<long>(key[1..]))); return 9;
            case DataKind.Float: ScalarFormatting.WriteDouble(w, MemoryMarshal.Read<double>(key[1..])); return 9;
            case DataKind.Decimal: w.WriteNumberValue(MemoryMarshal.Read<decimal>(key[1..])); return 17;
            case DataKind.Boolean: w.WriteBooleanValue(key[1] != 0); return 2;
            default: throw new ExpectationException($"Keys cannot hold {kind} values.");
        }
    }
}
