using Expectations.Data;
using Expectations.Engine;
using Expectations.Reporting;

namespace Expectations.Checks;

/// <summary>
/// GX <c>expect_table_row_count_to_equal_other_table</c>: the data has as many rows as the table named
/// <see cref="OtherTableName"/>, for example a cleaned extract against its raw source
/// (<c>other_table_name: "raw_orders"</c>). The other table is supplied at run time in
/// <see cref="ValidationOptions.OtherTables"/> (CLI: <c>--other-table NAME=PATH</c>); a missing one is reported in
/// <c>exception_info</c>. The observed value is <c>{"self": rows, "other": rows}</c>. A <c>row_condition</c> filters
/// this table only; the other table's rows are all counted.
/// </summary>
public sealed record TableRowCountToEqualOtherTable : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_row_count_to_equal_other_table";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The name under which the other table is supplied.</summary>
    [Kwarg("other_table_name", Required = true)]
    public string OtherTableName { get; init; } = "";

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (string.IsNullOrEmpty(OtherTableName))
        {
            errors.Add("other_table_name", "is required and must name a table");
        }
    }
}

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
