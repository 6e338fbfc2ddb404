using System.Globalization;
using System.Text.RegularExpressions;

namespace Expectations.Profiling;

/// <summary>
/// Which profiled columns look like entity keys: values that name a row, a user, a session or a document. A model can
/// memorise such a value, so the same one in train and test leaks (a score that will not survive deployment). The profile
/// says so, and which check to run; it cannot see the other split, so it is a hint, never a failure.
/// </summary>
internal static partial class LeakageKeys
{
    /// <summary>Fewer distinct values than this are categories (country, plan), not entities.</summary>
    internal const long MinDistinct = 50;

    /// <summary>An entity key repeats (one user, many rows), but not this often: below 1 distinct value per 100 rows it is a category.</summary>
    internal const double MinDistinctShare = 0.01;

    /// <summary>Longer strings on average are free text (near-duplicate checks), not keys; a UUID is 36 characters, an email about 25.</summary>
    internal const double MaxMeanLength = 64;

    // Name tokens of identifiers: user_id, userId, UUID, session_key, customer, account_number, email, sha256 …
    [GeneratedRegex("^(id|ids|uuid|guid|key|pk|user|users|customer|client|account|member|patient|person|session|device|email|phone|hash|sha1|sha256|md5|username|login|uid|sku|ssn|idx|index|rowid)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierToken();

    // Splits snake_case, kebab-case, dotted and camelCase names into words (userId → user, Id; UUID stays one).
    [GeneratedRegex("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NameWords();

    /// <summary>
    /// Why <paramref name="column"/> looks like a leakage key, or null: integer, string or binary values (not floats, dates,
    /// booleans or long text), at least <see cref="MinDistinct"/> distinct values and one per 100 values; and either a name
    /// with an identifier word (<c>user_id</c>, <c>sessionKey</c>, <c>email</c>) or, for strings and bytes, (nearly) every
    /// value distinct.
    /// </summary>
    internal static string? Reason(ColumnProfile column)
    {
        if (column.Parent is not null || column.Kind is not (DataKind.Integer or DataKind.String or DataKind.Binary)
            || column.Kind == DataKind.String && column.MeanLength is > MaxMeanLength)
        {
            return null;
        }

        var values = column.ValueCount;
        var distinct = column.DistinctCount;
        if (values == 0 || distinct < MinDistinct || distinct < MinDistinctShare * values)
        {
            return null;
        }

        var word = NameWords().Matches(column.Name).Select(m => m.Value).FirstOrDefault(w => IdentifierToken().IsMatch(w));
        var unique = distinct >= values * (1 - (2 * column.DistinctRelativeError));
        // Distinct integers without such a name are as often measurements (cents, milliseconds) as identifiers.
        if (word is null && (!unique || column.Kind == DataKind.Integer))
        {
            return null;
        }

        var inv = CultureInfo.InvariantCulture;
        var what = unique
            ? column.DistinctRelativeError == 0
                ? string.Create(inv, $"every value distinct ({distinct:N0}): a row identifier")
                : string.Create(inv, $"about {distinct:N0} distinct of {values:N0}: a row identifier")
            : string.Create(inv, $"the name says '{word}' and {distinct:N0} distinct values in {values:N0} rows: an entity key");
        return what + "; the same value in train and test lets a model memorise it: check the splits with expect_column_values_to_not_be_in_other_table "
            + $"(column \"{column.Name}\") or `expectations splits --key {column.Name}`";
    }
}
