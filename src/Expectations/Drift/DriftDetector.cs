using System.Globalization;
using Expectations.Drift;
using Expectations.Profiling;

namespace Expectations;

/// <summary>
/// Compares current data with a baseline (a saved <see cref="DatasetProfile"/> or a dataset):
/// numeric columns by KS, PSI over the baseline's quantile bins, Jensen–Shannon, normalised Wasserstein-1 and
/// the changes of mean, stdev and missing rate; string, boolean and binary columns by L∞, chi-square, PSI and
/// Jensen–Shannon over categories (binary values as <c>\x</c>-hex), plus new and vanished categories; list columns by
/// the numeric tests over their list lengths (their elements are not compared); struct and map columns by their missing
/// rate only (their fields are columns of their own). Thresholds: <see cref="DriftOptions"/>.
/// </summary>
public static class DriftDetector
{
    /// <summary>
    /// Compares two profiles over <paramref name="columns"/> (default: every column of the baseline). A baseline column
    /// the current data lacks is a <see cref="DriftStatus.Missing"/> entry, which fails <see cref="DriftReport.Passed"/>
    /// unless <see cref="DriftOptions.AllowMissingColumns"/>; columns only in the current data are listed in
    /// <see cref="DriftReport.OnlyInCurrent"/> and do not fail it.
    /// </summary>
    /// <remarks>A requested column the baseline lacks is an <see cref="DriftStatus.Error"/> entry.</remarks>
    public static DriftReport Compare(DatasetProfile baseline, DatasetProfile current, DriftOptions? options = null, IReadOnlyCollection<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= DriftOptions.Default;
        options.ThrowIfInvalid();
        var names = columns ?? [.. baseline.Columns.Select(c => c.Name)];
        var results = new List<ColumnDrift>();
        foreach (var name in names)
        {
            var b = baseline.Column(name);
            var c = current.Column(name);
            results.Add(b is null ? NotInBaseline(name, c?.Family ?? ProfileFamily.Numeric)
                : c is null ? MissingColumn(name, b.Family)
                : CompareColumn(b, c, options));
        }

        return new DriftReport(baseline.Source, current.Source, Rank(results))
        {
            OnlyInBaseline = [.. baseline.Columns.Select(c => c.Name).Where(n => current.Column(n) is null)],
            OnlyInCurrent = [.. current.Columns.Select(c => c.Name).Where(n => baseline.Column(n) is null)],
            MissingColumnsAllowed = options.AllowMissingColumns,
        };
    }

    /// <summary>
    /// Profiles both datasets over <paramref name="columns"/> (default: every column of the baseline) and compares them;
    /// baseline columns the current data lacks are <see cref="DriftStatus.Missing"/> entries, as in
    /// <see cref="Compare(DatasetProfile, DatasetProfile, DriftOptions?, IReadOnlyCollection{string}?)"/>.
    /// </summary>
    public static async Task<DriftReport> CompareAsync(IDataSource baseline, IDataSource current, DriftOptions? options = null, ProfileOptions? profileOptions = null, IReadOnlyCollection<string>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= DriftOptions.Default;
        var requested = columns ?? [.. baseline.Columns.Select(c => c.Name)];
        var shared = requested.Where(n => Has(baseline, n) && Has(current, n)).Distinct(StringComparer.Ordinal).ToList();
        var b = await DatasetProfile.BuildAsync(baseline, profileOptions, shared, cancellationToken).ConfigureAwait(false);
        var c = await DatasetProfile.BuildAsync(current, profileOptions, shared, cancellationToken).ConfigureAwait(false);
        return WithAbsentColumns(Compare(b, c, options, shared), requested, name => FamilyIn(baseline, name), baseline.Columns.Select(x => x.Name), current.Columns.Select(x => x.Name));
    }

    /// <summary>
    /// Training/serving skew in one call: profiles the serving sample's columns that the training profile
    /// has, compares each, and returns the columns worst first. Training columns the serving data lacks are
    /// <see cref="DriftStatus.Missing"/> entries (a feature the model expects is gone).
    /// </summary>
    public static async Task<DriftReport> TrainServeSkewAsync(DatasetProfile training, IDataSource serving, DriftOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(serving);
        options ??= DriftOptions.Default;
        var shared = serving.Columns.Select(c => c.Name).Where(n => training.Column(n) is not null).ToList();
        var current = await DatasetProfile.BuildAsync(serving, Exactness(training), shared, cancellationToken).ConfigureAwait(false);
        return WithAbsentColumns(Compare(training, current, options, shared), [.. training.Columns.Select(c => c.Name)], name => training.Column(name)?.Family, training.Columns.Select(c => c.Name), serving.Columns.Select(c => c.Name));
    }

    /// <summary>Training/serving skew with the training data itself as the baseline.</summary>
    public static async Task<DriftReport> TrainServeSkewAsync(IDataSource training, IDataSource serving, DriftOptions? options = null, ProfileOptions? profileOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        var profile = await DatasetProfile.BuildAsync(training, profileOptions, null, cancellationToken).ConfigureAwait(false);
        return await TrainServeSkewAsync(profile, serving, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compares one column of the baseline with the same column of the current data.</summary>
    public static ColumnDrift CompareColumn(ColumnProfile baseline, ColumnProfile current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        options ??= DriftOptions.Default;
        var name = baseline.Name;
        if (baseline.Family != current.Family)
        {
            return new ColumnDrift(name, baseline.Family, DriftStatus.Error, [])
            {
                Message = $"column '{name}' is {Describe(baseline)} in the baseline but {Describe(current)} in the current data: the distributions cannot be compared",
            };
        }

        if (baseline.RowCount == 0 || current.RowCount == 0)
        {
            return new ColumnDrift(name, baseline.Family, DriftStatus.Error, [])
            {
                Message = $"column '{name}' has no rows in {(baseline.RowCount == 0 ? "the baseline" : "the current data")}: nothing to compare",
            };
        }

        var missing = MissingRateTest(baseline, current, options);
        if (!options.CompareIdentifiers && IdentifierLike(baseline) is { } why)
        {
            return new ColumnDrift(name, baseline.Family, DriftStatus.Compared, [missing])
            {
                Message = $"column '{name}' looks like an identifier ({why}): its distribution is not meaningful, so only its missing rate is compared (DriftOptions.CompareIdentifiers compares it)",
            };
        }

        return baseline.Family switch
        {
            ProfileFamily.Numeric or ProfileFamily.Timestamp => CompareNumeric(baseline, current, options, missing),
            ProfileFamily.List => CompareListLengths(baseline, current, options, missing),
            ProfileFamily.Nested => new ColumnDrift(name, baseline.Family, DriftStatus.Compared, [missing])
            {
                Message = $"column '{name}' is a {(baseline.Kind == DataKind.Map ? "MAP" : "STRUCT")}: only its missing rate is compared; its {(baseline.Kind == DataKind.Map ? "keys and values" : "fields")} ({name}.…) are compared as columns of their own",
            },
            _ => CompareCategorical(baseline, current, options, missing),
        };
    }

    /// <summary>
    /// Why a column's values look like identifiers, or null: integer, text or binary values nearly all distinct (at least 95 %
    /// of them, and more than 50), or text with more than 100 distinct values in more than half of its rows. Floats and
    /// timestamps are never identifiers here: their values are distinct by nature and their drift is meaningful.
    /// </summary>
    internal static string? IdentifierLike(ColumnProfile c)
    {
        var values = c.ValueCount;
        var distinct = c.DistinctCount;
        var discrete = c.Kind == DataKind.Integer || c.Family is ProfileFamily.String or ProfileFamily.Binary;
        if (!discrete || values <= 50)
        {
            return null;
        }

        if (distinct >= 0.95 * values)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"about {distinct:N0} distinct of {values:N0} values");
        }

        return c.Family == ProfileFamily.String && distinct > 100 && distinct > values / 2
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"high-cardinality text: about {distinct:N0} distinct of {values:N0} values")
            : null;
    }

    /// <summary>A list column: the numeric tests over its list lengths, reported under the list's name; the elements are not compared.</summary>
    private static ColumnDrift CompareListLengths(ColumnProfile baseline, ColumnProfile current, DriftOptions o, DriftTest missing)
    {
        var drift = CompareNumeric(baseline.ListLengths!, current.ListLengths!, o, missing);
        const string what = "compared on list lengths (number of elements); the elements themselves are not compared";
        return drift with
        {
            Column = baseline.Name,
            Family = ProfileFamily.List,
            Message = drift.Message is { } m ? $"{m.Replace(baseline.ListLengths!.Name, baseline.Name, StringComparison.Ordinal)}; {what}" : $"column '{baseline.Name}' is a LIST: {what}",
        };
    }

    /// <summary>Errors first, then missing columns, then drifted columns, then by score, then by name.</summary>
    internal static IReadOnlyList<ColumnDrift> Rank(IEnumerable<ColumnDrift> columns) =>
        [.. columns.OrderByDescending(c => c.Status == DriftStatus.Error).ThenByDescending(c => c.Status == DriftStatus.Missing).ThenByDescending(c => c.Drifted).ThenByDescending(c => c.Score).ThenBy(c => c.Column, StringComparer.Ordinal)];

    /// <summary>A baseline column the current data lacks.</summary>
    private static ColumnDrift MissingColumn(string name, ProfileFamily family) =>
        new(name, family, DriftStatus.Missing, []) { Message = $"column '{name}' is in the baseline but not in the current data" };

    /// <summary>A requested column the baseline lacks: nothing to compare with.</summary>
    private static ColumnDrift NotInBaseline(string name, ProfileFamily family) =>
        new(name, family, DriftStatus.Error, []) { Message = $"column '{name}' is not in the baseline" };

    /// <summary>
    /// <paramref name="compared"/> (over the shared columns) plus an entry for each requested column that was not
    /// compared: <see cref="DriftStatus.Missing"/> when the baseline has it, an error when it does not; and the schema
    /// differences of the two sides.
    /// </summary>
    private static DriftReport WithAbsentColumns(DriftReport compared, IReadOnlyCollection<string> requested, Func<string, ProfileFamily?> baselineFamily, IEnumerable<string> baselineNames, IEnumerable<string> currentNames)
    {
        var done = compared.Columns.Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        var absent = requested.Distinct(StringComparer.Ordinal).Where(n => !done.Contains(n))
            .Select(n => baselineFamily(n) is { } family ? MissingColumn(n, family) : NotInBaseline(n, ProfileFamily.Numeric));
        var b = baselineNames.ToList();
        var c = currentNames.ToList();
        return compared with
        {
            Columns = Rank(compared.Columns.Concat(absent)),
            OnlyInBaseline = [.. b.Where(n => !c.Contains(n, StringComparer.Ordinal))],
            OnlyInCurrent = [.. c.Where(n => !b.Contains(n, StringComparer.Ordinal))],
        };
    }

    private static bool Has(IDataSource source, string name) => source.Columns.Any(c => c.Name == name);

    private static ProfileFamily? FamilyIn(IDataSource source, string name) =>
        source.Columns.FirstOrDefault(c => c.Name == name) is { } info ? ColumnProfileState.FamilyOf(info.Kind) : null;

    private static ProfileOptions Exactness(DatasetProfile training) =>
        training.Columns.Any(c => c.KeepsAllValues) ? ProfileOptions.Exact : ProfileOptions.Default;

    private static string Describe(ColumnProfile c) => $"{c.Family.ToString().ToLowerInvariant()} ({c.PhysicalType})";

    private static DriftTest MissingRateTest(ColumnProfile b, ColumnProfile c, DriftOptions o)
    {
        var change = Math.Abs(c.MissingRate - b.MissingRate);
        return new DriftTest(DriftMethods.MissingRate, change, null, o.MissingRateChange, o.MissingRateChange is { } t && change >= t)
        {
            Note = $"missing rate {b.MissingRate:0.####} → {c.MissingRate:0.####}",
        };
    }

    private static DriftTest Skipped(string method, double? threshold, string note) => new(method, null, null, threshold, false) { Note = note };

    private static ColumnDrift CompareNumeric(ColumnProfile baseline, ColumnProfile current, DriftOptions o, DriftTest missing)
    {
        var name = baseline.Name;
        var bs = baseline.State.Sketch!.ToSample();
        var cs = current.State.Sketch!.ToSample();
        if (bs.IsEmpty || cs.IsEmpty)
        {
            var note = $"no finite values in {(bs.IsEmpty ? "the baseline" : "the current data")}";
            return new ColumnDrift(name, baseline.Family, DriftStatus.NoValues,
            [
                Skipped(DriftMethods.KolmogorovSmirnov, o.KsPValue, note), Skipped(DriftMethods.Psi, o.Psi, note),
                Skipped(DriftMethods.JensenShannon, o.JensenShannon, note), Skipped(DriftMethods.Wasserstein, o.Wasserstein, note),
                missing,
            ]) { Message = $"column '{name}' has {note}: only the missing rate is compared" };
        }

        var sketchError = baseline.QuantileRankError + current.QuantileRankError;
        var sketchNote = sketchError > 0 ? $"from quantile sketches: within ±{sketchError:0.####} of the exact statistic" : null;
        var d = DriftStatistics.KolmogorovSmirnov(bs, cs);
        var p = DriftStatistics.KolmogorovSmirnovPValue(d, bs.Total, cs.Total);
        var ks = new DriftTest(DriftMethods.KolmogorovSmirnov, d, p, o.KsPValue, o.KsPValue is { } kt && p < kt) { ErrorBound = sketchError, Note = sketchNote };

        var edges = PsiEdges(bs, o.Bins);
        var bp = Proportions(ColumnProfile.BinCounts(bs, edges));
        var cp = Proportions(ColumnProfile.BinCounts(cs, edges));
        var labels = BinLabels(baseline, edges);
        var (psiTest, jsTest) = PsiAndJs(labels, bp, cp, o, $"{bp.Length} bins at the baseline's quantiles; empty bins floored at {o.PsiEpsilon}", "log base 2, over the PSI bins");

        var w1 = DriftStatistics.Wasserstein(bs, cs);
        var (scale, scaleNote) = WassersteinScale(baseline, bs);
        var w = w1 / scale;
        var wTest = new DriftTest(DriftMethods.Wasserstein, w, null, o.Wasserstein, o.Wasserstein is { } wt && w >= wt) { Note = scaleNote };

        var tests = new List<DriftTest> { ks, psiTest, jsTest, wTest, missing };
        // Notes for reading: a timestamp's mean as a date, its standard deviation as a duration, numbers rounded.
        var timestamp = baseline.Kind == DataKind.Timestamp;
        tests.Add(RelativeChange(DriftMethods.Mean, baseline.Mean, current.Mean, o.MeanChange, timestamp ? x => ReadableValues.Timestamp(x, TimeSpan.FromMinutes(1)) : ReadableValues.Precise));
        tests.Add(RelativeChange(DriftMethods.Stdev, baseline.StandardDeviation, current.StandardDeviation, o.StdevChange, timestamp ? ReadableValues.Duration : ReadableValues.Precise));
        return new ColumnDrift(name, baseline.Family, DriftStatus.Compared, tests) { Distribution = HistogramOf(baseline, current) };
    }

    /// <summary>PSI and Jensen–Shannon over the same bins or categories, each with its worst contributors.</summary>
    private static (DriftTest Psi, DriftTest JensenShannon) PsiAndJs(IReadOnlyList<string> labels, double[] bp, double[] cp, DriftOptions o, string psiNote, string jsNote)
    {
        var contributions = new double[bp.Length];
        var psi = DriftStatistics.PopulationStabilityIndex(bp, cp, o.PsiEpsilon, contributions);
        var psiTest = new DriftTest(DriftMethods.Psi, psi, null, o.Psi, o.Psi is { } pt && psi >= pt)
        {
            Worst = Worst(labels, bp, cp, contributions, o.WorstCount),
            Note = psiNote,
        };
        var js = DriftStatistics.JensenShannon(bp, cp);
        var jsTest = new DriftTest(DriftMethods.JensenShannon, js, null, o.JensenShannon, o.JensenShannon is { } jt && js >= jt)
        {
            Worst = Worst(labels, bp, cp, JsTerms(bp, cp), o.WorstCount),
            Note = jsNote,
        };
        return (psiTest, jsTest);
    }

    private static (double Scale, string Note) WassersteinScale(ColumnProfile baseline, WeightedSample bs)
    {
        // Infinities make the kernel's moments infinite: fall back to the sketch's values, then to the range.
        var sd = baseline.InfinityCount == 0 ? baseline.StandardDeviation : null;
        if (sd is { } s && s > 0 && double.IsFinite(s))
        {
            return (s, "Wasserstein-1 divided by the baseline's standard deviation");
        }

        var range = bs.Values[^1] - bs.Values[0];
        return range > 0
            ? (range, "the baseline's standard deviation is 0 or undefined: divided by the baseline's range instead")
            : (1, "the baseline is constant: Wasserstein-1 is not normalised");
    }

    private static DriftTest RelativeChange(string method, double? b, double? c, double? threshold, Func<double, string> format)
    {
        if (b is not { } x || c is not { } y || !double.IsFinite(x) || !double.IsFinite(y))
        {
            return Skipped(method, threshold, "not defined: too few values, or infinite values");
        }

        if (x == 0)
        {
            return Skipped(method, threshold, $"baseline value is 0: relative change undefined (current {format(y)})");
        }

        var change = Math.Abs(y - x) / Math.Abs(x);
        return new DriftTest(method, change, null, threshold, threshold is { } t && change >= t) { Note = $"{format(x)} → {format(y)}" };
    }

    private static ColumnDrift CompareCategorical(ColumnProfile baseline, ColumnProfile current, DriftOptions o, DriftTest missing)
    {
        var name = baseline.Name;
        var bf = baseline.State.Categories!;
        var cf = current.State.Categories!;
        if (bf.Total == 0 || cf.Total == 0)
        {
            var note = $"no values in {(bf.Total == 0 ? "the baseline" : "the current data")}";
            return new ColumnDrift(name, baseline.Family, DriftStatus.NoValues,
            [
                Skipped(DriftMethods.LInfinity, o.LInfinity, note), Skipped(DriftMethods.ChiSquare, o.ChiSquarePValue, note),
                Skipped(DriftMethods.Psi, o.Psi, note), Skipped(DriftMethods.JensenShannon, o.JensenShannon, note),
                missing,
            ]) { Message = $"column '{name}' has {note}: only the missing rate is compared" };
        }

        var keys = bf.Counts.Keys.Union(cf.Counts.Keys, Utf8KeyComparer.Instance).ToList();
        keys.Sort((x, y) => x.AsSpan().SequenceCompareTo(y));
        var labels = keys.Select(baseline.State.KeyText).ToList();
        var approximate = !bf.IsExact || !cf.IsExact;
        var n = keys.Count + (approximate ? 1 : 0);
        var bc = new double[n];
        var cc = new double[n];
        for (var i = 0; i < keys.Count; i++)
        {
            bc[i] = bf.Counts.TryGetValue(keys[i], out var x) ? x : 0;
            cc[i] = cf.Counts.TryGetValue(keys[i], out var y) ? y : 0;
        }

        if (approximate)
        {
            // Values the summaries forgot: their total, as one "(other)" category.
            labels.Add("(other)");
            bc[^1] = bf.Total - bc.Sum();
            cc[^1] = cf.Total - cc.Sum();
        }

        var bp = bc.Select(x => x / bf.Total).ToArray();
        var cp = cc.Select(x => x / cf.Total).ToArray();
        var diffs = bp.Select((x, i) => Math.Abs(cp[i] - x)).ToArray();
        var linf = DriftStatistics.LInfinity(bp, cp);
        var linfTest = new DriftTest(DriftMethods.LInfinity, linf, null, o.LInfinity, o.LInfinity is { } lt && linf >= lt)
        {
            Worst = Worst(labels, bp, cp, diffs, o.WorstCount),
            Note = approximate ? $"counts approximate (frequency summaries, error ≤ {bf.ErrorBound + cf.ErrorBound} values)" : null,
        };
        var (chi2, dof, p) = DriftStatistics.ChiSquare(bc, cc);
        var chiTest = new DriftTest(DriftMethods.ChiSquare, chi2, p, o.ChiSquarePValue, o.ChiSquarePValue is { } ct && p < ct)
        {
            Note = $"{dof} degrees of freedom, no continuity correction",
        };
        var (psiTest, jsTest) = PsiAndJs(labels, bp, cp, o, $"over categories; empty categories floored at {o.PsiEpsilon}", "log base 2");

        return new ColumnDrift(name, baseline.Family, DriftStatus.Compared, [linfTest, chiTest, psiTest, jsTest, missing])
        {
            Distribution = CategoriesOf(labels, bc, cc),
            NewCategories = bf.IsExact ? [.. keys.Where(k => !bf.Counts.ContainsKey(k)).Select(baseline.State.KeyText)] : [],
            VanishedCategories = cf.IsExact ? [.. keys.Where(k => !cf.Counts.ContainsKey(k)).Select(baseline.State.KeyText)] : [],
        };
    }

    /// <summary>
    /// Bin edges for PSI and JS: −∞, the baseline's distinct (i/bins)-quantiles for i = 1..bins−1, +∞, so current
    /// values outside the baseline's range fall into the end bins. A constant baseline v gets the bins
    /// (−∞, v), [v, v] and (v, ∞), so any change shows.
    /// </summary>
    internal static double[] PsiEdges(WeightedSample baseline, int bins)
    {
        var cuts = new List<double>();
        for (var i = 1; i < bins; i++)
        {
            var q = baseline.Quantile((double)i / bins);
            if (cuts.Count == 0 || q > cuts[^1])
            {
                cuts.Add(q);
            }
        }

        if (baseline.Values[0] == baseline.Values[^1])
        {
            cuts = [Math.BitDecrement(baseline.Values[0]), baseline.Values[0]];
        }

        return [double.NegativeInfinity, .. cuts, double.PositiveInfinity];
    }

    private static double[] Proportions(long[] counts)
    {
        double total = counts.Sum();
        return [.. counts.Select(c => total == 0 ? 0 : c / total)];
    }

    private static double[] JsTerms(double[] p, double[] q) =>
        [.. p.Select((x, i) =>
        {
            var m = (x + q[i]) / 2;
            return (x > 0 ? 0.5 * x * Math.Log2(x / m) : 0) + (q[i] > 0 ? 0.5 * q[i] * Math.Log2(q[i] / m) : 0);
        })];

    private static IReadOnlyList<DriftContribution> Worst(IReadOnlyList<string> labels, double[] b, double[] c, double[] contributions, int k) =>
        [.. Enumerable.Range(0, b.Length)
            .Where(i => contributions[i] > 0)
            .OrderByDescending(i => contributions[i])
            .Take(k)
            .Select(i => new DriftContribution(labels[i], b[i], c[i], contributions[i]))];

    /// <summary>Both sides on the baseline's readable histogram (its 1st–99th percentile body and tails), for the chart.</summary>
    private static DriftDistribution? HistogramOf(ColumnProfile baseline, ColumnProfile current) =>
        ReadableHistogram.Of(baseline) is { } h
            ? new DriftDistribution(true, [.. h.Pair(current).Select(p => new DriftBin(p.Baseline.Label, p.Baseline.Count, p.Current, p.Baseline.Place != BinPlace.Body))])
            : null;

    /// <summary>The categories most frequent on either side (at most 12), ordered by their baseline share; the others as one last bar.</summary>
    private static DriftDistribution CategoriesOf(IReadOnlyList<string> labels, double[] bc, double[] cc)
    {
        const int Shown = 12;
        double bt = Math.Max(1, bc.Sum()), ct = Math.Max(1, cc.Sum());
        var top = Enumerable.Range(0, labels.Count)
            .OrderByDescending(i => Math.Max(bc[i] / bt, cc[i] / ct)).ThenBy(i => labels[i], StringComparer.Ordinal)
            .Take(labels.Count > Shown ? Shown - 1 : Shown)
            .OrderByDescending(i => bc[i]).ThenByDescending(i => cc[i]).ThenBy(i => labels[i], StringComparer.Ordinal)
            .ToList();
        var bins = top.Select(i => new DriftBin(labels[i].Length == 0 ? "(empty)" : labels[i], (long)bc[i], (long)cc[i])).ToList();
        if (top.Count < labels.Count)
        {
            var rest = Enumerable.Range(0, labels.Count).Except(top).ToList();
            bins.Add(new DriftBin($"({rest.Count:N0} other values)", (long)rest.Sum(i => bc[i]), (long)rest.Sum(i => cc[i])));
        }

        return new DriftDistribution(false, bins);
    }

    private static List<string> BinLabels(ColumnProfile column, double[] edges)
    {
        string F(double x) => column.Kind == DataKind.Timestamp ? column.FormatNumber(x) : ReadableValues.Precise(x);
        var labels = new List<string>();
        var bins = edges.Length - 1;
        for (var i = 0; i < bins; i++)
        {
            labels.Add(bins == 1 ? "all values" : i == 0 ? $"≤ {F(edges[1])}" : i == bins - 1 ? $"> {F(edges[i])}" : $"({F(edges[i])}, {F(edges[i + 1])}]");
            if (i == 1 && bins == 3 && edges[1] == Math.BitDecrement(edges[2]))
            {
                labels[^1] = $"= {F(edges[2])}";
                labels[0] = $"< {F(edges[2])}";
            }
        }

        return labels;
    }
}
