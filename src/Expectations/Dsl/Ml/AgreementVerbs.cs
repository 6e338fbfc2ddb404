using Expectations.Model;

namespace Expectations;

/// <summary>Table verbs about annotator agreement.</summary>
public static partial class TableVerbs
{
    /// <summary>Cohen's κ of raters <paramref name="columnA"/> and <paramref name="columnB"/> lies within the bounds (<c>expect_column_pair_cohens_kappa_to_be_between</c>).</summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columnA">The first rater's column.</param>
    /// <param name="columnB">The second rater's column.</param>
    /// <param name="min">The least κ, or null.</param>
    /// <param name="max">The greatest κ, or null.</param>
    /// <param name="weights">Disagreement weights, or null for unweighted κ.</param>
    /// <param name="categories">The categories in order, or null for the values seen in their natural order.</param>
    public static TableBuilder CohensKappa(this TableBuilder t, string columnA, string columnB, double? min = null, double? max = null, KappaWeights? weights = null, IEnumerable<Scalar>? categories = null) =>
        t.Add(new ColumnPairCohensKappaToBeBetween
        {
            ColumnA = columnA, ColumnB = columnB, Bounds = new(min is { } lo ? Scalar.From(lo) : (Scalar?)null, max is { } hi ? Scalar.From(hi) : (Scalar?)null), Weights = weights,
            Categories = categories is null ? null : ValueList.From(categories),
        });

    /// <summary>Fleiss' κ of the raters <paramref name="raters"/> lies within the bounds (<c>expect_multicolumn_fleiss_kappa_to_be_between</c>).</summary>
    /// <param name="t">The table rules.</param>
    /// <param name="raters">One column per rater; a null is a missing rating.</param>
    /// <param name="min">The least κ, or null.</param>
    /// <param name="max">The greatest κ, or null.</param>
    public static TableBuilder FleissKappa(this TableBuilder t, IEnumerable<string> raters, double? min = null, double? max = null) =>
        t.Add(new MulticolumnFleissKappaToBeBetween { ColumnList = ValueList.From(raters), Bounds = new(min is { } lo ? Scalar.From(lo) : (Scalar?)null, max is { } hi ? Scalar.From(hi) : (Scalar?)null) });

    /// <summary>Krippendorff's α of the raters <paramref name="raters"/> lies within the bounds (<c>expect_multicolumn_krippendorff_alpha_to_be_between</c>).</summary>
    /// <param name="t">The table rules.</param>
    /// <param name="raters">One column per rater; a null is a missing rating.</param>
    /// <param name="min">The least α, or null.</param>
    /// <param name="max">The greatest α, or null.</param>
    /// <param name="level">The level of measurement, or null for nominal.</param>
    /// <param name="categories">The categories in order (ordinal text labels), or null.</param>
    public static TableBuilder KrippendorffAlpha(this TableBuilder t, IEnumerable<string> raters, double? min = null, double? max = null, MeasurementLevel? level = null, IEnumerable<Scalar>? categories = null) =>
        t.Add(new MulticolumnKrippendorffAlphaToBeBetween
        {
            ColumnList = ValueList.From(raters), Bounds = new(min is { } lo ? Scalar.From(lo) : (Scalar?)null, max is { } hi ? Scalar.From(hi) : (Scalar?)null), LevelOfMeasurement = level,
            Categories = categories is null ? null : ValueList.From(categories),
        });
}

/// <summary>Column verbs about how many values are present.</summary>
public static partial class ColumnVerbs
{
    /// <summary>The fraction of rows whose value is not null lies within [<paramref name="min"/>, <paramref name="max"/>] (<c>expect_column_proportion_of_non_null_values_to_be_between</c>).</summary>
    /// <param name="c">The column rules.</param>
    /// <param name="min">The least proportion, or null.</param>
    /// <param name="max">The greatest proportion, or null.</param>
    public static ColumnBuilder<T> ProportionNonNullBetween<T>(this ColumnBuilder<T> c, double? min, double? max)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Add(new ColumnProportionOfNonNullValuesToBeBetween { Column = c.Name, Bounds = new(min is { } lo ? Scalar.From(lo) : (Scalar?)null, max is { } hi ? Scalar.From(hi) : (Scalar?)null) });
    }

    /// <summary>
    /// Every distinct value's share of the non-null values lies within [<paramref name="min"/>, <paramref name="max"/>],
    /// and each value of <paramref name="perValue"/> within its own range (<c>expect_column_value_proportions_to_be_between</c>).
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="min">The least share of any value, or null.</param>
    /// <param name="max">The greatest share of any value, or null.</param>
    /// <param name="perValue">Per value (as text), its own least and greatest share; either may be null.</param>
    public static ColumnBuilder<T> ValueProportionsBetween<T>(this ColumnBuilder<T> c, double? min, double? max, IReadOnlyDictionary<string, (double? Min, double? Max)>? perValue = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Add(new ColumnValueProportionsToBeBetween
        {
            Column = c.Name,
            Bounds = new(min is { } lo ? Scalar.From(lo) : (Scalar?)null, max is { } hi ? Scalar.From(hi) : (Scalar?)null),
            ValueBounds = perValue is null ? null : JsonElements.Build(w =>
            {
                w.WriteStartObject();
                foreach (var (value, (a, b)) in perValue)
                {
                    w.WriteStartArray(value);
                    if (a is { } x) { w.WriteNumberValue(x); } else { w.WriteNullValue(); }
                    if (b is { } y) { w.WriteNumberValue(y); } else { w.WriteNullValue(); }
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }),
        });
    }
}
