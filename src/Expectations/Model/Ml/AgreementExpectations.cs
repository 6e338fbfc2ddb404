using System.Runtime.Serialization;
using Expectations.Model;

namespace Expectations;

/// <summary>Weights of Cohen's kappa: how much a disagreement between categories i and j counts.</summary>
public enum KappaWeights
{
    /// <summary>|i − j| (categories in order).</summary>
    [EnumMember(Value = "linear")]
    Linear,

    /// <summary>(i − j)² (categories in order).</summary>
    [EnumMember(Value = "quadratic")]
    Quadratic,
}

/// <summary>Krippendorff's levels of measurement: which difference function α uses.</summary>
public enum MeasurementLevel
{
    /// <summary>Categories, equal or not.</summary>
    [EnumMember(Value = "nominal")]
    Nominal,

    /// <summary>Ordered categories: the difference counts the values between them.</summary>
    [EnumMember(Value = "ordinal")]
    Ordinal,

    /// <summary>Numbers: the squared difference.</summary>
    [EnumMember(Value = "interval")]
    Interval,

    /// <summary>Positive numbers: the squared difference relative to the sum.</summary>
    [EnumMember(Value = "ratio")]
    Ratio,
}

/// <summary>The shared shape of the agreement expectations: the statistic must lie within <see cref="Bounds"/>; it is the observed value.</summary>
public abstract record AgreementExpectation : Expectation
{
    /// <summary>The range the statistic must lie in.</summary>
    [KwargGroup]
    public Bounds Bounds { get; init; }

    /// <summary>The categories in order, for weighted or ordinal statistics over text labels (and to fix the category set); null to take the values seen, in their natural order.</summary>
    [Kwarg("categories")]
    public ValueList<Scalar>? Categories { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        errors.CheckNumber(Bounds.MinValue, "min_value");
        errors.CheckNumber(Bounds.MaxValue, "max_value");
        errors.CheckOrdered(Bounds.MinValue, Bounds.MaxValue);
        if (Categories is { } c && c.Distinct().Count() != c.Count)
        {
            errors.Add("categories", "must not list a category twice");
        }
    }
}

/// <summary>
/// <c>expect_column_pair_cohens_kappa_to_be_between</c> (not in GX): Cohen's κ of two raters, <see cref="ColumnA"/> and
/// <see cref="ColumnB"/>, lies within the bounds. Rows where either rating is null are left out (the result says how
/// many). κ = 1 − Σ w_ij O_ij / Σ w_ij E_ij, with O the confusion counts, E the counts the margins predict by chance,
/// and disagreement weights w_ij: 1 for i ≠ j (unweighted), |i − j| (linear) or (i − j)² (quadratic) over the categories'
/// positions in order (numeric order, or <see cref="AgreementExpectation.Categories"/>), as scikit-learn's <c>cohen_kappa_score</c>. The details hold observed and chance agreement,
/// the confusion matrix, per-class (specific positive) agreement, and the rule-of-thumb band (&gt; 0.8 good, 0.6–0.8
/// acceptable, &lt; 0.6 an ambiguous task or poor instructions). When chance agreement is 1 (a single category) κ is
/// undefined: the expectation fails and says so.
/// </summary>
public sealed record ColumnPairCohensKappaToBeBetween : AgreementExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_pair_cohens_kappa_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The first rater's column.</summary>
    [Kwarg("column_A", Required = true)]
    public string ColumnA { get; init; } = "";

    /// <summary>The second rater's column.</summary>
    [Kwarg("column_B", Required = true)]
    public string ColumnB { get; init; } = "";

    /// <summary>Disagreement weights; null for unweighted κ.</summary>
    [Kwarg("weights")]
    public KappaWeights? Weights { get; init; }

    /// <inheritdoc />
    public override string? ColumnName => $"{ColumnA}, {ColumnB}";

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => [ColumnA, ColumnB];

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        MultiColumnArguments.CheckColumn(errors, "column_A", ColumnA);
        MultiColumnArguments.CheckColumn(errors, "column_B", ColumnB);
        if (ColumnA == ColumnB && ColumnA.Length > 0)
        {
            errors.Add("column_B", "must differ from column_A");
        }
    }
}

/// <summary>The raters of a multi-rater agreement statistic: one column each, null for a missing rating.</summary>
public abstract record RaterListExpectation : AgreementExpectation
{
    /// <summary>The raters' columns.</summary>
    [Kwarg("column_list", Required = true)]
    public ValueList<string> ColumnList { get; init; }

    /// <inheritdoc />
    public override string? ColumnName => string.Join(", ", ColumnList);

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => ColumnList;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (ColumnList.Count < 2)
        {
            errors.Add("column_list", "must name at least two raters' columns");
        }
        else if (ColumnList.Any(string.IsNullOrEmpty) || ColumnList.Distinct(StringComparer.Ordinal).Count() != ColumnList.Count)
        {
            errors.Add("column_list", "must name distinct columns");
        }
    }
}

/// <summary>
/// <c>expect_multicolumn_fleiss_kappa_to_be_between</c> (not in GX): Fleiss' κ of the raters in
/// <see cref="RaterListExpectation.ColumnList"/> (each row an item, each column a rater, null a missing rating) lies
/// within the bounds. Items with fewer than two ratings are left out; with n_i ratings of item i, n_ij of them in category j:
/// P_i = (Σ_j n_ij² − n_i) / (n_i (n_i − 1)), p_j = Σ_i n_ij / Σ_i n_i, κ = (mean P_i − Σ p_j²) / (1 − Σ p_j²) — Fleiss
/// (1971) when every item has the same number of ratings. Undefined (a failure that says so) for a single category.
/// </summary>
public sealed record MulticolumnFleissKappaToBeBetween : RaterListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_multicolumn_fleiss_kappa_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>
/// <c>expect_multicolumn_krippendorff_alpha_to_be_between</c> (not in GX): Krippendorff's α of the raters in
/// <see cref="RaterListExpectation.ColumnList"/> lies within the bounds, at <see cref="LevelOfMeasurement"/>. Missing
/// ratings (nulls) are allowed; units with fewer than two ratings are left out. α = 1 − D_o / D_e over the coincidence
/// matrix (Krippendorff 2011); interval and ratio need numeric ratings, ordinal needs numbers or
/// <see cref="AgreementExpectation.Categories"/>. Undefined (a failure that says so) when every pairable rating is the same.
/// </summary>
public sealed record MulticolumnKrippendorffAlphaToBeBetween : RaterListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_multicolumn_krippendorff_alpha_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The level of measurement; null means nominal.</summary>
    [Kwarg("level_of_measurement")]
    public MeasurementLevel? LevelOfMeasurement { get; init; }
}

/// <summary>
/// <c>expect_column_proportion_of_non_null_values_to_be_between</c> (GX style): the fraction of rows whose value is not
/// null lies within the bounds — for example 10–20 % of items double-annotated. An empty table has no proportion and fails.
/// </summary>
public sealed record ColumnProportionOfNonNullValuesToBeBetween : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_proportion_of_non_null_values_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The range the proportion must lie in, within [0, 1].</summary>
    [KwargGroup]
    public Bounds Bounds { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        errors.CheckNumber(Bounds.MinValue, "min_value");
        errors.CheckNumber(Bounds.MaxValue, "max_value");
        errors.CheckOrdered(Bounds.MinValue, Bounds.MaxValue);
    }
}
