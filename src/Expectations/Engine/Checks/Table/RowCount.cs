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

        public override void Save(Kernels.StateWriter writer) => writer.Long(_rows);

        public override void Load(Kernels.StateReader reader) => _rows = reader.Long();

        public override object Finish() => _rows;
    }
}

internal sealed class RowCountBetweenEvaluator(TableRowCountToBeBetween e) : Evaluator<TableRowCountToBeBetween>(e)
{
    public override void Bind(Binding binding) => binding.Require(RowCountMetric.Instance);

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        return ExpectationResults.RowCount(Spec, metrics.Get(RowCountMetric.Instance), format);
    }
}

internal sealed class RowCountEqualEvaluator(TableRowCountToEqual e) : Evaluator<TableRowCountToEqual>(e)
{
    public override void Bind(Binding binding) => binding.Require(RowCountMetric.Instance);

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        return ExpectationResults.RowCount(Spec, metrics.Get(RowCountMetric.Instance), format);
    }
}

/// <summary>
/// Result details that carry only an observed value (omitted under BOOLEAN_ONLY). Written with a writer, not the
/// reflection serializer: its first use costs tens of milliseconds of start-up in every process.
/// </summary>
internal static class ObservedDetails
{
    public static ResultDetails Of(long observed, ResultFormat format) => Of(format, w => w.WriteNumberValue(observed));

    public static ResultDetails Of(double? observed, ResultFormat format, JsonElement? details = null) => Of(format, w =>
    {
        if (observed is { } v)
        {
            ScalarFormatting.WriteDouble(w, v);
        }
        else
        {
            w.WriteNullValue();
        }
    }, details);

    public static ResultDetails Of(string observed, ResultFormat format) => Of(format, w => w.WriteStringValue(observed));

    public static ResultDetails Of(IReadOnlyDictionary<string, long> observed, ResultFormat format) => Of(format, w =>
    {
        w.WriteStartObject();
        foreach (var (key, value) in observed)
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    });

    private static ResultDetails Of(ResultFormat format, Action<Utf8JsonWriter> observed, JsonElement? details = null) =>
        format.Level == ResultFormatLevel.BooleanOnly
            ? ResultDetails.Empty
            : new ResultDetails { ObservedValue = JsonElements.Build(observed), Details = details?.Clone() };
}
