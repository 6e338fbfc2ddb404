using System.Text.RegularExpressions;
using Expectations.Conditions;
using Expectations.Data;
using Expectations.Engine;
using Expectations.Reporting;

namespace Expectations.Checks;

/// <summary>
/// GX <c>unexpected_rows_expectation</c>: no row matches <see cref="UnexpectedRowsQuery"/>. GX runs the query as SQL;
/// in memory the query must have the form <c>SELECT * FROM {batch} WHERE condition</c>, where the condition uses
/// comparisons of columns with literals joined by AND / OR / NOT (SQL's <c>=</c> and <c>&lt;&gt;</c> included), e.g.
/// <c>SELECT * FROM {batch} WHERE amount &lt; 0 OR currency = 'XXX'</c>. Other SQL is an argument error that says so.
/// </summary>
public sealed partial record UnexpectedRowsExpectation : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "unexpected_rows_expectation";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The query selecting unexpected rows: <c>SELECT * FROM {batch} WHERE ...</c>.</summary>
    [Kwarg("unexpected_rows_query", Required = true)]
    public string UnexpectedRowsQuery { get; init; } = "";

    /// <summary>The WHERE condition of <see cref="UnexpectedRowsQuery"/>, parsed; throws <see cref="FormatException"/> when the query has another shape.</summary>
    internal Conditions.RowCondition ParseCondition()
    {
        var match = QueryShape().Match(UnexpectedRowsQuery);
        return match.Success
            ? Conditions.RowCondition.Parse(match.Groups["where"].Value)
            : throw new FormatException("in memory the query must be SELECT * FROM {batch} WHERE <condition>");
    }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        try
        {
            ParseCondition();
        }
        catch (FormatException ex)
        {
            errors.Add("unexpected_rows_query", ex.Message);
        }
    }

    [GeneratedRegex(@"^\s*SELECT\s+\*\s+FROM\s+\{batch\}\s+WHERE\s+(?<where>.+?)\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex QueryShape();
}

/// <summary>Rows satisfying a condition: their number and the global indices of the first few.</summary>
internal sealed record MatchingRowsMetric(RowCondition Condition, int SampleCap) : MetricKey<(long Count, IReadOnlyList<long> First)>
{
    public override IReadOnlyList<string> Columns => [.. Condition.Columns.Distinct(StringComparer.Ordinal)];

    public override MetricAccumulator CreateAccumulator(MetricContext context) => new Accumulator(this);

    private sealed class Accumulator(MatchingRowsMetric key) : MetricAccumulator
    {
        private readonly List<long> _first = [];
        private long _count;

        public override void Add(DataChunk chunk)
        {
            var mask = ConditionFilter.Evaluate(key.Condition, chunk);
            for (var i = 0; i < mask.Length; i++)
            {
                if (mask[i] != 0)
                {
                    _count++;
                    if (_first.Count < key.SampleCap)
                    {
                        _first.Add(chunk.GlobalIndex(i));
                    }
                }
            }
        }

        public override void Merge(MetricAccumulator other)
        {
            var o = (Accumulator)other;
            _count += o._count;
            _first.AddRange(o._first.Take(key.SampleCap - _first.Count));
        }

        public override object Finish() => (_count, (IReadOnlyList<long>)_first);
    }
}

internal sealed class UnexpectedRowsEvaluator(UnexpectedRowsExpectation e) : Evaluator<UnexpectedRowsExpectation>(e)
{
    private MatchingRowsMetric? _metric;

    public override void Bind(Binding binding)
    {
        var condition = Spec.ParseCondition();
        foreach (var column in condition.Columns)
        {
            binding.Column(column);
        }

        _metric = binding.Require(new MatchingRowsMetric(condition, binding.Format.PartialUnexpectedCount));
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var (count, first) = metrics.Get(_metric!);
        var observed = count == 1 ? "1 unexpected row" : $"{count} unexpected rows";
        return Result(count == 0, format.Level == ResultFormatLevel.BooleanOnly
            ? ResultDetails.Empty
            : ObservedDetails.Of(observed, format) with { UnexpectedCount = count, PartialUnexpectedIndexList = first });
    }
}
