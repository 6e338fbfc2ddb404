using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class MostCommonValueEvaluator(ColumnMostCommonValueToBeInSet e) : Evaluator<ColumnMostCommonValueToBeInSet>(e)
{
    private DistinctValuesMetric? _distinct;

    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    public override void Bind(Binding binding) => _distinct = binding.Require(new DistinctValuesMetric(binding.Column(Spec.Column).Name));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var d = metrics.Get(_distinct!);
        long top = 0;
        for (var i = 0; i < d.Count; i++)
        {
            top = Math.Max(top, d.CountAt(i));
        }

        var modes = Enumerable.Range(0, d.Count).Where(i => d.CountAt(i) == top).ToList();
        var members = Spec.ValueSet.Where(m => !m.IsNull).Select(d.IndexOf).Where(i => i >= 0).ToHashSet();
        var inSet = modes.Count(members.Contains);
        var success = Spec.TiesOkay ? inSet > 0 : modes.Count == 1 && inSet == 1;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var details = new ResultDetails
        {
            ObservedValue = JsonElements.Build(w =>
            {
                w.WriteStartArray();
                foreach (var i in modes)
                {
                    d.WriteValue(w, i);
                }

                w.WriteEndArray();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, d.ElementCount, d.NullCount + d.NaNCount));
    }
}

/// <summary>Result fields shared by the distributional expectations.</summary>
internal static class DistributionResults
{
    /// <summary>Adds element_count, missing_count and missing_percent under COMPLETE, as GX's column aggregates report them.</summary>
    public static ResultDetails WithCounts(ResultDetails details, ResultFormat format, long elementCount, long missingCount) =>
        format.Level == ResultFormatLevel.Complete
            ? details with
            {
                ElementCount = elementCount,
                MissingCount = missingCount,
                MissingPercent = elementCount > 0 ? 100.0 * missingCount / elementCount : null,
            }
            : details;

    /// <summary>A number as GX reports it: null when infinite or NaN (JSON has neither).</summary>
    public static System.Text.Json.JsonElement FiniteOrNull(double value) =>
        JsonElements.Build(w =>
        {
            if (double.IsFinite(value))
            {
                w.WriteNumberValue(value);
            }
            else
            {
                w.WriteNullValue();
            }
        });

    /// <summary>Writes a list of doubles (non-finite ones as strings, as everywhere in Expectations' JSON).</summary>
    public static void WriteNumbers(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            ScalarFormatting.WriteDouble(w, v);
        }

        w.WriteEndArray();
    }
}
