namespace Expectations;

/// <summary>Order verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Values never go down in row order, nulls skipped (GX <c>expect_column_values_to_be_increasing</c>); <paramref name="strictly"/> also forbids repeats.</summary>
    public static ColumnBuilder<T> Increasing<T>(this ColumnBuilder<T> c, bool strictly = false) =>
        c.Add(new ColumnValuesToBeIncreasing { Column = c.Name, Strictly = strictly ? true : null });

    /// <summary>Values never go up in row order, nulls skipped (GX <c>expect_column_values_to_be_decreasing</c>); <paramref name="strictly"/> also forbids repeats.</summary>
    public static ColumnBuilder<T> Decreasing<T>(this ColumnBuilder<T> c, bool strictly = false) =>
        c.Add(new ColumnValuesToBeDecreasing { Column = c.Name, Strictly = strictly ? true : null });
}
