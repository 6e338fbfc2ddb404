namespace Expectations;

/// <summary>Uniqueness verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>No non-null value occurs twice (GX <c>expect_column_values_to_be_unique</c>); every occurrence of a repeated value is unexpected.</summary>
    public static ColumnBuilder<T> Unique<T>(this ColumnBuilder<T> c) => c.Add(new ColumnValuesToBeUnique { Column = c.Name });

    /// <summary>
    /// No non-null text occurs twice once normalised (GX <c>expect_column_values_to_be_unique</c> with <c>normalize</c>):
    /// <c>.Unique(TextNormalization.All)</c> finds "Hello  World" and " hello world" to be duplicates. The column must hold text.
    /// </summary>
    /// <param name="c">The column's rules.</param>
    /// <param name="normalize">The steps applied before texts compare (<see cref="TextNormalization.None"/> compares them exactly).</param>
    public static ColumnBuilder<T> Unique<T>(this ColumnBuilder<T> c, TextNormalization normalize) => c.Add(new ColumnValuesToBeUnique { Column = c.Name, Normalize = normalize });
}
