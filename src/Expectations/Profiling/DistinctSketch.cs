using System.Numerics;

namespace Expectations.Profiling;

/// <summary>
/// Distinct count in the style of HyperLogLog++ (Heule, Nunkesser and Hall 2013): 64-bit hashes, an exact
/// set of hashes while there are at most <see cref="ExactLimit"/> of them (the count is exact up to 64-bit
/// hash collisions), then 2^14 six-bit registers with Ertl's improved raw estimator (2017), which needs no
/// empirical bias tables. Standard error in register mode: 1.04/√16384 ≈ 0.81 %. Mergeable.
/// </summary>
internal sealed class DistinctSketch
{
    /// <summary>Register index bits.</summary>
    public const int Precision = 14;

    /// <summary>The relative standard error in register mode.</summary>
    public const double StandardError = 0.0081;

    private const int RegisterCount = 1 << Precision;
    private HashSet<ulong>? _exact = [];
    private byte[]? _registers;

    public DistinctSketch(int exactLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exactLimit);
        ExactLimit = exactLimit;
    }

    /// <summary>Hashes kept exactly before switching to registers.</summary>
    public int ExactLimit { get; }

    /// <summary>Whether the count is exact (up to hash collisions).</summary>
    public bool IsExact => _exact is not null;

    /// <summary>The stated relative standard error: 0 when exact.</summary>
    public double RelativeError => IsExact ? 0 : StandardError;

    internal IReadOnlyCollection<ulong>? ExactHashes => _exact;

    internal byte[]? Registers => _registers;

    /// <summary>Adds a 64-bit hash of a value.</summary>
    public void Add(ulong hash)
    {
        if (_exact is not null)
        {
            if (_exact.Add(hash) && _exact.Count > ExactLimit)
            {
                ToRegisters();
            }

            return;
        }

        AddToRegisters(_registers!, hash);
    }

    /// <summary>Folds <paramref name="other"/> into this sketch.</summary>
    public void Merge(DistinctSketch other)
    {
        if (other._exact is not null)
        {
            foreach (var h in other._exact)
            {
                Add(h);
            }

            return;
        }

        if (_exact is not null)
        {
            ToRegisters();
        }

        var mine = _registers!;
        var theirs = other._registers!;
        for (var i = 0; i < mine.Length; i++)
        {
            mine[i] = Math.Max(mine[i], theirs[i]);
        }
    }

    /// <summary>A deep copy.</summary>
    public DistinctSketch Clone() => new(ExactLimit)
    {
        _exact = _exact is null ? null : [.. _exact],
        _registers = (byte[]?)_registers?.Clone(),
    };

    /// <summary>Writes the exact hashes, or the registers.</summary>
    public void Save(Kernels.StateWriter w)
    {
        w.Bool(_exact is not null);
        if (_exact is not null)
        {
            w.List(_exact, static (w, h) => w.ULong(h));
        }
        else
        {
            w.Bytes(_registers!);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote into this empty sketch.</summary>
    public void Load(Kernels.StateReader r)
    {
        if (r.Bool())
        {
            _exact = [.. r.List(static r => r.ULong(), 8)];
            _registers = null;
            return;
        }

        var registers = r.ByteArray();
        if (registers.Length != RegisterCount)
        {
            throw new Kernels.KernelException($"Saved state: a distinct sketch needs {RegisterCount} registers, found {registers.Length}.");
        }

        _exact = null;
        _registers = registers;
    }

    internal static DistinctSketch Restore(int exactLimit, IEnumerable<ulong>? hashes, byte[]? registers)
    {
        if (registers is not null && registers.Length != RegisterCount)
        {
            throw new FormatException($"a distinct sketch needs {RegisterCount} registers, found {registers.Length}");
        }

        return new DistinctSketch(exactLimit)
        {
            _exact = registers is null ? [.. hashes ?? []] : null,
            _registers = registers,
        };
    }

    /// <summary>The estimated number of distinct values.</summary>
    public long Estimate()
    {
        if (_exact is not null)
        {
            return _exact.Count;
        }

        // Ertl, "New cardinality estimation algorithms for HyperLogLog sketches" (2017), section 4: histogram of
        // register values, then the improved raw estimator; accurate over the whole range without bias tables.
        const int q = 64 - Precision;
        Span<int> histogram = stackalloc int[q + 2];
        foreach (var r in _registers!)
        {
            histogram[r]++;
        }

        double m = RegisterCount;
        var z = m * Tau(1 - (histogram[q + 1] / m));
        for (var k = q; k >= 1; k--)
        {
            z = 0.5 * (z + histogram[k]);
        }

        z += m * Sigma(histogram[0] / m);
        var alpha = 1 / (2 * Math.Log(2));
        return (long)Math.Round(alpha * m * m / z);
    }

    /// <summary>A 64-bit mixer (SplitMix64's finaliser) for fixed-width values, stable across processes.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private void ToRegisters()
    {
        _registers = new byte[RegisterCount];
        foreach (var h in _exact!)
        {
            AddToRegisters(_registers, h);
        }

        _exact = null;
    }

    private static void AddToRegisters(byte[] registers, ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rest = hash << Precision;
        var rank = (byte)(rest == 0 ? 64 - Precision + 1 : BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    private static double Sigma(double x)
    {
        if (x == 1)
        {
            return double.PositiveInfinity;
        }

        double y = 1;
        var z = x;
        while (true)
        {
            x *= x;
            var previous = z;
            z += x * y;
            y += y;
            if (z == previous)
            {
                return z;
            }
        }
    }

    private static double Tau(double x)
    {
        if (x is 0 or 1)
        {
            return 0;
        }

        double y = 1;
        var z = 1 - x;
        while (true)
        {
            x = Math.Sqrt(x);
            var previous = z;
            y *= 0.5;
            z -= Math.Pow(1 - x, 2) * y;
            if (z == previous)
            {
                return z / 3;
            }
        }
    }
}
