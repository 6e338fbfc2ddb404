namespace Expectations;

/// <summary>
/// GX <c>expect_column_most_common_value_to_be_in_set</c>: the most common non-null value (pandas' <c>mode()</c>) is
/// a member of <see cref="ValueSet"/>. When several values tie for most common, the check fails unless
/// <see cref="TiesOkay"/>, in which case one of them in the set suffices. observed_value is the list of most common
/// values, ascending; a column without values has none and fails. Numbers compare by value (1 == 1.0). Memory:
/// one entry per distinct value. Example: <c>{"column": "country", "value_set": ["DE", "FR"], "ties_okay": true}</c>.
/// </summary>
public sealed record ColumnMostCommonValueToBeInSet : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_most_common_value_to_be_in_set";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The values the most common value must be one of.</summary>
    [Kwarg("value_set", Required = true)]
    public ValueList<Scalar> ValueSet { get; init; } = ValueList<Scalar>.Empty;

    /// <summary>Whether a tie for most common passes when any tied value is in the set.</summary>
    [Kwarg("ties_okay")]
    public bool TiesOkay { get; init; }
}
