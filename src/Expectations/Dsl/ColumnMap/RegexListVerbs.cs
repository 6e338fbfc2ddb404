namespace Expectations;

/// <summary>Pattern-list verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value contains a match of any (or, with <paramref name="matchOn"/> = All, every) pattern (GX <c>expect_column_values_to_match_regex_list</c>).</summary>
    public static ColumnBuilder<string> MatchesRegexList(this ColumnBuilder<string> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
        c.Add(new ColumnValuesToMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns), MatchOn = matchOn });

    /// <summary>Every value contains a match of any (or every) pattern (GX <c>expect_column_values_to_match_regex_list</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> MatchesRegexList(this ColumnBuilder<Scalar> c, IEnumerable<string> patterns, MatchOn matchOn = MatchOn.Any) =>
        c.Add(new ColumnValuesToMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns), MatchOn = matchOn });

    /// <summary>No value contains a match of any of <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_regex_list</c>).</summary>
    public static ColumnBuilder<string> NotMatchesRegexList(this ColumnBuilder<string> c, params IEnumerable<string> patterns) =>
        c.Add(new ColumnValuesToNotMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns) });

    /// <summary>No value contains a match of any of <paramref name="patterns"/> (GX <c>expect_column_values_to_not_match_regex_list</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> NotMatchesRegexList(this ColumnBuilder<Scalar> c, params IEnumerable<string> patterns) =>
        c.Add(new ColumnValuesToNotMatchRegexList { Column = c.Name, RegexList = ValueList.From(patterns) });
}
