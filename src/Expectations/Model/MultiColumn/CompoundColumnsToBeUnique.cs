using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_compound_columns_to_be_unique</c>: no combination of values of <see cref="ColumnListExpectation.ColumnList"/> occurs in more
/// than one row. Every row whose combination repeats is unexpected (all of its occurrences, as in GX); null counts as a
/// value, equal to null, in rows <see cref="ColumnListExpectation.IgnoreRowIf"/> keeps. With <see cref="Normalize"/>, the
/// text columns of the list compare by their normalised form (the other columns exactly), and the combinations listed
/// hold the original texts.
/// </summary>
public sealed record CompoundColumnsToBeUnique : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_compound_columns_to_be_unique";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>
    /// How the values of the list's text columns are normalised before combinations are compared: <c>true</c> for every
    /// step, or a list of <c>"trim"</c>, <c>"case"</c>, <c>"whitespace"</c> (see <see cref="TextNormalization"/>); columns of
    /// other kinds compare exactly. <c>false</c> or absent (the default) compares texts exactly. A list without a text
    /// column fails the expectation when this is set.
    /// </summary>
    [Kwarg("normalize")]
    public TextNormalization Normalize { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        TextNormalizations.Check(Normalize, errors);
    }
}
