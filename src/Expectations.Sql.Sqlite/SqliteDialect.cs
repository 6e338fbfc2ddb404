using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Expectations.Sql.Sqlite;

/// <summary>
/// SQLite's SQL: no regular expressions (those expectations report so), the median from an aggregate and the text
/// normalisation of the uniqueness checks from a function, both registered on each connection, LIKE made
/// case-sensitive on each connection (<c>PRAGMA case_sensitive_like</c>), types from the declared column types.
/// </summary>
public sealed partial class SqliteDialect : SqlDialect
{
    /// <summary>The dialect (stateless).</summary>
    public static SqliteDialect Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override string? RegexMatch(string value, string pattern) => null;

    /// <summary>The median through the aggregate function <see cref="Prepare"/> registers on each connection (SQLite has none).</summary>
    /// <inheritdoc />
    public override string? Median(string value) => $"{MedianFunction}({value})";

    /// <inheritdoc />
    public override string ToDouble(string value) => $"CAST({value} AS REAL)";

    /// <inheritdoc />
    public override object? ParameterValue(object? value) => value is DateTime d ? d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture) : value;

    /// <summary>
    /// Through the function <see cref="Prepare"/> registers on each connection (SQLite's <c>lower</c> and <c>trim</c> are
    /// ASCII only, and it has no <c>regexp_replace</c>), which normalises as in memory: .NET's Unicode whitespace
    /// (<c>\s</c>, <see cref="string.Trim()"/>) and <see cref="string.ToLowerInvariant"/>.
    /// </summary>
    /// <inheritdoc />
    public override string? NormalizeText(string value, TextNormalization steps) =>
        $"{NormalizeFunction}({value}, {((int)steps).ToString(System.Globalization.CultureInfo.InvariantCulture)})";

    /// <summary>The name of the normalising function <see cref="Prepare"/> registers.</summary>
    private const string NormalizeFunction = "expectations_normalize";

    /// <summary>The documented steps of <see cref="TextNormalization"/> on a .NET string, in their order.</summary>
    private static string? Normalize(string? text, long steps)
    {
        if (text is null)
        {
            return null;
        }

        if ((steps & (long)TextNormalization.Whitespace) != 0)
        {
            text = Whitespace().Replace(text, " ");
        }

        if ((steps & (long)TextNormalization.Trim) != 0)
        {
            text = text.Trim();
        }

        return (steps & (long)TextNormalization.Case) != 0 ? text.ToLowerInvariant() : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Whitespace();

    /// <summary>The name of the median aggregate <see cref="Prepare"/> registers.</summary>
    private const string MedianFunction = "expectations_median";

    /// <summary>Makes LIKE case-sensitive and, on a <see cref="SqliteConnection"/>, registers the median aggregate.</summary>
    /// <inheritdoc />
    public override void Prepare(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA case_sensitive_like = ON";
        command.ExecuteNonQuery();
        if (connection is SqliteConnection sqlite)
        {
            // The values of each group are kept and sorted at the end: SQLite is in-process, so this is what a
            // percentile extension would do. Linear interpolation: the mean of the two middle values, as pandas.
            sqlite.CreateAggregate<double?, List<double>?, double?>(
                MedianFunction,
                null,
                static (list, value) =>
                {
                    if (value is { } v)
                    {
                        (list ??= []).Add(v);
                    }

                    return list;
                },
                static list =>
                {
                    if (list is not { Count: > 0 })
                    {
                        return null;
                    }

                    list.Sort();
                    var middle = list.Count / 2;
                    return list.Count % 2 == 1 ? list[middle] : (list[middle - 1] + list[middle]) / 2;
                },
                isDeterministic: true);
            sqlite.CreateFunction<string?, long, string?>(NormalizeFunction, static (text, steps) => Normalize(text, steps), isDeterministic: true);
        }
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
