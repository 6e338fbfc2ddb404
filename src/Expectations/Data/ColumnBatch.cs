using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// A contiguous slice of one column: values plus an Arrow-style validity bitmap (least significant bit first,
/// bit set = value present). A batch is a view over buffers its source owns; it is valid until the source
/// moves to the next chunk.
/// </summary>
public abstract class ColumnBatch
{
    private protected ColumnBatch(string name, DataKind kind, int length, ReadOnlyMemory<byte> validity, int nullCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(nullCount);
        if (nullCount > 0 && validity.Length < (length + 7) / 8)
        {
            throw new ArgumentException($"Column '{name}': a validity bitmap of at least {(length + 7) / 8} bytes is needed for {length} rows with nulls.", nameof(validity));
        }

        Name = name;
        Kind = kind;
        Length = length;
        Validity = nullCount == 0 ? ReadOnlyMemory<byte>.Empty : validity[..((length + 7) / 8)];
        NullCount = nullCount;
    }

    /// <summary>Column name.</summary>
    public string Name { get; }

    /// <summary>Logical kind of the values.</summary>
    public DataKind Kind { get; }

    /// <summary>Number of rows in the batch.</summary>
    public int Length { get; }

    /// <summary>Validity bitmap, empty when the batch holds no nulls.</summary>
    public ReadOnlyMemory<byte> Validity { get; }

    /// <summary>Number of null rows.</summary>
    public int NullCount { get; }

    /// <summary>Whether row <paramref name="index"/> holds a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index) => NullCount == 0 || ((Validity.Span[index >> 3] >> (index & 7)) & 1) != 0;

    /// <summary>Writes the value at <paramref name="index"/> as JSON (null when missing); used for samples in reports, never in hot loops.</summary>
    public abstract void WriteValue(Utf8JsonWriter writer, int index);

    /// <summary>The value at <paramref name="index"/> as a standalone JSON element (for report samples).</summary>
    public JsonElement GetJsonValue(int index)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, index);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}

/// <summary>A batch of fixed-width values (numbers, booleans, timestamps as ticks).</summary>
/// <typeparam name="T">The element type: bool, sbyte, byte, short, ushort, int, uint, long, ulong, float, double or decimal.</typeparam>
public sealed class PrimitiveBatch<T> : ColumnBatch where T : unmanaged
{
    /// <summary>Creates a batch over <paramref name="values"/> (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="kind">Logical kind (<see cref="DataKind.Timestamp"/> requires <typeparamref name="T"/> = long ticks).</param>
    /// <param name="values">Values; null slots may hold anything.</param>
    /// <param name="validity">Validity bitmap (LSB first); may be empty when <paramref name="nullCount"/> is 0.</param>
    /// <param name="nullCount">Number of nulls.</param>
    public PrimitiveBatch(string name, DataKind kind, ReadOnlyMemory<T> values, ReadOnlyMemory<byte> validity, int nullCount)
        : base(name, kind, values.Length, validity, nullCount)
    {
        if (kind == DataKind.Timestamp && typeof(T) != typeof(long))
        {
            throw new ArgumentException("Timestamp batches hold DateTime ticks as long.", nameof(kind));
        }

        Values = values;
    }

    /// <summary>The values, one per row.</summary>
    public ReadOnlyMemory<T> Values { get; }

    /// <inheritdoc />
    public override void WriteValue(Utf8JsonWriter writer, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsValid(index))
        {
            writer.WriteNullValue();
            return;
        }

        ScalarFormatting.WritePrimitive(writer, Kind, Values.Span[index]);
    }
}

/// <summary>A batch of variable-length byte sequences in Arrow layout: bytes plus <c>Length + 1</c> offsets (text or binary).</summary>
public abstract class VariableLengthBatch : ColumnBatch
{
    private protected VariableLengthBatch(string name, DataKind kind, ReadOnlyMemory<byte> data, ReadOnlyMemory<int> offsets, ReadOnlyMemory<byte> validity, int nullCount)
        : base(name, kind, Math.Max(0, offsets.Length - 1), validity, nullCount)
    {
        Data = data;
        Offsets = offsets;
    }

    /// <summary>Concatenated bytes of all rows.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Row offsets into <see cref="Data"/>; row i is <c>Data[Offsets[i]..Offsets[i+1]]</c>.</summary>
    public ReadOnlyMemory<int> Offsets { get; }

    /// <summary>The bytes of row <paramref name="index"/> (empty for nulls).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        var offsets = Offsets.Span;
        return Data.Span[offsets[index]..offsets[index + 1]];
    }
}

/// <summary>A batch of strings in Arrow layout: UTF-8 bytes plus <c>Length + 1</c> offsets.</summary>
public sealed class StringBatch : VariableLengthBatch
{
    /// <summary>Creates a batch over UTF-8 <paramref name="data"/> delimited by <paramref name="offsets"/> (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="data">Concatenated UTF-8 bytes.</param>
    /// <param name="offsets">Start offset of each row, plus the end offset: <c>rows + 1</c> entries.</param>
    /// <param name="validity">Validity bitmap (LSB first); may be empty when <paramref name="nullCount"/> is 0.</param>
    /// <param name="nullCount">Number of nulls.</param>
    public StringBatch(string name, ReadOnlyMemory<byte> data, ReadOnlyMemory<int> offsets, ReadOnlyMemory<byte> validity, int nullCount)
        : base(name, DataKind.String, data, offsets, validity, nullCount)
    {
    }

    /// <summary>Row <paramref name="index"/> as a .NET string, or null; allocates, so only for samples and slow paths.</summary>
    public string? GetString(int index) => IsValid(index) ? Encoding.UTF8.GetString(GetBytes(index)) : null;

    /// <inheritdoc />
    public override void WriteValue(Utf8JsonWriter writer, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsValid(index))
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(GetBytes(index));
    }
}

/// <summary>
/// A batch of raw byte values (<see cref="DataKind.Binary"/>) in Arrow layout. Values are never decoded as text; reports
/// write them as <c>\x</c> followed by lowercase hex digits (PostgreSQL's bytea hex format), which suites may use to name a value.
/// </summary>
public sealed class BinaryBatch : VariableLengthBatch
{
    /// <summary>Creates a batch over <paramref name="data"/> delimited by <paramref name="offsets"/> (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="data">Concatenated bytes.</param>
    /// <param name="offsets">Start offset of each row, plus the end offset: <c>rows + 1</c> entries.</param>
    /// <param name="validity">Validity bitmap (LSB first); may be empty when <paramref name="nullCount"/> is 0.</param>
    /// <param name="nullCount">Number of nulls.</param>
    public BinaryBatch(string name, ReadOnlyMemory<byte> data, ReadOnlyMemory<int> offsets, ReadOnlyMemory<byte> validity, int nullCount)
        : base(name, DataKind.Binary, data, offsets, validity, nullCount)
    {
    }

    /// <summary>Row <paramref name="index"/> as <c>\x</c> + lowercase hex, or null.</summary>
    public string? GetHex(int index) => IsValid(index) ? FormatHex(GetBytes(index)) : null;

    /// <summary>Bytes as <c>\x</c> followed by lowercase hex digits, the form reports use.</summary>
    public static string FormatHex(ReadOnlySpan<byte> bytes) => ScalarFormatting.FormatHex(bytes);

    /// <inheritdoc />
    public override void WriteValue(Utf8JsonWriter writer, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsValid(index))
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(FormatHex(GetBytes(index)));
    }
}

/// <summary>
/// A batch of lists (<see cref="DataKind.List"/>): row i holds the elements <c>Values[Offsets[i]..Offsets[i+1]]</c>; a null
/// row is a null list, an empty range an empty list. Elements may themselves be null (see <see cref="Values"/>' validity).
/// </summary>
public sealed class ListBatch : ColumnBatch
{
    /// <summary>Creates a batch of lists over <paramref name="values"/> (not copied).</summary>
    /// <param name="name">Column name.</param>
    /// <param name="offsets">Start offset of each row's elements in <paramref name="values"/>, plus the end offset: <c>rows + 1</c> entries.</param>
    /// <param name="values">All elements of all rows, in row order.</param>
    /// <param name="validity">Validity bitmap of the lists (LSB first); may be empty when <paramref name="nullCount"/> is 0.</param>
    /// <param name="nullCount">Number of null lists.</param>
    public ListBatch(string name, ReadOnlyMemory<int> offsets, ColumnBatch values, ReadOnlyMemory<byte> validity, int nullCount)
        : base(name, DataKind.List, Math.Max(0, offsets.Length - 1), validity, nullCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (offsets.Length > 0 && offsets.Span[^1] > values.Length)
        {
            throw new ArgumentException($"Column '{name}': the offsets end at {offsets.Span[^1]}, beyond the {values.Length} elements.", nameof(offsets));
        }

        Offsets = offsets;
        Values = values;
    }

    /// <summary>Row offsets into <see cref="Values"/>.</summary>
    public ReadOnlyMemory<int> Offsets { get; }

    /// <summary>The elements of every row, concatenated.</summary>
    public ColumnBatch Values { get; }

    /// <summary>Number of elements in row <paramref name="index"/> (0 for a null list).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetLength(int index)
    {
        var offsets = Offsets.Span;
        return offsets[index + 1] - offsets[index];
    }

    /// <inheritdoc />
    public override void WriteValue(Utf8JsonWriter writer, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsValid(index))
        {
            writer.WriteNullValue();
            return;
        }

        var offsets = Offsets.Span;
        writer.WriteStartArray();
        for (var i = offsets[index]; i < offsets[index + 1]; i++)
        {
            Values.WriteValue(writer, i);
        }

        writer.WriteEndArray();
    }
}

/// <summary>
/// A batch of a STRUCT or MAP column of which only nullness is held (<see cref="DataKind.Struct"/>, <see cref="DataKind.Map"/>):
/// the fields of a struct and the keys and values of a map are read as their own columns.
/// </summary>
public sealed class NestedBatch : ColumnBatch
{
    /// <summary>Creates a batch of <paramref name="length"/> rows with the given nullness.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="kind"><see cref="DataKind.Struct"/> or <see cref="DataKind.Map"/>.</param>
    /// <param name="length">Number of rows.</param>
    /// <param name="validity">Validity bitmap (LSB first); may be empty when <paramref name="nullCount"/> is 0.</param>
    /// <param name="nullCount">Number of null rows.</param>
    public NestedBatch(string name, DataKind kind, int length, ReadOnlyMemory<byte> validity, int nullCount)
        : base(name, kind, length, validity, nullCount)
    {
        if (kind is not (DataKind.Struct or DataKind.Map))
        {
            throw new ArgumentException($"Column '{name}': a nested batch is a Struct or Map, not {kind}.", nameof(kind));
        }
    }

    /// <inheritdoc />
    /// <remarks>Present values are written as <c>{}</c>: the fields are in their own columns.</remarks>
    public override void WriteValue(Utf8JsonWriter writer, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!IsValid(index))
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
