using Expectations.Model;

namespace Expectations;

/// <summary>A row check of text against one regular expression: the argument and its validation, shared by match and not-match.</summary>
public abstract record ColumnRegexExpectation : ColumnMapExpectation
{
    /// <summary>The pattern in Python <c>re</c> syntax (named groups <c>(?P&lt;name&gt;…)</c> are accepted).</summary>
    [Kwarg("regex", Required = true)]
    public string Regex { get; init; } = "";

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        PythonRegex.Check(Regex, errors);
    }
}

/// <summary>
/// GX <c>expect_column_values_to_match_regex</c>: each non-null string contains a match of <see cref="ColumnRegexExpectation.Regex"/>
/// anywhere (Python's <c>re.search</c>; anchor with <c>^</c>/<c>$</c> for a full match).
/// </summary>
public sealed record ColumnValuesToMatchRegex : ColumnRegexExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_match_regex";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_column_values_to_not_match_regex</c>: no non-null string contains a match of <see cref="ColumnRegexExpectation.Regex"/>.</summary>
public sealed record ColumnValuesToNotMatchRegex : ColumnRegexExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_match_regex";

    /// <inheritdoc />
    public override string Type => TypeName;
}
