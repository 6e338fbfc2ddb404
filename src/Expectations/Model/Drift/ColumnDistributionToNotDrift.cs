using System.Text.Json;

namespace Expectations;

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

        // Only the profile's identity is checked here; its statistics are read (and any problem reported in the
        // result) when the expectation binds to the data: the profile format belongs to the drift feature.
        if (Baseline is { } b && !(b.ValueKind == JsonValueKind.Object
            && b.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            && b.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String))
        {
            errors.Add("baseline", "is not a column profile: it needs the string fields \"name\" and \"kind\" of a profile file's columns");
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
}
