using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class ParameterizedKsEvaluator(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan e) : Evaluator<ColumnParameterizedDistributionKsTestPValueToBeGreaterThan>(e)
{
    private ColumnValuesMetric? _values;

    public override void Bind(Binding binding) => _values = binding.Require(new ColumnValuesMetric(KsColumns.Numeric(binding, Spec.Column, Spec.Type)));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var parameters = KsParameters.Resolve(Spec.Distribution, Spec.Params, out var problem)
            ?? throw new ExpectationException($"{Spec.Type}: params {problem}.");
        var values = metrics.Get(_values!);
        var sorted = values.Sorted;
        var statistic = sorted.IsEmpty ? double.NaN : DistributionMath.KsStatistic(sorted, parameters.Cdf());
        var pValue = DistributionMath.KolmogorovPValue(sorted.Length, statistic);
        var success = pValue >= Spec.PValue;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var details = new ResultDetails
        {
            ObservedValue = DistributionResults.FiniteOrNull(pValue),
            Details = JsonElements.Build(w =>
            {
                w.WriteStartObject();
                DistributionResults.WriteNumbers(w, "expected_params", parameters.Positional);
                DistributionResults.WriteNumbers(w, "observed_ks_result", [statistic, pValue]);
                w.WriteEndObject();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, values.ElementCount, values.MissingCount));
    }
}

/// <summary>Column checks shared by the KS expectations.</summary>
internal static class KsColumns
{
    /// <summary>The column's name; throws <see cref="ExpectationException"/> unless it is numeric.</summary>
    public static string Numeric(Binding binding, string name, string type)
    {
        var column = binding.Column(name);
        return column.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean
            ? column.Name
            : throw new ExpectationException($"{type}: a Kolmogorov–Smirnov test needs a numeric column, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}).");
    }
}
