using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_kl_divergence_to_be_less_than</c>: the Kullback–Leibler divergence (relative entropy) of the
/// column's distribution from <see cref="PartitionObject"/> is at most <see cref="Threshold"/> (no threshold: always
/// passes, for profiling). Categorical partitions compare value frequencies; values the partition lacks share
/// <see cref="TailWeightHoldout"/>. Continuous partitions bin the values with the partition's edges (numpy's
/// histogram), add the tails below and above, and spread <see cref="InternalWeightHoldout"/> over zero-weight
/// bins and <see cref="TailWeightHoldout"/> over the two tails, exactly as GX does. An infinite divergence is
/// reported as observed_value null. details carry observed_partition and expected_partition. No partition:
/// one is built from the data itself (numpy's "auto" bins, or value frequencies without
/// <see cref="BucketizeData"/>). Memory: O(bins) or O(distinct values); O(rows) only when the partition is built.
/// Example: <c>{"column": "x", "partition_object": {"bins": [0, 1, 2], "weights": [0.5, 0.5]}, "threshold": 0.1, "tail_weight_holdout": 0.01}</c>.
/// </summary>
public sealed record ColumnKlDivergenceToBeLessThan : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_kl_divergence_to_be_less_than";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Value equality; JSON arguments compare by content.</summary>
    /// <param name="other">The other expectation.</param>
    public bool Equals(ColumnKlDivergenceToBeLessThan? other) =>
        other is not null
        && base.Equals(other)
        && Threshold == other.Threshold
        && InternalWeightHoldout == other.InternalWeightHoldout
        && TailWeightHoldout == other.TailWeightHoldout
        && BucketizeData == other.BucketizeData
        && JsonArguments.Same(PartitionObject, other.PartitionObject);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Threshold, InternalWeightHoldout, TailWeightHoldout, BucketizeData);

    /// <summary>The expected distribution (see <see cref="Expectations.PartitionObject"/>), or null to build one from the data.</summary>
    [Kwarg("partition_object")]
    public JsonElement? PartitionObject { get; init; }

    /// <summary>The largest divergence that passes, or null to always pass.</summary>
    [Kwarg("threshold")]
    public double? Threshold { get; init; }

    /// <summary>Weight in [0, 1] spread evenly over the zero-weight bins of a continuous partition.</summary>
    [Kwarg("internal_weight_holdout")]
    public double InternalWeightHoldout { get; init; }

    /// <summary>Weight in [0, 1] for values outside the partition (split between the tails, or among unexpected categories).</summary>
    [Kwarg("tail_weight_holdout")]
    public double TailWeightHoldout { get; init; }

    /// <summary>Whether a partition built from the data (no partition_object) bins it; false counts values instead.</summary>
    [Kwarg("bucketize_data")]
    public bool BucketizeData { get; init; } = true;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Threshold is { } t && !(t >= 0))
        {
            errors.Add("threshold", $"must be specified, greater than or equal to zero, got {t}");
        }

        if (!(TailWeightHoldout >= 0 && TailWeightHoldout <= 1))
        {
            errors.Add("tail_weight_holdout", $"must be greater than or equal to 0 and less than or equal to 1, got {TailWeightHoldout}");
        }

        if (!(InternalWeightHoldout >= 0 && InternalWeightHoldout <= 1))
        {
            errors.Add("internal_weight_holdout", $"must be greater than or equal to 0 and less than or equal to 1, got {InternalWeightHoldout}");
        }

        if (PartitionObject is not { } json)
        {
            return;
        }

        var p = Partition.Parse(json, out var error);
        if (p is null || p.Problem() is { } problem)
        {
            errors.Add("partition_object", error ?? p!.Problem()!);
            return;
        }

        if (TailWeightHoldout != 0 && p.TailWeights is not null)
        {
            errors.Add("tail_weight_holdout", "must be 0 when using tail_weights in partition object");
        }

        if (p.IsCategorical)
        {
            if (InternalWeightHoldout > 0)
            {
                errors.Add("internal_weight_holdout", "cannot be used for discrete data (a categorical partition)");
            }

            return;
        }

        if (!BucketizeData)
        {
            errors.Add("bucketize_data", "must be true with a continuous partition object: KL divergence cannot be computed without binning the data");
        }

        var bins = p.Bins!;
        var (lowInf, highInf) = (double.IsNegativeInfinity(bins[0]), double.IsPositiveInfinity(bins[^1]));
        if (lowInf && highInf && TailWeightHoldout > 0)
        {
            errors.Add("tail_weight_holdout", "cannot be used for partitions with infinite endpoints");
        }

        if ((lowInf || highInf) && p.TailWeights is not null)
        {
            errors.Add("partition_object", "can have no tail weights for partitions with one or both endpoints at infinity");
        }
    }
}
