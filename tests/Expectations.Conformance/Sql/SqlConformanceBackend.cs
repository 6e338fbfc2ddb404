using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Expectations.Conformance;
using Expectations.Sql.PostgreSql;

// In the SQL tests' namespace, as Engine is (see Engines.cs).
namespace Expectations.Sql.Tests;

/// <summary>
/// The GX fixtures on a SQL engine: each dataset is loaded into a fresh database of the engine, once per dataset — with
/// the dataset's own <c>schemas.&lt;backend&gt;</c> column types when GX gives them (<c>schemas.sqlite</c>,
/// <c>schemas.postgresql</c>), else with the types of the table GX's pandas loader would build (the SQLAlchemy
/// loader's <c>to_sql</c> inference). Tests run where GX's lists allow the backend's names (<c>sqlalchemy</c> covers all).
/// </summary>
internal sealed class SqlConformanceBackend(Engine engine, string name, IReadOnlyCollection<string> gxNames) : ConformanceBackend
{
    private FixtureDataset? _dataset;
    private DbConnection? _connection;
    private IValidationBackend? _backend;

    /// <summary>The backends the runner knows, by the name <c>--backend</c> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["duckdb", "sqlite", "postgresql"];

    /// <summary>Tests of datasets loaded with GX's typed schema for this backend (for the document).</summary>
    public int TypedDatasets { get; private set; }

    public override string Name => name;

    public override IReadOnlyCollection<string> GxNames => gxNames;

    /// <summary>The backend named <paramref name="backend"/> (one of <see cref="Names"/>); PostgreSQL starts a server.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed.</exception>
    public static SqlConformanceBackend Create(string backend) => backend switch
    {
        "duckdb" => new(Engine.DuckDb, "duckdb", ["duckdb", "sqlalchemy"]),
        "sqlite" => new(Engine.Sqlite, "sqlite", ["sqlite", "sqlalchemy"]),
        "postgresql" => new(Engine.Named("postgresql"), "postgresql", ["postgresql", "sqlalchemy"]),
        _ => throw new ArgumentException($"unknown backend '{backend}'", nameof(backend)),
    };

    public override bool SupportsType(string expectationType) => SqlBackend.SupportedExpectationTypes.Contains(expectationType);

    public override IValidationBackend For(FixtureDataset dataset, InMemoryTable table)
    {
        if (!ReferenceEquals(dataset, _dataset))
        {
            _connection?.Dispose();
            _connection = null;
            _dataset = null;
            if (dataset.Schemas.TryGetValue(name, out var types))
            {
                _connection = engine.Open();
                LoadTyped(_connection, engine.Dialect, dataset.Data, types, table);
                TypedDatasets++;
            }
            else
            {
                _connection = engine.Load(table);
            }

            _backend = new SqlBackend(SqlSource.Table(engine.Dialect, _connection, "t"));
            _dataset = dataset;
        }

        return _backend!;
    }

    protected override void Dispose(bool disposing)
    {
        _connection?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>
    /// Creates table <c>t</c> with GX's column types (a column the schema leaves out gets the inferred table's type) and
    /// inserts the fixture's values as that type: numbers and text as given, timestamps parsed. PostgreSQL gets each
    /// value through a <c>CAST</c> to the column type, as SQLAlchemy's typed insert would.
    /// </summary>
    private static void LoadTyped(DbConnection connection, SqlDialect dialect, JsonElement data, IReadOnlyDictionary<string, string> types, InMemoryTable table)
    {
        var columns = data.EnumerateObject().Select(c => (c.Name, Values: c.Value.EnumerateArray().ToArray())).ToArray();
        var inferred = table.Columns.ToDictionary(c => c.Name, c => c.Kind, StringComparer.Ordinal);
        var sqlTypes = columns.Select(c => types.TryGetValue(c.Name, out var t) ? TypeName(t) : dialect.TypeFor(inferred[c.Name])).ToArray();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {dialect.Quote("t")} ({string.Join(", ", columns.Select((c, i) => $"{dialect.Quote(c.Name)} {sqlTypes[i]}"))})";
            create.ExecuteNonQuery();
        }

        var rows = columns.Length == 0 ? 0 : columns.Max(c => c.Values.Length);
        var cast = dialect is PostgreSqlDialect;
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {dialect.Quote("t")} VALUES ({string.Join(", ", columns.Select((_, i) => cast ? $"CAST({dialect.ParameterMarker(i)} AS {sqlTypes[i]})" : dialect.ParameterMarker(i)))})";
        var parameters = columns.Select((_, i) =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = dialect.ParameterName(i);
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        for (var row = 0; row < rows; row++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var value = row < columns[c].Values.Length ? columns[c].Values[row] : default;
                parameters[c].Value = dialect.ParameterValue(Value(value, sqlTypes[c], cast)) ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>SQLAlchemy's type names as SQL (<c>DOUBLE_PRECISION</c> is <c>DOUBLE PRECISION</c>).</summary>
    private static string TypeName(string gxType) => gxType.Replace('_', ' ');

    /// <summary>A fixture value for a column of <paramref name="sqlType"/>: text when it will be cast by the engine.</summary>
    private static object? Value(JsonElement value, string sqlType, bool asText)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (asText)
        {
            return text;
        }

        var type = sqlType.ToUpperInvariant();
        return type switch
        {
            "INTEGER" or "BIGINT" or "SMALLINT" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l) => l,
            "FLOAT" or "REAL" or "DOUBLE" or "DOUBLE PRECISION" or "NUMERIC" when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
            "BOOLEAN" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
            "DATETIME" or "TIMESTAMP" or "DATE" when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) => type == "DATE" ? t.Date : t,
            _ when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
            _ when value.ValueKind == JsonValueKind.Number => value.TryGetInt64(out var n) ? n : value.GetDouble(),
            _ => text,
        };
    }
}
