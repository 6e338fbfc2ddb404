namespace Expectations.Engine.Checks;

/// <summary>
/// The row count of another data source: read once, without decoding any column, when the metric finishes (the
/// chunks of the validated data are not its concern). Keyed by the source instance, so expectations naming the same
/// table count it once.
/// </summary>
internal sealed record OtherTableRowCountMetric(string Name, IDataSource Source) : MetricKey<long>
{
    public override IReadOnlyList<string> Columns => [];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(OtherTableRowCountMetric key) : MetricAccumulator
    {
        public override void Add(DataChunk chunk)
        {
        }

        public override void Merge(MetricAccumulator other)
        {
        }

        // Nothing per partition: the other table is read whole when the run finishes.
        public override void Save(Kernels.StateWriter writer)
        {
        }

        public override void Load(Kernels.StateReader reader)
        {
        }

        // Metrics finish synchronously; the other table is read here, once per run.
        public override object Finish() => CountRowsAsync(key.Source).AsTask().GetAwaiter().GetResult();

        private static async ValueTask<long> CountRowsAsync(IDataSource source)
        {
            long rows = 0;
            await foreach (var chunk in source.ReadAsync([]).ConfigureAwait(false))
            {
                rows += chunk.RowCount;
            }

            return rows;
        }
    }
}

internal sealed class OtherTableRowCountEvaluator(TableRowCountToEqualOtherTable e) : Evaluator<TableRowCountToEqualOtherTable>(e)
{
    private OtherTableRowCountMetric? _other;

    public override void Bind(Binding binding)
    {
        if (!binding.OtherTables.TryGetValue(Spec.OtherTableName, out var source))
        {
            var known = binding.OtherTables.Count == 0
                ? "no other tables were supplied"
                : "the other tables supplied are " + string.Join(", ", binding.OtherTables.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
            throw new ExpectationException($"{TableRowCountToEqualOtherTable.TypeName}: the other table '{Spec.OtherTableName}' was not supplied ({known}). "
                + $"Pass it as ValidationOptions.OtherTables[\"{Spec.OtherTableName}\"] = a data source, or on the command line as --other-table {Spec.OtherTableName}=PATH.");
        }

        binding.Require(RowCountMetric.Instance);
        _other = binding.Require(new OtherTableRowCountMetric(Spec.OtherTableName, source));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var self = metrics.Get(RowCountMetric.Instance);
        var other = metrics.Get(_other!);
        return Result(self == other, ObservedDetails.Of(new Dictionary<string, long> { ["self"] = self, ["other"] = other }, format));
    }
}
