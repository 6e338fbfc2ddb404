using System.Collections.Frozen;
using Expectations.Engine;
using Expectations.Engine.ColumnMap;

namespace Expectations;

/// <summary>
/// Says whether the non-null value in row <paramref name="row"/> of <paramref name="batch"/> meets a user-defined
/// column-map expectation. Read the value through the batch's public API (<see cref="PrimitiveBatch{T}.Values"/>,
/// <see cref="VariableLengthBatch.GetBytes"/>). An exception it throws becomes that expectation's <c>exception_info</c>.
/// </summary>
public delegate bool ColumnValuePredicate(ColumnBatch batch, int row);

/// <summary>
/// The expectation types the in-memory engine can run, each with its evaluator. Immutable:
/// <see cref="InMemoryValidation.Evaluators"/> holds the built-in ones, and <see cref="WithColumnValueCheck{T}"/> adds a
/// user-defined column-map expectation, which then gets what every built-in one gets: nulls skipped, <c>mostly</c>,
/// counts, samples, <c>row_condition</c> and every <c>result_format</c>.
/// </summary>
public sealed class InMemoryEvaluators
{
    internal InMemoryEvaluators(IEnumerable<EvaluatorEntry> entries) => Entries = entries.ToFrozenDictionary(e => e.ModelType);

    internal FrozenDictionary<Type, EvaluatorEntry> Entries { get; }

    /// <summary>The record types these evaluators run.</summary>
    public IReadOnlyCollection<Type> ExpectationTypes => Entries.Keys;

    /// <summary>
    /// These evaluators plus one for the column-map record <typeparamref name="T"/>: <paramref name="check"/> is called
    /// once per run and worker thread with the expectation (its arguments resolved) and returns the per-value test.
    /// </summary>
    public InMemoryEvaluators WithColumnValueCheck<T>(Func<T, ColumnValuePredicate> check) where T : ColumnMapExpectation
    {
        ArgumentNullException.ThrowIfNull(check);
        if (Entries.ContainsKey(typeof(T)))
        {
            throw new ArgumentException($"{typeof(T).Name} already has an in-memory evaluator.", nameof(check));
        }

        return new InMemoryEvaluators(Entries.Values.Append(EvaluatorEntry.Of<T>(e => new PredicateEvaluator<T>(e, check(e)))));
    }

    private sealed class PredicateEvaluator<T>(T expectation, ColumnValuePredicate predicate) : ColumnMapEvaluator<T>(expectation) where T : ColumnMapExpectation
    {
        // The predicate reads the batch itself: it gets any column, lists whole (a ListBatch row), binary as its bytes.
        public override ColumnShapes AcceptedShapes => ColumnShapes.All;

        protected override ListValues ListSemantics => ListValues.Whole;

        protected override RowCheck CreateCheck(ColumnInfo column) => new PredicateCheck(Spec, predicate);
    }

    /// <summary>A row check from a user's predicate; equal for equal expectations, so workers bind equal metric keys.</summary>
    private sealed record PredicateCheck(Expectation Spec, ColumnValuePredicate Predicate) : RowCheck
    {
        public override int CountUnexpected(ColumnBatch batch)
        {
            var count = 0;
            for (var row = 0; row < batch.Length; row++)
            {
                if (batch.IsValid(row) && !Predicate(batch, row))
                {
                    count++;
                }
            }

            return count;
        }

        public override bool IsUnexpected(ColumnBatch batch, int row) => !Predicate(batch, row);

        public bool Equals(PredicateCheck? other) => other is not null && Spec.Equals(other.Spec);

        public override int GetHashCode() => Spec.GetHashCode();
    }
}
