using System.Runtime.Serialization;
using Expectations.Model;

namespace Expectations;

/// <summary>What a near-duplicate check's shingles are made of.</summary>
public enum ShingleUnit
{
    /// <summary>Runs of <c>ngram</c> characters of the normalised text (the default).</summary>
    [EnumMember(Value = "char")]
    Char,

    /// <summary>Runs of <c>ngram</c> words (the normalised text split at whitespace).</summary>
    [EnumMember(Value = "word")]
    Word,
}

/// <summary>
/// The arguments shared by the near-duplicate checks: a text column, compared by the Jaccard similarity of the sets of
/// shingles of its normalised values. Candidates come from MinHash signatures (<see cref="NumPerm"/> hash functions)
/// with LSH banding chosen from <see cref="Threshold"/>; every candidate is verified by the exact Jaccard of its shingle
/// sets, so a reported pair is never a false positive, and the result states the expected recall (the probability that
/// a pair at exactly the threshold becomes a candidate). A text whose normalised form is empty has no shingles and is never a near-duplicate.
/// </summary>
public abstract record NearDuplicateExpectation : ColumnMapExpectation
{
    /// <summary>The normalisation steps applied by default: lower case, whitespace runs as one space, punctuation removed.</summary>
    public static IReadOnlyList<string> DefaultNormalize { get; } = ["case", "whitespace", "punctuation"];

    /// <summary>The least Jaccard similarity of two texts' shingle sets that makes them near-duplicates, in (0, 1]; null means 0.8.</summary>
    [Kwarg("threshold")]
    public double? Threshold { get; init; }

    /// <summary>Characters (or words) per shingle, 1 to 64; null means 5.</summary>
    [Kwarg("ngram")]
    public int? Ngram { get; init; }

    /// <summary>Whether shingles are character or word n-grams; null means characters.</summary>
    [Kwarg("shingle")]
    public ShingleUnit? Shingle { get; init; }

    /// <summary>
    /// Normalisation steps, in any order: <c>case</c> (lower case, invariant culture), <c>whitespace</c> (trim, and each run
    /// of whitespace as one space), <c>punctuation</c> (Unicode punctuation and symbols removed). Null means all three; an
    /// empty list compares the raw text.
    /// </summary>
    [Kwarg("normalize")]
    public ValueList<string>? Normalize { get; init; }

    /// <summary>MinHash functions per signature, 16 to 1024; null means 128. More cost time and raise the recall.</summary>
    [Kwarg("num_perm")]
    public int? NumPerm { get; init; }

    internal double ThresholdValue => Threshold ?? 0.8;

    internal int NgramValue => Ngram ?? 5;

    internal int NumPermValue => NumPerm ?? 128;

    internal IReadOnlyList<string> NormalizeValue => Normalize is { } n ? n : DefaultNormalize;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Threshold is { } t && !(t > 0 && t <= 1))
        {
            errors.Add("threshold", $"must be above 0 and at most 1, got {t}");
        }

        if (Ngram is { } n && n is < 1 or > 64)
        {
            errors.Add("ngram", $"must be between 1 and 64, got {n}");
        }

        if (NumPerm is { } p && p is < 16 or > 1024)
        {
            errors.Add("num_perm", $"must be between 16 and 1024, got {p}");
        }

        foreach (var step in Normalize ?? default)
        {
            if (step is not ("case" or "whitespace" or "punctuation"))
            {
                errors.Add("normalize", $"'{step}' is not a step; use \"case\", \"whitespace\" or \"punctuation\"");
            }
        }
    }
}

/// <summary>
/// <c>expect_column_values_to_not_have_near_duplicates_in_other_table</c> (not in GX): no text of this column has a
/// near-duplicate (Jaccard similarity of shingle sets at least <see cref="NearDuplicateExpectation.Threshold"/>) in the same column of the
/// table supplied as <see cref="OtherTableName"/> — paraphrased or lightly edited test items that also sit in the training
/// split. Unexpected rows are the rows here with at least one near-duplicate there. The details give the pairs (row here,
/// row there, Jaccard, both texts), the most similar first and capped, the LSH bands and the expected recall. The other
/// table's signatures are indexed once per run; nulls are left out on both sides. A <c>row_condition</c> filters this table only.
/// </summary>
public sealed record ColumnValuesToNotHaveNearDuplicatesInOtherTable : NearDuplicateExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_have_near_duplicates_in_other_table";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The name under which the other table is supplied.</summary>
    [Kwarg("other_table_name", Required = true)]
    public string OtherTableName { get; init; } = "";

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        errors.CheckTableName(OtherTableName);
    }
}

/// <summary>
/// <c>expect_column_values_to_not_have_near_duplicates</c> (not in GX): no two texts of this column are near-duplicates
/// (Jaccard similarity of shingle sets at least <see cref="NearDuplicateExpectation.Threshold"/>). Near-duplicate pairs
/// join into clusters (connected components); every row of a cluster is unexpected, the first included, as in
/// <c>expect_column_values_to_be_unique</c>. The details list the clusters (size, rows, texts, least and greatest
/// similarity of their verified pairs), the largest first and capped. Holds every row's signature bands and normalised
/// text until the end of the run. For exact duplicates, <c>expect_column_values_to_be_unique</c> is cheaper.
/// </summary>
public sealed record ColumnValuesToNotHaveNearDuplicates : NearDuplicateExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_not_have_near_duplicates";

    /// <inheritdoc />
    public override string Type => TypeName;
}
