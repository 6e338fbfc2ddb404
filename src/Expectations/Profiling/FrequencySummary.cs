using System.Runtime.InteropServices;

namespace Expectations.Profiling;

/// <summary>
/// Value counts: exact while there are at most <see cref="Capacity"/> distinct values, then a Misra–Gries
/// summary (mergeable, Agarwal et al. 2012): every kept count is at most <see cref="ErrorBound"/> below the
/// true count, and a value not kept occurred at most <see cref="ErrorBound"/> times.
/// </summary>
/// <typeparam name="TKey">Value type: double for numbers, UTF-8 bytes for strings and booleans.</typeparam>
internal sealed class FrequencySummary<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, long> _counts;

    public FrequencySummary(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _counts = new Dictionary<TKey, long>(comparer);
    }

    /// <summary>Distinct values counted exactly before the summary starts to forget rare ones.</summary>
    public int Capacity { get; }

    /// <summary>Values counted.</summary>
    public long Total { get; private set; }

    /// <summary>The most a kept count is below the truth (0 while exact).</summary>
    public long ErrorBound { get; private set; }

    /// <summary>Whether every count is exact.</summary>
    public bool IsExact => ErrorBound == 0;

    /// <summary>The counts held.</summary>
    public IReadOnlyDictionary<TKey, long> Counts => _counts;

    internal Dictionary<TKey, long> Dictionary => _counts;

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="key"/>.</summary>
    public void Add(TKey key, long count = 1)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _) += count;
        Total += count;
        ReduceIfFull();
    }

    /// <summary>Records that <paramref name="count"/> values were added through <see cref="Dictionary"/> directly.</summary>
    internal void Added(long count)
    {
        Total += count;
        ReduceIfFull();
    }

    /// <summary>Folds <paramref name="other"/> into this summary.</summary>
    public void Merge(FrequencySummary<TKey> other)
    {
        foreach (var (key, count) in other._counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _) += count;
        }

        Total += other.Total;
        ErrorBound += other.ErrorBound;
        ReduceIfFull();
    }

    /// <summary>A deep copy.</summary>
    public FrequencySummary<TKey> Clone()
    {
        var copy = new FrequencySummary<TKey>(Capacity, _counts.Comparer) { Total = Total, ErrorBound = ErrorBound };
        foreach (var (key, count) in _counts)
        {
            copy._counts[key] = count;
        }

        return copy;
    }

    /// <summary>Writes the total, the error bound and the counts held.</summary>
    public void Save(Kernels.StateWriter w, Action<Kernels.StateWriter, TKey> key)
    {
        w.Long(Total);
        w.Long(ErrorBound);
        w.Int(_counts.Count);
        foreach (var (k, count) in _counts)
        {
            key(w, k);
            w.Long(count);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this empty summary.</summary>
    public void Load(Kernels.StateReader r, Func<Kernels.StateReader, TKey> key)
    {
        Total = r.Long();
        ErrorBound = r.Long();
        for (var n = r.Count(9); n > 0; n--)
        {
            _counts.Add(key(r), r.Long());
        }
    }

    internal static FrequencySummary<TKey> Restore(int capacity, long total, long errorBound, IEnumerable<KeyValuePair<TKey, long>> counts, IEqualityComparer<TKey>? comparer)
    {
        var s = new FrequencySummary<TKey>(capacity, comparer) { Total = total, ErrorBound = errorBound };
        foreach (var (key, count) in counts)
        {
            s._counts[key] = count;
        }

        return s;
    }

    /// <summary>The <paramref name="k"/> most frequent values, most frequent first, ties in <paramref name="order"/>.</summary>
    public IReadOnlyList<KeyValuePair<TKey, long>> Top(int k, IComparer<TKey> order) =>
        [.. _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, order).Take(k)];

    private void ReduceIfFull()
    {
        // Reduce only at twice the capacity, so the cost of a reduction is spread over many new values.
        if (_counts.Count > 2 * Capacity)
        {
            Reduce();
        }
    }

    /// <summary>Misra–Gries step: subtract the (capacity+1)-th largest count from all and drop what reaches 0.</summary>
    private void Reduce()
    {
        var values = _counts.Values.ToArray();
        Array.Sort(values);
        Array.Reverse(values);
        var cut = values[Capacity];
        ErrorBound += cut;
        foreach (var key in _counts.Keys.ToArray())
        {
            var left = _counts[key] - cut;
            if (left <= 0)
            {
                _counts.Remove(key);
            }
            else
            {
                _counts[key] = left;
            }
        }
    }
}

/// <summary>Compares UTF-8 byte strings by content, and looks them up by span without allocating.</summary>
internal sealed class Utf8KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>, IComparer<byte[]>
{
    /// <summary>Byte order, which for UTF-8 is code-point order.</summary>
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);

    public static Utf8KeyComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)System.IO.Hashing.XxHash3.HashToUInt64(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
