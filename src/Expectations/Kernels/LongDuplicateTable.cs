using System.Numerics;
using System.Runtime.CompilerServices;

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

    /// <summary>Writes the table: its distinct keys with first rows and repeat flags, the kept repeats, the unexpected count.</summary>
    public void Save(StateWriter writer)
    {
        writer.Long(Unexpected);
        writer.Int(_count);
        for (var s = 0; s < _keys.Length; s++)
        {
            if (_states[s] != FirstRow.Empty)
            {
                writer.ULong(_keys[s]);
                writer.Bool(FirstRow.IsRepeated(_states[s]));
                writer.Row(FirstRow.Row(_states[s]));
            }
        }

        writer.List(_repeats, static (w, r) =>
        {
            w.Row(r.Row);
            w.ULong(r.Key);
        });
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this empty table.</summary>
    public void Load(StateReader reader)
    {
        var unexpected = reader.Long();
        var count = reader.Count(17);
        for (var e = 0; e < count; e++)
        {
            var key = reader.ULong();
            var repeated = reader.Bool();
            var once = FirstRow.Once(reader.Row());
            Insert(key, repeated ? -once : once);
        }

        if (_count != count)
        {
            throw new KernelException($"Saved state: a uniqueness table lists {count} keys but only {_count} are distinct.");
        }

        _repeats = reader.List(static r => (r.Row(), r.ULong()), 16);
        Unexpected = unexpected;
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
            throw new KernelException($"The uniqueness check holds more than {GrowAt(oldKeys.Length)} distinct values in one part of the data.");
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
