using Expectations.Model;

namespace Expectations;

/// <summary>Table verbs against another table: leakage between the splits of a dataset.</summary>
public static partial class TableVerbs
{
    /// <summary>
    /// Every row of this table is earlier than every row of the table supplied as <paramref name="otherTableName"/> by at
    /// least <paramref name="gap"/>, on <paramref name="timeColumn"/> (<c>expect_table_time_range_to_precede_other_table</c>).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="timeColumn">The timestamp column, in both tables.</param>
    /// <param name="otherTableName">The name the later table is supplied under (<see cref="ValidationOptions.OtherTables"/>).</param>
    /// <param name="gap">The least distance between the two ranges; null for none. Written to the suite as an ISO-8601 duration.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative gap.</exception>
    public static TableBuilder TimeRangePrecedesOtherTable(this TableBuilder t, string timeColumn, string otherTableName, TimeSpan? gap = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (gap < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(gap), gap, "The gap must not be negative.");
        }

        return t.Add(new TableTimeRangeToPrecedeOtherTable { TimeColumn = timeColumn, OtherTableName = otherTableName, Gap = gap is { } g ? IsoDuration.Format(g) : null });
    }

    /// <summary>
    /// No combination of <paramref name="columns"/> occurs in the table supplied as <paramref name="otherTableName"/>
    /// (<c>expect_column_values_to_not_be_in_other_table</c> with <c>column_list</c>): entity leakage over a compound key,
    /// or, with every feature column, duplicate rows shared by two splits.
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columns">The key columns.</param>
    /// <param name="otherTableName">The name the other table is supplied under.</param>
    /// <param name="ignoreRowIf">Which rows with nulls have no key (default: rows whose listed values are all null).</param>
    /// <param name="mostly">The fraction of checked rows that must not leak, or null for all.</param>
    public static TableBuilder KeysNotInOtherTable(this TableBuilder t, IEnumerable<string> columns, string otherTableName,
        MultiColumnIgnoreRowIf? ignoreRowIf = null, double? mostly = null) =>
        t.Add(new ColumnValuesToNotBeInOtherTable { ColumnList = ValueList.From(columns), OtherTableName = otherTableName, IgnoreRowIf = ignoreRowIf, Mostly = mostly });
}

/// <summary>Column verbs against another table.</summary>
public static partial class ColumnVerbs
{
    /// <summary>
    /// No non-null value of the column occurs in the same column of the table supplied as <paramref name="otherTableName"/>
    /// (<c>expect_column_values_to_not_be_in_other_table</c>): the same user in train and test.
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="otherTableName">The name the other table is supplied under (<see cref="ValidationOptions.OtherTables"/>).</param>
    /// <param name="mostly">The fraction of non-null rows that must not leak, or null for all.</param>
    public static ColumnBuilder<T> NotInOtherTable<T>(this ColumnBuilder<T> c, string otherTableName, double? mostly = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Add(new ColumnValuesToNotBeInOtherTable { Column = c.Name, OtherTableName = otherTableName, Mostly = mostly });
    }
}
