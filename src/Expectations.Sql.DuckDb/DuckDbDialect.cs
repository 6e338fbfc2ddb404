using System.Text.RegularExpressions;

namespace Expectations.Sql.DuckDb;

/// <summary>
/// DuckDB's SQL: <c>COUNT(*) FILTER (WHERE …)</c>, RE2 regular expressions (<c>regexp_matches</c>: no lookaround and no
/// backreferences), <c>quantile_cont</c> for the median, <c>$name</c> parameters.
/// </summary>
public sealed partial class DuckDbDialect : SqlDialect
{
    /// <summary>The dialect (stateless).</summary>
    public static DuckDbDialect Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "duckdb";

    /// <inheritdoc />
    public override string CountWhere(string condition) => $"COUNT(*) FILTER (WHERE {condition})";

    /// <inheritdoc />
    public override string? RegexMatch(string value, string pattern) => $"regexp_matches({value}, {pattern})";

    /// <inheritdoc />
    public override string? RegexProblem(string regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        return Lookaround().IsMatch(regex) ? "RE2 has no lookahead or lookbehind"
            : Backreference().IsMatch(regex) ? "RE2 has no backreferences"
            : null;
    }

    /// <summary>
    /// Unicode whitespace as RE2 spells it: RE2's <c>\s</c> is ASCII only, so the class lists what
    /// <see cref="char.IsWhiteSpace(char)"/> accepts.
    /// </summary>
    private const string Space = @"[\x{09}-\x{0D} \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]";

    /// <summary>
    /// <c>regexp_replace</c> over the whitespace class (collapse, then trim), then <c>lower</c>, whose mapping (utf8proc's, code
    /// point by code point) equals the invariant one on the tested texts except U+0130, which the invariant mapping keeps (docs/sql.md).
    /// </summary>
    /// <inheritdoc />
    public override string? NormalizeText(string value, TextNormalization steps)
    {
        if ((steps & TextNormalization.Whitespace) != 0)
        {
            value = $"regexp_replace({value}, '{Space}+', ' ', 'g')";
        }

        if ((steps & TextNormalization.Trim) != 0)
        {
            value = $"regexp_replace({value}, '^{Space}+|{Space}+$', '', 'g')";
        }

        // utf8proc lowers U+0130 (İ) to i, the invariant mapping leaves it: lower the pieces between them.
        return (steps & TextNormalization.Case) != 0 ? $"array_to_string(list_transform(string_split({value}, '\u0130'), lambda piece: lower(piece)), '\u0130')" : value;
    }

    /// <inheritdoc />
    public override string? Median(string value) => $"quantile_cont({value}, 0.5)";


    /// <inheritdoc />
    public override string? TryParseDouble(string value) => $"(CASE WHEN regexp_full_match({value}, '[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?') THEN TRY_CAST({value} AS DOUBLE) END)";

    /// <inheritdoc />
    public override string ToDouble(string value) => $"CAST({value} AS DOUBLE)";

    /// <inheritdoc />
    public override string? IsNaN(string value) => $"isnan({value})";

    /// <inheritdoc />
    public override string TypeFor(DataKind kind) => kind switch
    {
        DataKind.Integer => "BIGINT",
        DataKind.Float => "DOUBLE",
        DataKind.Decimal => "DECIMAL(38, 10)",
        DataKind.Boolean => "BOOLEAN",
        DataKind.Timestamp => "TIMESTAMP",
        DataKind.String => "VARCHAR",
        _ => throw new NotSupportedException($"DuckDB columns of kind {kind} are not created by the SQL backend."),
    };

    [GeneratedRegex(@"\(\?<?[=!]")]
    private static partial Regex Lookaround();

    [GeneratedRegex(@"(?<!\\)\\[1-9]|\(\?P=")]
    private static partial Regex Backreference();
}
