using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Expectations.Sql.Sqlite;

/// <summary>
/// A metrics repository (<see cref="IMetricRepository"/>) in a SQLite file, one row per point in table <c>metrics</c>:
/// <c>timestamp</c> (ISO 8601 UTC text), <c>run_id</c>, <c>dataset</c>, <c>suite</c>, <c>partition</c>,
/// <c>expectation</c>, <c>column_name</c>, <c>metric</c>, <c>value</c> (REAL) and <c>tags</c> (a JSON object), indexed by
/// <c>(dataset, metric, column_name, timestamp)</c>; query it with plain SQL (docs/history.md). A run's points are
/// inserted in one transaction; SQLite's file lock serialises concurrent writers.
/// </summary>
public sealed class SqliteMetricRepository : IMetricRepository
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS metrics (
            timestamp TEXT NOT NULL,
            run_id TEXT NOT NULL,
            dataset TEXT NOT NULL,
            suite TEXT,
            partition TEXT,
            expectation TEXT,
            column_name TEXT,
            metric TEXT NOT NULL,
            value REAL NOT NULL,
            tags TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX IF NOT EXISTS metrics_series ON metrics (dataset, metric, column_name, timestamp);
        """;

    private static readonly Dictionary<string, string> NoTags = new(StringComparer.Ordinal);

    private readonly string _connectionString;

    /// <summary>A repository in the SQLite file <paramref name="path"/> (created with its table on first use).</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public SqliteMetricRepository(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask AppendAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO metrics (timestamp, run_id, dataset, suite, partition, expectation, column_name, metric, value, tags) VALUES ($t, $r, $d, $s, $p, $e, $c, $m, $v, $g)";
        var names = new[] { "$t", "$r", "$d", "$s", "$p", "$e", "$c", "$m", "$v", "$g" };
        foreach (var name in names)
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        foreach (var point in points)
        {
            insert.Parameters[0].Value = point.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            insert.Parameters[1].Value = point.RunId;
            insert.Parameters[2].Value = point.Dataset;
            insert.Parameters[3].Value = (object?)point.Suite ?? DBNull.Value;
            insert.Parameters[4].Value = (object?)point.Partition ?? DBNull.Value;
            insert.Parameters[5].Value = (object?)point.Expectation ?? DBNull.Value;
            insert.Parameters[6].Value = (object?)point.Column ?? DBNull.Value;
            insert.Parameters[7].Value = point.Metric;
            insert.Parameters[8].Value = point.Value;
            insert.Parameters[9].Value = JsonSerializer.Serialize(point.Tags, TagsContext.Default.IReadOnlyDictionaryStringString);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<MetricPoint>> ReadAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!File.Exists(Path))
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        var where = new List<string>();
        void Where(string clause, string name, object value)
        {
            where.Add(clause);
            select.Parameters.AddWithValue(name, value);
        }

        if (query.Dataset is { } d) Where("dataset = $d", "$d", d);
        if (query.Metric is { } m) Where("metric = $m", "$m", m);
        if (query.Column is { Length: 0 }) where.Add("column_name IS NULL");
        else if (query.Column is { } c) Where("column_name = $c", "$c", c);
        if (query.Since is { } since) Where("timestamp >= $since", "$since", Iso(since));
        if (query.Before is { } before) Where("timestamp < $before", "$before", Iso(before));
        select.CommandText = "SELECT timestamp, run_id, dataset, suite, partition, expectation, column_name, metric, value, tags FROM metrics"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY timestamp, rowid";
        var points = new List<MetricPoint>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            try
            {
                points.Add(new MetricPoint
                {
                    Timestamp = DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
                    RunId = reader.GetString(1),
                    Dataset = reader.GetString(2),
                    Suite = Text(3),
                    Partition = Text(4),
                    Expectation = Text(5),
                    Column = Text(6),
                    Metric = reader.GetString(7),
                    Value = reader.GetDouble(8),
                    Tags = reader.GetString(9) is "{}" ? NoTags : JsonSerializer.Deserialize(reader.GetString(9), TagsContext.Default.DictionaryStringString) ?? NoTags,
                });
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidCastException)
            {
                throw new InvalidDataException($"{Path}, table metrics, row {points.Count + 1} of the query: not a metric point ({ex.Message})", ex);
            }
        }

        return points;
    }

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = connection.CreateCommand();
            create.CommandText = Schema;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InvalidDataException($"{Path}: not a usable SQLite metrics repository ({ex.Message})", ex);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TagsContext : System.Text.Json.Serialization.JsonSerializerContext;
