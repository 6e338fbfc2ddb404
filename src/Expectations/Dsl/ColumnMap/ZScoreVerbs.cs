namespace Expectations;

/// <summary>Z-score verbs.</summary>
public static partial class ColumnVerbs
{
    /// <summary>Every value's z-score is below <paramref name="threshold"/> (in absolute value when <paramref name="doubleSided"/>) (GX <c>expect_column_value_z_scores_to_be_less_than</c>).</summary>
    public static ColumnRules<T> ZScoresLessThan<T>(this ColumnRules<T> c, double threshold, bool doubleSided = true)
        where T : struct, System.Numerics.INumber<T> =>
        c.Add(new ColumnValueZScoresToBeLessThan { Column = c.Name, Threshold = threshold, DoubleSided = doubleSided ? null : false });

    /// <summary>Every value's z-score is below <paramref name="threshold"/> (GX <c>expect_column_value_z_scores_to_be_less_than</c>); the column must be numeric.</summary>
    public static ColumnRules<Scalar> ZScoresLessThan(this ColumnRules<Scalar> c, double threshold, bool doubleSided = true) =>
        c.Add(new ColumnValueZScoresToBeLessThan { Column = c.Name, Threshold = threshold, DoubleSided = doubleSided ? null : false });
}
