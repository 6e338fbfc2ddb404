namespace Expectations;

public static partial class TableVerbs
{
    /// <summary>
    /// The row count is not anomalous given the earlier runs in the run's metric history
    /// (<c>expect_table_row_count_to_not_be_anomalous</c>; <see cref="ValidationOptions.History"/>).
    /// </summary>
    /// <param name="t">The table builder.</param>
    /// <param name="detection">The strategy and its parameters; the default is online normal with Deequ's defaults.</param>
    public static TableBuilder RowCountNotAnomalous(this TableBuilder t, AnomalyDetection detection = default)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.Add(new TableRowCountToNotBeAnomalous { Detection = detection });
    }
}

public static partial class ColumnVerbs
{
    /// <summary>
    /// The column's <paramref name="metric"/> (<c>row_count</c>, <c>null_fraction</c>, <c>mean</c>, <c>stdev</c>, <c>min</c>,
    /// <c>max</c>, <c>sum</c>, <c>distinct_count</c>) is not anomalous given the earlier runs in the run's metric history
    /// (<c>expect_column_metric_to_not_be_anomalous</c>; <see cref="ValidationOptions.History"/>).
    /// </summary>
    /// <param name="c">The column builder.</param>
    /// <param name="metric">The metric watched.</param>
    /// <param name="detection">The strategy and its parameters; the default is online normal with Deequ's defaults.</param>
    public static ColumnBuilder<T> MetricNotAnomalous<T>(this ColumnBuilder<T> c, string metric, AnomalyDetection detection = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Add(new ColumnMetricToNotBeAnomalous { Column = c.Name, Metric = metric, Detection = detection });
    }
}
