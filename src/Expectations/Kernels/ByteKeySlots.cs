namespace Expectations.Kernels;

/// <summary>
/// The open-addressing parts shared by the byte-key tables (<see cref="ByteDuplicateTable"/>, <see cref="ByteKeySet"/>):
/// slots of (hash, entry + 1) probed linearly from the hash's top bits, and the arena that holds each entry's key bytes
/// back to back (<c>ends[e]..ends[e + 1]</c>). Each table keeps its own per-entry payload beside them.
/// </summary>
internal static class ByteKeySlots
{
    /// <summary>The entry count above which the slots double (70 % load).</summary>
    public static int GrowAt(int capacity) => (int)(capacity * 0.7);

    /// <summary>Copies <paramref name="key"/> behind entry <paramref name="count"/>'s start in the arena, growing it (to at most <see cref="Array.MaxLength"/>).</summary>
    /// <param name="arena">The key bytes.</param>
    /// <param name="ends">Entry ends; the caller keeps it one longer than its entry arrays.</param>
    /// <param name="count">Entries so far (the new one's index).</param>
    /// <param name="key">The key.</param>
    /// <param name="full">The message when the arena is full, given its limit in bytes.</param>
    public static void AppendKey(ref byte[] arena, int[] ends, int count, ReadOnlySpan<byte> key, Func<int, string> full)
    {
        var start = ends[count];
        if ((long)start + key.Length > arena.Length)
        {
            var needed = (long)start + key.Length;
            if (needed > Array.MaxLength)
            {
                throw new KernelException(full(Array.MaxLength));
            }

            Array.Resize(ref arena, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)arena.Length * 2)));
        }

        key.CopyTo(arena.AsSpan(start));
        ends[count + 1] = start + key.Length;
    }

    /// <summary>Doubles the slots and re-inserts every entry by its hash.</summary>
    /// <param name="hashes">Slot hashes.</param>
    /// <param name="entries">Slot entries (entry + 1; 0 is empty).</param>
    /// <param name="shift">64 minus log2 of the slot count.</param>
    /// <param name="full">The message when the slots cannot double again (at 2^30).</param>
    public static void Grow(ref ulong[] hashes, ref int[] entries, ref int shift, Func<int, string> full)
    {
        var oldHashes = hashes;
        var oldEntries = entries;
        if (oldEntries.Length >= 1 << 30)
        {
            throw new KernelException(full(GrowAt(oldEntries.Length)));
        }

        hashes = new ulong[oldEntries.Length * 2];
        entries = new int[oldEntries.Length * 2];
        shift--;
        var mask = entries.Length - 1;
        for (var s = 0; s < oldEntries.Length; s++)
        {
            if (oldEntries[s] == 0)
            {
                continue;
            }

            var i = (int)(oldHashes[s] >> shift);
            while (entries[i] != 0)
            {
                i = (i + 1) & mask;
            }

            hashes[i] = oldHashes[s];
            entries[i] = oldEntries[s];
        }
    }
}
