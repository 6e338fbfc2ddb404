using System.Text.Json;

namespace Expectations.Validation;

/// <summary>
/// The metrics of one report, as history points: the table's row count; per column the null fraction and every statistic
/// an expectation observed (mean, median, stdev, min, max, sum, distinct count, unique proportion, quantiles, and the
/// anomaly expectations' metrics), once per column and metric; per column-map expectation its unexpected fraction.
/// Results that raised an exception give nothing.
/// </summary>
internal static class ReportMetrics
{
    private static readonly Dictionary<string, string> Statistics = new(StringComparer.Ordinal)
    {
        ["expect_column_mean_to_be_between"] = "mean",
        ["expect_column_median_to_be_between"] = "median",
        ["expect_column_stdev_to_be_between"] = "stdev",
        ["expect_column_min_to_be_between"] = "min",
        ["expect_column_max_to_be_between"] = "max",
        ["expect_column_sum_to_be_between"] = "sum",
        ["expect_column_unique_value_count_to_be_between"] = "distinct_count",
        ["expect_column_proportion_of_unique_values_to_be_between"] = "unique_proportion",
        [TableRowCountToBeBetween.TypeName] = "row_count",
        [TableRowCountToEqual.TypeName] = "row_count",
    };

    public static List<MetricPoint> Of(ValidationReport report, MetricHistory history, DateTimeOffset timestamp, string runId)
    {
        var dataset = history.Dataset ?? report.Meta.SuiteName;
        var points = new List<MetricPoint>();
        var seen = new HashSet<(string?, string)>();
        void Add(string? column, string metric, double value, string? expectation = null)
        {
            if (double.IsFinite(value) && (expectation is not null || seen.Add((column, metric))))
            {
                points.Add(new MetricPoint
                {
                    Timestamp = timestamp,
                    RunId = runId,
                    Dataset = dataset,
                    Suite = report.Meta.SuiteName,
                    Partition = history.Partition,
                    Expectation = expectation,
                    Column = column,
                    Metric = metric,
                    Value = value,
                    Tags = history.Tags,
                });
            }
        }

        // Filtered results describe a subset of the rows, so they do not enter the dataset's series.
        Add(null, "row_count", report.Meta.RowCount);
        foreach (var result in report.Results)
        {
            var e = result.Expectation;
            if (result.ExceptionInfo is not null || e.RowCondition is not null)
            {
                continue;
            }

            var column = e.ColumnName;
            var r = result.Result;
            if (e is IAnomalyExpectation anomaly && Number(r.ObservedValue) is { } observed)
            {
                Add(anomaly.MetricName == "row_count" ? null : anomaly.MetricColumn, anomaly.MetricName, observed);
            }
            else if (Statistics.TryGetValue(e.Type, out var metric) && Number(r.ObservedValue) is { } statistic)
            {
                Add(metric == "row_count" ? null : column, metric, statistic);
            }
            else if (e.Type == "expect_column_quantile_values_to_be_between" && r.ObservedValue is { ValueKind: JsonValueKind.Object } q
                && q.TryGetProperty("quantiles", out var quantiles) && q.TryGetProperty("values", out var values)
                && quantiles.ValueKind == JsonValueKind.Array && values.ValueKind == JsonValueKind.Array && quantiles.GetArrayLength() == values.GetArrayLength())
            {
                for (var i = 0; i < quantiles.GetArrayLength(); i++)
                {
                    if (Number(quantiles[i]) is { } p && Number(values[i]) is { } v)
                    {
                        Add(column, "quantile_" + p.ToString("R", System.Globalization.CultureInfo.InvariantCulture), v);
                    }
                }
            }

            if (column is not null && r.ElementCount is > 0 and var count)
            {
                if (e is ColumnValuesToNotBeNull && r.UnexpectedCount is { } nulls)
                {
                    Add(column, "null_fraction", (double)nulls / count);
                }
                else if (r.MissingCount is { } missing)
                {
                    Add(column, "null_fraction", (double)missing / count);
                }

                if (r.UnexpectedPercent is { } percent)
                {
                    Add(column, "unexpected_fraction", percent / 100, e.Type);
                }
            }
        }

        return points;
    }

    private static double? Number(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Number } v && v.TryGetDouble(out var d) ? d : null;
}
