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
/// anywhere (Python's <c>re.search</c>; anchor with <c>^</c>/<c>$</c> for a full match). The pattern runs on .NET's
/// non-backtracking engine, in time linear in the value, unless it needs backreferences, lookarounds or atomic groups;
/// then each match may take 1 s, and all of the expectation's matches <c>ValidationOptions.RegexBudget</c> (10 s) over the whole run,
/// after which it fails with <c>exception_info</c> naming the row (docs/limits.md).
/// </summary>
public sealed record ColumnValuesToMatchRegex : ColumnRegexExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_match_regex";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// GX <c>expect_column_values_to_not_match_regex</c>: no non-null string contains a match of <see cref="ColumnRegexExpectation.Regex"/>.
/// Time limits as for <see cref="ColumnValuesToMatchRegex"/>.
/// </summary>
public sealed record ColumnValuesToNotMatchRegex : ColumnRegexExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_match_regex";

    /// <inheritdoc />
    public override string Type => TypeName;
}
