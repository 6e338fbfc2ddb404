using System.Buffers.Binary;
using System.Text;

namespace Expectations.Kernels;

/// <summary>
/// Writes a metric state in the saved-state format (docs/incremental.md): little-endian fixed-width numbers, strings
/// and byte strings prefixed by their length. Row indices are written relative to <see cref="RowBase"/> (the first row
/// of the partition the state is over), so a state stays right when earlier partitions are added or removed.
/// </summary>
internal sealed class StateWriter(long rowBase)
{
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>Global index of the partition's first row: row indices are saved as offsets from it.</summary>
    public long RowBase { get; } = rowBase;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Forgets what was written (the buffer is kept).</summary>
    public void Reset() => _length = 0;

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Byte(byte value) => Reserve(1)[0] = value;

    public void Int(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void Long(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void ULong(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void Int128(Int128 value)
    {
        ULong((ulong)value);
        ULong((ulong)(value >> 64));
    }

    /// <summary>A double by its exact bits (NaN payloads and −0 survive).</summary>
    public void Double(double value) => ULong(BitConverter.DoubleToUInt64Bits(value));

    public void Decimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (var b in bits)
        {
            Int(b);
        }
    }

    /// <summary>A row index, saved relative to <see cref="RowBase"/>.</summary>
    public void Row(long globalRow) => Long(globalRow - RowBase);

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Int(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Int(count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    public void NullableString(string? value)
    {
        Bool(value is not null);
        if (value is not null)
        {
            String(value);
        }
    }

    /// <summary>A count followed by that many items.</summary>
    public void List<T>(IReadOnlyCollection<T> items, Action<StateWriter, T> write)
    {
        Int(items.Count);
        foreach (var item in items)
        {
            write(this, item);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var size = (long)Math.Max(_buffer.Length * 2L, _length + (long)count);
            if (size > Array.MaxLength)
            {
                throw new KernelException($"A metric state of more than {Array.MaxLength} bytes cannot be saved.");
            }

            Array.Resize(ref _buffer, (int)size);
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote. A read past the end or a count that cannot be right throws
/// <see cref="KernelException"/> (the caller then treats the saved state as unusable and recomputes).
/// </summary>
internal sealed class StateReader(ReadOnlyMemory<byte> data, long rowBase)
{
    private int _position;

    /// <summary>Global index of the partition's first row now: saved row offsets are added to it.</summary>
    public long RowBase { get; } = rowBase;

    /// <summary>Whether every byte was read.</summary>
    public bool AtEnd => _position == data.Length;

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new KernelException($"Saved state: expected a boolean, found byte {b} at offset {_position - 1}."),
    };

    public byte Byte() => Take(1)[0];

    public int Int() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ULong() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public Int128 Int128()
    {
        var low = ULong();
        var high = ULong();
        return (Int128)(((UInt128)high << 64) | low);
    }

    public double Double() => BitConverter.UInt64BitsToDouble(ULong());

    public decimal Decimal()
    {
        Span<int> bits = [Int(), Int(), Int(), Int()];
        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException ex)
        {
            throw new KernelException($"Saved state: invalid decimal before offset {_position}.", ex);
        }
    }

    public long Row() => Long() + RowBase;

    /// <summary>A count of items, each at least <paramref name="minItemBytes"/> long: checked against the bytes left.</summary>
    public int Count(int minItemBytes = 1)
    {
        var count = Int();
        if (count < 0 || (long)count * Math.Max(0, minItemBytes) > data.Length - _position)
        {
            throw new KernelException($"Saved state: a count of {count} at offset {_position - 4} does not fit the {data.Length - _position} bytes left.");
        }

        return count;
    }

    public ReadOnlySpan<byte> Bytes() => Take(Count(1));

    public byte[] ByteArray() => Bytes().ToArray();

    public string String() => Encoding.UTF8.GetString(Bytes());

    public string? NullableString() => Bool() ? String() : null;

    public List<T> List<T>(Func<StateReader, T> read, int minItemBytes = 1)
    {
        var count = Count(minItemBytes);
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(read(this));
        }

        return list;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + (long)count > data.Length)
        {
            throw new KernelException($"Saved state: {count} bytes wanted at offset {_position}, but it ends at {data.Length}.");
        }

        var span = data.Span.Slice(_position, count);
        _position += count;
        return span;
    }
}
