namespace Expectations;

/// <summary>Column verbs about how recent the data is.</summary>
public static partial class ColumnVerbs
{
    /// <summary>
    /// The newest timestamp of the column is at most <paramref name="maxAge"/> old at <paramref name="asOf"/> (default: when
    /// the suite runs); with <paramref name="groupBy"/>, each group's newest is (<c>expect_column_max_to_be_recent</c>).
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="maxAge">The greatest age allowed; written to the suite as an ISO-8601 duration.</param>
    /// <param name="asOf">The time ages are measured from, or null for the run's time.</param>
    /// <param name="groupBy">Columns whose groups must each be recent, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative <paramref name="maxAge"/>.</exception>
    public static ColumnBuilder<DateTime> MaxIsRecent(this ColumnBuilder<DateTime> c, TimeSpan maxAge, DateTime? asOf = null, IEnumerable<string>? groupBy = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        return c.Add(new ColumnMaxToBeRecent
        {
            Column = c.Name,
            MaxAge = Model.IsoDuration.Format(maxAge),
            AsOf = asOf is { } t ? Scalar.From(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)) : null,
            GroupBy = groupBy is null ? null : ValueList.From(groupBy),
        });
    }
}
