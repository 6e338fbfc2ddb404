using System.Numerics;

namespace Expectations;

/// <summary>Column-aggregate verbs: statistics of the whole column within bounds, and distinct-value sets.</summary>
public static partial class ColumnVerbs
{
    /// <summary>The smallest value lies within bounds (GX <c>expect_column_min_to_be_between</c>); null means unbounded.</summary>
    public static ColumnBuilder<T> MinBetween<T>(this ColumnBuilder<T> c, T? min, T? max, bool strictMin = false, bool strictMax = false)
        where T : struct, INumber<T> =>
        c.Add(Bounds(new ColumnMinToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The smallest value lies within bounds (GX <c>expect_column_min_to_be_between</c>).</summary>
    public static ColumnBuilder<Scalar> MinBetween(this ColumnBuilder<Scalar> c, Scalar? min, Scalar? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMinToBeBetween { Column = c.Name }, min, max, strictMin, strictMax));

    /// <summary>The earliest timestamp lies within bounds (GX <c>expect_column_min_to_be_between</c>).</summary>
    public static ColumnBuilder<DateTime> MinBetween(this ColumnBuilder<DateTime> c, DateTime? min, DateTime? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMinToBeBetween { Column = c.Name }, Time(min), Time(max), strictMin, strictMax));

    /// <summary>The first string in code-point order lies within bounds (GX <c>expect_column_min_to_be_between</c>).</summary>
    public static ColumnBuilder<string> MinBetween(this ColumnBuilder<string> c, string? min, string? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMinToBeBetween { Column = c.Name }, Text(min), Text(max), strictMin, strictMax));

    /// <summary>The largest value lies within bounds (GX <c>expect_column_max_to_be_between</c>); null means unbounded.</summary>
    public static ColumnBuilder<T> MaxBetween<T>(this ColumnBuilder<T> c, T? min, T? max, bool strictMin = false, bool strictMax = false)
        where T : struct, INumber<T> =>
        c.Add(Bounds(new ColumnMaxToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The largest value lies within bounds (GX <c>expect_column_max_to_be_between</c>).</summary>
    public static ColumnBuilder<Scalar> MaxBetween(this ColumnBuilder<Scalar> c, Scalar? min, Scalar? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMaxToBeBetween { Column = c.Name }, min, max, strictMin, strictMax));

    /// <summary>The latest timestamp lies within bounds (GX <c>expect_column_max_to_be_between</c>).</summary>
    public static ColumnBuilder<DateTime> MaxBetween(this ColumnBuilder<DateTime> c, DateTime? min, DateTime? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMaxToBeBetween { Column = c.Name }, Time(min), Time(max), strictMin, strictMax));

    /// <summary>The last string in code-point order lies within bounds (GX <c>expect_column_max_to_be_between</c>).</summary>
    public static ColumnBuilder<string> MaxBetween(this ColumnBuilder<string> c, string? min, string? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMaxToBeBetween { Column = c.Name }, Text(min), Text(max), strictMin, strictMax));

    /// <summary>The mean lies within bounds (GX <c>expect_column_mean_to_be_between</c>).</summary>
    public static ColumnBuilder<T> MeanBetween<T>(this ColumnBuilder<T> c, double? min, double? max, bool strictMin = false, bool strictMax = false)
        where T : struct, INumber<T> =>
        c.Add(Bounds(new ColumnMeanToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The mean lies within bounds (GX <c>expect_column_mean_to_be_between</c>).</summary>
    public static ColumnBuilder<Scalar> MeanBetween(this ColumnBuilder<Scalar> c, double? min, double? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMeanToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The exact median lies within bounds (GX <c>expect_column_median_to_be_between</c>); holds the column's values in memory while it runs.</summary>
    public static ColumnBuilder<T> MedianBetween<T>(this ColumnBuilder<T> c, double? min, double? max, bool strictMin = false, bool strictMax = false)
        where T : struct, INumber<T> =>
        c.Add(Bounds(new ColumnMedianToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The exact median lies within bounds (GX <c>expect_column_median_to_be_between</c>).</summary>
    public static ColumnBuilder<Scalar> MedianBetween(this ColumnBuilder<Scalar> c, double? min, double? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnMedianToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The sample standard deviation lies within bounds (GX <c>expect_column_stdev_to_be_between</c>).</summary>
    public static ColumnBuilder<T> StdevBetween<T>(this ColumnBuilder<T> c, double? min, double? max, bool strictMin = false, bool strictMax = false)
        where T : struct, INumber<T> =>
        c.Add(Bounds(new ColumnStdevToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The sample standard deviation lies within bounds (GX <c>expect_column_stdev_to_be_between</c>).</summary>
    public static ColumnBuilder<Scalar> StdevBetween(this ColumnBuilder<Scalar> c, double? min, double? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnStdevToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The sum lies within bounds (GX <c>expect_column_sum_to_be_between</c>).</summary>
    public static ColumnBuilder<T> SumBetween<T>(this ColumnBuilder<T> c, double? min, double? max, bool strictMin = false, bool strictMax = false)
        where T : struct, INumber<T> =>
        c.Add(Bounds(new ColumnSumToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The sum lies within bounds (GX <c>expect_column_sum_to_be_between</c>).</summary>
    public static ColumnBuilder<Scalar> SumBetween(this ColumnBuilder<Scalar> c, double? min, double? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnSumToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>The number of distinct non-null values lies within bounds (GX <c>expect_column_unique_value_count_to_be_between</c>).</summary>
    public static ColumnBuilder<T> UniqueValueCountBetween<T>(this ColumnBuilder<T> c, long? min, long? max) =>
        c.Add(Bounds(new ColumnUniqueValueCountToBeBetween { Column = c.Name }, min is { } a ? Scalar.From(a) : (Scalar?)null, max is { } b ? Scalar.From(b) : (Scalar?)null, false, false));

    /// <summary>Distinct non-null values per non-null value lie within bounds (GX <c>expect_column_proportion_of_unique_values_to_be_between</c>).</summary>
    public static ColumnBuilder<T> UniqueProportionBetween<T>(this ColumnBuilder<T> c, double? min, double? max, bool strictMin = false, bool strictMax = false) =>
        c.Add(Bounds(new ColumnProportionOfUniqueValuesToBeBetween { Column = c.Name }, Number(min), Number(max), strictMin, strictMax));

    /// <summary>Every distinct value is one of <paramref name="values"/> (GX <c>expect_column_distinct_values_to_be_in_set</c>).</summary>
    public static ColumnBuilder<T> DistinctValuesInSet<T>(this ColumnBuilder<T> c, params IEnumerable<T> values) =>
        c.Add(new ColumnDistinctValuesToBeInSet { Column = c.Name, ValueSet = ToScalars(values) });

    /// <summary>Every one of <paramref name="values"/> occurs (GX <c>expect_column_distinct_values_to_contain_set</c>).</summary>
    public static ColumnBuilder<T> DistinctValuesContainSet<T>(this ColumnBuilder<T> c, params IEnumerable<T> values) =>
        c.Add(new ColumnDistinctValuesToContainSet { Column = c.Name, ValueSet = ToScalars(values) });

    /// <summary>The distinct values are exactly <paramref name="values"/> (GX <c>expect_column_distinct_values_to_equal_set</c>).</summary>
    public static ColumnBuilder<T> DistinctValuesEqualSet<T>(this ColumnBuilder<T> c, params IEnumerable<T> values) =>
        c.Add(new ColumnDistinctValuesToEqualSet { Column = c.Name, ValueSet = ToScalars(values) });

    private static T Bounds<T>(T e, Scalar? min, Scalar? max, bool strictMin, bool strictMax) where T : ColumnAggregateBetween =>
        e with { Bounds = new(min, max, strictMin, strictMax) };

    // The casts matter: a bare null would convert to Scalar through its string conversion and become a
    // present Scalar.Null instead of an absent bound, which then does not round-trip through JSON.
    private static Scalar? Number<T>(T? value) where T : struct => value is { } v ? ToScalar(v) : (Scalar?)null;

    private static Scalar? Time(DateTime? value) => value is { } v ? Scalar.From(v) : (Scalar?)null;

    private static Scalar? Text(string? value) => value is null ? (Scalar?)null : Scalar.From(value);
}
