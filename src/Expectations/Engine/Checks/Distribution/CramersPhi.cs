using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class CramersPhiEvaluator(ColumnPairCramersPhiValueToBeLessThan e) : Evaluator<ColumnPairCramersPhiValueToBeLessThan>(e)
{
    private ColumnPairValuesMetric? _pair;

    public override void Bind(Binding binding) =>
        _pair = binding.Require(new ColumnPairValuesMetric(binding.Column(Spec.ColumnA).Name, binding.Column(Spec.ColumnB).Name));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var pair = metrics.Get(_pair!);
        var (a, aCount) = Binning.Categorize(pair.A, Spec.BinsA, WholeNumbers.IntOrNull(Spec.NBinsA, "n_bins_A"));
        var (b, bCount) = Binning.Categorize(pair.B, Spec.BinsB, WholeNumbers.IntOrNull(Spec.NBinsB, "n_bins_B"));
        var (chi2, rows, columns, total) = Binning.ChiSquare(a, aCount, b, bCount);

        // GX clamps V to [0, 1]; a constant column (one category) divides by zero: no V.
        var v = Math.Min(rows, columns) > 1 && total > 0 ? Math.Clamp(Math.Sqrt(chi2 / total / (Math.Min(rows, columns) - 1)), 0, 1) : double.NaN;
        var success = v <= Spec.Threshold;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var details = new ResultDetails
        {
            ObservedValue = DistributionResults.FiniteOrNull(v),
            Details = JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("chi_square", chi2);
                w.WriteNumber("rows", rows);
                w.WriteNumber("columns", columns);
                w.WriteEndObject();
            }),
        };
        return Result(success, details);
    }
}
