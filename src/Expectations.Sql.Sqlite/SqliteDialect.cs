using System.Data.Common;

namespace Expectations.Sql.Sqlite;

/// <summary>
/// SQLite's SQL: no regular expressions or median (those expectations report so), LIKE made
/// case-sensitive on each connection (<c>PRAGMA case_sensitive_like</c>), types from the declared column types.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>The dialect (stateless).</summary>
    public static SqliteDialect Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override string? RegexMatch(string value, string pattern) => null;

    /// <inheritdoc />
    public override string? Median(string value) => null;

    /// <inheritdoc />
    public override string ToDouble(string value) => $"CAST({value} AS REAL)";

    /// <inheritdoc />
    public override object? ParameterValue(object? value) => value is DateTime d ? d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture) : value;

    /// <inheritdoc />
    public override void Prepare(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA case_sensitive_like = ON";
        command.ExecuteNonQuery();
    }

    /// <summary>By declared type (SQLite's affinity rules), since values of one column may have any storage class.</summary>
    /// <inheritdoc />
    public override DataKind KindOf(string typeName, Type clrType)
    {
        var t = (typeName ?? "").ToUpperInvariant();
        return t switch
        {
            _ when t.Contains("BOOL", StringComparison.Ordinal) => DataKind.Boolean,
            _ when t.Contains("TIMESTAMP", StringComparison.Ordinal) || t.Contains("DATE", StringComparison.Ordinal) => DataKind.Timestamp,
            _ when t.Contains("INT", StringComparison.Ordinal) => DataKind.Integer,
            _ when t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal) => DataKind.String,
            _ when t.Contains("BLOB", StringComparison.Ordinal) => DataKind.Binary,
            _ when t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal) => DataKind.Float,
            _ when t.Contains("DEC", StringComparison.Ordinal) || t.Contains("NUM", StringComparison.Ordinal) => DataKind.Float,
            _ => base.KindOf(typeName ?? "", clrType),
        };
    }

    /// <inheritdoc />
    public override string TypeFor(DataKind kind) => kind switch
    {
        DataKind.Integer => "INTEGER",
        DataKind.Float or DataKind.Decimal => "REAL",
        DataKind.Boolean => "BOOLEAN",
        DataKind.Timestamp => "TIMESTAMP",
        DataKind.String => "TEXT",
        _ => throw new NotSupportedException($"SQLite columns of kind {kind} are not created by the SQL backend."),
    };
}
