using System.Diagnostics.CodeAnalysis;

namespace Expectations;

/// <summary>Pattern verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value contains a match of <paramref name="pattern"/> (GX <c>expect_column_values_to_match_regex</c>; Python <c>re.search</c> semantics).</summary>
    public static ColumnBuilder<string> MatchesRegex(this ColumnBuilder<string> c, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        c.Add(new ColumnValuesToMatchRegex { Column = c.Name, Regex = pattern });

    /// <summary>Every value contains a match of <paramref name="pattern"/> (GX <c>expect_column_values_to_match_regex</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> MatchesRegex(this ColumnBuilder<Scalar> c, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        c.Add(new ColumnValuesToMatchRegex { Column = c.Name, Regex = pattern });

    /// <summary>No value contains a match of <paramref name="pattern"/> (GX <c>expect_column_values_to_not_match_regex</c>).</summary>
    public static ColumnBuilder<string> NotMatchesRegex(this ColumnBuilder<string> c, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        c.Add(new ColumnValuesToNotMatchRegex { Column = c.Name, Regex = pattern });

    /// <summary>No value contains a match of <paramref name="pattern"/> (GX <c>expect_column_values_to_not_match_regex</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> NotMatchesRegex(this ColumnBuilder<Scalar> c, [StringSyntax(StringSyntaxAttribute.Regex)] string pattern) =>
        c.Add(new ColumnValuesToNotMatchRegex { Column = c.Name, Regex = pattern });
}
