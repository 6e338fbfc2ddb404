namespace Expectations;

/// <summary>Type verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>The column's type is <paramref name="typeName"/> (GX <c>expect_column_values_to_be_of_type</c>; names as in docs/types.md).</summary>
    public static ColumnBuilder<T> OfType<T>(this ColumnBuilder<T> c, string typeName) =>
        c.Add(new ColumnValuesToBeOfType { Column = c.Name, ExpectedType = typeName });

    /// <summary>The column's type is one of <paramref name="typeNames"/> (GX <c>expect_column_values_to_be_in_type_list</c>).</summary>
    public static ColumnBuilder<T> InTypeList<T>(this ColumnBuilder<T> c, params IEnumerable<string> typeNames) =>
        c.Add(new ColumnValuesToBeInTypeList { Column = c.Name, TypeList = ValueList.From(typeNames) });
}
