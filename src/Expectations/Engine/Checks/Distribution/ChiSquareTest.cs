using System.Text.Json;
using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class ChiSquareEvaluator(ColumnChiSquareTestPValueToBeGreaterThan e) : Evaluator<ColumnChiSquareTestPValueToBeGreaterThan>(e)
{
    private DistinctValuesMetric? _distinct;

    // Categories may be binary values (partition values named as \x-hex or text).
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

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
            Details = JsonElements.Build(w =>
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
