using System.IO.Hashing;
using System.Numerics;

namespace Expectations.Kernels;

/// <summary>
/// Distinct byte-string keys and, per key, its first row and whether it repeats: an open-addressing table of
/// (XxHash3 hash, entry) slots over entries whose bytes live in one growing arena (an offset per entry), so no
/// object is allocated per key. Keys are compared exactly, so hash collisions cost time, never correctness. The
/// first <c>sampleCap</c> repeats are kept as in <see cref="LongDuplicateTable"/>; rows must be added in ascending order.
/// With <paramref name="keepOriginals"/>, each key is a normalised form of the row's value, and the table also keeps the
/// original value of each entry's first row and of each kept repeat (only where it differs from the key), so that the rows
/// reported show what the data holds (<see cref="OriginalOf"/>).
/// </summary>
internal sealed class ByteDuplicateTable(int sampleCap, bool keepOriginals = false)
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
    private Originals? _originals = keepOriginals ? new Originals() : null;

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

    /// <summary>
    /// Counts one row of <paramref name="key"/>, a normalised form of <paramref name="original"/>, in a table made with
    /// <c>keepOriginals</c>; rows come in ascending order.
    /// </summary>
    public void Add(ReadOnlySpan<byte> key, ulong hash, long row, ReadOnlySpan<byte> original)
    {
        var originals = _originals ?? throw new InvalidOperationException("This table keeps no original values.");
        var entry = Find(key, hash, out var found);
        if (!found)
        {
            _states[entry] = FirstRow.Once(row);
            originals.Set(entry, original, key);
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
            originals.SetRepeat(row, original, key);
        }
    }

    /// <summary>
    /// The value row <paramref name="row"/> holds, where <paramref name="row"/> is one of <see cref="FirstUnexpected"/>'s
    /// rows of <paramref name="entry"/>: the original value in a table that keeps them, otherwise the key.
    /// </summary>
    public ReadOnlySpan<byte> OriginalOf(long row, int entry)
    {
        var key = KeyOf(entry);
        if (_originals is null)
        {
            return key;
        }

        return FirstRow.Row(_states[entry]) == row ? _originals.Of(entry, key) : _originals.OfRepeat(row, key);
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
            (_originals, other._originals) = (other._originals, _originals);
        }

        // Entries of the smaller table get new numbers here; map them, for its repeats.
        var map = new int[other._count];
        // The original values of the repeats this merge creates, as arena spans (copied only for the repeats kept).
        var pending = _originals is null ? null : new List<(long Row, bool Theirs, long Span)>();
        for (var e = 0; e < other._count; e++)
        {
            var key = other.KeyOf(e);
            var entry = Find(key, Hash(key), out var found);
            map[e] = entry;
            if (!found)
            {
                _states[entry] = other._states[e];
                _originals?.Set(entry, other._originals!.Of(e, key), key);
                continue;
            }

            var myFirst = FirstRow.Row(_states[entry]);
            _states[entry] = FirstRow.Combine(_states[entry], other._states[e], out var later, out var newly);
            Unexpected += newly;
            _repeats.Add((later, entry));
            if (_originals is not null)
            {
                if (later == myFirst)
                {
                    // Their first row is the earlier one: it becomes the entry's, and this table's first row a repeat
                    // (its bytes stay in this arena, which only grows).
                    pending!.Add((later, false, _originals.SpanOf(entry)));
                    _originals.Set(entry, other._originals!.Of(e, key), key);
                }
                else
                {
                    pending!.Add((later, true, other._originals!.SpanOf(e)));
                }
            }
        }

        Unexpected += other.Unexpected;
        foreach (var (row, entry) in other._repeats)
        {
            _repeats.Add((row, map[entry]));
            if (_originals is not null && other._originals!.Repeats.TryGetValue(row, out var original))
            {
                _originals.Repeats[row] = original;
            }
        }

        _repeats.Sort(static (a, b) => a.Row.CompareTo(b.Row));
        if (_repeats.Count > sampleCap)
        {
            _repeats.RemoveRange(sampleCap, _repeats.Count - sampleCap);
        }

        if (_originals is not null)
        {
            var kept = _repeats.Select(r => r.Row).ToHashSet();
            foreach (var (row, theirs, span) in pending!)
            {
                if (kept.Contains(row))
                {
                    _originals.SetRepeat(row, (theirs ? other._originals! : _originals).Bytes(span));
                }
            }

            _originals.KeepRepeats(kept);
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

    /// <summary>Writes the table: each entry's bytes, first row and repeat flag (in entry order), the kept repeats, the unexpected count.</summary>
    public void Save(StateWriter writer)
    {
        writer.Long(Unexpected);
        writer.Int(_count);
        for (var e = 0; e < _count; e++)
        {
            writer.Bytes(KeyOf(e));
            writer.Bool(FirstRow.IsRepeated(_states[e]));
            writer.Row(FirstRow.Row(_states[e]));
            if (_originals is not null)
            {
                writer.Bytes(_originals.Stored(e));   // empty: the original is the key
            }
        }

        writer.List(_repeats, (w, r) =>
        {
            w.Row(r.Row);
            w.Int(r.Entry);
            if (_originals is not null)
            {
                w.Bytes(_originals.Repeats.TryGetValue(r.Row, out var original) ? original : []);
            }
        });
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this empty table.</summary>
    public void Load(StateReader reader)
    {
        var unexpected = reader.Long();
        var count = reader.Count(_originals is null ? 13 : 17);
        var capacity = InitialCapacity;
        while (count > GrowAt(capacity))
        {
            capacity *= 2;
        }

        _slotHashes = new ulong[capacity];
        _slotEntries = new int[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        _states = new long[Math.Max(InitialCapacity, count + 1)];
        _ends = new int[_states.Length + 1];
        for (var e = 0; e < count; e++)
        {
            var key = reader.Bytes();
            var entry = Find(key, Hash(key), out var found);
            if (found)
            {
                throw new KernelException($"Saved state: a uniqueness table lists a key twice (entry {e}).");
            }

            var repeated = reader.Bool();
            var once = FirstRow.Once(reader.Row());
            _states[entry] = repeated ? -once : once;
            if (_originals is not null)
            {
                var original = reader.Bytes();
                _originals.Set(entry, original.IsEmpty ? KeyOf(entry) : original, KeyOf(entry));
            }
        }

        var originals = _originals;
        _repeats = reader.List(r =>
        {
            var row = r.Row();
            var entry = r.Int();
            if (originals is not null && r.Bytes() is { IsEmpty: false } original)
            {
                originals.Repeats[row] = original.ToArray();
            }

            return (row, entry);
        }, originals is null ? 12 : 16);
        foreach (var (_, entry) in _repeats)
        {
            if ((uint)entry >= (uint)_count)
            {
                throw new KernelException($"Saved state: a repeat names entry {entry} of a table of {_count}.");
            }
        }

        Unexpected = unexpected;
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
        if (_count + 1 >= _states.Length)
        {
            Array.Resize(ref _states, _states.Length * 2);
            Array.Resize(ref _ends, _states.Length + 1);
        }

        ByteKeySlots.AppendKey(ref _arena, _ends, _count, key, n => $"The uniqueness check holds more than {n} bytes of distinct values in one part of the data.");
        return _count++;
    }

    private void Grow() => ByteKeySlots.Grow(ref _slotHashes, ref _slotEntries, ref _shift, n => $"The uniqueness check holds more than {n} distinct values in one part of the data.");

    private static int GrowAt(int capacity) => ByteKeySlots.GrowAt(capacity);

    /// <summary>
    /// The original values of a table over normalised keys: per entry, the bytes of its first row's value in an arena
    /// (nothing when equal to the key, as for text already normal), and per kept repeat, its value when it differs.
    /// </summary>
    private sealed class Originals
    {
        private long[] _spans = new long[InitialCapacity]; // start << 32 | length; length 0: the original is the key
        private byte[] _arena = new byte[1024];
        private int _used;

        /// <summary>Kept repeats whose value differs from their key, by row.</summary>
        public Dictionary<long, byte[]> Repeats { get; } = [];

        public void Set(int entry, ReadOnlySpan<byte> original, ReadOnlySpan<byte> key)
        {
            if (entry >= _spans.Length)
            {
                Array.Resize(ref _spans, Math.Max(entry + 1, _spans.Length * 2));
            }

            if (original.SequenceEqual(key))
            {
                _spans[entry] = 0;
                return;
            }

            // A value that differs from its normal form is never empty (the empty text is normal).
            if ((long)_used + original.Length > _arena.Length)
            {
                var needed = (long)_used + original.Length;
                if (needed > Array.MaxLength)
                {
                    throw new KernelException($"The uniqueness check holds more than {Array.MaxLength} bytes of original values in one part of the data.");
                }

                Array.Resize(ref _arena, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_arena.Length * 2)));
            }

            original.CopyTo(_arena.AsSpan(_used));
            _spans[entry] = ((long)_used << 32) | (uint)original.Length;
            _used += original.Length;
        }

        /// <summary>What <see cref="Set"/> stored for <paramref name="entry"/>: empty when the original is the key.</summary>
        public ReadOnlySpan<byte> Stored(int entry) => Bytes(_spans[entry]);

        /// <summary>Where <see cref="Stored"/>'s bytes lie in the arena (0: none), valid as long as this table lives: the arena only grows.</summary>
        public long SpanOf(int entry) => _spans[entry];

        /// <summary>The bytes of a <see cref="SpanOf"/>.</summary>
        public ReadOnlySpan<byte> Bytes(long span) => _arena.AsSpan((int)(span >> 32), (int)(uint)span);

        /// <summary>Records a kept repeat's original as stored bytes (empty: the original is the key).</summary>
        public void SetRepeat(long row, ReadOnlySpan<byte> stored)
        {
            if (stored.IsEmpty)
            {
                Repeats.Remove(row);
            }
            else
            {
                Repeats[row] = stored.ToArray();
            }
        }

        public ReadOnlySpan<byte> Of(int entry, ReadOnlySpan<byte> key) => Stored(entry) is { IsEmpty: false } stored ? stored : key;

        public ReadOnlySpan<byte> OfRepeat(long row, ReadOnlySpan<byte> key) => Repeats.TryGetValue(row, out var original) ? original : key;

        public void SetRepeat(long row, ReadOnlySpan<byte> original, ReadOnlySpan<byte> key)
        {
            if (original.SequenceEqual(key))
            {
                Repeats.Remove(row);
            }
            else
            {
                Repeats[row] = original.ToArray();
            }
        }

        /// <summary>Forgets the values of repeats a merge dropped.</summary>
        public void KeepRepeats(HashSet<long> rows)
        {
            foreach (var row in Repeats.Keys.Where(r => !rows.Contains(r)).ToList())
            {
                Repeats.Remove(row);
            }
        }
    }
}
