using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_bootstrapped_ks_test_p_value_to_be_greater_than</c>: bootstrapped Kolmogorov–Smirnov tests of
/// the column against a continuous <see cref="PartitionObject"/> (its CDF interpolated linearly between the bin
/// edges, as <c>numpy.interp</c>) pass often enough. <see cref="BootstrapSamples"/> times (default 1000), draw
/// <see cref="BootstrapSampleSize"/> values with replacement (default twice the number of bins: more would make the
/// test too sensitive to the partition's compression) and take the KS p-value; observed_value is
/// (1 + number of p-values ≥ <see cref="P"/>) / (samples + 1), and the check passes when it exceeds
/// <see cref="P"/>. The draws use a fixed seed (<see cref="Seed"/>), so a run is repeatable; GX draws from numpy's
/// global generator. Partition edges must be finite and it may have no tail weights. details carry the observed
/// and expected partitions and CDFs (the observed bins widen to the column's min and max when values fall
/// outside). Memory: every value (8 bytes a row).
/// Example: <c>{"column": "x", "partition_object": {"bins": [0, 1, 2], "weights": [0.5, 0.5]}, "p": 0.05}</c>.
/// </summary>
public sealed record ColumnBootstrappedKsTestPValueToBeGreaterThan : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than";

    /// <summary>The seed of the bootstrap's random draws.</summary>
    public const int Seed = 20_180_101;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Value equality; JSON arguments compare by content.</summary>
    /// <param name="other">The other expectation.</param>
    public bool Equals(ColumnBootstrappedKsTestPValueToBeGreaterThan? other) =>
        other is not null
        && base.Equals(other)
        && P == other.P
        && BootstrapSamples == other.BootstrapSamples
        && BootstrapSampleSize == other.BootstrapSampleSize
        && JsonArguments.Same(PartitionObject, other.PartitionObject);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), P, BootstrapSamples, BootstrapSampleSize);

    /// <summary>The expected continuous distribution (<c>{"bins": [...], "weights": [...]}</c>). Needed: without one the expectation raises when it runs (GX too only fails at run time).</summary>
    [Kwarg("partition_object")]
    public JsonElement? PartitionObject { get; init; }

    /// <summary>The threshold for each bootstrap p-value and for the share of passing ones (default 0.05).</summary>
    [Kwarg("p")]
    public double P { get; init; } = 0.05;

    /// <summary>How many bootstrap samples to draw (a whole number or a suite parameter); null for 1000.</summary>
    [Kwarg("bootstrap_samples", Integer = true)]
    public Scalar? BootstrapSamples { get; init; }

    /// <summary>How many values each bootstrap sample holds (a whole number or a suite parameter); null for twice the number of bins.</summary>
    [Kwarg("bootstrap_sample_size", Integer = true)]
    public Scalar? BootstrapSampleSize { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (!(P >= 0 && P <= 1))
        {
            errors.Add("p", $"must be between 0 and 1, got {P}");
        }

        if (errors.WholeNumber(BootstrapSamples, "bootstrap_samples") is (< 1 or > 1_000_000) and var samples)
        {
            errors.Add("bootstrap_samples", $"must be between 1 and 1000000, got {samples}");
        }

        if (errors.WholeNumber(BootstrapSampleSize, "bootstrap_sample_size") is (< 1 or > 1_000_000) and var size)
        {
            errors.Add("bootstrap_sample_size", $"must be between 1 and 1000000, got {size}");
        }

        if (PartitionObject is { } json && Partition.ContinuousProblem(json) is { } problem)
        {
            errors.Add("partition_object", problem);
        }
    }
}
