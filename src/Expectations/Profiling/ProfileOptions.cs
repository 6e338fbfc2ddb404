namespace Expectations;

/// <summary>
/// How a profile trades size for accuracy. The defaults keep small columns exact (every value up to
/// <see cref="ExactValueLimit"/>, every distinct hash up to <see cref="ExactDistinctLimit"/>) and sketch larger ones.
/// </summary>
public sealed record ProfileOptions
{
    /// <summary>The defaults.</summary>
    public static ProfileOptions Default { get; } = new();

    /// <summary>Exact mode: every value is kept, so quantiles and the two-sample KS statistic are exact (memory grows with the data).</summary>
    public static ProfileOptions Exact { get; } = new() { ExactValueLimit = long.MaxValue };

    /// <summary>Numeric values kept exactly before the quantile sketch starts compacting (default 4,096).</summary>
    public long ExactValueLimit { get; init; } = 4096;

    /// <summary>KLL accuracy parameter k (default 200: rank error ≤ 1.65 %).</summary>
    public int QuantileK { get; init; } = 200;

    /// <summary>Distinct values counted exactly before the HyperLogLog registers take over (default 2,048).</summary>
    public int ExactDistinctLimit { get; init; } = 2048;

    /// <summary>Distinct values whose counts are exact before the frequency summary forgets rare ones (default 1,000).</summary>
    public int CategoryCapacity { get; init; } = 1000;

    /// <summary>Whether every value is kept (see <see cref="Exact"/>).</summary>
    public bool IsExact => ExactValueLimit == long.MaxValue;
}
