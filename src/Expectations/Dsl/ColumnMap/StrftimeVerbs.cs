namespace Expectations;

/// <summary>Date format verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value is a date in the Python strftime <paramref name="format"/> (GX <c>expect_column_values_to_match_strftime_format</c>).</summary>
    public static ColumnBuilder<string> MatchesStrftimeFormat(this ColumnBuilder<string> c, string format) =>
        c.Add(new ColumnValuesToMatchStrftimeFormat { Column = c.Name, StrftimeFormat = format });

    /// <summary>Every value is a date in the Python strftime <paramref name="format"/> (GX <c>expect_column_values_to_match_strftime_format</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> MatchesStrftimeFormat(this ColumnBuilder<Scalar> c, string format) =>
        c.Add(new ColumnValuesToMatchStrftimeFormat { Column = c.Name, StrftimeFormat = format });
}
