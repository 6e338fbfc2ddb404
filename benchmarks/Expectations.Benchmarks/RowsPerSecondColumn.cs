using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Expectations.Benchmarks;

/// <summary>A summary column: rows per second = the benchmark class's rows / mean time.</summary>
internal sealed class RowsPerSecondColumn : IColumn
{
    /// <summary>Rows each benchmark class processes per call, set by its setup (in-process toolchain: same process).</summary>
    public static ConcurrentDictionary<string, long> Rows { get; } = new(StringComparer.Ordinal);

    public string Id => "RowsPerSecond";

    public string ColumnName => "Rows/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Rows processed per second (rows / mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var rows = Rows.TryGetValue(benchmarkCase.Descriptor.Type.Name, out var r) ? r
            : benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Rows")?.Value is int n ? n : 0;
        if (report?.ResultStatistics is not { } stats || rows == 0)
        {
            return "-";
        }

        var perSecond = rows / (stats.Mean / 1e9);
        return perSecond >= 1e9 ? (perSecond / 1e9).ToString("0.00 G", CultureInfo.InvariantCulture)
            : (perSecond / 1e6).ToString("0.0 M", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
