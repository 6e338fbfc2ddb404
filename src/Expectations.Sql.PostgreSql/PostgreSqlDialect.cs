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
    public override string? IsNaN(string value) => $"({value} = 'NaN'::double precision)";

    /// <summary>Unicode whitespace as a POSIX ARE class: what <see cref="char.IsWhiteSpace(char)"/> accepts, listed, since <c>[[:space:]]</c> follows the database's locale.</summary>
    private const string Space = @"[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

    /// <summary>
    /// <c>whitespace</c> and <c>trim</c> as <c>regexp_replace</c> over the listed whitespace; <c>case</c> is refused (null):
    /// <c>lower</c> follows the database's <c>LC_CTYPE</c> (ASCII only under <c>C</c>) or, with an ICU collation, ICU's full
    /// case mappings (<c>İ</c> becomes two code points), neither the invariant mapping of the in-memory engine.
    /// </summary>
    /// <inheritdoc />
    public override string? NormalizeText(string value, TextNormalization steps)
    {
        if ((steps & TextNormalization.Case) != 0)
        {
            return null;
        }

        if ((steps & TextNormalization.Whitespace) != 0)
        {
            value = $"regexp_replace({value}, '{Space}+', ' ', 'g')";
        }

        return (steps & TextNormalization.Trim) != 0 ? $"regexp_replace({value}, '^{Space}+|{Space}+$', '', 'g')" : value;
    }

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
