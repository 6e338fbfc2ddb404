namespace Expectations;

/// <summary>Parse verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value reads as a date the way Python's dateutil would (GX <c>expect_column_values_to_be_dateutil_parseable</c>).</summary>
    public static ColumnBuilder<string> DateutilParseable(this ColumnBuilder<string> c) => c.Add(new ColumnValuesToBeDateutilParseable { Column = c.Name });

    /// <summary>Every value reads as a date the way Python's dateutil would (GX <c>expect_column_values_to_be_dateutil_parseable</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> DateutilParseable(this ColumnBuilder<Scalar> c) => c.Add(new ColumnValuesToBeDateutilParseable { Column = c.Name });

    /// <summary>Every value is one JSON document (GX <c>expect_column_values_to_be_json_parseable</c>).</summary>
    public static ColumnBuilder<string> JsonParseable(this ColumnBuilder<string> c) => c.Add(new ColumnValuesToBeJsonParseable { Column = c.Name });

    /// <summary>Every value is one JSON document (GX <c>expect_column_values_to_be_json_parseable</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> JsonParseable(this ColumnBuilder<Scalar> c) => c.Add(new ColumnValuesToBeJsonParseable { Column = c.Name });
}
