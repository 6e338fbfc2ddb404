namespace Expectations;

/// <summary>SQL LIKE verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_match_like_pattern</c>).</summary>
    public static ColumnRules<string> MatchesLike(this ColumnRules<string> c, string pattern) =>
        c.Add(new ColumnValuesToMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>Every value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_match_like_pattern</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> MatchesLike(this ColumnRules<Scalar> c, string pattern) =>
        c.Add(new ColumnValuesToMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>No value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_not_match_like_pattern</c>).</summary>
    public static ColumnRules<string> NotMatchesLike(this ColumnRules<string> c, string pattern) =>
        c.Add(new ColumnValuesToNotMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>No value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_not_match_like_pattern</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> NotMatchesLike(this ColumnRules<Scalar> c, string pattern) =>
        c.Add(new ColumnValuesToNotMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>Every value matches any (or every) SQL LIKE pattern (GX <c>expect_column_values_to_match_like_pattern_list</c>).</summary>
    public static ColumnRules<string> MatchesLikeList(this ColumnRules<string> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
        c.Add(new ColumnValuesToMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns), MatchOn = matchOn });

    /// <summary>Every value matches any (or every) SQL LIKE pattern (GX <c>expect_column_values_to_match_like_pattern_list</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> MatchesLikeList(this ColumnRules<Scalar> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
        c.Add(new ColumnValuesToMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns), MatchOn = matchOn });

    /// <summary>No value matches any of the SQL LIKE <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_like_pattern_list</c>).</summary>
    public static ColumnRules<string> NotMatchesLikeList(this ColumnRules<string> c, params IEnumerable<string> patterns) =>
        c.Add(new ColumnValuesToNotMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns) });

    /// <summary>No value matches any of the SQL LIKE <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_like_pattern_list</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> NotMatchesLikeList(this ColumnRules<Scalar> c, params IEnumerable<string> patterns) =>
        c.Add(new ColumnValuesToNotMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns) });
}
