using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_chisquare_test_p_value_to_be_greater_than</c>: Pearson's chi-square goodness-of-fit test of the
/// column's value counts against a categorical <see cref="PartitionObject"/> has a p-value greater than
/// <see cref="P"/>. Expected counts are the partition's weights times the non-null count; values the partition
/// lacks share <see cref="TailWeightHoldout"/> (without it, any such value makes the p-value 0); partition values
/// absent from the column count 0. observed_value is the p-value; details carry the observed partition (fractions)
/// and the expected one (counts, as GX reports it). Memory: one entry per distinct value.
/// Example: <c>{"column": "grade", "partition_object": {"values": ["A", "B"], "weights": [0.7, 0.3]}, "p": 0.05}</c>.
/// </summary>
public sealed record ColumnChiSquareTestPValueToBeGreaterThan : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_chisquare_test_p_value_to_be_greater_than";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Value equality; JSON arguments compare by content.</summary>
    /// <param name="other">The other expectation.</param>
    public bool Equals(ColumnChiSquareTestPValueToBeGreaterThan? other) =>
        other is not null
        && base.Equals(other)
        && P == other.P
        && TailWeightHoldout == other.TailWeightHoldout
        && JsonArguments.Same(PartitionObject, other.PartitionObject);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), P, TailWeightHoldout);

    /// <summary>The expected categorical distribution (<c>{"values": [...], "weights": [...]}</c>). Needed: without one the expectation raises when it runs, as GX does.</summary>
    [Kwarg("partition_object")]
    public JsonElement? PartitionObject { get; init; }

    /// <summary>The p-value must be greater than this (default 0.05).</summary>
    [Kwarg("p")]
    public double P { get; init; } = 0.05;

    /// <summary>Expected weight in [0, 1] shared by values the partition lacks.</summary>
    [Kwarg("tail_weight_holdout")]
    public double TailWeightHoldout { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (!(P >= 0 && P <= 1))
        {
            errors.Add("p", $"must be between 0 and 1, got {P}");
        }

        if (!(TailWeightHoldout >= 0 && TailWeightHoldout <= 1))
        {
            errors.Add("tail_weight_holdout", $"must be greater than or equal to 0 and less than or equal to 1, got {TailWeightHoldout}");
        }

        if (PartitionObject is { } json && Partition.CategoricalProblem(json) is { } problem)
        {
            errors.Add("partition_object", problem);
        }
    }
}
