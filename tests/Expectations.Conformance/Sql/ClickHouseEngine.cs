using System.Diagnostics;
using System.Globalization;
using Expectations.Conformance;
using Expectations.Sql.ClickHouse;

// In the SQL tests' namespace, as the other engines are (see Engines.cs): the conformance runner runs on it too.
namespace Expectations.Sql.Tests;

/// <summary>
/// The 2-shard ClickHouse cluster of <c>eng/clickhouse-cluster.sh</c> (the script CI uses): started when not already
/// running, and stopped at the test process's exit only when this process started it. Each <see cref="Load"/> copies the
/// data into a new <c>Distributed</c> table over both shards (row i on shard i mod 2) in a database of this process, which
/// is dropped at exit. <see cref="Shared"/> is null, with <see cref="Unavailable"/> saying why, without clickhouse-server.
/// </summary>
internal sealed class ClickHouseEngine
{
    public const string Cluster = "expectations";

    private static readonly Lazy<(ClickHouseEngine? Engine, string? Why)> Server = new(Start);
    private static int _tables;

    private ClickHouseEngine(ClickHouseClient[] shards, string database)
    {
        Shards = shards;
        Database = database;
    }

    /// <summary>The running cluster, or null (see <see cref="Unavailable"/>).</summary>
    public static ClickHouseEngine? Shared => Server.Value.Engine;

    /// <summary>Why there is no cluster (for skip messages), or null.</summary>
    public static string? Unavailable => Server.Value.Why;

    /// <summary>One client per shard (node 1 first).</summary>
    public IReadOnlyList<ClickHouseClient> Shards { get; }

    /// <summary>The database of this test process's tables.</summary>
    public string Database { get; }

    /// <summary>Why the tests cannot run ClickHouse here, or null when clickhouse-server is installed.</summary>
    public static string? MissingServer() =>
        FindServer() is null ? "clickhouse-server is not installed (Debian: apt-get install clickhouse-server, as .ci/run does): the ClickHouse cluster tests are skipped." : null;

    /// <summary>Loads <paramref name="data"/> into a new Distributed table over both shards; the source reads it through node 1.</summary>
    public (SqlSource Source, string Table) Load(IDataSource data)
    {
        var table = $"{Database}.t{Interlocked.Increment(ref _tables).ToString(CultureInfo.InvariantCulture)}";
        ClickHouseSql.LoadDistributedAsync(Shards, Cluster, table, data).AsTask().GetAwaiter().GetResult();
        return (ClickHouseSql.Table(Shards[0], table, ClickHouseSql.RowNumberColumn, hideRowOrder: true), table);
    }

    /// <summary>The rows each shard's local table of <paramref name="table"/> holds.</summary>
    public long[] RowsPerShard(string table) =>
        [.. Shards.Select(s => (long)s.QueryAsync($"SELECT count() FROM {table}_local").AsTask().GetAwaiter().GetResult().Rows[0][0]!)];

    private static string? FindServer() =>
        new[] { "/usr/bin/clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/local/bin/clickhouse-server" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "clickhouse-server")))
            .FirstOrDefault(File.Exists);

    private static (ClickHouseEngine?, string?) Start()
    {
        if (MissingServer() is { } missing)
        {
            return (null, missing);
        }

        var root = FixtureLoader.FindRepositoryRoot();
        var script = root is null ? null : Path.Combine(root, "eng", "clickhouse-cluster.sh");
        if (script is null || !File.Exists(script))
        {
            return (null, "eng/clickhouse-cluster.sh is not found above the test folder: the ClickHouse cluster tests are skipped.");
        }

        var (running, _) = Run(script, "status");
        var (started, output) = Run(script, "start");
        if (!started)
        {
            throw new InvalidOperationException($"eng/clickhouse-cluster.sh start failed: {output}");
        }

        var ports = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("http_ports=", StringComparison.Ordinal))["http_ports=".Length..].Split(',');
        var shards = ports.Select(p => new ClickHouseClient(new Uri($"http://127.0.0.1:{p}/"))).ToArray();
        var database = "tests_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..6];
        foreach (var shard in shards)
        {
            shard.ExecuteAsync($"CREATE DATABASE {database}").AsTask().GetAwaiter().GetResult();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                foreach (var shard in shards)
                {
                    // Tables first: 18.16's DROP DATABASE leaves Distributed tables' folders behind otherwise.
                    shard.ExecuteAsync($"DROP DATABASE IF EXISTS {database}").AsTask().GetAwaiter().GetResult();
                }
            }
            catch (ClickHouseException)
            {
                // The process is exiting; the cluster folder is deleted by the script's stop.
            }

            if (!running)
            {
                Run(script, "stop");
            }
        };
        return (new ClickHouseEngine(shards, database), null);
    }

    private static (bool Ok, string Output) Run(string script, string verb)
    {
        var start = new ProcessStartInfo("bash", [script, verb]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode == 0, stdout + stderr.Result);
    }
}

/// <summary>A fact that needs the ClickHouse cluster: skipped, saying why, without clickhouse-server.</summary>
public sealed class ClickHouseFactAttribute : FactAttribute
{
    public ClickHouseFactAttribute()
    {
        if (ClickHouseEngine.MissingServer() is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>A theory that needs the ClickHouse cluster.</summary>
public sealed class ClickHouseTheoryAttribute : TheoryAttribute
{
    public ClickHouseTheoryAttribute()
    {
        if (ClickHouseEngine.MissingServer() is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>
/// The GX fixtures on the 2-shard ClickHouse cluster: each dataset is loaded into a new <c>Distributed</c> table over both
/// shards (<see cref="ClickHouseEngine.Load"/>, the types of the table GX's pandas loader would build: GX has no
/// ClickHouse schemas), once per dataset. Tests run where GX's lists allow <c>clickhouse</c> or <c>sqlalchemy</c>.
/// </summary>
internal sealed class ClickHouseConformanceBackend : ConformanceBackend
{
    private FixtureDataset? _dataset;
    private IValidationBackend? _backend;

    public override string Name => "clickhouse";

    public override IReadOnlyCollection<string> GxNames { get; } = ["clickhouse", "sqlalchemy"];

    public override bool SupportsType(string expectationType) => SqlBackend.SupportedExpectationTypes.Contains(expectationType);

    public override IValidationBackend For(FixtureDataset dataset, InMemoryTable table)
    {
        if (!ReferenceEquals(dataset, _dataset))
        {
            var cluster = ClickHouseEngine.Shared ?? throw new InvalidOperationException(ClickHouseEngine.Unavailable);
            _backend = new SqlBackend(cluster.Load(table).Source);
            _dataset = dataset;
        }

        return _backend!;
    }
}
