namespace Expectations;

/// <summary>
/// GX <c>expect_column_pair_values_to_be_in_set</c>: in each row, the pair (<see cref="ColumnPairExpectation.ColumnA"/>,
/// <see cref="ColumnPairExpectation.ColumnB"/>) is one of <see cref="ValuePairsSet"/>, for example
/// <c>value_pairs_set: [["FR", "EUR"], ["US", "USD"]]</c> for (country, currency). Numbers match by value (1 matches 1.0),
/// strings exactly, timestamps by instant (members written as dates); a member of another kind than its column never
/// matches. Rows with a null are skipped or unexpected as <see cref="ColumnPairExpectation.IgnoreRowIf"/> says: a null
/// never matches a pair.
/// </summary>
public sealed record ColumnPairValuesToBeInSet : ColumnPairExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_pair_values_to_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The allowed (A, B) pairs, each a two-element list.</summary>
    [Kwarg("value_pairs_set", Required = true)]
    public ValueList<ValueList<Scalar>> ValuePairsSet { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        for (var i = 0; i < ValuePairsSet.Count; i++)
        {
            if (ValuePairsSet[i].Count != 2)
            {
                errors.Add("value_pairs_set", $"item [{i}] must be a pair [a, b], found {ValuePairsSet[i].Count} values");
                break;
            }
        }
    }
}
