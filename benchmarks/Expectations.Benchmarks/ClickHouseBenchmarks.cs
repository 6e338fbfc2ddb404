using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Expectations.Parquet;
using Expectations.Sql;
using Expectations.Sql.ClickHouse;

namespace Expectations.Benchmarks;

/// <summary>
/// The SQL backend's suite (the sample suite less the expectations SQL does not run) over 1 M transactions, in memory
/// over the Parquet file (the baseline) and pushed down into the 2-shard ClickHouse cluster of
/// <c>eng/clickhouse-cluster.sh</c> through a <c>Distributed</c> table (rows split over both shards). The cluster must be
/// running (<c>eng/clickhouse-cluster.sh start</c>); without it the benchmark is left out of the run with a message
/// (Program's filter), so <c>--smoke</c> works on a machine without ClickHouse. Setup loads the data once per cluster
/// (kept in database <c>bench</c>) and checks that both engines agree on every success and unexpected count.
/// </summary>
[MemoryDiagnoser]
public class ClickHouseBenchmarks
{
    private static readonly Lazy<(ClickHouseClient[]? Shards, string? Why)> Cluster = new(Find);
    private string _path = "";
    private ValidationPlan _plan = null!;
    private SqlSource _source = null!;

    /// <summary>Rows of the benchmark: 1 M, or 20,000 in a smoke run.</summary>
    public static long Rows => BenchmarkData.Smoke ? 20_000 : 1_000_000;

    /// <summary>Why the benchmark cannot run here (no running cluster), or null.</summary>
    public static string? Unavailable => Cluster.Value.Why;

    [GlobalSetup]
    public void Setup()
    {
        var shards = Cluster.Value.Shards ?? throw new InvalidOperationException(Unavailable);
        _path = BenchmarkData.Transactions(Rows);
        var full = BenchmarkData.Suite();
        _plan = ValidationPlan.Compile(new ExpectationSuite(full.Name, [.. full.Expectations.Where(e => SqlBackend.SupportedExpectationTypes.Contains(e.Type))]));
        var table = $"bench.transactions_{Rows}";
        foreach (var shard in shards)
        {
            shard.ExecuteAsync("CREATE DATABASE IF NOT EXISTS bench").AsTask().GetAwaiter().GetResult();
        }

        var loaded = shards[0].QueryAsync($"SELECT count() FROM system.tables WHERE database = 'bench' AND name = 'transactions_{Rows}'").AsTask().GetAwaiter().GetResult();
        if ((long)loaded.Rows[0][0]! == 0)
        {
            var data = ParquetDataSource.OpenAsync(_path).GetAwaiter().GetResult();
            try
            {
                ClickHouseSql.LoadDistributedAsync(shards, "expectations", table, data).AsTask().GetAwaiter().GetResult();
            }
            finally
            {
                data.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        _source = ClickHouseSql.Table(shards[0], table, ClickHouseSql.RowNumberColumn, hideRowOrder: true);
        var memory = InMemory();
        var sql = ClickHouse();
        for (var i = 0; i < memory.Results.Length; i++)
        {
            var (m, s) = (memory.Results[i], sql.Results[i]);
            if (m.Success != s.Success || m.Result?.UnexpectedCount != s.Result?.UnexpectedCount || (m.ExceptionInfo is null) != (s.ExceptionInfo is null))
            {
                throw new InvalidOperationException($"{m.Expectation.Type} ({m.Expectation.RowCondition}): in memory {m.Success}/{m.Result?.UnexpectedCount}, ClickHouse {s.Success}/{s.Result?.UnexpectedCount} {s.ExceptionInfo?.ExceptionMessage}");
            }
        }

        RowsPerSecondColumn.Rows[nameof(ClickHouseBenchmarks)] = Rows;
    }

    [Benchmark(Baseline = true, Description = "in memory over Parquet, all cores")]
    public ValidationReport InMemory() =>
        BenchmarkData.ValidateParquet(_plan, _path);

    [Benchmark(Description = "ClickHouse SQL backend, Distributed table over 2 shards")]
    public ValidationReport ClickHouse() => _plan.ValidateAsync(_source).AsTask().GetAwaiter().GetResult();

    /// <summary>The running cluster's nodes, from <c>eng/clickhouse-cluster.sh status</c> (which never starts it).</summary>
    private static (ClickHouseClient[]?, string?) Find()
    {
        var script = Path.Combine(BenchmarkData.RepositoryRoot(), "eng", "clickhouse-cluster.sh");
        var start = new ProcessStartInfo("bash", [script, "status"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var ports = output.Split('\n').FirstOrDefault(l => l.StartsWith("http_ports=", StringComparison.Ordinal));
            if (process.ExitCode != 0 || ports is null)
            {
                return (null, $"the ClickHouse cluster is not running ({stderr.Result.Trim()}): start it with eng/clickhouse-cluster.sh start");
            }

            return ([.. ports["http_ports=".Length..].Trim().Split(',').Select(p => new ClickHouseClient(new Uri($"http://127.0.0.1:{p}/")))], null);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"bash cannot run eng/clickhouse-cluster.sh: {ex.Message}");
        }
    }
}
