namespace Expectations;

/// <summary>Parse verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value reads as a date the way Python's dateutil would (GX <c>expect_column_values_to_be_dateutil_parseable</c>).</summary>
    public static ColumnRules<string> DateutilParseable(this ColumnRules<string> c) => c.Add(new ColumnValuesToBeDateutilParseable { Column = c.Name });

    /// <summary>Every value reads as a date the way Python's dateutil would (GX <c>expect_column_values_to_be_dateutil_parseable</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> DateutilParseable(this ColumnRules<Scalar> c) => c.Add(new ColumnValuesToBeDateutilParseable { Column = c.Name });

    /// <summary>Every value is one JSON document (GX <c>expect_column_values_to_be_json_parseable</c>).</summary>
    public static ColumnRules<string> JsonParseable(this ColumnRules<string> c) => c.Add(new ColumnValuesToBeJsonParseable { Column = c.Name });

    /// <summary>Every value is one JSON document (GX <c>expect_column_values_to_be_json_parseable</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> JsonParseable(this ColumnRules<Scalar> c) => c.Add(new ColumnValuesToBeJsonParseable { Column = c.Name });
}
