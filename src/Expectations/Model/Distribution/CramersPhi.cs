using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_pair_cramers_phi_value_to_be_less_than</c>: the association of two columns, Cramér's V
/// = √(χ² / n / (min(rows, columns) − 1)) of their contingency table, is at most <see cref="Threshold"/>. Numeric
/// columns are binned: <see cref="NBinsA"/> (default 10) equal-width bins between min and max, or the edges of
/// <see cref="BinsA"/> (widened to the data's min and max). Other columns are categories: the
/// <see cref="NBinsA"/> most frequent values, the rest grouped as "(other)", or the groups listed in
/// <see cref="BinsA"/> (lists of values counted as one). Nulls form a "(missing)" category. Empty bins are dropped;
/// χ² is scipy's <c>chi2_contingency</c> (Yates' correction for a 2×2 table). A constant column has no V
/// (observed_value null, failure). Memory: O(rows) — 8 bytes per numeric row, 4 per categorical row.
/// Example: <c>{"column_A": "plan", "column_B": "churned", "threshold": 0.3}</c>.
/// </summary>
public sealed record ColumnPairCramersPhiValueToBeLessThan : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_pair_cramers_phi_value_to_be_less_than";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Value equality; JSON arguments compare by content.</summary>
    /// <param name="other">The other expectation.</param>
    public bool Equals(ColumnPairCramersPhiValueToBeLessThan? other) =>
        other is not null
        && base.Equals(other)
        && ColumnA == other.ColumnA
        && ColumnB == other.ColumnB
        && NBinsA == other.NBinsA
        && NBinsB == other.NBinsB
        && Threshold == other.Threshold
        && JsonArguments.Same(BinsA, other.BinsA)
        && JsonArguments.Same(BinsB, other.BinsB);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), ColumnA, ColumnB, NBinsA, NBinsB, Threshold);

    /// <summary>The first column.</summary>
    [Kwarg("column_A", Required = true)]
    public string ColumnA { get; init; } = "";

    /// <summary>The second column.</summary>
    [Kwarg("column_B", Required = true)]
    public string ColumnB { get; init; } = "";

    /// <summary>Bin edges (numeric column) or groups of values (lists of values, categorical column) for column A, or null.</summary>
    [Kwarg("bins_A")]
    public JsonElement? BinsA { get; init; }

    /// <summary>Bin edges or groups of values for column B, or null.</summary>
    [Kwarg("bins_B")]
    public JsonElement? BinsB { get; init; }

    /// <summary>Number of bins (numeric) or of most frequent values kept (categorical) for column A (a whole number or a suite parameter); null for 10.</summary>
    [Kwarg("n_bins_A", Integer = true)]
    public Scalar? NBinsA { get; init; }

    /// <summary>Number of bins or of most frequent values kept for column B (a whole number or a suite parameter); null for 10.</summary>
    [Kwarg("n_bins_B", Integer = true)]
    public Scalar? NBinsB { get; init; }

    /// <summary>The largest Cramér's V that passes (default 0.1).</summary>
    [Kwarg("threshold")]
    public double Threshold { get; init; } = 0.1;

    /// <summary>Both columns, "A, B", as failure messages show them.</summary>
    public override string? ColumnName => $"{ColumnA}, {ColumnB}";

    /// <inheritdoc />
    public override IReadOnlyList<string> CheckedColumns => [ColumnA, ColumnB];

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        MultiColumnArguments.CheckColumn(errors, "column_A", ColumnA);
        MultiColumnArguments.CheckColumn(errors, "column_B", ColumnB);
        if (errors.WholeNumber(NBinsA, "n_bins_A", int.MaxValue) is < 1 and var binsA)
        {
            errors.Add("n_bins_A", $"must be at least 1, got {binsA}");
        }

        if (errors.WholeNumber(NBinsB, "n_bins_B", int.MaxValue) is < 1 and var binsB)
        {
            errors.Add("n_bins_B", $"must be at least 1, got {binsB}");
        }

        if (BinsA is { } a && BinningArguments.Problem(a) is { } pa)
        {
            errors.Add("bins_A", pa);
        }

        if (BinsB is { } b && BinningArguments.Problem(b) is { } pb)
        {
            errors.Add("bins_B", pb);
        }

        if (!(Threshold >= 0))
        {
            errors.Add("threshold", $"must be at least 0, got {Threshold}");
        }
    }
}
