namespace Expectations;

/// <summary>
/// Suggests a suite from a profile: the column set; per column completeness (not null, with <c>mostly</c>
/// when nulls occur), value ranges widened by 10 % of the range (clamped at 0 for non-negative columns,
/// outward to whole numbers for integer columns, whose bounds are exact integers computed without double), domains of string and boolean columns with at most
/// <see cref="MaxDomainSize"/> values, uniqueness when (nearly) every value is distinct, string lengths, and a
/// drift check against the column's own profile. Every bound is derived so that the suite passes on the data
/// it was suggested from.
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
        builder.Add(new TableColumnsToMatchSet { ColumnSet = ValueList.Create<string>([.. profile.Columns.Select(c => c.Name)]), ExactMatch = true });
        foreach (var c in profile.Columns)
        {
            if (c.RowCount == 0)
            {
                continue;
            }

            var nonNull = c.RowCount - c.NullCount;
            builder.Add(new ColumnValuesToNotBeNull { Column = c.Name, Mostly = c.NullCount == 0 ? null : FloorTo2((double)nonNull / c.RowCount) });
            if (nonNull == 0)
            {
                continue;
            }

            if (c.Family == ProfileFamily.Numeric)
            {
                Range(builder, c, nonNull);
            }

            if (c.Family is ProfileFamily.String or ProfileFamily.Boolean && c.TopValuesErrorBound == 0 && c.DistinctCount <= MaxDomainSize)
            {
                var values = c.TopValues(MaxDomainSize).Select(v => c.Family == ProfileFamily.Boolean ? Scalar.From(v.Value == "true") : Scalar.From(v.Value)).OrderBy(v => v.ToString(), StringComparer.Ordinal);
                builder.Add(new ColumnValuesToBeInSet { Column = c.Name, ValueSet = ValueList.Create<Scalar>([.. values]) });
            }

            if (c.Family == ProfileFamily.String && c.MinLength is { } minLength && c.MaxLength is { } maxLength && maxLength <= int.MaxValue)
            {
                builder.Add(new ColumnValueLengthsToBeBetween { Column = c.Name, MinValue = (int)minLength, MaxValue = (int)maxLength });
            }

            Uniqueness(builder, c, nonNull);
            if (c.ValueCount - c.InfinityCount > 0)
            {
                builder.Add(new ColumnDistributionToNotDrift { Column = c.Name, Baseline = ColumnVerbs.EmbeddedBaseline(c) });
            }
        }

        return builder.Build();
    }

    private static void Range(SuiteBuilder builder, ColumnProfile c, long nonNull)
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
            builder.Add(new ColumnValuesToBeBetween { Column = c.Name, MinValue = Scalar.From(min), MaxValue = Scalar.From(max), Mostly = mostly });
            return;
        }

        var margin = (hi - lo) * 0.1;
        var lower = lo >= 0 ? Math.Max(0, lo - margin) : lo - margin;
        var upper = hi + margin;
        if (c.Kind == DataKind.Integer)
        {
            // An integer column delivered partly as floats: whole bounds, rounded outward.
            lower = Math.Floor(lower);
            upper = Math.Ceiling(upper);
        }

        builder.Add(new ColumnValuesToBeBetween { Column = c.Name, MinValue = Scalar.From(lower), MaxValue = Scalar.From(upper), Mostly = mostly });
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
