namespace Expectations;

/// <summary>String length verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>
    /// Every value has between <paramref name="min"/> and <paramref name="max"/> characters (Unicode code points;
    /// GX <c>expect_column_value_lengths_to_be_between</c>); null means unbounded. Bounds are whole numbers or suite parameters.
    /// </summary>
    public static ColumnBuilder<string> LengthBetween(this ColumnBuilder<string> c, Scalar? min, Scalar? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, Bounds = new(min, max, strictMin, strictMax) });

    /// <summary>
    /// Every value has between <paramref name="min"/> and <paramref name="max"/> characters (GX
    /// <c>expect_column_value_lengths_to_be_between</c>); the column must hold text.
    /// </summary>
    public static ColumnBuilder<Scalar> LengthBetween(this ColumnBuilder<Scalar> c, Scalar? min, Scalar? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, Bounds = new(min, max, strictMin, strictMax) });

    /// <summary>Every value has exactly <paramref name="length"/> characters (GX <c>expect_column_value_lengths_to_equal</c>).</summary>
    public static ColumnBuilder<string> LengthEquals(this ColumnBuilder<string> c, Scalar length) =>
        c.Add(new ColumnValueLengthsToEqual { Column = c.Name, Value = length });

    /// <summary>Every value has exactly <paramref name="length"/> characters (GX <c>expect_column_value_lengths_to_equal</c>); the column must hold text.</summary>
    public static ColumnBuilder<Scalar> LengthEquals(this ColumnBuilder<Scalar> c, Scalar length) =>
        c.Add(new ColumnValueLengthsToEqual { Column = c.Name, Value = length });
}
