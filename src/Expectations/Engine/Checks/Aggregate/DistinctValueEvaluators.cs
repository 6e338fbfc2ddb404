using Expectations.Engine.Aggregate;

namespace Expectations.Engine.Checks;

/// <summary>
/// The distinct-values family: observed_value is the sorted distinct values, details.value_counts each one's
/// count (ascending by value), as GX reports them.
/// </summary>
internal abstract class DistinctSetEvaluator<T>(T e) : Evaluator<T>(e) where T : ColumnExpectation
{
    private DistinctValuesMetric? _distinct;

    /// <summary>Binary values are distinct by their bytes; set members name them as \x-hex or as text.</summary>
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    /// <summary>The value set, or null for the universal set.</summary>
    protected abstract ValueList<Scalar>? Members { get; }

    /// <summary>Whether the column's distinct values relate to the set as required.</summary>
    /// <param name="distinctMatched">How many distinct values are set members.</param>
    /// <param name="distinctCount">How many distinct values there are.</param>
    /// <param name="membersMissing">How many (non-null) set members do not occur in the column.</param>
    protected abstract bool Holds(int distinctMatched, int distinctCount, int membersMissing);

    public override void Bind(Binding binding) => _distinct = binding.Require(new DistinctValuesMetric(binding.Column(Spec.Column).Name));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var d = metrics.Get(_distinct!);
        bool success;
        if (Members is not { } set)
        {
            success = true;
        }
        else
        {
            var matched = new HashSet<int>();
            var missing = 0;
            foreach (var member in set.Where(m => !m.IsNull))
            {
                var index = d.IndexOf(member);
                if (index >= 0)
                {
                    matched.Add(index);
                }
                else
                {
                    missing++;
                }
            }

            success = Holds(matched.Count, d.Count, missing);
        }

        return format.Level == ResultFormatLevel.BooleanOnly
            ? Result(success, ResultDetails.Empty)
            : Result(success, new ResultDetails { ObservedValue = d.ToJsonList(), Details = d.ToValueCountsDetails() });
    }
}

internal sealed class DistinctInSetEvaluator(ColumnDistinctValuesToBeInSet e) : DistinctSetEvaluator<ColumnDistinctValuesToBeInSet>(e)
{
    protected override ValueList<Scalar>? Members => Spec.ValueSet;

    protected override bool Holds(int distinctMatched, int distinctCount, int membersMissing) => distinctMatched == distinctCount;
}

internal sealed class DistinctContainSetEvaluator(ColumnDistinctValuesToContainSet e) : DistinctSetEvaluator<ColumnDistinctValuesToContainSet>(e)
{
    protected override ValueList<Scalar>? Members => Spec.ValueSet;

    protected override bool Holds(int distinctMatched, int distinctCount, int membersMissing) => membersMissing == 0;
}

internal sealed class DistinctEqualSetEvaluator(ColumnDistinctValuesToEqualSet e) : DistinctSetEvaluator<ColumnDistinctValuesToEqualSet>(e)
{
    protected override ValueList<Scalar>? Members => Spec.ValueSet;

    protected override bool Holds(int distinctMatched, int distinctCount, int membersMissing) =>
        distinctMatched == distinctCount && membersMissing == 0;
}
