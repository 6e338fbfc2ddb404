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
    public static ExpectationSuite Suggest(DatasetProfile profile, string name = "suggested")
    {
        ArgumentNullException.ThrowIfNull(profile);
        var builder = Expect.Suite(name);

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
                List(builder, c);
                continue;
            }

            if (c.Family == ProfileFamily.Numeric)
            {
                Range(builder, c.Name, c, nonNull);
            }

            Domain(builder, c.Name, c);
            if (c.Family is ProfileFamily.String or ProfileFamily.Binary)
            {
                Lengths(builder, c);
            }

            Uniqueness(builder, c, nonNull);
            if (c.ValueCount - c.InfinityCount > 0)
            {
                builder.Add(new ColumnDistributionToNotDrift { Column = c.Name, Baseline = ColumnVerbs.EmbeddedBaseline(c) });
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// A list column: its length bounds, then checks of its elements (each element is checked on its own, null elements
    /// left out): a range for numeric elements, a value set for few categories; and drift of the list lengths.
    /// </summary>
    private static void List(SuiteBuilder builder, ColumnProfile c)
    {
        Lengths(builder, c);
        if (c.Elements is { ValueCount: > 0 } elements)
        {
            // A range check fails a whole list for one NaN or infinite element: suggest it only for finite elements.
            if (elements.Family == ProfileFamily.Numeric && elements.NaNCount == 0 && elements.InfinityCount == 0)
            {
                Range(builder, c.Name, elements, elements.ValueCount);
            }

            Domain(builder, c.Name, elements);
        }

        Uniqueness(builder, c, c.RowCount - c.NullCount);
        if (c.ListLengths is { ValueCount: > 0 })
        {
            builder.Add(new ColumnDistributionToNotDrift { Column = c.Name, Baseline = ColumnVerbs.EmbeddedBaseline(c) });
        }
    }

    /// <summary>The values of a column with few categories (text, booleans, binary values as \x-hex), as a value set on <paramref name="column"/>.</summary>
    private static void Domain(SuiteBuilder builder, string column, ColumnProfile c)
    {
        if (c.Family is ProfileFamily.String or ProfileFamily.Boolean or ProfileFamily.Binary && c.TopValuesErrorBound == 0 && c.DistinctCount <= MaxDomainSize)
        {
            var values = c.TopValues(MaxDomainSize).Select(v => c.Family == ProfileFamily.Boolean ? Scalar.From(v.Value == "true") : Scalar.From(v.Value)).OrderBy(v => v.ToString(), StringComparer.Ordinal);
            builder.Add(new ColumnValuesToBeInSet { Column = column, ValueSet = ValueList.Create<Scalar>([.. values]) });
        }
    }

    /// <summary>Length bounds: code points of text, bytes of binary values, elements of lists.</summary>
    private static void Lengths(SuiteBuilder builder, ColumnProfile c)
    {
        if (c.MinLength is { } minLength && c.MaxLength is { } maxLength && maxLength <= int.MaxValue)
        {
            builder.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, MinValue = (int)minLength, MaxValue = (int)maxLength });
        }
    }

    private static void Range(SuiteBuilder builder, string column, ColumnProfile c, long nonNull)
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

        if (c.Kind == DataKind.Integer && c.IntegerMin is { } exactLo && c.IntegerMax is { } exactHi)
        {
            var (min, max) = IntegerRange(exactLo, exactHi);
            builder.Add(new ColumnValuesToBeBetween { Column = column, MinValue = Scalar.From(min), MaxValue = Scalar.From(max), Mostly = mostly });
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

        builder.Add(new ColumnValuesToBeBetween { Column = column, MinValue = Scalar.From(lower), MaxValue = Scalar.From(upper), Mostly = mostly });
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
