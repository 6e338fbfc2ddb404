using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Expectations.Sql.ClickHouse;

/// <summary>
/// ClickHouse's SQL, as 18.16 and current servers both take it: no <c>FILTER</c>, CTEs or window functions, so counts are
/// <c>countIf(ifNull(…, 0))</c>, distinct counts <c>uniqExact</c>, the median two <c>quantileExact</c> (exact, not sampled);
/// subqueries over a <c>Distributed</c> table are <c>GLOBAL IN</c>; regular expressions are RE2 (<c>match</c>: lookaround
/// and backreferences are refused by name); there are no query parameters, so every value is written as a literal
/// escaped here (<see cref="Literal"/>: the security boundary). Identifiers are backquoted with backslash escapes.
/// Booleans are <c>Enum8('false' = 0, 'true' = 1)</c> columns (18.16 has no <c>Bool</c>; a current server's <c>Bool</c>
/// is read as boolean too).
/// </summary>
public sealed partial class ClickHouseDialect : SqlDialect
{
    /// <summary>The column type of booleans that tables created by <see cref="ClickHouseSql.LoadDistributedAsync"/> use.</summary>
    public const string BooleanType = "Enum8('false' = 0, 'true' = 1)";

    /// <summary>The last second a <c>DateTime</c> holds (seconds since 1970 as UInt32).</summary>
    internal static readonly DateTime MaxDateTime = DateTime.UnixEpoch.AddSeconds(uint.MaxValue);

    /// <summary>The dialect (stateless).</summary>
    public static ClickHouseDialect Instance { get; } = new();

    /// <inheritdoc />
    public override string Name => "clickhouse";

    /// <summary>Backquoted, with <c>\</c> and <c>`</c> escaped by a backslash and control characters as <c>\xHH</c>.</summary>
    /// <inheritdoc />
    public override string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        _ = base.Quote(identifier); // the same refusals as every dialect: empty, NUL, the fragment slot
        return Escaped(identifier, '`');
    }

    /// <inheritdoc />
    public override string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Escaped(value, '\'');
    }

    /// <inheritdoc />
    public override bool InlinesValues => true;

    /// <summary>
    /// Null as <c>NULL</c>; integers as digits; doubles bit-exact (<c>reinterpretAsFloat64(unhex('…'))</c>, since 18.16's
    /// float parser rounds some values), NaN and infinities by name; strings single-quoted with <c>\\</c>, <c>\'</c> and
    /// control characters (NUL included) as <c>\xHH</c>; booleans as <c>'true'</c> / <c>'false'</c> (the enum's names);
    /// timestamps as <c>toDateTime('…', 'UTC')</c> (whole seconds, 1970 to 2105: ClickHouse 18.16's <c>DateTime</c>);
    /// decimals as <c>toDecimal128('…', scale)</c>.
    /// </summary>
    /// <inheritdoc />
    public override string Literal(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "'true'" : "'false'",
        long l => l < 0 ? $"toInt64('{l.ToString(CultureInfo.InvariantCulture)}')" : l.ToString(CultureInfo.InvariantCulture),
        int i => Literal((long)i),
        double d => Float(d),
        float f => Float(f),
        decimal m => $"toDecimal128('{m.ToString(CultureInfo.InvariantCulture)}', {m.Scale.ToString(CultureInfo.InvariantCulture)})",
        string s => QuoteString(s),
        DateTime t => Timestamp(t),
        DateTimeOffset o => Timestamp(o.UtcDateTime),
        _ => throw new NotSupportedException($"The clickhouse dialect writes no literal of {value.GetType().Name}."),
    };

    /// <summary>Whole seconds for <c>DateTime</c>, days for <c>Date</c>, 10^-p seconds for <c>DateTime64(p)</c>.</summary>
    /// <inheritdoc />
    public override TimeSpan TimestampResolution(string typeName)
    {
        var t = Unwrap(typeName ?? "");
        if (t.StartsWith("DateTime64(", StringComparison.Ordinal) && int.TryParse(t.AsSpan(11, 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            return TimeSpan.FromTicks(p >= 7 ? 1 : (long)Math.Pow(10, 7 - p));
        }

        return t is "Date" or "Date32" ? TimeSpan.FromDays(1) : TimeSpan.FromSeconds(1);
    }

    /// <summary>1970-01-01 to 2106-02-07 06:28:15 for <c>DateTime</c> and <c>Date</c> (18.16's only time types); all of <see cref="DateTime"/> for others.</summary>
    /// <inheritdoc />
    public override (DateTime First, DateTime Last) TimestampRange(string typeName)
    {
        var t = Unwrap(typeName ?? "");
        return t.StartsWith("DateTime64", StringComparison.Ordinal) || t == "Date32" ? base.TimestampRange(typeName ?? "") : (DateTime.UnixEpoch, MaxDateTime);
    }

    /// <inheritdoc />
    public override string CountWhere(string condition) => $"countIf(ifNull({condition}, 0))";

    /// <inheritdoc />
    public override string CountDistinct(string value) => $"uniqExact({value})";

    /// <inheritdoc />
    public override string InSubquery(string value, string subquery) => $"{value} GLOBAL IN ({subquery})";

    /// <inheritdoc />
    public override string? RegexMatch(string value, string pattern) => $"match({value}, {pattern})";

    /// <inheritdoc />
    public override string? RegexProblem(string regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        return Lookaround().IsMatch(regex) ? "RE2 has no lookahead or lookbehind"
            : Backreference().IsMatch(regex) ? "RE2 has no backreferences"
            : null;
    }

    /// <summary><c>like(value, pattern)</c>: case-sensitive, <c>\</c> escapes (18.16 has no <c>ESCAPE</c> clause).</summary>
    /// <inheritdoc />
    public override string Like(string value, string pattern) => $"like({value}, {pattern})";

    /// <summary>
    /// <c>assumeNotNull(value)</c>: comparisons are always guarded by <c>IS NOT NULL</c>, and ClickHouse's <c>and</c> / <c>or</c>
    /// return NULL when an operand is NULL (not SQL's three-valued <c>FALSE AND NULL = FALSE</c>), so a comparison must never be NULL.
    /// </summary>
    /// <inheritdoc />
    public override string Ordered(string value, DataKind kind) => $"assumeNotNull({value})";

    /// <inheritdoc />
    public override string Min(string value, DataKind kind) => $"min({value})";

    /// <inheritdoc />
    public override string Max(string value, DataKind kind) => $"max({value})";

    /// <inheritdoc />
    public override string Length(string value) => $"lengthUTF8({value})";

    /// <summary>
    /// The mean of the upper middle value (<c>quantileExact(0.5)</c> of the values) and the lower one (the same of the
    /// negated values): linear interpolation, exact, deterministic on every shard layout.
    /// </summary>
    /// <inheritdoc />
    public override string? Median(string value) =>
        $"((quantileExact(0.5)(toFloat64({value})) - quantileExact(0.5)(-toFloat64({value}))) / 2)";

    /// <summary><c>stddevSamp</c>, as GX's SQL backends use the engine's <c>stddev_samp</c>.</summary>
    /// <inheritdoc />
    public override string? StandardDeviation(string value) => $"stddevSamp({value})";

    /// <inheritdoc />
    public override string? TryParseDouble(string value) =>
        $"if(match({value}, '^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?$'), toFloat64OrNull({value}), NULL)";

    /// <inheritdoc />
    public override string ToDouble(string value) => $"toFloat64({value})";

    /// <inheritdoc />
    public override string ToInteger(string value) => $"toInt64({value})";

    /// <summary>
    /// ClickHouse has no row order (and 18.16 no window functions): a <c>Distributed</c> table reads its shards in any
    /// order. Sources name an ordering column instead (<see cref="SqlSource.WithRowOrder"/>, <see cref="ClickHouseSql.Table"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override string RowNumber =>
        throw new NotSupportedException("ClickHouse tables have no row order: name a column with unique values whose order numbers the rows (ClickHouseSql.Table(client, table, rowOrder)) to get row indices.");

    /// <summary>From the type name (<c>Nullable(…)</c> and <c>LowCardinality(…)</c> unwrapped).</summary>
    /// <inheritdoc />
    public override DataKind KindOf(string typeName, Type clrType)
    {
        var t = Unwrap(typeName ?? "");
        return t switch
        {
            BooleanType or "Bool" or "Boolean" => DataKind.Boolean,
            _ when t.StartsWith("Int", StringComparison.Ordinal) || t.StartsWith("UInt", StringComparison.Ordinal) => DataKind.Integer,
            _ when t.StartsWith("Float", StringComparison.Ordinal) => DataKind.Float,
            _ when t.StartsWith("Decimal", StringComparison.Ordinal) => DataKind.Decimal,
            _ when t.StartsWith("DateTime", StringComparison.Ordinal) || t == "Date" || t == "Date32" => DataKind.Timestamp,
            _ when t is "String" or "UUID" || t.StartsWith("FixedString", StringComparison.Ordinal) || t.StartsWith("Enum", StringComparison.Ordinal) => DataKind.String,
            _ when t.StartsWith("Array", StringComparison.Ordinal) => DataKind.List,
            _ when t.StartsWith("Map", StringComparison.Ordinal) => DataKind.Map,
            _ => DataKind.Struct,
        };
    }

    /// <inheritdoc />
    public override string TypeFor(DataKind kind) => kind switch
    {
        DataKind.Integer => "Nullable(Int64)",
        DataKind.Float => "Nullable(Float64)",
        DataKind.Decimal => "Nullable(Decimal(38, 10))",
        DataKind.Boolean => $"Nullable({BooleanType})",
        DataKind.Timestamp => "Nullable(DateTime('UTC'))",
        DataKind.String => "Nullable(String)",
        _ => throw new NotSupportedException($"ClickHouse columns of kind {kind} are not created by the SQL backend."),
    };

    /// <summary><paramref name="typeName"/> without its <c>Nullable(…)</c> / <c>LowCardinality(…)</c> wrappers.</summary>
    internal static string Unwrap(string typeName)
    {
        var t = typeName.Trim();
        while (true)
        {
            if (t.StartsWith("Nullable(", StringComparison.Ordinal) && t.EndsWith(')'))
            {
                t = t["Nullable(".Length..^1];
            }
            else if (t.StartsWith("LowCardinality(", StringComparison.Ordinal) && t.EndsWith(')'))
            {
                t = t["LowCardinality(".Length..^1];
            }
            else
            {
                return t;
            }
        }
    }

    private static string Float(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, d);
        return $"reinterpretAsFloat64(unhex('{Convert.ToHexString(bytes)}'))";
    }

    private static string Timestamp(DateTime t)
    {
        if (t.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new NotSupportedException($"The timestamp {t:O} has a fraction of a second; ClickHouse 18.16's DateTime holds whole seconds, so it cannot be compared exactly.");
        }

        if (t < DateTime.UnixEpoch || t > MaxDateTime)
        {
            throw new NotSupportedException($"The timestamp {t:O} is outside ClickHouse 18.16's DateTime range (1970-01-01 to 2106-02-07 06:28:15).");
        }

        return $"toDateTime('{t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}', 'UTC')";
    }

    /// <summary><paramref name="text"/> between <paramref name="quote"/>s, each of <c>\</c>, the quote and control characters escaped.</summary>
    private static string Escaped(string text, char quote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a pair: one code point
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new NotSupportedException($"The text '{text}' holds an unpaired UTF-16 surrogate at {i.ToString(CultureInfo.InvariantCulture)}, which ClickHouse's UTF-8 text cannot hold.");
            }
        }

        var b = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            if (c == '\\' || c == quote)
            {
                b.Append('\\').Append(c);
            }
            else if (c < ' ' || c == '\u007f')
            {
                b.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                b.Append(c);
            }
        }

        return b.Append(quote).ToString();
    }

    [GeneratedRegex(@"\(\?<?[=!]")]
    private static partial Regex Lookaround();

    [GeneratedRegex(@"(?<!\\)\\[1-9]|\(\?P=")]
    private static partial Regex Backreference();
}
