namespace Expectations;

/// <summary>Uniqueness verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>No non-null value occurs twice (GX <c>expect_column_values_to_be_unique</c>); every occurrence of a repeated value is unexpected.</summary>
    public static ColumnBuilder<T> Unique<T>(this ColumnBuilder<T> c) => c.Add(new ColumnValuesToBeUnique { Column = c.Name });
}
