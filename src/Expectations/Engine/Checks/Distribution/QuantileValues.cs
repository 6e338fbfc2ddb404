using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class QuantileValuesEvaluator(ColumnQuantileValuesToBeBetween e) : Evaluator<ColumnQuantileValuesToBeBetween>(e)
{
    private ColumnValuesMetric? _values;

    public override void Bind(Binding binding)
    {
        var column = binding.Column(Spec.Column);
        if (column.Kind is not (DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean))
        {
            throw new ExpectationException($"{Spec.Type}: quantiles need a numeric column, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}).");
        }

        _values = binding.Require(new ColumnValuesMetric(column.Name));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var ranges = Spec.QuantileRanges is { } q ? QuantileRangeSet.Parse(q, out _) : null;
        if (ranges is null)
        {
            throw new ExpectationException($"{Spec.Type}: quantile_ranges is required: give {{\"quantiles\": [...], \"value_ranges\": [[min, max], ...]}}.");
        }

        var values = metrics.Get(_values!);
        var interpolation = Spec.AllowRelativeError is { Kind: ScalarKind.String } s ? s.AsString() : "nearest";
        var sorted = values.Sorted;
        var observed = new double[ranges.Quantiles.Length];
        var passed = new bool[observed.Length];
        for (var i = 0; i < observed.Length; i++)
        {
            observed[i] = sorted.IsEmpty ? double.NaN : DistributionMath.Quantile(sorted, ranges.Quantiles[i], interpolation);
            passed[i] = observed[i] >= ranges.Lower[i] && observed[i] <= ranges.Upper[i];
        }

        var success = passed.All(p => p);
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var details = new ResultDetails
        {
            ObservedValue = JsonElements.Build(w =>
            {
                w.WriteStartObject();
                DistributionResults.WriteNumbers(w, "quantiles", ranges.Quantiles);
                w.WriteStartArray("values");
                foreach (var v in observed)
                {
                    if (double.IsNaN(v))
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        ScalarFormatting.WriteDouble(w, v);
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }),
            Details = JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("success_details");
                foreach (var p in passed)
                {
                    w.WriteBooleanValue(p);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, values.ElementCount, values.MissingCount));
    }
}
