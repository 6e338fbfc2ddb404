using System.Runtime.Serialization;
using Expectations.Model;

namespace Expectations;

/// <summary>How a value must relate to a list of patterns (GX's <c>match_on</c>).</summary>
public enum MatchOn
{
    /// <summary>A value passes when at least one pattern matches it (the default).</summary>
    [EnumMember(Value = "any")]
    Any,

    /// <summary>A value passes only when every pattern matches it.</summary>
    [EnumMember(Value = "all")]
    All,
}

/// <summary>
/// GX <c>expect_column_values_to_match_regex_list</c>: each non-null string contains a match of any (or, with
/// <see cref="MatchOn"/> <c>all</c>, every) pattern of <see cref="RegexList"/> (Python <c>re.search</c> semantics).
/// Example: <c>regex_list = ["^\d+$", "^n/a$"]</c> accepts <c>"42"</c> and <c>"n/a"</c>. Time limits as for
/// <see cref="ColumnValuesToMatchRegex"/>.
/// </summary>
public sealed record ColumnValuesToMatchRegexList : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_match_regex_list";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The patterns in Python <c>re</c> syntax; at least one.</summary>
    [Kwarg("regex_list", Required = true)]
    public ValueList<string> RegexList { get; init; }

    /// <summary>Whether any pattern (default) or all patterns must match.</summary>
    [Kwarg("match_on")]
    public MatchOn MatchOn { get; init; } = MatchOn.Any;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        RegexList.CheckPatterns(errors, "regex_list");
    }
}

/// <summary>
/// GX <c>expect_column_values_to_not_match_regex_list</c>: no non-null string contains a match of any pattern of
/// <see cref="RegexList"/>. Example: <c>regex_list = ["\s", "[a-z]"]</c> rejects <c>"a1"</c> and <c>"1 2"</c>. Time limits as
/// for <see cref="ColumnValuesToMatchRegex"/>.
/// </summary>
public sealed record ColumnValuesToNotMatchRegexList : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_match_regex_list";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The forbidden patterns in Python <c>re</c> syntax; at least one.</summary>
    [Kwarg("regex_list", Required = true)]
    public ValueList<string> RegexList { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        RegexList.CheckPatterns(errors, "regex_list");
    }
}
