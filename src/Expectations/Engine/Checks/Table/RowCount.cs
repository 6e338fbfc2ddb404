using System.Text.Json;
using Expectations.Model;
using Expectations.Reporting;

namespace Expectations.Engine.Checks;

/// <summary>The number of rows: read from chunk sizes, no column decoded.</summary>
internal sealed record RowCountMetric : MetricKey<long>
{
    public static RowCountMetric Instance { get; } = new();

    public override IReadOnlyList<string> Columns => [];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator();

    private sealed class Accumulator : MetricAccumulator
    {
        private long _rows;

        public override void Add(DataChunk chunk) => _rows += chunk.RowCount;

        public override bool TryAddStatistics(IDataPartition partition)
        {
            _rows += partition.RowCount;
            return true;
        }

        public override void Merge(MetricAccumulator other) => _rows += ((Accumulator)other)._rows;

        public override object Finish() => _rows;
    }
}

internal sealed class RowCountBetweenEvaluator(TableRowCountToBeBetween e) : Evaluator<TableRowCountToBeBetween>(e)
{
    public override void Bind(Binding binding) => binding.Require(RowCountMetric.Instance);

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var rows = metrics.Get(RowCountMetric.Instance);
        return Result(Spec.Allows(rows), ObservedDetails.Of(rows, format));
    }
}

internal sealed class RowCountEqualEvaluator(TableRowCountToEqual e) : Evaluator<TableRowCountToEqual>(e)
{
    public override void Bind(Binding binding) => binding.Require(RowCountMetric.Instance);

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var rows = metrics.Get(RowCountMetric.Instance);
        return Result(rows == WholeNumbers.Of(Spec.Value, "value"), ObservedDetails.Of(rows, format));
    }
}

/// <summary>Result details that carry only an observed value (omitted under BOOLEAN_ONLY).</summary>
internal static class ObservedDetails
{
    public static ResultDetails Of<TValue>(TValue observed, ResultFormat format, object? details = null) =>
        format.Level == ResultFormatLevel.BooleanOnly
            ? ResultDetails.Empty
            : new ResultDetails
            {
                ObservedValue = JsonSerializer.SerializeToElement(observed, ReportJsonContext.Options),
                Details = details is null ? null : JsonSerializer.SerializeToElement(details, ReportJsonContext.Options),
            };
}
