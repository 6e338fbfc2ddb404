namespace Expectations;

/// <summary>Z-score verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value's z-score is below <paramref name="threshold"/> (in absolute value when <paramref name="doubleSided"/>) (GX <c>expect_column_value_z_scores_to_be_less_than</c>).</summary>
    public static ColumnBuilder<T> ZScoresLessThan<T>(this ColumnBuilder<T> c, double threshold, bool doubleSided = true)
        where T : struct, System.Numerics.INumber<T> =>
        c.Add(new ColumnValueZScoresToBeLessThan { Column = c.Name, Threshold = threshold, DoubleSided = doubleSided ? null : false });

    /// <summary>Every value's z-score is below <paramref name="threshold"/> (GX <c>expect_column_value_z_scores_to_be_less_than</c>); the column must be numeric.</summary>
    public static ColumnBuilder<Scalar> ZScoresLessThan(this ColumnBuilder<Scalar> c, double threshold, bool doubleSided = true) =>
        c.Add(new ColumnValueZScoresToBeLessThan { Column = c.Name, Threshold = threshold, DoubleSided = doubleSided ? null : false });
}
