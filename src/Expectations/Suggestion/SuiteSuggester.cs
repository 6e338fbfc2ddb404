using System.Globalization;

namespace Expectations;

/// <summary>
/// Suggests a suite from a profile: the set of top-level columns; per column completeness (not null, with <c>mostly</c>
/// when nulls occur), value ranges widened by 10 % of the range (clamped at 0 for non-negative columns,
/// outward to whole numbers for integer columns, whose bounds are exact integers computed without double), domains of string, boolean and binary columns with at most
/// <see cref="MaxDomainSize"/> values (binary values as <c>\x</c>-hex), uniqueness when (nearly) every value is
/// distinct, lengths (code points of text, bytes of binary values), and a drift check against the column's own
/// profile. A list column gets its length bounds, a range or value set of its elements (checked element by
/// element) and drift of its lengths; a struct or map column gets not-null when it has no nulls (its fields are
/// columns of their own). Every bound is derived so that the suite passes on the data it was suggested from.
/// </summary>
public static class SuiteSuggester
{
    /// <summary>The largest category count suggested as a value set.</summary>
    public const int MaxDomainSize = 20;

    /// <summary>Builds the suggested suite named <paramref name="name"/>.</summary>
    public static ExpectationSuite Suggest(DatasetProfile profile, string name = "suggested") => Explain(profile, name).Suite;

    /// <summary>
    /// Builds the suggested suite and says what to review before it becomes the contract: values that look like planted
    /// problems (rare categories and placeholder values such as <c>unknown</c> in a suggested value set; ranges stretched
    /// by extreme values), each also noted in that expectation's <c>meta.notes</c>. The suite still passes on the data.
    /// </summary>
    /// <param name="profile">The profile to suggest from.</param>
    /// <param name="name">The suite name.</param>
    /// <param name="options">Where drift baselines go; null embeds them.</param>
    public static SuiteSuggestion Explain(DatasetProfile profile, string name = "suggested", SuggestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= SuggestOptions.Default;
        var builder = Expect.Suite(name);
        var review = new List<SuggestionNote>();

        // The table's columns are its top-level ones; the fields of structs and maps are checked as columns below.
        builder.Add(new TableColumnsToMatchSet { ColumnSet = ValueList.Create<string>([.. profile.Columns.Where(c => c.Parent is null).Select(c => c.Name)]), ExactMatch = true });
        foreach (var c in profile.Columns)
        {
            if (c.RowCount == 0)
            {
                continue;
            }

            var nonNull = c.RowCount - c.NullCount;
            if (c.Family == ProfileFamily.Nested)
            {
                // Only nullness is checkable on a struct or map itself.
                if (c.NullCount == 0)
                {
                    builder.Add(new ColumnValuesToNotBeNull { Column = c.Name });
                }

                continue;
            }

            builder.Add(new ColumnValuesToNotBeNull { Column = c.Name, Mostly = c.NullCount == 0 ? null : FloorTo2((double)nonNull / c.RowCount) });
            if (nonNull == 0)
            {
                continue;
            }

            if (c.Family == ProfileFamily.List)
            {
                List(builder, c, options, review);
                continue;
            }

            if (c.Family == ProfileFamily.Numeric)
            {
                Range(builder, c.Name, c, nonNull, review);
            }

            Domain(builder, c.Name, c, review);
            if (c.Family is ProfileFamily.String or ProfileFamily.Binary)
            {
                Lengths(builder, c);
            }

            Uniqueness(builder, c, nonNull);
            // Identifier-like columns get no drift check: new ids always "drift" (docs/drift.md).
            if (c.ValueCount - c.InfinityCount > 0 && DriftDetector.IdentifierLike(c) is null)
            {
                builder.Add(Drift(c, options));
            }
        }

        var suite = builder.Build();
        return new SuiteSuggestion(suite, review, suite.Expectations.Length);
    }

    /// <summary>Drift against the column's own profile: embedded, or by reference to the profile file the caller saves.</summary>
    private static ColumnDistributionToNotDrift Drift(ColumnProfile c, SuggestOptions options) => options.BaselinePath is { } path
        ? new ColumnDistributionToNotDrift { Column = c.Name, BaselinePath = path }
        : new ColumnDistributionToNotDrift { Column = c.Name, Baseline = ColumnVerbs.EmbeddedBaseline(c) };

    /// <summary>
    /// A list column: its length bounds, then checks of its elements (each element is checked on its own, null elements
    /// left out): a range for numeric elements, a value set for few categories; and drift of the list lengths.
    /// </summary>
    private static void List(SuiteBuilder builder, ColumnProfile c, SuggestOptions options, List<SuggestionNote> review)
    {
        Lengths(builder, c);
        if (c.Elements is { ValueCount: > 0 } elements)
        {
            // A range check fails a whole list for one NaN or infinite element: suggest it only for finite elements.
            if (elements.Family == ProfileFamily.Numeric && elements.NaNCount == 0 && elements.InfinityCount == 0)
            {
                Range(builder, c.Name, elements, elements.ValueCount, review);
            }

            Domain(builder, c.Name, elements, review);
        }

        Uniqueness(builder, c, c.RowCount - c.NullCount);
        if (c.ListLengths is { ValueCount: > 0 })
        {
            builder.Add(Drift(c, options));
        }
    }

    /// <summary>The values of a column with few categories (text, booleans, binary values as \x-hex), as a value set on <paramref name="column"/>.</summary>
    private static void Domain(SuiteBuilder builder, string column, ColumnProfile c, List<SuggestionNote> review)
    {
        if (c.Family is ProfileFamily.String or ProfileFamily.Boolean or ProfileFamily.Binary && c.TopValuesErrorBound == 0 && c.DistinctCount <= MaxDomainSize)
        {
            var top = c.TopValues(MaxDomainSize);
            var values = top.Select(v => c.Family == ProfileFamily.Boolean ? Scalar.From(v.Value == "true") : Scalar.From(v.Value)).OrderBy(v => v.ToString(), StringComparer.Ordinal);
            var suspects = c.Family == ProfileFamily.Boolean ? [] : SuspectValues(top);
            var expectation = new ColumnValuesToBeInSet { Column = column, ValueSet = ValueList.Create<Scalar>([.. values]) };
            if (suspects.Count > 0)
            {
                var message = $"review the value set: {string.Join("; ", suspects)}: a planted problem would become the contract";
                review.Add(new SuggestionNote(column, expectation.Type, message));
                builder.Add(expectation with { Meta = Notes(message) });
                return;
            }

            builder.Add(expectation);
        }
    }

    /// <summary>Placeholder values (unknown, n/a, none, null, ?, -, empty) and values far rarer than the others, each with its count.</summary>
    private static List<string> SuspectValues(IReadOnlyList<ValueCount> top)
    {
        var suspects = new List<string>();
        var total = top.Sum(v => v.Count);
        var common = top.Count == 0 ? 0 : top.Max(v => v.Count);
        foreach (var v in top)
        {
            var share = (double)v.Count / total;
            if (Placeholders.Contains(v.Value.Trim()))
            {
                suspects.Add(string.Create(CultureInfo.InvariantCulture, $"'{v.Value}' looks like a placeholder ({v.Count:N0} rows, {share:P1})"));
            }
            else if (top.Count > 2 && share < 0.005 && v.Count * 20 <= common)
            {
                suspects.Add(string.Create(CultureInfo.InvariantCulture, $"'{v.Value}' is rare ({v.Count:N0} rows, {share:P2})"));
            }
        }

        return suspects;
    }

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase) { "", "unknown", "n/a", "na", "none", "null", "nil", "?", "-", "tbd", "undefined", "missing" };

    private static System.Text.Json.JsonElement Notes(string message)
    {
        return Model.JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("notes", message);
            w.WriteEndObject();
        });
    }

    /// <summary>Length bounds: code points of text, bytes of binary values, elements of lists.</summary>
    private static void Lengths(SuiteBuilder builder, ColumnProfile c)
    {
        if (c.MinLength is { } minLength && c.MaxLength is { } maxLength && maxLength <= int.MaxValue)
        {
            builder.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, Bounds = new((int)minLength, (int)maxLength) });
        }
    }

    private static void Range(SuiteBuilder builder, string column, ColumnProfile c, long nonNull, List<SuggestionNote> review)
    {
        if (c.Quantile(0) is not { } lo || c.Quantile(1) is not { } hi)
        {
            return;
        }

        // NaN and ±∞ are unexpected for a range check: they lower mostly.
        var finite = nonNull - c.NaNCount - c.InfinityCount;
        var mostly = finite == nonNull ? (double?)null : FloorTo2((double)finite / nonNull);
        if (mostly < 0.5)
        {
            return;
        }

        var outliers = Outliers(c, lo, hi);
        if (outliers is not null)
        {
            review.Add(new SuggestionNote(column, "expect_column_values_to_be_between", outliers));
        }

        System.Text.Json.JsonElement? meta = outliers is null ? null : Notes(outliers);
        if (c.Kind == DataKind.Integer && c.IntegerMin is { } exactLo && c.IntegerMax is { } exactHi)
        {
            var (min, max) = IntegerRange(exactLo, exactHi);
            builder.Add(new ColumnValuesToBeBetween { Column = column, Bounds = new(Scalar.From(min), Scalar.From(max)), Mostly = mostly, Meta = meta });
            return;
        }

        // Computed so that finite values never give infinite bounds: the width of -1e308..1e308 is beyond a double, and so
        // may the widened bounds be (clamped to the largest doubles, which still hold every value).
        var margin = (hi * 0.1) - (lo * 0.1);
        var lower = lo >= 0 ? Math.Max(0, lo - margin) : Math.Max(lo - margin, double.MinValue);
        var upper = Math.Min(hi + margin, double.MaxValue);
        if (c.Kind == DataKind.Integer)
        {
            // An integer column delivered partly as floats: whole bounds, rounded outward.
            lower = Math.Floor(lower);
            upper = Math.Ceiling(upper);
        }

        builder.Add(new ColumnValuesToBeBetween { Column = column, Bounds = new(Scalar.From(lower), Scalar.From(upper)), Mostly = mostly, Meta = meta });
    }

    /// <summary>
    /// When the extremes lie far outside the bulk of the values (beyond the 1st–99th percentile band by more than three times
    /// its width), a sentence saying so: the suggested range would bless them.
    /// </summary>
    private static string? Outliers(ColumnProfile c, double lo, double hi)
    {
        if (c.Quantile(0.01) is not { } p01 || c.Quantile(0.99) is not { } p99 || c.ValueCount < 100)
        {
            return null;
        }

        var band = p99 - p01;
        if (!(band > 0) || (lo >= p01 - (3 * band) && hi <= p99 + (3 * band)))
        {
            return null;
        }

        return $"review the range: {c.FormatNumber(lo)} … {c.FormatNumber(hi)} is stretched by extreme values, while 98% of values lie in {c.FormatNumber(p01)} … {c.FormatNumber(p99)}: a planted problem would become the contract";
    }

    /// <summary>
    /// The range of an integer column widened by 10 % of its width, computed exactly (never through double, so
    /// 64-bit IDs keep their last digit): outward to whole numbers, clamped at 0 for non-negative columns and to the
    /// 64-bit range the values are in (long, or ulong for values above long.MaxValue).
    /// </summary>
    private static (Int128 Min, Int128 Max) IntegerRange(Int128 lo, Int128 hi)
    {
        var margin = (hi - lo + 9) / 10;
        var min = lo >= 0 ? Int128.Max(0, lo - margin) : lo - margin;
        var max = hi + margin;
        var ceiling = hi <= long.MaxValue ? (Int128)long.MaxValue : ulong.MaxValue;
        return (Int128.Max(min, long.MinValue), Int128.Min(max, ceiling));
    }

    private static void Uniqueness(SuiteBuilder builder, ColumnProfile c, long nonNull)
    {
        if (c.Family == ProfileFamily.Boolean || nonNull < 2 || c.DistinctRelativeError > 0 || c.NaNCount > 0)
        {
            return;
        }

        // Rows in duplicate groups are at most 2·(n − distinct): a bound that always holds, so mostly never fails.
        var duplicates = 2.0 * (nonNull - c.DistinctCount);
        var unique = 1 - (duplicates / nonNull);
        if (unique >= 0.95)
        {
            builder.Add(new ColumnValuesToBeUnique { Column = c.Name, Mostly = unique >= 1 ? null : FloorTo2(unique) });
        }
    }

    private static double FloorTo2(double x) => Math.Floor(x * 100) / 100;
}

/// <summary>Options of <see cref="SuiteSuggester.Explain"/>.</summary>
public sealed record SuggestOptions
{
    /// <summary>Drift baselines embedded in the suite.</summary>
    public static SuggestOptions Default { get; } = new();

    /// <summary>
    /// When set, drift expectations reference this profile file (<c>baseline_path</c>) instead of embedding each column's
    /// profile; the caller saves the profile there (the CLI does). Relative paths resolve against the working directory
    /// of the run that validates.
    /// </summary>
    public string? BaselinePath { get; init; }
}

/// <summary>A suggested suite and what to review in it.</summary>
/// <param name="Suite">The suite; it passes on the data it was suggested from.</param>
/// <param name="Review">Suggestions that may bless a problem in the data: rare or placeholder values in a value set, ranges stretched by outliers.</param>
/// <param name="ExpectationCount">How many expectations were suggested.</param>
public sealed record SuiteSuggestion(ExpectationSuite Suite, IReadOnlyList<SuggestionNote> Review, int ExpectationCount);

/// <summary>One suggestion to review before it becomes the contract.</summary>
/// <param name="Column">The column.</param>
/// <param name="ExpectationType">The suggested expectation.</param>
/// <param name="Message">What looks wrong, with counts.</param>
public sealed record SuggestionNote(string Column, string ExpectationType, string Message);
