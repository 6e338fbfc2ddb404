using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Expectations.Kernels;

namespace Expectations.Profiling;

/// <summary>The constants of <see cref="QuantileSketch{T}"/>.</summary>
internal static class QuantileSketch
{
    /// <summary>The normalised rank error bound stated for k = 200 (Apache DataSketches' 99 % figure for KLL k = 200 is 1.65 %).</summary>
    public const double RankErrorK200 = 0.0165;

    /// <summary>Default accuracy parameter.</summary>
    public const int DefaultK = 200;
}

/// <summary>What every quantile sketch offers, whatever its item type.</summary>
internal interface IQuantileSketch
{
    /// <summary>The accuracy parameter.</summary>
    int K { get; }

    /// <summary>Values kept exactly before the first compaction.</summary>
    long ExactLimit { get; }

    /// <summary>Values added.</summary>
    long Count { get; }

    /// <summary>Whether every value is still held: queries are exact.</summary>
    bool IsExact { get; }

    /// <summary>The stated normalised rank error.</summary>
    double RankError { get; }

    /// <summary>The held items as doubles, sorted, with their weights.</summary>
    WeightedSample ToSample();
}

/// <summary>
/// A KLL quantile sketch (Karnin, Lang and Liberty 2016) over finite values, exact below a size threshold. Level h holds
/// items that each stand for 2^h input values; every item is an input value, so an integer column's sketch
/// (<typeparamref name="T"/> = <see cref="Int128"/>) answers quantiles that are exact values of the column. While no
/// level has been compacted the sketch holds every value and is exact (<see cref="IsExact"/>); past <c>exactLimit</c>
/// values it compacts with capacity <c>k·(2/3)^depth</c> per level. With k = 200 the rank error of any query is below
/// <see cref="QuantileSketch.RankErrorK200"/> (measured: see docs/profiling.md). States merge in any grouping.
/// </summary>
/// <typeparam name="T">The item type: double for floating columns, Int128 for integer and timestamp columns.</typeparam>
internal sealed class QuantileSketch<T> : IQuantileSketch where T : unmanaged, INumber<T>
{
    private readonly List<T[]> _levels = [];
    private readonly List<int> _sizes = [];
    private ulong _coin;
    private SortedItems? _sorted;
    private int _held;
    private int _totalCapacity;

    public QuantileSketch(int k, long exactLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 8);
        ArgumentOutOfRangeException.ThrowIfNegative(exactLimit);
        K = k;
        ExactLimit = exactLimit;
        _coin = 0x9E3779B97F4A7C15UL;
        AddLevel();
    }

    /// <summary>The accuracy parameter.</summary>
    public int K { get; }

    /// <summary>Values kept exactly before the first compaction.</summary>
    public long ExactLimit { get; }

    /// <summary>Values added.</summary>
    public long Count { get; private set; }

    /// <summary>Whether every value is still held (no compaction happened): queries are exact.</summary>
    public bool IsExact { get; private set; } = true;

    /// <summary>The stated normalised rank error: 0 when exact, otherwise the KLL bound for <see cref="K"/>.</summary>
    public double RankError => IsExact ? 0 : QuantileSketch.RankErrorK200 * QuantileSketch.DefaultK / K;

    /// <summary>Number of levels.</summary>
    internal int LevelCount => _levels.Count;

    /// <summary>The items of level <paramref name="level"/> (each weighs 2^level).</summary>
    internal ReadOnlySpan<T> Level(int level) => _levels[level].AsSpan(0, _sizes[level]);

    /// <summary>Adds one finite value.</summary>
    public void Add(T value)
    {
        _sorted = null;
        var size = _sizes[0];
        var level0 = _levels[0];
        if (size == level0.Length)
        {
            Array.Resize(ref level0, Math.Max(16, level0.Length * 2));
            _levels[0] = level0;
        }

        level0[size] = value;
        _sizes[0] = size + 1;
        Count++;
        if (++_held > (IsExact ? Math.Max(ExactLimit, _totalCapacity) : _totalCapacity))
        {
            CompressIfNeeded();
        }
    }

    /// <summary>Folds <paramref name="other"/> into this sketch (other is unchanged).</summary>
    public void Merge(QuantileSketch<T> other)
    {
        _sorted = null;
        while (_levels.Count < other._levels.Count)
        {
            AddLevel();
        }

        for (var h = 0; h < other._levels.Count; h++)
        {
            Append(h, other.Level(h));
        }

        Count += other.Count;
        IsExact &= other.IsExact;
        CompressIfNeeded();
    }

    /// <summary>A deep copy.</summary>
    public QuantileSketch<T> Clone()
    {
        var copy = new QuantileSketch<T>(K, ExactLimit) { Count = Count, IsExact = IsExact, _coin = _coin };
        copy._levels.Clear();
        copy._sizes.Clear();
        for (var h = 0; h < _levels.Count; h++)
        {
            copy._levels.Add(Level(h).ToArray());
            copy._sizes.Add(_sizes[h]);
        }

        copy.Recount();
        return copy;
    }

    /// <summary>Restores a sketch from its saved levels.</summary>
    internal static QuantileSketch<T> Restore(int k, long exactLimit, long count, bool exact, IReadOnlyList<T[]> levels)
    {
        var s = new QuantileSketch<T>(k, exactLimit) { Count = count, IsExact = exact };
        s._levels.Clear();
        s._sizes.Clear();
        foreach (var level in levels)
        {
            s._levels.Add((T[])level.Clone());
            s._sizes.Add(level.Length);
        }

        if (s._levels.Count == 0)
        {
            s.AddLevel();
        }

        s.Recount();
        return s;
    }

    /// <summary>Writes the sketch: count, exactness, the coin's state and every level's items as held.</summary>
    public void Save(StateWriter w)
    {
        w.Long(Count);
        w.Bool(IsExact);
        w.ULong(_coin);
        w.Int(_levels.Count);
        for (var h = 0; h < _levels.Count; h++)
        {
            w.Bytes(MemoryMarshal.AsBytes(Level(h)));
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this empty sketch (same k and exact limit).</summary>
    public void Load(StateReader r)
    {
        _sorted = null;
        Count = r.Long();
        IsExact = r.Bool();
        _coin = r.ULong();
        var levels = r.Count(4);
        _levels.Clear();
        _sizes.Clear();
        for (var h = 0; h < levels; h++)
        {
            var bytes = r.Bytes();
            if (bytes.Length % Unsafe.SizeOf<T>() != 0)
            {
                throw new KernelException($"Saved state: a sketch level of {bytes.Length} bytes does not hold whole {typeof(T).Name} items.");
            }

            var items = MemoryMarshal.Cast<byte, T>(bytes).ToArray();
            _levels.Add(items.Length == 0 ? new T[16] : items);
            _sizes.Add(items.Length);
        }

        if (_levels.Count == 0)
        {
            AddLevel();
        }

        Recount();
    }

    /// <summary>The held items sorted by value with their weights (computed once until the sketch changes; do not modify).</summary>
    public (T[] Values, long[] Weights) ToSortedItems()
    {
        var sorted = Sorted();
        return (sorted.Values, sorted.Weights);
    }

    /// <summary>
    /// The sorted items and their double view, cached: a profile's summary asks for many quantiles and two histograms,
    /// each of which would otherwise sort every held item again. Replaced, never changed, so concurrent readers of a
    /// finished profile at worst compute it twice.
    /// </summary>
    private SortedItems Sorted()
    {
        if (_sorted is { } cached)
        {
            return cached;
        }

        var total = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            total += _sizes[h];
        }

        var values = new T[total];
        var weights = new long[total];
        var at = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            Level(h).CopyTo(values.AsSpan(at));
            weights.AsSpan(at, _sizes[h]).Fill(1L << h);
            at += _sizes[h];
        }

        Array.Sort(values, weights);
        WeightedSample sample;
        if (values is double[] doubles)
        {
            sample = new WeightedSample(doubles, weights);
        }
        else
        {
            var converted = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                converted[i] = double.CreateTruncating(values[i]);
            }

            sample = new WeightedSample(converted, weights);
        }

        var result = new SortedItems(values, weights, sample);
        _sorted = result;
        return result;
    }

    /// <summary>The held items as doubles (integers rounded to the nearest double), sorted, with their weights (do not modify).</summary>
    public WeightedSample ToSample() => Sorted().Sample;

    /// <summary>The lower q-quantile of the held items, exact items (no interpolation); null when empty.</summary>
    public T? Quantile(double q)
    {
        var sorted = Sorted();
        return sorted.Values.Length == 0 ? null : sorted.Values[WeightedSample.QuantileIndex(sorted.Weights, sorted.Sample.Total, q)];
    }

    /// <summary>The same sketch over doubles (each item rounded to the nearest double), for a column that turned out not to hold only integers.</summary>
    public QuantileSketch<double> ToDoubles()
    {
        var levels = new List<double[]>();
        for (var h = 0; h < _levels.Count; h++)
        {
            var level = Level(h);
            var converted = new double[level.Length];
            for (var i = 0; i < level.Length; i++)
            {
                converted[i] = double.CreateTruncating(level[i]);
            }

            levels.Add(converted);
        }

        var copy = QuantileSketch<double>.Restore(K, ExactLimit, Count, IsExact, levels);
        copy._coin = _coin;
        return copy;
    }

    private sealed record SortedItems(T[] Values, long[] Weights, WeightedSample Sample);

    private int Capacity(int level)
    {
        // The top level has capacity k; each level below has 2/3 of the one above, at least 2.
        var depth = _levels.Count - 1 - level;
        return Math.Max(2, (int)Math.Ceiling(K * Math.Pow(2.0 / 3.0, depth)));
    }

    private void Recount()
    {
        _held = 0;
        _totalCapacity = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            _held += _sizes[h];
            _totalCapacity += Capacity(h);
        }
    }

    private void CompressIfNeeded()
    {
        // Below the exact limit nothing is compacted, so small columns stay exact.
        if (IsExact && Count <= ExactLimit)
        {
            return;
        }

        while (_held > _totalCapacity)
        {
            var h = 0;
            while (_sizes[h] < Capacity(h))
            {
                h++;
            }

            Compact(h);
        }
    }

    /// <summary>Sorts level h and promotes every other item (random offset) to level h + 1; an odd item stays.</summary>
    private void Compact(int h)
    {
        IsExact = false;
        if (h + 1 == _levels.Count)
        {
            AddLevel();
        }

        var items = _levels[h].AsSpan(0, _sizes[h]);
        items.Sort();
        var keep = items.Length % 2 == 1 ? 1 : 0;
        var pairs = items[keep..];
        var offset = NextCoin();
        var promoted = new T[pairs.Length / 2];
        for (var i = 0; i < promoted.Length; i++)
        {
            promoted[i] = pairs[(2 * i) + offset];
        }

        _held -= _sizes[h] - keep;
        _sizes[h] = keep;
        Append(h + 1, promoted);
    }

    private void Append(int level, ReadOnlySpan<T> items)
    {
        _sorted = null;
        var size = _sizes[level];
        var array = _levels[level];
        if (size + items.Length > array.Length)
        {
            Array.Resize(ref array, Math.Max(size + items.Length, array.Length * 2));
            _levels[level] = array;
        }

        items.CopyTo(array.AsSpan(size));
        _sizes[level] = size + items.Length;
        _held += items.Length;
    }

    private void AddLevel()
    {
        _levels.Add(new T[16]);
        _sizes.Add(0);
        Recount();
    }

    /// <summary>A deterministic coin (xorshift), so profiles of the same data are identical run to run.</summary>
    private int NextCoin()
    {
        _coin ^= _coin << 13;
        _coin ^= _coin >> 7;
        _coin ^= _coin << 17;
        return (int)(_coin & 1);
    }
}

/// <summary>Sorted values with integer weights: an exact sample (all weights 1) or a sketch's items.</summary>
/// <param name="Values">Values in ascending order.</param>
/// <param name="Weights">Weight of each value.</param>
internal sealed record WeightedSample(double[] Values, long[] Weights)
{
    /// <summary>Sum of the weights (the number of values stood for).</summary>
    public long Total { get; } = Sum(Weights);

    /// <summary>Whether the sample is empty.</summary>
    public bool IsEmpty => Values.Length == 0;

    /// <summary>The weight of values ≤ <paramref name="x"/>.</summary>
    public long RankAtOrBelow(double x)
    {
        // Binary search for the first value > x, then sum the weights before it (cumulative array not kept: rare calls).
        var lo = 0;
        var hi = Values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Values[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        long sum = 0;
        for (var i = 0; i < lo; i++)
        {
            sum += Weights[i];
        }

        return sum;
    }

    /// <summary>The q-quantile (lower: the smallest value whose cumulative weight reaches q·total), NaN when empty.</summary>
    public double Quantile(double q) => Values.Length == 0 ? double.NaN : Values[QuantileIndex(Weights, Total, q)];

    /// <summary>The index of the lower q-quantile in sorted items with these weights, summing to <paramref name="total"/> (not empty).</summary>
    internal static int QuantileIndex(long[] weights, long total, double q)
    {
        var target = Math.Max(1, (long)Math.Ceiling(q * total));
        long sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            if (sum >= target)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static long Sum(long[] weights)
    {
        long s = 0;
        foreach (var w in weights)
        {
            s += w;
        }

        return s;
    }
}
