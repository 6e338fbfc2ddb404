using System.IO.Hashing;
using System.Numerics;

namespace Expectations.Kernels;

/// <summary>
/// Distinct byte-string keys with, per key, how many rows hold it and the first of them: an open-addressing table of
/// (XxHash3 hash, entry) slots over entries whose bytes live in one growing arena, so no object is allocated per key.
/// Keys are compared exactly, so hash collisions cost time, never correctness. The build side of an exact semi-join
/// (the key set of another table); <see cref="Find"/> probes it.
/// </summary>
internal sealed class ByteKeySet
{
    private const int InitialCapacity = 256;

    private ulong[] _slotHashes = new ulong[InitialCapacity];
    private int[] _slotEntries = new int[InitialCapacity]; // entry + 1; 0 is empty
    private int _shift = 64 - BitOperations.Log2(InitialCapacity);
    private long[] _firstRows = new long[InitialCapacity];
    private long[] _counts = new long[InitialCapacity];
    private int[] _ends = new int[InitialCapacity + 1]; // key of entry e: _arena[_ends[e].._ends[e + 1]]
    private byte[] _arena = new byte[4096];
    private int _count;

    /// <summary>Distinct keys.</summary>
    public int Count => _count;

    /// <summary>Rows added.</summary>
    public long Rows { get; private set; }

    /// <summary>The bytes of entry <paramref name="entry"/>.</summary>
    public ReadOnlySpan<byte> KeyOf(int entry) => _arena.AsSpan(_ends[entry], _ends[entry + 1] - _ends[entry]);

    /// <summary>The first row added with entry <paramref name="entry"/>'s key.</summary>
    public long FirstRow(int entry) => _firstRows[entry];

    /// <summary>Rows added with entry <paramref name="entry"/>'s key.</summary>
    public long RowCount(int entry) => _counts[entry];

    /// <summary>The hash of a key.</summary>
    public static ulong Hash(ReadOnlySpan<byte> key) => XxHash3.HashToUInt64(key);

    /// <summary>Counts one row of <paramref name="key"/>; rows come in ascending order.</summary>
    public void Add(ReadOnlySpan<byte> key, long row) => AddEntry(key, row);

    /// <summary>Counts one row of <paramref name="key"/> (rows in ascending order) and returns its entry.</summary>
    public int AddEntry(ReadOnlySpan<byte> key, long row)
    {
        var hash = Hash(key);
        var i = Slot(key, hash, out var entry);
        Rows++;
        if (entry >= 0)
        {
            _counts[entry]++;
            return entry;
        }

        entry = Append(key);
        _firstRows[entry] = row;
        _counts[entry] = 1;
        _slotHashes[i] = hash;
        _slotEntries[i] = entry + 1;
        if (_count > GrowAt(_slotEntries.Length))
        {
            Grow();
        }

        return entry;
    }

    /// <summary>The entry holding <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        Slot(key, Hash(key), out var entry);
        return entry;
    }

    private int Slot(ReadOnlySpan<byte> key, ulong hash, out int entry)
    {
        var mask = _slotEntries.Length - 1;
        var i = (int)(hash >> _shift);
        while (true)
        {
            var slot = _slotEntries[i];
            if (slot == 0)
            {
                entry = -1;
                return i;
            }

            if (_slotHashes[i] == hash && KeyOf(slot - 1).SequenceEqual(key))
            {
                entry = slot - 1;
                return i;
            }

            i = (i + 1) & mask;
        }
    }

    private int Append(ReadOnlySpan<byte> key)
    {
        if (_count + 1 >= _firstRows.Length)
        {
            Array.Resize(ref _firstRows, _firstRows.Length * 2);
            Array.Resize(ref _counts, _firstRows.Length);
            Array.Resize(ref _ends, _firstRows.Length + 1);
        }

        ByteKeySlots.AppendKey(ref _arena, _ends, _count, key, n => $"The key set holds more than {n} bytes of distinct keys.");
        return _count++;
    }

    private void Grow() => ByteKeySlots.Grow(ref _slotHashes, ref _slotEntries, ref _shift, n => $"The key set holds more than {n} distinct keys.");

    private static int GrowAt(int capacity) => ByteKeySlots.GrowAt(capacity);
}
