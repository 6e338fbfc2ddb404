using System.Numerics;

namespace Expectations;

/// <summary>Column verbs of the core expectations. Each verb adds one expectation record.</summary>
public static partial class ColumnVerbs
{
    /// <summary>No value is null (GX <c>expect_column_values_to_not_be_null</c>).</summary>
    public static ColumnBuilder<T> NotNull<T>(this ColumnBuilder<T> c) => c.Add(new ColumnValuesToNotBeNull { Column = c.Name });

    /// <summary>Every value is null (GX <c>expect_column_values_to_be_null</c>).</summary>
    public static ColumnBuilder<T> Null<T>(this ColumnBuilder<T> c) => c.Add(new ColumnValuesToBeNull { Column = c.Name });

    /// <summary>Values lie within bounds (GX <c>expect_column_values_to_be_between</c>); null means unbounded.</summary>
    public static ColumnBuilder<T> Between<T>(this ColumnBuilder<T> c, T? min, T? max, bool strictMin = false, bool strictMax = false)
        where T : struct, INumber<T> =>
        c.Add(new ColumnValuesToBeBetween { Column = c.Name, Bounds = new(ToScalar(min), ToScalar(max), strictMin, strictMax) });

    /// <summary>Values lie within bounds (GX <c>expect_column_values_to_be_between</c>); null means unbounded.</summary>
    public static ColumnBuilder<Scalar> Between(this ColumnBuilder<Scalar> c, Scalar? min, Scalar? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(new ColumnValuesToBeBetween { Column = c.Name, Bounds = new(min, max, strictMin, strictMax) });

    /// <summary>Timestamps lie within bounds (GX <c>expect_column_values_to_be_between</c>).</summary>
    public static ColumnBuilder<DateTime> Between(this ColumnBuilder<DateTime> c, DateTime? min, DateTime? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(new ColumnValuesToBeBetween { Column = c.Name, Bounds = new(min is { } a ? Scalar.From(a) : null, max is { } b ? Scalar.From(b) : null, strictMin, strictMax) });

    /// <summary>Strings lie within bounds in code-point order (GX <c>expect_column_values_to_be_between</c>).</summary>
    public static ColumnBuilder<string> Between(this ColumnBuilder<string> c, string? min, string? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(new ColumnValuesToBeBetween { Column = c.Name, Bounds = new(min is null ? null : Scalar.From(min), max is null ? null : Scalar.From(max), strictMin, strictMax) });

    /// <summary>Every value is one of <paramref name="values"/> (GX <c>expect_column_values_to_be_in_set</c>).</summary>
    public static ColumnBuilder<T> InSet<T>(this ColumnBuilder<T> c, params IEnumerable<T> values) =>
        c.Add(new ColumnValuesToBeInSet { Column = c.Name, ValueSet = ToScalars(values) });

    /// <summary>No value is one of <paramref name="values"/> (GX <c>expect_column_values_to_not_be_in_set</c>).</summary>
    public static ColumnBuilder<T> NotInSet<T>(this ColumnBuilder<T> c, params IEnumerable<T> values) =>
        c.Add(new ColumnValuesToNotBeInSet { Column = c.Name, ValueSet = ToScalars(values) });

    internal static ValueList<Scalar> ToScalars<T>(IEnumerable<T> values) => ValueList.From(values.Select(v => ToScalar(v)));

    /// <summary>Converts a DSL value to a suite scalar.</summary>
    internal static Scalar ToScalar<T>(T value) => Scalar.FromValue(value);

    private static Scalar? ToScalar<T>(T? value) where T : struct => value is { } v ? ToScalar(v) : null;
}

/// <summary>Table verbs of the core expectations.</summary>
public static partial class TableVerbs
{
    /// <summary>
    /// The row count lies within bounds (GX <c>expect_table_row_count_to_be_between</c>): whole numbers, or suite
    /// parameters (<see cref="Scalar.Parameter"/>) resolved when a validation runs.
    /// </summary>
    public static TableBuilder RowCount(this TableBuilder t, Scalar? min = null, Scalar? max = null) =>
        t.Add(new TableRowCountToBeBetween { Bounds = new(min, max) });

    /// <summary>
    /// The table has exactly <paramref name="rows"/> rows (GX <c>expect_table_row_count_to_equal</c>): a whole number,
    /// or a suite parameter (<c>{"$PARAMETER": "name"}</c>) resolved when a validation runs.
    /// </summary>
    public static TableBuilder RowCountEquals(this TableBuilder t, Scalar rows) => t.Add(new TableRowCountToEqual { Value = rows });
}
