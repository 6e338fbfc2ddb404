namespace Expectations;

/// <summary>
/// GX <c>expect_column_value_z_scores_to_be_less_than</c>: each non-null value's z-score, <c>(x − mean) / stdev</c>
/// over the column (sample standard deviation, ddof = 1, as pandas; NaN left out of both), is below
/// <see cref="Threshold"/>: <c>|z| &lt; |threshold|</c> when <see cref="DoubleSided"/> (the default), else
/// <c>z &lt; threshold</c>. A value whose z-score is undefined (NaN itself, or a column with a standard deviation of
/// 0 or of a single value) is unexpected, as in GX. Example: <c>threshold = 3</c> flags values more than three
/// standard deviations from the mean.
/// </summary>
/// <remarks>
/// The z-scores need the mean and standard deviation before any value can be judged, and the plan reads the data
/// once: the metric keeps every non-null value (a double and its row index, 16 bytes per value) and judges them when
/// the pass ends. Memory is O(n); a second pass over the source would make it O(1) (issue 4 may revisit).
/// </remarks>
public sealed record ColumnValueZScoresToBeLessThan : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_value_z_scores_to_be_less_than";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The bound on the z-score (on its absolute value when double-sided).</summary>
    [Kwarg("threshold", Required = true)]
    public double Threshold { get; init; }

    /// <summary>Whether the bound applies to both sides (<c>|z| &lt; |threshold|</c>); null means true.</summary>
    [Kwarg("double_sided")]
    public bool? DoubleSided { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (double.IsNaN(Threshold))
        {
            errors.Add("threshold", "must be a number");
        }
    }
}
