using Expectations.Sql;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Expectations.Sql.PostgreSql;
using Npgsql;

// In the SQL tests' namespace (they use these types unqualified); the file lives here because the conformance runner runs on these engines too.
namespace Expectations.Sql.Tests;

/// <summary>
/// A real PostgreSQL server for the tests: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on 127.0.0.1 with
/// a free port (as the <c>postgres</c> user when the tests run as root), stopped when the test process exits. Each
/// <see cref="Open"/> gets a schema of its own, so loads never collide. <see cref="Shared"/> is null, with
/// <see cref="Unavailable"/> saying why, when no PostgreSQL binaries are found.
/// </summary>
public sealed class PostgreSqlEngine : Engine
{
    private static readonly Lazy<(PostgreSqlEngine? Engine, string? Why)> Server = new(Start);
    private static int _schemas;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private readonly string? _runAs;

    private PostgreSqlEngine(string bin, string dataDirectory, string? runAs, int port)
    {
        _binDirectory = bin;
        _dataDirectory = dataDirectory;
        _runAs = runAs;
        _dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true");
    }

    /// <summary>The running server, or null (see <see cref="Unavailable"/>).</summary>
    public static PostgreSqlEngine? Shared => Server.Value.Engine;

    /// <summary>Why there is no server (for skip messages), or null.</summary>
    public static string? Unavailable => Server.Value.Why;

    public override SqlDialect Dialect => PostgreSqlDialect.Instance;

    /// <summary>The server's connection string (database <c>postgres</c>, schema <c>public</c>), for the CLI tests.</summary>
    public string ConnectionString => _dataSource.ConnectionString;

    public override DbConnection Open()
    {
        var connection = _dataSource.OpenConnection();
        var schema = "s" + Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture);
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE SCHEMA {schema}; SET search_path TO {schema}";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>The folder of <c>initdb</c> and <c>pg_ctl</c>: on PATH, /usr/local/bin, or Debian's /usr/lib/postgresql/*/bin.</summary>
    public static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/local/bin")
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, "bin")) : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static (PostgreSqlEngine?, string?) Start()
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            return (null, "No PostgreSQL binaries (initdb, pg_ctl) on PATH, in /usr/local/bin or /usr/lib/postgresql/*/bin: install PostgreSQL (Debian: apt-get install postgresql) to run the PostgreSQL tests.");
        }

        // Folders of earlier runs whose server is stopped (a process exit may end before the folder is deleted).
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "expectations-pg-*").Where(d => !File.Exists(Path.Combine(d, "db", "postmaster.pid"))))
        {
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's or still in use: left alone.
            }
        }

        var root = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        var runAs = root ? "postgres" : null;
        var data = Path.Combine(Path.GetTempPath(), "expectations-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        if (runAs is not null)
        {
            Run("chown", $"{runAs} {data}", null);
        }

        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), $"-D {data}/db -U postgres --auth=trust --no-locale -E UTF8", runAs);
        Run(Path.Combine(bin, "pg_ctl"), $"-D {data}/db -l {data}/log -w -t 60 -o \"-p {port.ToString(CultureInfo.InvariantCulture)} -h 127.0.0.1 -k {data} -F\" start", runAs);
        var engine = new PostgreSqlEngine(bin, data, runAs, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => engine.Stop();
        return (engine, null);
    }

    private void Stop()
    {
        try
        {
            _dataSource.Dispose();
            Run(Path.Combine(_binDirectory, "pg_ctl"), $"-D {_dataDirectory}/db -m fast -w stop", _runAs);
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The process is exiting; a server that did not stop is left for the temp folder cleanup.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, string? runAs)
    {
        var start = runAs is null
            ? new ProcessStartInfo(file, arguments)
            : new ProcessStartInfo("runuser", $"-u {runAs} -- {file} {arguments}");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr} {stdout.Result}");
        }
    }
}

/// <summary>A fact that needs a PostgreSQL server: skipped, saying why, when there are no binaries.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (PostgreSqlEngine.FindBinaries() is null)
        {
            Skip = "No PostgreSQL binaries (initdb, pg_ctl) found: install PostgreSQL (Debian: apt-get install postgresql) to run the PostgreSQL tests.";
        }
    }
}

/// <summary>A theory that needs a PostgreSQL server.</summary>
public sealed class PostgreSqlTheoryAttribute : TheoryAttribute
{
    public PostgreSqlTheoryAttribute()
    {
        if (PostgreSqlEngine.FindBinaries() is null)
        {
            Skip = "No PostgreSQL binaries (initdb, pg_ctl) found: install PostgreSQL (Debian: apt-get install postgresql) to run the PostgreSQL tests.";
        }
    }
}
