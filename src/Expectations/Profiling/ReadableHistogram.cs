namespace Expectations.Profiling;

/// <summary>Where a bin of a <see cref="ReadableHistogram"/> lies.</summary>
internal enum BinPlace
{
    /// <summary>Below the body: from the minimum up to (not including) the body's first edge.</summary>
    Below,
    /// <summary>One of the equal-width bins of the body.</summary>
    Body,
    /// <summary>Above the body: past its last edge up to the maximum.</summary>
    Above,
}

/// <summary>One bin: its range, its label for a person, and how many values it holds.</summary>
internal sealed record ReadableBin(double Lower, double Upper, BinPlace Place, string Label, long Count);

/// <summary>
/// The histogram the reports draw: equal-width bins over the body of the values, between the 1st and the 99th
/// percentile, and each tail that would stretch the axis by more than the body's width drawn apart as one bin labelled
/// with its range (up to the exact minimum or maximum) and its count. So an outlier of 12,500,000 among values up to
/// ~700 is one labelled bar, not an axis where every other value falls into the first bin; and a compacted quantile
/// sketch that dropped the outlier cannot hide it, since the tail's end is the exact maximum. Integer columns get
/// whole-number edges (labels <c>1000001–1000250</c>), timestamps ISO labels.
/// </summary>
internal sealed class ReadableHistogram
{
    private ReadableHistogram(ColumnProfile column, IReadOnlyList<double> edges, double min, double max, bool below, bool above, bool shifted)
    {
        Shifted = shifted;
        Column = column;
        Edges = edges;
        Min = min;
        Max = max;
        HasBelow = below;
        HasAbove = above;
    }

    /// <summary>The column whose values fix the bins.</summary>
    public ColumnProfile Column { get; }

    /// <summary>The body's edges: <c>(Edges[i], Edges[i + 1]]</c>, the first bin closed (for whole numbers every bin is half-open and the first edge one below the first value).</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>The smallest finite value (the lower end of the lower tail).</summary>
    public double Min { get; }

    /// <summary>The largest finite value (the upper end of the upper tail).</summary>
    public double Max { get; }

    /// <summary>Whether the values are whole numbers (integer and timestamp columns).</summary>
    private bool Integral => Column.State.HoldsIntegers;

    /// <summary>
    /// Whether the first edge is one below the first whole value, so every bin is (a, b] = a + 1 … b; not where doubles
    /// cannot tell the two apart (beyond 2^53, as ticks of timestamps are), whose first bin is closed instead.
    /// </summary>
    private bool Shifted { get; }

    /// <summary>Whether values below the body are drawn as a tail bin.</summary>
    public bool HasBelow { get; }

    /// <summary>Whether values above the body are drawn as a tail bin.</summary>
    public bool HasAbove { get; }

    /// <summary>The bins of <paramref name="column"/> (at most <paramref name="bins"/> in the body), or null without finite values.</summary>
    public static ReadableHistogram? Of(ColumnProfile column, int bins = 20)
    {
        if (column.State.Sketch is not { Count: > 0 } sketch)
        {
            return null;
        }

        var sample = sketch.ToSample();
        // The extremes are exact (moments), the sketch's may have been compacted away.
        var min = column.Min is { } a && double.IsFinite(a) ? Math.Min(a, sample.Values[0]) : sample.Values[0];
        var max = column.Max is { } b && double.IsFinite(b) ? Math.Max(b, sample.Values[^1]) : sample.Values[^1];
        var lo = column.Quantile(0.01) ?? min;
        var hi = column.Quantile(0.99) ?? max;
        var body = hi - lo;
        var below = body > 0 && lo - min > body;
        var above = body > 0 && max - hi > body;
        var from = below ? lo : min;
        var to = above ? hi : max;
        // Whole numbers: the bins are (a, b] = a + 1 … b, so the first edge is one below the first value.
        var integral = column.State.HoldsIntegers;
        var shifted = integral && from - 1 < from;
        return new ReadableHistogram(column, EqualEdges(shifted ? from - 1 : from, to, bins, integral), min, max, below, above, shifted);
    }

    /// <summary>The bins with the counts of <paramref name="profile"/>'s values (the column itself, or another side of a drift comparison).</summary>
    public IReadOnlyList<ReadableBin> Bins(ColumnProfile profile)
    {
        var (below, body, above, _, _) = Count(profile);
        var bins = new List<ReadableBin>();
        var span = TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks, Math.Max(0, Edges[^1] - Edges[0])));
        if (HasBelow || below > 0)
        {
            var lower = Math.Min(Min, LowestOf(profile) ?? Min);
            var label = BelowLabel(lower, span);
            bins.Add(new ReadableBin(lower, Edges[0], BinPlace.Below, label, below));
        }

        for (var i = 0; i < body.Length; i++)
        {
            bins.Add(new ReadableBin(Edges[i], Edges[i + 1], BinPlace.Body, BodyLabel(i, span), body[i]));
        }

        if (HasAbove || above > 0)
        {
            var upper = Math.Max(Max, HighestOf(profile) ?? Max);
            bins.Add(new ReadableBin(Edges[^1], upper, BinPlace.Above, AboveLabel(upper, span), above));
        }

        return bins;
    }

    /// <summary>
    /// The bins with the counts of both sides of a drift comparison, on this (the baseline's) histogram: the body's bins,
    /// and a tail bin below or above wherever the baseline has one or either side has values there.
    /// </summary>
    public IReadOnlyList<(ReadableBin Baseline, long Current)> Pair(ColumnProfile current)
    {
        var (bBelow, bBody, bAbove, bLow, bHigh) = Count(Column);
        var (cBelow, cBody, cAbove, cLow, cHigh) = Count(current);
        var span = TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks, Math.Max(0, Edges[^1] - Edges[0])));
        var pairs = new List<(ReadableBin, long)>();
        if (HasBelow || bBelow > 0 || cBelow > 0)
        {
            var lower = Math.Min(bLow ?? Min, cLow ?? Min);
            var label = BelowLabel(lower, span);
            pairs.Add((new ReadableBin(lower, Edges[0], BinPlace.Below, label, bBelow), cBelow));
        }

        for (var i = 0; i < bBody.Length; i++)
        {
            pairs.Add((new ReadableBin(Edges[i], Edges[i + 1], BinPlace.Body, BodyLabel(i, span), bBody[i]), cBody[i]));
        }

        if (HasAbove || bAbove > 0 || cAbove > 0)
        {
            var upper = Math.Max(bHigh ?? Max, cHigh ?? Max);
            pairs.Add((new ReadableBin(Edges[^1], upper, BinPlace.Above, AboveLabel(upper, span), bAbove), cAbove));
        }

        return pairs;
    }

    /// <summary>A value on this histogram's axis, formatted for its column (ISO timestamps rounded to the span, whole integers).</summary>
    public string Format(double x, TimeSpan span) =>
        Column.Kind == DataKind.Timestamp ? ReadableValues.Timestamp(x, span)
        : Column.State.HoldsIntegers ? ReadableValues.Value(Column, Math.Round(x))
        : ReadableValues.Number(x);

    private string BelowLabel(double lower, TimeSpan span)
    {
        var (a, b) = Distinct(lower, Edges[0], span);
        return Shifted && Column.Kind != DataKind.Timestamp ? $"from {a} to {b}" : $"from {a} to below {b}";
    }

    private string AboveLabel(double upper, TimeSpan span)
    {
        var (a, b) = Distinct(Edges[^1], upper, span);
        return $"above {a}, up to {b}";
    }

    /// <summary>Two ends of a tail, rounded to the span unless that makes them read the same (then every digit).</summary>
    private (string A, string B) Distinct(double a, double b, TimeSpan span)
    {
        var (fa, fb) = (Format(a, span), Format(b, span));
        return fa == fb && a != b ? (Format(a, TimeSpan.Zero), Format(b, TimeSpan.Zero)) : (fa, fb);
    }

    private string BodyLabel(int i, TimeSpan span)
    {
        if (Column.State.HoldsIntegers && Column.Kind != DataKind.Timestamp)
        {
            // Whole-number edges: the bin (a, b] holds a + 1 … b (the first one, when not shifted, also a).
            var first = Shifted || i > 0 ? Edges[i] + 1 : Edges[0];
            return first == Edges[i + 1] ? Format(first, span) : $"{Format(first, span)}–{Format(Edges[i + 1], span)}";
        }

        return $"{Format(Edges[i], span)} – {Format(Edges[i + 1], span)}";
    }

    private (long Below, long[] Body, long Above, double? Lowest, double? Highest) Count(ColumnProfile profile)
    {
        var body = new long[Edges.Count - 1];
        long below = 0, above = 0;
        if (profile.State.Sketch is not { Count: > 0 } sketch)
        {
            return (0, body, 0, null, null);
        }

        var sample = sketch.ToSample();
        for (var i = 0; i < sample.Values.Length; i++)
        {
            var x = sample.Values[i];
            if (x < Edges[0] || (Shifted && x <= Edges[0]))
            {
                below += sample.Weights[i];
            }
            else if (x > Edges[^1])
            {
                above += sample.Weights[i];
            }
            else
            {
                // The first edge at or above x ends x's bin; the first bin is closed below.
                var (l, r) = (1, Edges.Count - 1);
                while (l < r)
                {
                    var m = (l + r) / 2;
                    if (Edges[m] >= x)
                    {
                        r = m;
                    }
                    else
                    {
                        l = m + 1;
                    }
                }

                body[l - 1] += sample.Weights[i];
            }
        }

        // The exact extremes may lie beyond the sketch's items (compacted away): their tail holds at least that one value.
        if (LowestOf(profile) is { } low && (low < Edges[0] || (Shifted && low <= Edges[0])) && below == 0)
        {
            below = 1;
            Take(body, 0);
        }

        if (HighestOf(profile) is { } high && high > Edges[^1] && above == 0)
        {
            above = 1;
            Take(body, body.Length - 1);
        }

        return (below, body, above, LowestOf(profile), HighestOf(profile));
    }

    private static void Take(long[] counts, int at)
    {
        if (counts[at] > 0)
        {
            counts[at]--;
        }
    }

    private static double? LowestOf(ColumnProfile p) => p.Min is { } v && double.IsFinite(v) ? v : p.State.Sketch is { Count: > 0 } s ? s.ToSample().Values[0] : null;

    private static double? HighestOf(ColumnProfile p) => p.Max is { } v && double.IsFinite(v) ? v : p.State.Sketch is { Count: > 0 } s ? s.ToSample().Values[^1] : null;

    /// <summary><paramref name="bins"/> equal-width edges from <paramref name="lo"/> to <paramref name="hi"/>; whole numbers for integers, repeats removed.</summary>
    private static double[] EqualEdges(double lo, double hi, int bins, bool integral)
    {
        if (lo >= hi)
        {
            return [lo, hi];
        }

        var edges = new List<double> { lo };
        var width = hi - lo;
        for (var i = 1; i <= bins; i++)
        {
            var e = i == bins ? hi
                : double.IsFinite(width) ? lo + (width * i / bins)
                : (lo * ((double)(bins - i) / bins)) + (hi * ((double)i / bins));
            if (integral)
            {
                e = Math.Round(e);
            }

            if (e > edges[^1])
            {
                edges.Add(e);
            }
        }

        return [.. edges];
    }
}
