using System.Text.Json;
using Expectations.Data;
using Expectations.Drift;
using Expectations.Engine;
using Expectations.Profiling;
using Expectations.Reporting;

namespace Expectations.Checks;

/// <summary>
/// <c>expect_column_distribution_to_not_drift</c> (not in GX): the column's distribution has not drifted from a
/// baseline profile by the chosen <c>method</c> — numeric columns: <c>ks</c> (p-value below threshold drifts),
/// <c>psi</c>, <c>js</c>, <c>wasserstein</c> (normalised by the baseline's stdev), <c>mean_change</c>,
/// <c>stdev_change</c>; string and boolean columns: <c>linf</c>, <c>chi2</c>, <c>psi</c>, <c>js</c>; any column:
/// <c>missing_rate</c>. Default method <c>psi</c>, default thresholds as in docs/drift.md. The baseline is a
/// column profile embedded as <c>baseline</c> (what the DSL writes) or a profile file named by
/// <c>baseline_path</c>. <c>observed_value</c> is the statistic; <c>details</c> hold method, threshold,
/// p-value, the worst bins or categories and every other test. Example:
/// <c>c =&gt; c.NoDriftFrom(trainingProfile, method: "ks")</c>.
/// </summary>
public sealed record ColumnDistributionToNotDrift : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_distribution_to_not_drift";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The baseline column profile (as written in a profile file's <c>columns</c>), or null when <see cref="BaselinePath"/> is given.</summary>
    [Kwarg("baseline")]
    public JsonElement? Baseline { get; init; }

    /// <summary>A profile file (written by <c>expectations profile</c>) holding the column, or null when <see cref="Baseline"/> is given.</summary>
    [Kwarg("baseline_path")]
    public string? BaselinePath { get; init; }

    /// <summary>The drift method; null means <c>psi</c>.</summary>
    [Kwarg("method")]
    public DriftMethod? Method { get; init; }

    /// <summary>The method's threshold (a p-value level for <c>ks</c> and <c>chi2</c>); null means the default.</summary>
    [Kwarg("threshold")]
    public double? Threshold { get; init; }

    /// <summary>The method in effect.</summary>
    public string EffectiveMethod => DriftMethods.NameOf(Method ?? DriftMethod.Psi);

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        ArgumentNullException.ThrowIfNull(errors);
        if ((Baseline is null) == (BaselinePath is null))
        {
            errors.Add("baseline", "or baseline_path must be given (exactly one of them)");
        }

        if (Threshold is { } t && !(t > 0 && double.IsFinite(t)))
        {
            errors.Add("threshold", $"must be a positive number, got {t}");
        }

        if (Baseline is { } b)
        {
            try
            {
                ProfileJson.ReadColumn(b, "baseline");
            }
            catch (ProfileFormatException ex)
            {
                errors.Add("baseline", "is not a column profile: " + ex.Message);
            }
        }
    }

    /// <summary>Value equality; the baseline profile is compared as JSON.</summary>
    public bool Equals(ColumnDistributionToNotDrift? other) =>
        base.Equals(other)
        && Column == other.Column
        && BaselinePath == other.BaselinePath
        && Method == other.Method
        && Threshold == other.Threshold
        && (Baseline is null ? other.Baseline is null : other.Baseline is { } o && JsonElement.DeepEquals(Baseline.Value, o));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Column, BaselinePath, Method, Threshold);

    /// <summary>The thresholds with this expectation's override applied.</summary>
    internal DriftOptions Options()
    {
        var o = DriftOptions.Default;
        return Threshold is not { } t ? o : EffectiveMethod switch
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

    public override void Bind(Binding binding)
    {
        var column = binding.Column(Spec.Column);
        var baseline = LoadBaseline();
        var family = ColumnProfileState.FamilyOf(column.Kind);
        if (family != baseline.Family)
        {
            throw new ExpectationException($"Column '{column.Name}' is {family.ToString().ToLowerInvariant()} ({column.PhysicalType}) but its baseline is {baseline.Family.ToString().ToLowerInvariant()} ({baseline.PhysicalType}): the distributions cannot be compared.");
        }

        var numeric = family is ProfileFamily.Numeric or ProfileFamily.Timestamp;
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
        var drift = DriftDetector.CompareColumn(_baseline!, current, Spec.Options());
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
}
