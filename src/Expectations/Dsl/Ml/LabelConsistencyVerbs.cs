namespace Expectations;

/// <summary>Table verbs about label consistency.</summary>
public static partial class TableVerbs
{
    /// <summary>
    /// Rows equal on <paramref name="features"/> carry one value of <paramref name="label"/>: every row of a group of equal
    /// features with two or more labels is unexpected (<c>expect_multicolumn_values_to_determine_column</c>).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="features">The feature columns; null values compare equal to each other.</param>
    /// <param name="label">The label column, not one of the features; rows with a null label are left out.</param>
    /// <param name="ignoreRowIf">Which rows with null features are skipped (default: rows whose features are all null).</param>
    /// <param name="mostly">The fraction of rows checked that must lie in consistent groups, or null for all.</param>
    public static TableBuilder FeaturesDetermine(this TableBuilder t, IEnumerable<string> features, string label,
        MultiColumnIgnoreRowIf ignoreRowIf = MultiColumnIgnoreRowIf.AllValuesAreMissing, double? mostly = null) =>
        t.Add(new MulticolumnValuesToDetermineColumn { ColumnList = ValueList.From(features), Column = label, IgnoreRowIf = ignoreRowIf, Mostly = mostly });
}
