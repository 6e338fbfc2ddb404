using Expectations.Engine;
using Expectations.Engine.Aggregate;
using Expectations.Reporting;

namespace Expectations.Checks;

/// <summary>
/// GX <c>expect_column_most_common_value_to_be_in_set</c>: the most common non-null value (pandas' <c>mode()</c>) is
/// a member of <see cref="ValueSet"/>. When several values tie for most common, the check fails unless
/// <see cref="TiesOkay"/>, in which case one of them in the set suffices. observed_value is the list of most common
/// values, ascending; a column without values has none and fails. Numbers compare by value (1 == 1.0). Memory:
/// one entry per distinct value. Example: <c>{"column": "country", "value_set": ["DE", "FR"], "ties_okay": true}</c>.
/// </summary>
public sealed record ColumnMostCommonValueToBeInSet : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_most_common_value_to_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The values the most common value must be one of.</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; } = ValueList<Scalar>.Empty;

    /// <summary>Whether a tie for most common passes when any tied value is in the set.</summary>
    [Kwarg("ties_okay")]
    public bool TiesOkay { get; init; }
}

internal sealed class MostCommonValueEvaluator(ColumnMostCommonValueToBeInSet e) : Evaluator<ColumnMostCommonValueToBeInSet>(e)
{
    private DistinctValuesMetric? _distinct;

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
            ObservedValue = AggregateJson.Build(w =>
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
        AggregateJson.Build(w =>
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
            Data.ScalarFormatting.WriteDouble(w, v);
        }

        w.WriteEndArray();
    }
}
