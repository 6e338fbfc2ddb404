using System.Globalization;

namespace Expectations.Sql.PostgreSql;

/// <summary>
/// PostgreSQL's SQL: <c>COUNT(*) FILTER (WHERE …)</c>, POSIX regular expressions (<c>~</c>), <c>percentile_cont</c> for
/// the median, <c>@name</c> parameters, strings compared in code-point order (<c>COLLATE "C"</c>), <c>bool_and</c> /
/// <c>bool_or</c> for the minimum and maximum of booleans.
/// </summary>
public sealed class PostgreSqlDialect : SqlDialect
{
    /// <summary>The dialect (stateless).</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <inheritdoc />
    public override string ParameterMarker(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string CountWhere(string condition) => $"COUNT(*) FILTER (WHERE {condition})";

    /// <inheritdoc />
    public override string? RegexMatch(string value, string pattern) => $"({value} ~ {pattern})";

    /// <inheritdoc />
    public override string? Median(string value) => $"percentile_cont(0.5) WITHIN GROUP (ORDER BY {value})";

    /// <inheritdoc />
    public override string? StandardDeviation(string value) => $"stddev_samp({value})";

    /// <inheritdoc />
    public override string? TryParseDouble(string value) => $"(CASE WHEN {value} ~ '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$' THEN CAST({value} AS DOUBLE PRECISION) END)";

    /// <inheritdoc />
    public override string Ordered(string value, DataKind kind) => kind == DataKind.String ? $"({value} COLLATE \"C\")" : value;

    /// <inheritdoc />
    public override string Min(string value, DataKind kind) => kind == DataKind.Boolean ? $"bool_and({value})" : base.Min(value, kind);

    /// <inheritdoc />
    public override string Max(string value, DataKind kind) => kind == DataKind.Boolean ? $"bool_or({value})" : base.Max(value, kind);

    /// <inheritdoc />
    public override string TypeFor(DataKind kind) => kind switch
    {
        DataKind.Integer => "BIGINT",
        DataKind.Float => "DOUBLE PRECISION",
        DataKind.Decimal => "NUMERIC",
        DataKind.Boolean => "BOOLEAN",
        DataKind.Timestamp => "TIMESTAMP",
        DataKind.String => "TEXT",
        _ => throw new NotSupportedException($"PostgreSQL columns of kind {kind} are not created by the SQL backend."),
    };
}
