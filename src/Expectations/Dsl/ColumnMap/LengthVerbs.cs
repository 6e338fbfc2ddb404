namespace Expectations;

/// <summary>String length verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>
    /// Every value has between <paramref name="min"/> and <paramref name="max"/> characters (Unicode code points;
    /// GX <c>expect_column_value_lengths_to_be_between</c>); null means unbounded.
    /// </summary>
    public static ColumnRules<string> LengthBetween(this ColumnRules<string> c, int? min, int? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, MinValue = min, MaxValue = max, StrictMin = strictMin, StrictMax = strictMax });

    /// <summary>
    /// Every value has between <paramref name="min"/> and <paramref name="max"/> characters (GX
    /// <c>expect_column_value_lengths_to_be_between</c>); the column must hold text.
    /// </summary>
    public static ColumnRules<Scalar> LengthBetween(this ColumnRules<Scalar> c, int? min, int? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, MinValue = min, MaxValue = max, StrictMin = strictMin, StrictMax = strictMax });

    /// <summary>Every value has exactly <paramref name="length"/> characters (GX <c>expect_column_value_lengths_to_equal</c>).</summary>
    public static ColumnRules<string> LengthEquals(this ColumnRules<string> c, int length) =>
        c.Add(new ColumnValueLengthsToEqual { Column = c.Name, Value = length });

    /// <summary>Every value has exactly <paramref name="length"/> characters (GX <c>expect_column_value_lengths_to_equal</c>); the column must hold text.</summary>
    public static ColumnRules<Scalar> LengthEquals(this ColumnRules<Scalar> c, int length) =>
        c.Add(new ColumnValueLengthsToEqual { Column = c.Name, Value = length });
}
