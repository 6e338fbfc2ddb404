using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;
using Expectations.Engine;

namespace Expectations.Kernels;

/// <summary>
/// What the uniqueness checks need per distinct key, packed in one <see cref="long"/>: 0 for an empty slot, else
/// the first global row plus one, negated once the key has been seen again. Exact counts are not kept per key: the
/// number of unexpected rows (every occurrence of a repeated key) is tracked as keys go from "once" to "repeated".
/// </summary>
internal static class FirstRow
{
    public const long Empty = 0;

    public static long Once(long row) => row + 1;

    public static bool IsRepeated(long state) => state < 0;

    public static long Row(long state) => (state < 0 ? -state : state) - 1;

    /// <summary>
    /// Folds two states of one key: the earlier first row stays first, the other one is a repeat
    /// (<paramref name="laterFirst"/>); returns the state and how many rows just became unexpected (those of a side
    /// seen only once: a side already repeated was counted when it became so).
    /// </summary>
    public static long Combine(long mine, long theirs, out long laterFirst, out int newlyUnexpected)
    {
        var a = Row(mine);
        var b = Row(theirs);
        laterFirst = Math.Max(a, b);
        newlyUnexpected = (mine > 0 ? 1 : 0) + (theirs > 0 ? 1 : 0);
        return -(Math.Min(a, b) + 1);
    }
}

/// <summary>
/// Distinct 64-bit keys and, per key, its first row and whether it repeats: an open-addressing table (power-of-two
/// capacity, linear probing, keys and states in two arrays, 16 bytes a slot) instead of a dictionary of entries. The
/// first <c>sampleCap</c> repeats (rows after a key's first) are kept in row order, which with the first rows of
/// repeated keys is all the samples need: rows must be added in ascending order.
/// </summary>
internal sealed class LongDuplicateTable(int sampleCap)
{
    private const int InitialCapacity = 256;

    private ulong[] _keys = new ulong[InitialCapacity];
    private long[] _states = new long[InitialCapacity];
    private int _shift = 64 - BitOperations.Log2(InitialCapacity);
    private int _count;
    private List<(long Row, ulong Key)> _repeats = [];

    /// <summary>Distinct keys.</summary>
    public int Count => _count;

    /// <summary>Rows whose key occurs more than once.</summary>
    public long Unexpected { get; private set; }

    /// <summary>Counts one row of <paramref name="key"/>; rows come in ascending order.</summary>
    public void Add(ulong key, long row)
    {
        var mask = _keys.Length - 1;
        var i = Slot(key, _shift);
        while (true)
        {
            var state = _states[i];
            if (state == FirstRow.Empty)
            {
                _keys[i] = key;
                _states[i] = FirstRow.Once(row);
                if (++_count > GrowAt(_keys.Length))
                {
                    Grow();
                }

                return;
            }

            if (_keys[i] == key)
            {
                if (state > 0)
                {
                    _states[i] = -state;
                    Unexpected += 2;
                }
                else
                {
                    Unexpected++;
                }

                if (_repeats.Count < sampleCap)
                {
                    _repeats.Add((row, key));
                }

                return;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Folds a table over other rows (disjoint from these) into this one, inserting the smaller table into the larger.</summary>
    public void Merge(LongDuplicateTable other)
    {
        if (other._count > _count)
        {
            (_keys, other._keys) = (other._keys, _keys);
            (_states, other._states) = (other._states, _states);
            (_shift, other._shift) = (other._shift, _shift);
            (_count, other._count) = (other._count, _count);
        }

        Unexpected += other.Unexpected;
        _repeats.AddRange(other._repeats);
        var keys = other._keys;
        var states = other._states;
        for (var s = 0; s < keys.Length; s++)
        {
            if (states[s] != FirstRow.Empty)
            {
                Insert(keys[s], states[s]);
            }
        }

        _repeats.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        if (_repeats.Count > sampleCap)
        {
            _repeats.RemoveRange(sampleCap, _repeats.Count - sampleCap);
        }
    }

    /// <summary>The first <paramref name="cap"/> unexpected rows with their keys, ascending.</summary>
    public List<(long Row, ulong Key)> FirstUnexpected(int cap)
    {
        var rows = new List<(long Row, ulong Key)>();
        if (cap > 0)
        {
            for (var s = 0; s < _keys.Length; s++)
            {
                if (FirstRow.IsRepeated(_states[s]))
                {
                    rows.Add((FirstRow.Row(_states[s]), _keys[s]));
                }
            }
        }

        // Any repeat not kept comes after sampleCap kept ones, so it cannot be among the first cap.
        rows.AddRange(_repeats);
        rows.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        if (rows.Count > cap)
        {
            rows.RemoveRange(cap, rows.Count - cap);
        }

        return rows;
    }

    private void Insert(ulong key, long state)
    {
        var mask = _keys.Length - 1;
        var i = Slot(key, _shift);
        while (true)
        {
            var mine = _states[i];
            if (mine == FirstRow.Empty)
            {
                _keys[i] = key;
                _states[i] = state;
                if (++_count > GrowAt(_keys.Length))
                {
                    Grow();
                }

                return;
            }

            if (_keys[i] == key)
            {
                _states[i] = FirstRow.Combine(mine, state, out var later, out var newly);
                Unexpected += newly;
                _repeats.Add((later, key));
                return;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var oldKeys = _keys;
        var oldStates = _states;
        if (oldKeys.Length >= 1 << 30)
        {
            throw new ExpectationException($"The uniqueness check holds more than {GrowAt(oldKeys.Length)} distinct values in one part of the data.");
        }

        _keys = new ulong[oldKeys.Length * 2];
        _states = new long[oldKeys.Length * 2];
        _shift--;
        var mask = _keys.Length - 1;
        for (var s = 0; s < oldKeys.Length; s++)
        {
            if (oldStates[s] == FirstRow.Empty)
            {
                continue;
            }

            var i = Slot(oldKeys[s], _shift);
            while (_states[i] != FirstRow.Empty)
            {
                i = (i + 1) & mask;
            }

            _keys[i] = oldKeys[s];
            _states[i] = oldStates[s];
        }
    }

    /// <summary>At most 70 % full: linear probing stays short.</summary>
    private static int GrowAt(int capacity) => (int)(capacity * 0.7);

    /// <summary>Fibonacci hashing of the key with its high half folded in, so sequential ids and multiples of powers of two spread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong key, int shift) => (int)(((key ^ (key >> 32)) * 0x9E3779B97F4A7C15UL) >> shift);
}

/// <summary>
/// Distinct byte-string keys and, per key, its first row and whether it repeats: an open-addressing table of
/// (XxHash3 hash, entry) slots over entries whose bytes live in one growing arena (an offset per entry), so no
/// object is allocated per key. Keys are compared exactly, so hash collisions cost time, never correctness. The
/// first <c>sampleCap</c> repeats are kept as in <see cref="LongDuplicateTable"/>; rows must be added in ascending order.
/// </summary>
internal sealed class ByteDuplicateTable(int sampleCap)
{
    private const int InitialCapacity = 256;

    private ulong[] _slotHashes = new ulong[InitialCapacity];
    private int[] _slotEntries = new int[InitialCapacity]; // entry + 1; 0 is empty
    private int _shift = 64 - BitOperations.Log2(InitialCapacity);
    private long[] _states = new long[InitialCapacity];
    private int[] _ends = new int[InitialCapacity + 1]; // key of entry e: _arena[_ends[e].._ends[e + 1]]
    private byte[] _arena = new byte[4096];
    private int _count;
    private List<(long Row, int Entry)> _repeats = [];

    /// <summary>Distinct keys.</summary>
    public int Count => _count;

    /// <summary>Rows whose key occurs more than once.</summary>
    public long Unexpected { get; private set; }

    /// <summary>The bytes of entry <paramref name="entry"/>.</summary>
    public ReadOnlySpan<byte> KeyOf(int entry) => _arena.AsSpan(_ends[entry], _ends[entry + 1] - _ends[entry]);

    /// <summary>Hashes of the keys; a seam for tests that need colliding hashes.</summary>
    public static ulong Hash(ReadOnlySpan<byte> key) => XxHash3.HashToUInt64(key);

    /// <summary>Counts one row of <paramref name="key"/> (whose <see cref="Hash"/> is <paramref name="hash"/>); rows come in ascending order.</summary>
    public void Add(ReadOnlySpan<byte> key, ulong hash, long row)
    {
        var entry = Find(key, hash, out var found);
        if (!found)
        {
            _states[entry] = FirstRow.Once(row);
            return;
        }

        var state = _states[entry];
        if (state > 0)
        {
            _states[entry] = -state;
            Unexpected += 2;
        }
        else
        {
            Unexpected++;
        }

        if (_repeats.Count < sampleCap)
        {
            _repeats.Add((row, entry));
        }
    }

    /// <summary>Folds a table over other rows (disjoint from these) into this one, inserting the smaller table into the larger.</summary>
    public void Merge(ByteDuplicateTable other)
    {
        if (other._count > _count)
        {
            (_slotHashes, other._slotHashes) = (other._slotHashes, _slotHashes);
            (_slotEntries, other._slotEntries) = (other._slotEntries, _slotEntries);
            (_shift, other._shift) = (other._shift, _shift);
            (_states, other._states) = (other._states, _states);
            (_ends, other._ends) = (other._ends, _ends);
            (_arena, other._arena) = (other._arena, _arena);
            (_count, other._count) = (other._count, _count);
            (_repeats, other._repeats) = (other._repeats, _repeats);
            (Unexpected, other.Unexpected) = (other.Unexpected, Unexpected);
        }

        // Entries of the smaller table get new numbers here; map them, for its repeats.
        var map = new int[other._count];
        for (var e = 0; e < other._count; e++)
        {
            var key = other.KeyOf(e);
            var entry = Find(key, Hash(key), out var found);
            map[e] = entry;
            if (!found)
            {
                _states[entry] = other._states[e];
                continue;
            }

            _states[entry] = FirstRow.Combine(_states[entry], other._states[e], out var later, out var newly);
            Unexpected += newly;
            _repeats.Add((later, entry));
        }

        Unexpected += other.Unexpected;
        foreach (var (row, entry) in other._repeats)
        {
            _repeats.Add((row, map[entry]));
        }

        _repeats.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        if (_repeats.Count > sampleCap)
        {
            _repeats.RemoveRange(sampleCap, _repeats.Count - sampleCap);
        }
    }

    /// <summary>The first <paramref name="cap"/> unexpected rows with their entries, ascending.</summary>
    public List<(long Row, int Entry)> FirstUnexpected(int cap)
    {
        var rows = new List<(long Row, int Entry)>();
        if (cap > 0)
        {
            for (var e = 0; e < _count; e++)
            {
                if (FirstRow.IsRepeated(_states[e]))
                {
                    rows.Add((FirstRow.Row(_states[e]), e));
                }
            }
        }

        rows.AddRange(_repeats);
        rows.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        if (rows.Count > cap)
        {
            rows.RemoveRange(cap, rows.Count - cap);
        }

        return rows;
    }

    /// <summary>The entry of <paramref name="key"/>, appended (state empty) when absent.</summary>
    private int Find(ReadOnlySpan<byte> key, ulong hash, out bool found)
    {
        var mask = _slotEntries.Length - 1;
        var i = (int)(hash >> _shift);
        while (true)
        {
            var slot = _slotEntries[i];
            if (slot == 0)
            {
                break;
            }

            if (_slotHashes[i] == hash && KeyOf(slot - 1).SequenceEqual(key))
            {
                found = true;
                return slot - 1;
            }

            i = (i + 1) & mask;
        }

        found = false;
        var entry = Append(key);
        _slotHashes[i] = hash;
        _slotEntries[i] = entry + 1;
        if (_count > GrowAt(_slotEntries.Length))
        {
            Grow();
        }

        return entry;
    }

    private int Append(ReadOnlySpan<byte> key)
    {
        var start = _ends[_count];
        if ((long)start + key.Length > _arena.Length)
        {
            var needed = (long)start + key.Length;
            if (needed > Array.MaxLength)
            {
                throw new ExpectationException($"The uniqueness check holds more than {Array.MaxLength} bytes of distinct values in one part of the data.");
            }

            Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_arena.Length * 2)));
        }

        if (_count + 1 >= _states.Length)
        {
            Array.Resize(ref _states, _states.Length * 2);
            Array.Resize(ref _ends, _states.Length + 1);
        }

        key.CopyTo(_arena.AsSpan(start));
        _ends[_count + 1] = start + key.Length;
        return _count++;
    }

    private void Grow()
    {
        var oldHashes = _slotHashes;
        var oldEntries = _slotEntries;
        if (oldEntries.Length >= 1 << 30)
        {
            throw new ExpectationException($"The uniqueness check holds more than {GrowAt(oldEntries.Length)} distinct values in one part of the data.");
        }

        _slotHashes = new ulong[oldEntries.Length * 2];
        _slotEntries = new int[oldEntries.Length * 2];
        _shift--;
        var mask = _slotEntries.Length - 1;
        for (var s = 0; s < oldEntries.Length; s++)
        {
            if (oldEntries[s] == 0)
            {
                continue;
            }

            var i = (int)(oldHashes[s] >> _shift);
            while (_slotEntries[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _slotHashes[i] = oldHashes[s];
            _slotEntries[i] = oldEntries[s];
        }
    }

    private static int GrowAt(int capacity) => (int)(capacity * 0.7);
}
