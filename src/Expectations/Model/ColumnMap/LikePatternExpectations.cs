using Expectations.Model;

namespace Expectations;

/// <summary>A row check of text against one SQL <c>LIKE</c> pattern: the argument and its validation, shared by match and not-match.</summary>
public abstract record ColumnLikePatternExpectation : ColumnMapExpectation
{
    /// <summary>The pattern: <c>%</c> any run of characters, <c>_</c> one character, <c>[a-c]</c>/<c>[^a]</c> a class, <c>\</c> escapes.</summary>
    [Kwarg("like_pattern", Required = true)]
    public string LikePattern { get; init; } = "";

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        SqlLike.Check(LikePattern, errors, "like_pattern");
    }
}

/// <summary>
/// GX <c>expect_column_values_to_match_like_pattern</c>: each non-null string matches the SQL <c>LIKE</c> pattern
/// <see cref="ColumnLikePatternExpectation.LikePattern"/> as a whole (see <see cref="SqlLike"/> for the dialect).
/// Example: <c>like_pattern = "INV-%"</c> accepts <c>"INV-001"</c>.
/// </summary>
public sealed record ColumnValuesToMatchLikePattern : ColumnLikePatternExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_match_like_pattern";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// GX <c>expect_column_values_to_not_match_like_pattern</c>: no non-null string matches the SQL <c>LIKE</c> pattern
/// <see cref="ColumnLikePatternExpectation.LikePattern"/>. Example: <c>like_pattern = "% %"</c> rejects values holding a space.
/// </summary>
public sealed record ColumnValuesToNotMatchLikePattern : ColumnLikePatternExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_match_like_pattern";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// GX <c>expect_column_values_to_match_like_pattern_list</c>: each non-null string matches any (or, with
/// <see cref="MatchOn"/> <c>all</c>, every) SQL <c>LIKE</c> pattern of <see cref="LikePatternList"/>.
/// Example: <c>like_pattern_list = ["A-%", "B-%"]</c> accepts <c>"A-1"</c> and <c>"B-7"</c>.
/// </summary>
public sealed record ColumnValuesToMatchLikePatternList : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_match_like_pattern_list";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The patterns (SQL <c>LIKE</c> syntax); at least one.</summary>
    [Kwarg("like_pattern_list", Required = true)]
    public ValueList<string> LikePatternList { get; init; }

    /// <summary>Whether any pattern (default) or all patterns must match.</summary>
    [Kwarg("match_on")]
    public MatchOn MatchOn { get; init; } = MatchOn.Any;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        SqlLike.CheckList(LikePatternList, errors, "like_pattern_list");
    }
}

/// <summary>
/// GX <c>expect_column_values_to_not_match_like_pattern_list</c>: no non-null string matches any SQL <c>LIKE</c>
/// pattern of <see cref="LikePatternList"/>. Example: <c>like_pattern_list = ["%test%", "tmp_%"]</c>.
/// </summary>
public sealed record ColumnValuesToNotMatchLikePatternList : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_match_like_pattern_list";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The forbidden patterns (SQL <c>LIKE</c> syntax); at least one.</summary>
    [Kwarg("like_pattern_list", Required = true)]
    public ValueList<string> LikePatternList { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        SqlLike.CheckList(LikePatternList, errors, "like_pattern_list");
    }
}
