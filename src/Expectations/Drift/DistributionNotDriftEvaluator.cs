using Expectations.Engine;
using Expectations.Engine.Checks;
using Expectations.Profiling;

namespace Expectations.Drift;

/// <summary>The profile of one column over the run's rows (exact when the baseline is exact, so KS is exact too).</summary>
internal sealed record ColumnProfileMetric(string Column, bool Exact) : MetricKey<ColumnProfile>
{
    public override IReadOnlyList<string> Columns => [Column];

    public override MetricAccumulator CreateAccumulator(MetricContext context) =>
        new Accumulator(new ColumnProfileState(context.Schema[Column], Exact ? ProfileOptions.Exact : ProfileOptions.Default));

    private sealed class Accumulator(ColumnProfileState state) : MetricAccumulator
    {
        public override void Add(DataChunk chunk) => state.Add(chunk[state.Info.Name]);

        public override void Merge(MetricAccumulator other) => state.Merge(((Accumulator)other).State);

        public override void Save(Kernels.StateWriter writer) => state.Save(writer);

        public override void Load(Kernels.StateReader reader) => state.Load(reader);

        public override object Finish() => new ColumnProfile(state);

        private ColumnProfileState State => state;
    }
}

internal sealed class DistributionNotDriftEvaluator(ColumnDistributionToNotDrift e) : Evaluator<ColumnDistributionToNotDrift>(e)
{
    private static readonly string[] NumericOnly = [DriftMethods.KolmogorovSmirnov, DriftMethods.Wasserstein, DriftMethods.Mean, DriftMethods.Stdev];
    private static readonly string[] CategoricalOnly = [DriftMethods.LInfinity, DriftMethods.ChiSquare];

    private ColumnProfile? _baseline;
    private ColumnProfileMetric? _metric;

    /// <summary>
    /// Binary columns drift as categories, lists by their lengths; a struct or map has only its missing rate (any other
    /// method is refused with the fields to check instead).
    /// </summary>
    public override ColumnShapes AcceptedShapes => Spec.EffectiveMethod == DriftMethods.MissingRate
        ? ColumnShapes.All
        : ColumnShapes.Flat | ColumnShapes.Binary | ColumnShapes.List;

    public override void Bind(Binding binding)
    {
        if (!binding.HasColumn(Spec.Column))
        {
            // A feature that disappeared is the worst drift there is: the result fails, saying so (not a vacuous pass).
            var shown = binding.Columns.Take(20).Select(c => $"'{c.Name}'").ToList();
            throw new ExpectationException(
                $"Column '{Spec.Column}' is missing from the current data: its baseline has it, so there is no distribution to compare (a feature that disappeared fails the drift check). "
                + $"The current data's columns are {(shown.Count == 0 ? "none" : string.Join(", ", shown) + (binding.Columns.Count > shown.Count ? ", …" : ""))}.");
        }

        var column = binding.Column(Spec.Column);
        var baseline = LoadBaseline();
        var family = ColumnProfileState.FamilyOf(column.Kind);
        if (family != baseline.Family)
        {
            throw new ExpectationException($"Column '{column.Name}' is {family.ToString().ToLowerInvariant()} ({column.PhysicalType}) but its baseline is {baseline.Family.ToString().ToLowerInvariant()} ({baseline.PhysicalType}): the distributions cannot be compared.");
        }

        var numeric = family is ProfileFamily.Numeric or ProfileFamily.Timestamp or ProfileFamily.List;
        if ((numeric && CategoricalOnly.Contains(Spec.EffectiveMethod)) || (!numeric && NumericOnly.Contains(Spec.EffectiveMethod)))
        {
            throw new ExpectationException($"Method '{Spec.EffectiveMethod}' does not apply to the {family.ToString().ToLowerInvariant()} column '{column.Name}'; use {(numeric ? "ks, psi, js, wasserstein" : "linf, chi2, psi, js")} or missing_rate.");
        }

        _baseline = baseline;
        _metric = binding.Require(new ColumnProfileMetric(column.Name, baseline.KeepsAllValues));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var current = metrics.Get(_metric!);
        var drift = DriftDetector.CompareColumn(_baseline!, current, Options(Spec));
        if (drift.Status == DriftStatus.Error)
        {
            throw new ExpectationException(drift.Message!);
        }

        var test = drift.Test(Spec.EffectiveMethod)!;
        return Result(!test.Drifted, ObservedDetails.Of(test.Statistic, format, DriftReportWriter.ToJsonElement(test, drift)));
    }

    private ColumnProfile LoadBaseline()
    {
        try
        {
            if (Spec.Baseline is { } embedded)
            {
                return ProfileJson.ReadColumn(embedded, "baseline");
            }

            var profile = DatasetProfile.Load(Spec.BaselinePath!);
            return profile.Column(Spec.Column) ?? throw new ExpectationException($"The baseline profile '{Spec.BaselinePath}' has no column '{Spec.Column}'; it has {string.Join(", ", profile.Columns.Select(c => c.Name))}.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ProfileFormatException)
        {
            throw new ExpectationException($"The baseline of column '{Spec.Column}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The thresholds with this expectation's override applied; an expectation on a column compares it whatever its values look like.</summary>
    private static DriftOptions Options(ColumnDistributionToNotDrift spec)
    {
        var o = DriftOptions.Default with { CompareIdentifiers = true };
        return spec.Threshold is not { } t ? o : spec.EffectiveMethod switch
        {
            DriftMethods.KolmogorovSmirnov => o with { KsPValue = t },
            DriftMethods.Psi => o with { Psi = t },
            DriftMethods.JensenShannon => o with { JensenShannon = t },
            DriftMethods.Wasserstein => o with { Wasserstein = t },
            DriftMethods.LInfinity => o with { LInfinity = t },
            DriftMethods.ChiSquare => o with { ChiSquarePValue = t },
            DriftMethods.MissingRate => o with { MissingRateChange = t },
            DriftMethods.Mean => o with { MeanChange = t },
            _ => o with { StdevChange = t },
        };
    }
}

/// <summary>The drift feature's expectations, added to the in-memory engine's built-in ones by <see cref="InMemoryValidation"/>.</summary>
internal static class DriftEvaluators
{
    public static IEnumerable<EvaluatorEntry> All() =>
    [
        EvaluatorEntry.Of<ColumnDistributionToNotDrift>(e => new DistributionNotDriftEvaluator(e)),
    ];
}
