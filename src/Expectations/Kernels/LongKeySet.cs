using System.Numerics;
using System.Runtime.CompilerServices;

namespace Expectations.Kernels;

/// <summary>
/// Distinct 64-bit keys (and null, as a key of its own) with, per key, how many rows hold it and the first of them:
/// an open-addressing table (power-of-two slots, linear probing from the top bits of a mixed hash) whose entry is its
/// slot, presized from the rows the caller expects so that a build of known size never rehashes. The build side of an
/// exact semi-join on one integer column (<see cref="ByteKeySet"/> holds any other key); <see cref="Find"/> probes it.
/// Slots cost 24 bytes (key, first row, count); <see cref="long.MinValue"/> and null live in two extra slots behind them.
/// </summary>
internal sealed class LongKeySet
{
    private const long Empty = long.MinValue;
    private const int MinCapacity = 256;
    private const int MaxCapacity = 1 << 30;

    private long[] _keys;
    private long[] _firstRows; // first row + 1 in the two extra slots (0: absent); the first row elsewhere
    private long[] _counts;
    private int _shift;
    private int _count;

    /// <param name="expectedKeys">Distinct keys (or rows: an upper bound) the caller expects; the slots hold them below 70 % load.</param>
    public LongKeySet(long expectedKeys = 0)
    {
        var capacity = CapacityFor(expectedKeys);
        _keys = NewKeys(capacity);
        _firstRows = new long[capacity + 2];
        _counts = new long[capacity + 2];
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>Slots (a power of two): the table doubles when <see cref="Count"/> passes 70 % of them.</summary>
    public int Capacity => _keys.Length - 2;

    /// <summary>Distinct keys, null included.</summary>
    public int Count => _count;

    /// <summary>Rows added.</summary>
    public long Rows { get; private set; }

    /// <summary>The slots that hold <paramref name="expectedKeys"/> keys below 70 % load (at least 256).</summary>
    public static int CapacityFor(long expectedKeys)
    {
        if (expectedKeys > (long)(MaxCapacity * 0.7))
        {
            throw new KernelException($"The key set cannot hold {expectedKeys} distinct keys (at most {(long)(MaxCapacity * 0.7)}).");
        }

        var wanted = Math.Max(MinCapacity, (long)Math.Ceiling(expectedKeys / 0.7));
        return (int)BitOperations.RoundUpToPowerOf2((ulong)wanted);
    }

    /// <summary>Counts one row of <paramref name="key"/>; rows come in ascending order.</summary>
    public void Add(long key, long row)
    {
        if (key == Empty)
        {
            AddExtra(Capacity, row);
            return;
        }

        var i = Slot(key);
        Rows++;
        if (_keys[i] == key)
        {
            _counts[i]++;
            return;
        }

        _keys[i] = key;
        _firstRows[i] = row;
        _counts[i] = 1;
        if (++_count > GrowAt(Capacity))
        {
            Grow();
        }
    }

    /// <summary>Counts rows <paramref name="firstRow"/>, <paramref name="firstRow"/> + 1, … of <paramref name="keys"/> (none null).</summary>
    public void AddRange(ReadOnlySpan<long> keys, long firstRow)
    {
        for (var r = 0; r < keys.Length; r++)
        {
            Add(keys[r], firstRow + r);
        }
    }

    /// <summary>Counts one row whose key is null.</summary>
    public void AddNull(long row) => AddExtra(Capacity + 1, row);

    /// <summary>The entry holding <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long key)
    {
        if (key == Empty)
        {
            return _counts[Capacity] > 0 ? Capacity : -1;
        }

        var i = Slot(key);
        return _keys[i] == key ? i : -1;
    }

    /// <summary>The entry of the null key, or -1.</summary>
    public int FindNull() => _counts[Capacity + 1] > 0 ? Capacity + 1 : -1;

    /// <summary>Whether entry <paramref name="entry"/> is the null key.</summary>
    public bool IsNull(int entry) => entry == Capacity + 1;

    /// <summary>The key of entry <paramref name="entry"/> (not the null one).</summary>
    public long KeyOf(int entry) => entry == Capacity ? Empty : _keys[entry];

    /// <summary>The first row added with entry <paramref name="entry"/>'s key.</summary>
    public long FirstRow(int entry) => entry >= Capacity ? _firstRows[entry] - 1 : _firstRows[entry];

    /// <summary>Rows added with entry <paramref name="entry"/>'s key.</summary>
    public long RowCount(int entry) => _counts[entry];

    private static int GrowAt(int capacity) => (int)(capacity * 0.7);

    private static long[] NewKeys(int capacity)
    {
        var keys = GC.AllocateUninitializedArray<long>(capacity + 2);
        keys.AsSpan().Fill(Empty);
        return keys;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(long key)
    {
        // MurmurHash3's 64-bit finalizer: every key bit reaches the top bits the slot is taken from.
        var h = (ulong)key;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>The slot holding <paramref name="key"/>, else the empty slot where it would go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(long key)
    {
        var keys = _keys;
        var mask = keys.Length - 3;
        var i = (int)(Mix(key) >> _shift);
        while (true)
        {
            var k = keys[i];
            if (k == key || k == Empty)
            {
                return i;
            }

            i = (i + 1) & mask;
        }
    }

    private void AddExtra(int slot, long row)
    {
        Rows++;
        if (_counts[slot]++ == 0)
        {
            _firstRows[slot] = row + 1;
            _count++;
        }
    }

    private void Grow()
    {
        var capacity = Capacity;
        if (capacity >= MaxCapacity)
        {
            throw new KernelException($"The key set holds more than {GrowAt(MaxCapacity)} distinct keys.");
        }

        var (oldKeys, oldFirst, oldCounts) = (_keys, _firstRows, _counts);
        _keys = NewKeys(capacity * 2);
        _firstRows = new long[capacity * 2 + 2];
        _counts = new long[capacity * 2 + 2];
        _shift--;
        for (var s = 0; s < capacity; s++)
        {
            if (oldKeys[s] == Empty)
            {
                continue;
            }

            var i = Slot(oldKeys[s]);
            _keys[i] = oldKeys[s];
            _firstRows[i] = oldFirst[s];
            _counts[i] = oldCounts[s];
        }

        for (var extra = 0; extra < 2; extra++)
        {
            _firstRows[capacity * 2 + extra] = oldFirst[capacity + extra];
            _counts[capacity * 2 + extra] = oldCounts[capacity + extra];
        }
    }
}
