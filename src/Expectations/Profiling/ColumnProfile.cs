using Expectations.Profiling;

namespace Expectations;

/// <summary>A value and how often it occurs.</summary>
/// <param name="Value">The value as text (numbers in round-trip form, timestamps in ISO-8601, booleans as true/false, binary values as <c>\x</c>-hex, lists as JSON).</param>
/// <param name="Count">Occurrences (a lower bound when the counts are approximate).</param>
public sealed record ValueCount(string Value, long Count);

/// <summary>A histogram: <c>Counts[i]</c> values lie in <c>(Edges[i], Edges[i + 1]]</c> (the first bin also holds <c>Edges[0]</c>).</summary>
/// <param name="Edges">Bin edges, ascending, one more than the counts.</param>
/// <param name="Counts">Values per bin (estimated from the quantile sketch when it is not exact).</param>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts);

/// <summary>
/// The profile of one column: counts, moments, quantiles, distinct count, most frequent values, histograms
/// and string lengths. Immutable; <see cref="Merge"/> combines the profiles of two parts of the same column.
/// Exact below the thresholds of <see cref="ProfileOptions"/>, otherwise within the stated errors
/// (<see cref="QuantileRankError"/>, <see cref="DistinctRelativeError"/>, <see cref="TopValuesErrorBound"/>).
/// </summary>
public sealed class ColumnProfile
{
    internal ColumnProfile(ColumnProfileState state) => State = state;

    internal ColumnProfileState State { get; }

    /// <summary>Column name.</summary>
    public string Name => State.Info.Name;

    /// <summary>Logical kind.</summary>
    public DataKind Kind => State.Info.Kind;

    /// <summary>The source's type name.</summary>
    public string PhysicalType => State.Info.PhysicalType;

    /// <summary>For a field of a STRUCT or MAP column (<c>address.city</c>), the top-level column it belongs to; null for top-level columns.</summary>
    public string? Parent => State.Info.Parent;

    /// <summary>For a list column, the kind of its elements (null until a batch showed it, when the source does not say); null otherwise.</summary>
    public DataKind? ElementKind => State.Info.ElementKind ?? State.Elements?.Info.Kind;

    /// <summary>
    /// For a list column, the profile of its elements: every element of every list as one column named <c>name[]</c> (counts,
    /// nulls, distinct values, min and max, top values, …); null for other columns.
    /// </summary>
    public ColumnProfile? Elements => State.Elements is { } elements ? new ColumnProfile(elements) : null;

    /// <summary>
    /// For a list column, the profile of its list lengths as an integer column named <c>len(name)</c> (null where the list
    /// is null): quantiles, histograms, and what drift compares; null for other columns.
    /// </summary>
    public ColumnProfile? ListLengths => State.ListLengths is { } lengths ? new ColumnProfile(lengths) : null;

    /// <summary>Which statistics the column has.</summary>
    public ProfileFamily Family => State.Family;

    /// <summary>Rows seen.</summary>
    public long RowCount => State.Rows;

    /// <summary>Null rows.</summary>
    public long NullCount => State.Nulls;

    /// <summary>NaN values (floating columns); kept out of every statistic, like nulls.</summary>
    public long NaNCount => State.Float.NaNCount;

    /// <summary>+∞ and −∞ values; counted in min, max and mean (as pandas) but kept out of quantiles, histograms and drift.</summary>
    public long InfinityCount => State.PositiveInfinities + State.NegativeInfinities;

    /// <summary>Values that are neither null nor NaN.</summary>
    public long ValueCount => State.Rows - State.Nulls - State.Float.NaNCount;

    /// <summary>Null or NaN rows over all rows (0 for an empty column).</summary>
    public double MissingRate => State.Rows == 0 ? 0 : (double)(State.Nulls + State.Float.NaNCount) / State.Rows;

    /// <summary>Values equal to zero (numeric columns).</summary>
    public long ZeroCount => State.Zeros;

    /// <summary>Values below zero (numeric columns).</summary>
    public long NegativeCount => State.Negatives;

    /// <summary>Empty strings (string columns), empty binary values, empty lists.</summary>
    public long EmptyCount => State.Empties;

    /// <summary>true values (boolean columns).</summary>
    public long TrueCount => State.Trues;

    /// <summary>Smallest value (numeric and timestamp columns; ticks for timestamps), or null without values.</summary>
    public double? Min => Moments is { Count: > 0 } m ? m.Min : null;

    /// <summary>Largest value, or null without values.</summary>
    public double? Max => Moments is { Count: > 0 } m ? m.Max : null;

    /// <summary>Mean of the values (infinite when an infinity occurs), or null without values.</summary>
    public double? Mean => Moments is { Count: > 0 } m ? m.Sum / m.Count : null;

    /// <summary>Sample variance (ddof = 1, as pandas), or null with fewer than two values.</summary>
    public double? Variance => Moments is { Count: > 1 } m ? Math.Max(0, m.M2) / (m.Count - 1) : null;

    /// <summary>Sample standard deviation, or null with fewer than two values.</summary>
    public double? StandardDeviation => Variance is { } v ? Math.Sqrt(v) : null;

    /// <summary>Number of distinct non-null values (estimated above <see cref="ProfileOptions.ExactDistinctLimit"/>); lists are distinct by their elements in order; 0 for structs and maps.</summary>
    public long DistinctCount => State.Distinct.Estimate();

    /// <summary>Relative standard error of <see cref="DistinctCount"/>: 0 when exact, 0.81 % otherwise.</summary>
    public double DistinctRelativeError => State.Distinct.RelativeError;

    /// <summary>Whether quantiles and histograms are exact (every finite value kept).</summary>
    public bool QuantilesAreExact => State.Sketch?.IsExact ?? true;

    /// <summary>Whether the profile was built in exact mode (<see cref="ProfileOptions.Exact"/>): every value kept, however many.</summary>
    public bool KeepsAllValues => State.Sketch is { ExactLimit: long.MaxValue };

    /// <summary>Normalised rank error of quantiles, histograms and the sketched KS statistic: 0 when exact.</summary>
    public double QuantileRankError => State.Sketch?.RankError ?? 0;

    /// <summary>The most a count of <see cref="TopValues"/> is below the truth (0 when exact).</summary>
    public long TopValuesErrorBound => State.IntegerNumbers?.ErrorBound ?? State.Numbers?.ErrorBound ?? State.Categories!.ErrorBound;

    /// <summary>
    /// Exact smallest value of an integer column (ticks for timestamps), never rounded through double: null without
    /// values, for other kinds, and when a source delivered some of the column's values as floats.
    /// </summary>
    public Int128? IntegerMin => State.HoldsIntegers && State.Integer.Count > 0 ? State.Integer.Min : null;

    /// <summary>Exact largest value of an integer column (ticks for timestamps); null as for <see cref="IntegerMin"/>.</summary>
    public Int128? IntegerMax => State.HoldsIntegers && State.Integer.Count > 0 ? State.Integer.Max : null;

    /// <summary>Shortest string in code points (binary values: in bytes; lists: in elements), or null (no values, or another family).</summary>
    public long? MinLength => State.Lengths.Count > 0 ? (long)State.Lengths.Min : null;

    /// <summary>Longest string in code points (binary values: bytes; lists: elements), or null.</summary>
    public long? MaxLength => State.Lengths.Count > 0 ? (long)State.Lengths.Max : null;

    /// <summary>Mean string length in code points (binary values: bytes; lists: elements), or null.</summary>
    public double? MeanLength => State.Lengths.Count > 0 ? (double)State.Lengths.Sum / State.Lengths.Count : null;

    private Kernels.FloatMoments? Moments => State.Family is ProfileFamily.Numeric or ProfileFamily.Timestamp ? State.CombinedMoments() : null;

    /// <summary>The q-quantile (0 ≤ q ≤ 1) of the finite values (the lower one, no interpolation), or null without any.</summary>
    public double? Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (State.HoldsIntegers)
        {
            return IntegerQuantile(q) is { } exact ? (double)exact : null;
        }

        if (State.Values is not { Count: > 0 } sketch)
        {
            return null;
        }

        // The extremes are known exactly (moments track min and max): a sketch only approximates them, and a
        // suggested range or a report must never lose the one outlier a sketch compacted away.
        // Quantiles are over finite values (the sketch holds no NaN or infinity), so only finite extremes apply.
        var (min, max) = (Min is { } a && double.IsFinite(a) ? a : (double?)null, Max is { } b && double.IsFinite(b) ? b : (double?)null);
        if (q == 0 && min is { } exactMin)
        {
            return exactMin;
        }

        if (q == 1 && max is { } exactMax)
        {
            return exactMax;
        }

        var value = sketch.ToSample().Quantile(q);
        return Math.Min(Math.Max(value, min ?? value), max ?? value);
    }

    /// <summary>
    /// The q-quantile (0 ≤ q ≤ 1) of an integer column as an exact value of the column (ticks for timestamps; the lower
    /// one, no interpolation), or null: no values, or not an integer column (see <see cref="IntegerMin"/>). Sketched
    /// quantiles are within <see cref="QuantileRankError"/> in rank, and still values of the column.
    /// </summary>
    public Int128? IntegerQuantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (State.IntegerValues is not { Count: > 0 } sketch || IntegerMin is not { } min || IntegerMax is not { } max)
        {
            return null;
        }

        // The extremes are known exactly from the moments, even after the sketch compacted them away.
        return q == 0 ? min : q == 1 ? max : Int128.Clamp(sketch.Quantile(q)!.Value, min, max);
    }

    /// <summary>The <paramref name="k"/> most frequent values, most frequent first.</summary>
    /// <summary>The <paramref name="k"/> most frequent values, most frequent first (binary values as <c>\x</c>-hex, lists as JSON; none for structs and maps).</summary>
    public IReadOnlyList<ValueCount> TopValues(int k = 10)
    {
        if (State.IntegerNumbers is { } integers)
        {
            return [.. integers.Top(k, Comparer<Int128>.Default).Select(p => new ValueCount(FormatInteger(p.Key), p.Value))];
        }

        if (State.Numbers is { } numbers)
        {
            return [.. numbers.Top(k, Comparer<double>.Default).Select(p => new ValueCount(FormatNumber(p.Key), p.Value))];
        }

        return [.. State.Categories!.Top(k, Utf8KeyComparer.Instance).Select(p => new ValueCount(State.KeyText(p.Key), p.Value))];
    }

    /// <summary><paramref name="bins"/> bins of equal width between min and max of the finite values; null without values.</summary>
    public Histogram? EqualWidthHistogram(int bins = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (State.Sketch is not { Count: > 0 } sketch)
        {
            return null;
        }

        var sample = sketch.ToSample();
        var lo = sample.Values[0];
        var hi = sample.Values[^1];
        if (lo == hi)
        {
            return new Histogram([lo, hi], [sample.Total]);
        }

        var edges = new double[bins + 1];
        var width = hi - lo;
        for (var i = 0; i <= bins; i++)
        {
            // Finite values can span more than a double holds (-1e308 to 1e308): then interpolate, which never overflows.
            edges[i] = i == bins ? hi
                : double.IsFinite(width) ? lo + (width * i / bins)
                : (lo * ((double)(bins - i) / bins)) + (hi * ((double)i / bins));
        }

        return new Histogram(edges, BinCounts(sample, edges));
    }

    /// <summary>Bins at the baseline's quantiles (deciles by default), equal edges merged; null without values.</summary>
    public Histogram? QuantileHistogram(int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (State.Sketch is not { Count: > 0 } sketch)
        {
            return null;
        }

        var sample = sketch.ToSample();
        var edges = QuantileEdges(sample, bins);
        return new Histogram(edges, BinCounts(sample, edges));
    }

    /// <summary>Combines the profiles of two parts of the same column.</summary>
    /// <exception cref="InvalidOperationException">The columns differ in name or family.</exception>
    public ColumnProfile Merge(ColumnProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Name != Name)
        {
            throw new InvalidOperationException($"Cannot merge the profile of column '{other.Name}' into column '{Name}'.");
        }

        var merged = State.Clone();
        merged.Merge(other.State);
        return new ColumnProfile(merged);
    }

    /// <summary>Formats a numeric value of this column (timestamps as ISO-8601).</summary>
    public string FormatNumber(double value) =>
        Kind == DataKind.Timestamp && value >= DateTime.MinValue.Ticks && value <= DateTime.MaxValue.Ticks
            // (double)DateTime.MaxValue.Ticks rounds up past the last tick: clamp after converting.
            ? new DateTime(Math.Clamp((long)value, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks)).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats an exact value of an integer column (timestamps as ISO-8601 from their ticks).</summary>
    internal string FormatInteger(Int128 value) =>
        Kind == DataKind.Timestamp && value >= DateTime.MinValue.Ticks && value <= DateTime.MaxValue.Ticks
            ? new DateTime((long)value).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>min, the (i/bins)-quantiles for i = 1..bins−1, and max, with repeats removed.</summary>
    internal static double[] QuantileEdges(WeightedSample sample, int bins)
    {
        var edges = new List<double> { sample.Values[0] };
        for (var i = 1; i < bins; i++)
        {
            var q = sample.Quantile((double)i / bins);
            if (q > edges[^1])
            {
                edges.Add(q);
            }
        }

        if (sample.Values[^1] > edges[^1] || edges.Count == 1)
        {
            edges.Add(sample.Values[^1]);
        }

        return [.. edges];
    }

    /// <summary>Counts per bin (Edges[i], Edges[i+1]]; the first bin is closed, values outside the edges go to the end bins.</summary>
    internal static long[] BinCounts(WeightedSample sample, IReadOnlyList<double> edges)
    {
        var counts = new long[edges.Count - 1];
        var bin = 0;
        for (var i = 0; i < sample.Values.Length; i++)
        {
            var x = sample.Values[i];
            while (bin < counts.Length - 1 && x > edges[bin + 1])
            {
                bin++;
            }

            counts[bin] += sample.Weights[i];
        }

        return counts;
    }
}
