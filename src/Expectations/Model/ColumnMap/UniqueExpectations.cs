using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_be_unique</c>: no non-null value occurs twice. Every occurrence of a repeated
/// value is unexpected, the first one included. Numbers compare by value, strings by exact text (ordinal),
/// NaN equals NaN (as pandas' <c>duplicated</c>) and 0.0 equals -0.0. With <see cref="Normalize"/>, texts compare by
/// their normalised form (<c>"HELLO World"</c> repeats <c>" hello world "</c>), and the unexpected values listed are the original texts.
/// </summary>
public sealed record ColumnValuesToBeUnique : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_unique";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>
    /// How texts are normalised before they are compared: <c>true</c> for every step, or a list of <c>"trim"</c>, <c>"case"</c>,
    /// <c>"whitespace"</c> (applied as whitespace runs to one space, then trim, then invariant lower case; see
    /// <see cref="TextNormalization"/>); <c>false</c> or absent (the default) compares them exactly. A column that is not
    /// text fails the expectation when this is set.
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
