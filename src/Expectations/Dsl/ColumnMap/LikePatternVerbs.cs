namespace Expectations;

/// <summary>SQL LIKE verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_match_like_pattern</c>).</summary>
    public static ColumnBuilder<string> MatchesLike(this ColumnBuilder<string> c, string pattern) =>
        c.Add(new ColumnValuesToMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>Every value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_match_like_pattern</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> MatchesLike(this ColumnBuilder<Scalar> c, string pattern) =>
        c.Add(new ColumnValuesToMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>No value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_not_match_like_pattern</c>).</summary>
    public static ColumnBuilder<string> NotMatchesLike(this ColumnBuilder<string> c, string pattern) =>
        c.Add(new ColumnValuesToNotMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>No value matches the SQL LIKE <paramref name="pattern"/> (GX <c>expect_column_values_to_not_match_like_pattern</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> NotMatchesLike(this ColumnBuilder<Scalar> c, string pattern) =>
        c.Add(new ColumnValuesToNotMatchLikePattern { Column = c.Name, LikePattern = pattern });

    /// <summary>Every value matches any (or every) SQL LIKE pattern (GX <c>expect_column_values_to_match_like_pattern_list</c>).</summary>
    public static ColumnBuilder<string> MatchesLikeList(this ColumnBuilder<string> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
        c.Add(new ColumnValuesToMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns), MatchOn = matchOn });

    /// <summary>Every value matches any (or every) SQL LIKE pattern (GX <c>expect_column_values_to_match_like_pattern_list</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> MatchesLikeList(this ColumnBuilder<Scalar> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
        c.Add(new ColumnValuesToMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns), MatchOn = matchOn });

    /// <summary>No value matches any of the SQL LIKE <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_like_pattern_list</c>).</summary>
    public static ColumnBuilder<string> NotMatchesLikeList(this ColumnBuilder<string> c, params IEnumerable<string> patterns) =>
        c.Add(new ColumnValuesToNotMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns) });

    /// <summary>No value matches any of the SQL LIKE <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_like_pattern_list</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> NotMatchesLikeList(this ColumnBuilder<Scalar> c, params IEnumerable<string> patterns) =>
        c.Add(new ColumnValuesToNotMatchLikePatternList { Column = c.Name, LikePatternList = ValueList.From(patterns) });
}
