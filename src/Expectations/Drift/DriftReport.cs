namespace Expectations;

/// <summary>One bin or category's part in a test: its baseline and current proportions and its contribution.</summary>
/// <param name="Label">The bin (for example <c>(1.5, 2.25]</c>) or category.</param>
/// <param name="Baseline">Proportion in the baseline.</param>
/// <param name="Current">Proportion in the current data.</param>
/// <param name="Contribution">The bin's term of the statistic (PSI, JS) or |current − baseline| (L∞).</param>
public sealed record DriftContribution(string Label, double Baseline, double Current, double Contribution);

/// <summary>One drift test of one column.</summary>
/// <param name="Method">The method (see <see cref="DriftMethods"/>).</param>
/// <param name="Statistic">The statistic, or null when it is not defined for this data (see <see cref="Note"/>).</param>
/// <param name="PValue">The p-value where the method has one.</param>
/// <param name="Threshold">The threshold (a p-value level for ks and chi2), or null for an informational test.</param>
/// <param name="Drifted">Whether the test crossed its threshold.</param>
public sealed record DriftTest(string Method, double? Statistic, double? PValue, double? Threshold, bool Drifted)
{
    /// <summary>The bins or categories that contribute most, worst first.</summary>
    public IReadOnlyList<DriftContribution> Worst { get; init; } = [];

    /// <summary>The most the statistic may differ from the exact one because of sketching (0 when exact), where known.</summary>
    public double? ErrorBound { get; init; }

    /// <summary>Why the statistic is missing or how it was computed, or null.</summary>
    public string? Note { get; init; }

    /// <summary>How far past (above 1) or short of (below 1) its threshold the test is; for ranking columns.</summary>
    public double Severity => Threshold is not { } t || Statistic is null ? 0
        : PValue is { } p ? (p <= 0 ? double.MaxValue : t / p)
        : Statistic.Value / t;
}

/// <summary>Whether a column could be compared.</summary>
public enum DriftStatus
{
    /// <summary>Both sides have values: every test ran.</summary>
    Compared,
    /// <summary>One side has rows but no values (all null or NaN): only the missing-rate test ran.</summary>
    NoValues,
    /// <summary>The column cannot be compared (not in the baseline, types differ, no rows): see the message.</summary>
    Error,
    /// <summary>
    /// The column is in the baseline but not in the current data: a feature that disappeared. It fails the comparison
    /// (<see cref="DriftReport.Passed"/>) unless <see cref="DriftOptions.AllowMissingColumns"/> is set.
    /// </summary>
    Missing,
}

/// <summary>The drift of one column.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Family">The column's kind of statistics (from the baseline).</param>
/// <param name="Status">Whether it was compared.</param>
/// <param name="Tests">The tests, in a fixed order per family.</param>
public sealed record ColumnDrift(string Column, ProfileFamily Family, DriftStatus Status, IReadOnlyList<DriftTest> Tests)
{
    /// <summary>What went wrong or what was skipped, or null.</summary>
    public string? Message { get; init; }

    /// <summary>Categories in the current data that the baseline lacks (categorical columns; exact only when the baseline's counts are).</summary>
    public IReadOnlyList<string> NewCategories { get; init; } = [];

    /// <summary>Categories of the baseline absent from the current data.</summary>
    public IReadOnlyList<string> VanishedCategories { get; init; } = [];

    /// <summary>
    /// Both distributions on the same bins, for the HTML report's chart: the baseline's histogram bins (numeric, timestamp,
    /// list lengths) or the most frequent categories; null where no distribution was compared (identifier-like, nested,
    /// no values, errors). Not part of the JSON: the tests' statistics are.
    /// </summary>
    internal DriftDistribution? Distribution { get; init; }

    /// <summary>Whether any decisive test drifted.</summary>
    public bool Drifted => Tests.Any(t => t.Drifted);

    /// <summary>The largest test severity: ranks columns worst first.</summary>
    public double Score => Tests.Count == 0 ? 0 : Tests.Max(t => t.Severity);

    /// <summary>The test of <paramref name="method"/>, or null.</summary>
    public DriftTest? Test(string method) => Tests.FirstOrDefault(t => t.Method == method);
}

/// <summary>
/// Drift of a current dataset against a baseline: one entry per column, worst first. Gate on <see cref="Passed"/>: it
/// also fails when a baseline column is missing from the current data, which <see cref="Drifted"/> alone does not say.
/// </summary>
/// <param name="Baseline">What the baseline is (profile source).</param>
/// <param name="Current">What the current data is.</param>
/// <param name="Columns">Per column, errors first, then drifted, then by score.</param>
public sealed record DriftReport(string Baseline, string Current, IReadOnlyList<ColumnDrift> Columns)
{
    /// <summary>Whether any compared column drifted (a missing column has no distribution to drift: see <see cref="Passed"/>).</summary>
    public bool Drifted => Columns.Any(c => c.Drifted);

    /// <summary>Whether some column could not be compared.</summary>
    public bool HasErrors => Columns.Any(c => c.Status == DriftStatus.Error);

    /// <summary>
    /// The baseline columns that the current data lacks (entries of status <see cref="DriftStatus.Missing"/>), in the
    /// order of <see cref="Columns"/>.
    /// </summary>
    public IReadOnlyList<string> MissingColumns => [.. Columns.Where(c => c.Status == DriftStatus.Missing).Select(c => c.Column)];

    /// <summary>Whether the comparison let missing columns pass (<see cref="DriftOptions.AllowMissingColumns"/>).</summary>
    public bool MissingColumnsAllowed { get; init; }

    /// <summary>
    /// Whether the current data passes: no column drifted, every column could be compared, and no baseline column is
    /// missing from the current data (unless <see cref="MissingColumnsAllowed"/>). Columns only in the current data
    /// (<see cref="OnlyInCurrent"/>) are reported and do not fail it.
    /// </summary>
    public bool Passed => !Drifted && !HasErrors && (MissingColumnsAllowed || !Columns.Any(c => c.Status == DriftStatus.Missing));

    /// <summary>Columns the baseline has and the current data lacks, whether they were compared or not.</summary>
    public IReadOnlyList<string> OnlyInBaseline { get; init; } = [];

    /// <summary>Columns the current data has and the baseline lacks (new columns: reported, never a failure).</summary>
    public IReadOnlyList<string> OnlyInCurrent { get; init; } = [];

    /// <summary>The drift of column <paramref name="name"/>, or null.</summary>
    public ColumnDrift? Column(string name) => Columns.FirstOrDefault(c => c.Column == name);
}

/// <summary>One bin or category of a drift chart: its label and how many values of each side it holds.</summary>
/// <param name="Label">The bin's range or the category, for reading.</param>
/// <param name="BaselineCount">Baseline values in it.</param>
/// <param name="CurrentCount">Current values in it.</param>
/// <param name="IsTail">Whether it is a tail bin drawn apart (outside the baseline's 1st–99th percentile body).</param>
internal sealed record DriftBin(string Label, long BaselineCount, long CurrentCount, bool IsTail = false);

/// <summary>Both sides of a column on the same bins.</summary>
/// <param name="IsHistogram">Histogram bins on a numeric axis (else categories).</param>
/// <param name="Bins">The bins, in axis order (categories: most frequent in the baseline first, the rest last as one).</param>
internal sealed record DriftDistribution(bool IsHistogram, IReadOnlyList<DriftBin> Bins)
{
    /// <summary>Baseline values over all bins.</summary>
    public long BaselineTotal => Bins.Sum(b => b.BaselineCount);

    /// <summary>Current values over all bins.</summary>
    public long CurrentTotal => Bins.Sum(b => b.CurrentCount);
}
