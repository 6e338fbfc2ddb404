using System.Text.Json;
using Expectations.Engine;
using Expectations.Engine.Aggregate;
using Expectations.Reporting;

namespace Expectations.Checks;

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

        if (PartitionObject is { } json && ChiSquareEvaluator.CategoricalProblem(json) is { } problem)
        {
            errors.Add("partition_object", problem);
        }
    }
}

internal sealed class ChiSquareEvaluator(ColumnChiSquareTestPValueToBeGreaterThan e) : Evaluator<ColumnChiSquareTestPValueToBeGreaterThan>(e)
{
    private DistinctValuesMetric? _distinct;

    /// <summary>Why <paramref name="json"/> is not a valid categorical partition (GX raises "Invalid partition object"), or null.</summary>
    public static string? CategoricalProblem(JsonElement json)
    {
        var p = Partition.Parse(json, out var error);
        return p is null ? error
            : p.IsCategorical ? null
            : p.Values is null ? "is not a valid categorical partition object (ValueError: Invalid partition object): it needs \"values\" and \"weights\", not bins"
            : p.Problem();
    }

    public override void Bind(Binding binding) => _distinct = binding.Require(new DistinctValuesMetric(binding.Column(Spec.Column).Name));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        if (Spec.PartitionObject is not { } json || Partition.Parse(json, out _) is not { IsCategorical: true } partition)
        {
            throw new ExpectationException($"{Spec.Type}: partition_object is required: give {{\"values\": [...], \"weights\": [...]}}.");
        }

        var d = metrics.Get(_distinct!);
        var n = (double)d.ValueCount;
        var indices = partition.Values!.Select(d.IndexOf).ToArray();
        var listed = indices.Where(i => i >= 0).ToHashSet();
        var extra = Enumerable.Range(0, d.Count).Where(i => !listed.Contains(i)).ToArray();
        var observed = new double[indices.Length + extra.Length];
        var expected = new double[observed.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            observed[i] = indices[i] >= 0 ? d.CountAt(indices[i]) : 0;
            expected[i] = partition.Weights[i] * n * (extra.Length > 0 ? 1 - Spec.TailWeightHoldout : 1);
        }

        for (var j = 0; j < extra.Length; j++)
        {
            observed[indices.Length + j] = d.CountAt(extra[j]);
            expected[indices.Length + j] = n * Spec.TailWeightHoldout / extra.Length;
        }

        var (_, pValue) = DistributionMath.ChiSquareTest(observed, expected);
        var success = pValue > Spec.P;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        void Part(Utf8JsonWriter w, double[] weights)
        {
            w.WriteStartObject();
            w.WriteStartArray("values");
            foreach (var v in partition.Values!)
            {
                v.WriteTo(w);
            }

            foreach (var x in extra)
            {
                d.WriteValue(w, x);
            }

            w.WriteEndArray();
            DistributionResults.WriteNumbers(w, "weights", weights);
            w.WriteEndObject();
        }

        var details = new ResultDetails
        {
            ObservedValue = DistributionResults.FiniteOrNull(pValue),
            Details = AggregateJson.Build(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("observed_partition");
                Part(w, [.. observed.Select(o => n > 0 ? o / n : 0)]);
                w.WritePropertyName("expected_partition");
                Part(w, expected);
                w.WriteEndObject();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, d.ElementCount, d.NullCount + d.NaNCount));
    }
}
