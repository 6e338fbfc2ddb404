using System.Text.Json;
using Expectations.Data;
using Expectations.Reporting;

namespace Expectations.Engine.ColumnMap;

/// <summary>
/// The column-map family (GX's ColumnMapExpectation): `mostly`, null handling and the result fields are done
/// here once; each expectation only says which rows are unexpected.
/// </summary>
internal abstract class MapEvaluator<T>(T expectation) : Evaluator<T>(expectation) where T : Expectation
{
    private MetricKey<MapResult>? _metric;

    /// <summary>The fraction of checked rows that must pass.</summary>
    protected virtual double Mostly => Spec is ColumnMapExpectation m ? m.Mostly ?? 1.0 : 1.0;

    /// <summary>
    /// Whether nulls are missing values left out of the check (true), or checked rows themselves (false: the null
    /// expectations). GX then reports no missing-value fields and takes <c>unexpected_percent</c> over all rows.
    /// </summary>
    protected virtual bool CountsMissing => true;

    /// <summary>The metric counting unexpected rows, specialised for the bound columns.</summary>
    protected abstract MetricKey<MapResult> CreateMetric(Binding binding, int sampleCap);

    /// <inheritdoc />
    public override void Bind(Binding binding) => _metric = binding.Require(CreateMetric(binding, binding.Format.SampleCap));

    /// <inheritdoc />
    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format) =>
        BuildResult(Spec, metrics.Get(_metric!), Mostly, format, CountsMissing);

    /// <summary>GX's map-expectation result: success when at least <paramref name="mostly"/> of non-missing rows pass; empty passes.</summary>
    /// <param name="spec">The expectation.</param>
    /// <param name="r">The counts and samples.</param>
    /// <param name="mostly">The fraction of checked rows that must pass.</param>
    /// <param name="format">How much detail to report.</param>
    /// <param name="countsMissing">
    /// False for checks that look at every row (GX's <c>nonnull_count=None</c>): the result then has no
    /// missing_count, missing_percent, unexpected_percent_total or unexpected_percent_nonmissing, and
    /// unexpected_percent is taken over all rows.
    /// </param>
    internal static ExpectationResult BuildResult(Expectation spec, MapResult r, double mostly, ResultFormat format, bool countsMissing = true)
    {
        var nonMissing = r.ElementCount - r.MissingCount;
        var success = nonMissing == 0 || (double)(nonMissing - r.UnexpectedCount) / nonMissing >= mostly - 1e-12;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return new ExpectationResult { Success = success, Expectation = spec };
        }

        var partialCount = Math.Min(format.PartialUnexpectedCount, r.SampleValues.Count);
        var partial = r.SampleValues.Take(partialCount).ToArray();
        var details = countsMissing
            ? new ResultDetails
            {
                ElementCount = r.ElementCount,
                MissingCount = r.MissingCount,
                MissingPercent = r.ElementCount > 0 ? 100.0 * r.MissingCount / r.ElementCount : null,
                UnexpectedCount = r.UnexpectedCount,
                UnexpectedPercent = nonMissing > 0 ? 100.0 * r.UnexpectedCount / nonMissing : null,
                UnexpectedPercentTotal = r.ElementCount > 0 ? 100.0 * r.UnexpectedCount / r.ElementCount : null,
                UnexpectedPercentNonmissing = nonMissing > 0 ? 100.0 * r.UnexpectedCount / nonMissing : null,
                PartialUnexpectedList = partial,
            }
            : new ResultDetails
            {
                ElementCount = r.ElementCount,
                UnexpectedCount = r.UnexpectedCount,
                UnexpectedPercent = r.ElementCount > 0 ? 100.0 * r.UnexpectedCount / r.ElementCount : null,
                PartialUnexpectedList = partial,
            };
        if (format.Level >= ResultFormatLevel.Summary)
        {
            details = details with
            {
                PartialUnexpectedIndexList = r.SampleIndices.Take(partialCount).ToArray(),
                PartialUnexpectedCounts = CountValues(partial),
            };
        }

        if (format.Level == ResultFormatLevel.Complete)
        {
            details = details with { UnexpectedList = r.SampleValues, UnexpectedIndexList = r.SampleIndices };
        }

        return new ExpectationResult { Success = success, Expectation = spec, Result = details };
    }

    private static UnexpectedValueCount[] CountValues(IEnumerable<JsonElement> values) =>
        values.GroupBy(v => v.GetRawText(), StringComparer.Ordinal)
            .Select(g => new UnexpectedValueCount(g.First(), g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Value.GetRawText(), StringComparer.Ordinal)
            .ToArray();
}

/// <summary>A single-column map expectation defined by a <see cref="RowCheck"/>.</summary>
internal abstract class ColumnMapEvaluator<T>(T expectation) : MapEvaluator<T>(expectation) where T : ColumnMapExpectation
{
    /// <summary>The check for a column of this kind; throws <see cref="ExpectationException"/> for kinds it cannot check.</summary>
    protected abstract RowCheck CreateCheck(ColumnInfo column);

    /// <inheritdoc />
    protected override MetricKey<MapResult> CreateMetric(Binding binding, int sampleCap)
    {
        var column = binding.Column(Spec.Column);
        RowCheck check;
        try
        {
            check = CreateCheck(column);
        }
        catch (ExpectationException ex)
        {
            // A column with no values passes every row-level check vacuously (GX), whatever its type; so the
            // type error is raised only once a value shows up.
            check = new TypeMismatch(ex.Message);
        }

        return new RowCheckMetric(Spec.Column, check, sampleCap);
    }

    /// <summary>An error saying this expectation cannot check a column of this kind.</summary>
    protected ExpectationException Unsupported(ColumnInfo column, string what) =>
        new($"{Spec.Type} cannot check column '{column.Name}' of type {column.PhysicalType} ({column.Kind}): {what}");
}

/// <summary>A check that cannot apply to the column's type: fails on the first non-null value, passes an all-null column.</summary>
internal sealed record TypeMismatch(string Message) : RowCheck
{
    public override int CountUnexpected(ColumnBatch batch) =>
        batch.NullCount == batch.Length ? 0 : throw new ExpectationException(Message);

    public override bool IsUnexpected(ColumnBatch batch, int row) => throw new ExpectationException(Message);
}
