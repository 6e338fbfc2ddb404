namespace Expectations;

/// <summary>Column verbs for near-duplicate texts.</summary>
public static partial class ColumnVerbs
{
    /// <summary>
    /// No two texts of the column are near-duplicates: Jaccard similarity of their shingle sets at least
    /// <paramref name="threshold"/> (<c>expect_column_values_to_not_have_near_duplicates</c>); the result lists the clusters.
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="threshold">The least Jaccard similarity of near-duplicates, in (0, 1]; null for 0.8.</param>
    /// <param name="ngram">Characters (or words) per shingle; null for 5.</param>
    /// <param name="shingle">Character or word shingles; null for characters.</param>
    /// <param name="numPerm">MinHash functions; null for 128.</param>
    /// <param name="mostly">The fraction of non-null rows that must have no near-duplicate, or null for all.</param>
    public static ColumnBuilder<string> NoNearDuplicates(this ColumnBuilder<string> c, double? threshold = null, int? ngram = null, ShingleUnit? shingle = null, int? numPerm = null, double? mostly = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Add(new ColumnValuesToNotHaveNearDuplicates { Column = c.Name, Threshold = threshold, Ngram = ngram, Shingle = shingle, NumPerm = numPerm, Mostly = mostly });
    }

    /// <summary>
    /// No text of the column has a near-duplicate in the same column of the table supplied as <paramref name="otherTableName"/>
    /// (<c>expect_column_values_to_not_have_near_duplicates_in_other_table</c>); the result lists the pairs.
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="otherTableName">The name the other table is supplied under (<see cref="ValidationOptions.OtherTables"/>).</param>
    /// <param name="threshold">The least Jaccard similarity of near-duplicates, in (0, 1]; null for 0.8.</param>
    /// <param name="ngram">Characters (or words) per shingle; null for 5.</param>
    /// <param name="shingle">Character or word shingles; null for characters.</param>
    /// <param name="numPerm">MinHash functions; null for 128.</param>
    /// <param name="mostly">The fraction of non-null rows that must have no near-duplicate there, or null for all.</param>
    public static ColumnBuilder<string> NoNearDuplicatesInOtherTable(this ColumnBuilder<string> c, string otherTableName, double? threshold = null, int? ngram = null, ShingleUnit? shingle = null, int? numPerm = null, double? mostly = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Add(new ColumnValuesToNotHaveNearDuplicatesInOtherTable { Column = c.Name, OtherTableName = otherTableName, Threshold = threshold, Ngram = ngram, Shingle = shingle, NumPerm = numPerm, Mostly = mostly });
    }
}
