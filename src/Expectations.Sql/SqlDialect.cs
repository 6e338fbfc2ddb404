using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Expectations.Sql;

/// <summary>
/// What differs between SQL engines: identifier quoting, parameter markers, the functions for regular expressions,
/// LIKE, string length and statistics, type names, and how <c>LIMIT</c> is written. A function an engine lacks returns
/// null, and every expectation that needs it reports so in its <c>exception_info</c> (the rest of the suite still runs).
/// </summary>
public abstract class SqlDialect
{
    /// <summary>The engine's name for messages and reports, e.g. <c>duckdb</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// <paramref name="identifier"/> quoted for this engine (<c>"a""b"</c> by default): embedded quotes are doubled, so
    /// a name with quotes, semicolons or comment markers stays one identifier.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or holds a NUL or U+0001 character.</exception>
    public virtual string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Length == 0 || identifier.Contains('\0', StringComparison.Ordinal) || identifier.Contains(SqlFragment.Slot, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The identifier '{identifier}' is empty or holds a control character no SQL engine accepts in a name.", nameof(identifier));
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A possibly schema-qualified table name (<c>schema.table</c>) quoted part by part.</summary>
    /// <exception cref="ArgumentException">A part is empty.</exception>
    public virtual string QuoteTableName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return string.Join('.', name.Split('.').Select(Quote));
    }

    /// <summary>The marker of the <paramref name="index"/>-th parameter in the SQL text (<c>$p0</c> by default).</summary>
    public virtual string ParameterMarker(int index) => "$p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name the <paramref name="index"/>-th <see cref="DbParameter"/> is given (<c>p0</c> by default).</summary>
    public virtual string ParameterName(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>A parameter's value as the driver takes it (a <see cref="DateTime"/>, a string…); the default passes it unchanged.</summary>
    public virtual object? ParameterValue(object? value) => value;

    /// <summary>Rows counted where <paramref name="condition"/> holds: <c>SUM(CASE WHEN … THEN 1 ELSE 0 END)</c> by default; engines with <c>FILTER</c> use <c>COUNT(*) FILTER (WHERE …)</c>.</summary>
    public virtual string CountWhere(string condition) => $"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)";

    /// <summary>Whether <paramref name="value"/> matches the regular expression <paramref name="pattern"/> anywhere (Python's <c>re.search</c>), or null when the engine has no regular expressions.</summary>
    public abstract string? RegexMatch(string value, string pattern);

    /// <summary>
    /// Why this engine cannot run the Python regular expression <paramref name="regex"/> the same way (a construct its
    /// flavour lacks, such as lookaround or backreferences in RE2), or null when it can.
    /// </summary>
    public virtual string? RegexProblem(string regex) => null;

    /// <summary>Whether <paramref name="value"/> matches the SQL LIKE <paramref name="pattern"/>, case-sensitively, <c>\</c> escaping the next character.</summary>
    public virtual string Like(string value, string pattern) => $"({value} LIKE {pattern} ESCAPE '\\')";

    /// <summary>
    /// <paramref name="value"/> (of <paramref name="kind"/>) for comparisons and MIN/MAX in code-point order, as the
    /// in-memory engine orders strings; the default leaves it (binary collations), PostgreSQL adds <c>COLLATE "C"</c>.
    /// </summary>
    public virtual string Ordered(string value, DataKind kind) => value;

    /// <summary>The smallest value of <paramref name="value"/> (of <paramref name="kind"/>, nulls ignored).</summary>
    public virtual string Min(string value, DataKind kind) => $"MIN({Ordered(value, kind)})";

    /// <summary>The largest value of <paramref name="value"/> (of <paramref name="kind"/>, nulls ignored).</summary>
    public virtual string Max(string value, DataKind kind) => $"MAX({Ordered(value, kind)})";

    /// <summary>The length of the string <paramref name="value"/> in characters (Unicode code points).</summary>
    public virtual string Length(string value) => $"LENGTH({value})";

    /// <summary>The median of <paramref name="value"/> with linear interpolation (nulls ignored), or null when the engine has none.</summary>
    public abstract string? Median(string value);

    /// <summary>
    /// The sample standard deviation of the double <paramref name="value"/> (nulls ignored) as the engine computes it
    /// (<c>stddev_samp</c>), or null (the default) to compute it in two passes: the mean, then the squared deviations.
    /// </summary>
    public virtual string? StandardDeviation(string value) => null;

    /// <summary>
    /// The text <paramref name="value"/> as a double when it is a decimal number, else null (how a <c>row_condition</c>
    /// compares a text column with a number, as in memory); null when the engine cannot parse text safely.
    /// </summary>
    public virtual string? TryParseDouble(string value) => null;

    /// <summary>
    /// Whether the float <paramref name="value"/> is NaN (null for a null value), or null when the engine stores no NaN
    /// (SQLite). The in-memory engine, as pandas, skips NaN like null in statistics, and NaN compares false with any
    /// number, where DuckDB and PostgreSQL order NaN above every number.
    /// </summary>
    public virtual string? IsNaN(string value) => null;

    /// <summary>The expression as a double-precision float.</summary>
    public virtual string ToDouble(string value) => $"CAST({value} AS DOUBLE PRECISION)";

    /// <summary>The expression as a 64-bit integer (how booleans are summed): <c>CAST(… AS INTEGER)</c> by default.</summary>
    public virtual string ToInteger(string value) => $"CAST({value} AS INTEGER)";

    /// <summary>
    /// <paramref name="value"/> (a text expression) normalised as <see cref="TextNormalization"/> defines: each run of Unicode
    /// whitespace as one space, then leading and trailing whitespace removed, then lower case by the invariant mapping, each step
    /// only when <paramref name="steps"/> holds it. Null (the default) when this engine cannot compute it with the in-memory
    /// result: the uniqueness check with <c>normalize</c> then reports so.
    /// </summary>
    /// <param name="value">The text expression.</param>
    /// <param name="steps">The steps, never <see cref="TextNormalization.None"/>.</param>
    public virtual string? NormalizeText(string value, TextNormalization steps) => null;

    /// <summary>The number of distinct non-null values of <paramref name="value"/>: <c>COUNT(DISTINCT …)</c> by default.</summary>
    public virtual string CountDistinct(string value) => $"COUNT(DISTINCT {value})";

    /// <summary>
    /// Whether <paramref name="value"/> is among the rows of the subquery <paramref name="subquery"/> over the same relation:
    /// <c>value IN (subquery)</c> by default; a cluster engine may need its distributed form (ClickHouse's <c>GLOBAL IN</c>).
    /// </summary>
    public virtual string InSubquery(string value, string subquery) => $"{value} IN ({subquery})";

    /// <summary>
    /// Whether values are written into the SQL text as literals (<see cref="Literal"/>) instead of bound as parameters:
    /// for engines without query parameters. False by default (values are bound).
    /// </summary>
    public virtual bool InlinesValues => false;

    /// <summary>
    /// <paramref name="value"/> (null, a <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="bool"/>,
    /// <see cref="DateTime"/> or <see cref="decimal"/>) as a SQL literal, escaped so that no value can end the literal:
    /// used only when <see cref="InlinesValues"/> is true, so the escaping is the security boundary.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine cannot write this value exactly (the expectation that needs it reports so).</exception>
    public virtual string Literal(object? value) =>
        throw new NotSupportedException($"The {Name} dialect binds values as parameters; it writes no literals.");

    /// <summary>
    /// The step between the values a timestamp column of the engine's type <paramref name="typeName"/> can hold (one tick,
    /// i.e. any <see cref="DateTime"/>, by default; whole seconds for ClickHouse's <c>DateTime</c>): bounds between two
    /// steps are compared as the step they imply.
    /// </summary>
    public virtual TimeSpan TimestampResolution(string typeName) => TimeSpan.FromTicks(1);

    /// <summary>
    /// The first and last instants a timestamp column of the engine's type <paramref name="typeName"/> can hold (all of
    /// <see cref="DateTime"/> by default; 1970 to 2106 for ClickHouse's <c>DateTime</c>): bounds outside compare as such.
    /// </summary>
    public virtual (DateTime First, DateTime Last) TimestampRange(string typeName) => (DateTime.MinValue, DateTime.MaxValue);

    /// <summary>The <c>LIMIT</c> clause for at most <paramref name="rows"/> rows.</summary>
    public virtual string Limit(long rows) => " LIMIT " + rows.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// An expression numbering the rows of the relation from 0 in the engine's scan order (the order rows
    /// were inserted for a table, file order for files): the row indices of <c>unexpected_index_list</c>.
    /// </summary>
    public virtual string RowNumber => "(ROW_NUMBER() OVER () - 1)";

    /// <summary>
    /// The kind of a column of the engine's type <paramref name="typeName"/> whose values the driver returns as
    /// <paramref name="clrType"/>; by default from the .NET type (integers, floats, decimals, strings, booleans, dates and
    /// times, bytes; anything else is nested).
    /// </summary>
    public virtual DataKind KindOf(string typeName, Type clrType)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        var t = Nullable.GetUnderlyingType(clrType) ?? clrType;
        return t switch
        {
            _ when t == typeof(bool) => DataKind.Boolean,
            _ when t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort)
                || t == typeof(uint) || t == typeof(ulong) || t == typeof(Int128) || t == typeof(UInt128) || t == typeof(System.Numerics.BigInteger) => DataKind.Integer,
            _ when t == typeof(double) || t == typeof(float) || t == typeof(Half) => DataKind.Float,
            _ when t == typeof(decimal) => DataKind.Decimal,
            _ when t == typeof(string) || t == typeof(Guid) => DataKind.String,
            _ when t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly) => DataKind.Timestamp,
            _ when t == typeof(byte[]) || typeof(Stream).IsAssignableFrom(t) => DataKind.Binary,
            _ when typeof(System.Collections.IList).IsAssignableFrom(t) => DataKind.List,
            _ => DataKind.Struct,
        };
    }

    /// <summary>The engine's column type for values of <paramref name="kind"/> (for <see cref="SqlTableLoader"/>).</summary>
    public abstract string TypeFor(DataKind kind);

    /// <summary>Called once on each connection the backend opens, before any query (e.g. to set a session option).</summary>
    public virtual void Prepare(DbConnection connection)
    {
    }

    /// <summary>Creates a parameter of <paramref name="command"/> named <see cref="ParameterName"/>.</summary>
    internal void Bind(DbCommand command, IReadOnlyList<object?> values)
    {
        if (InlinesValues)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = ParameterName(i);
            p.Value = ParameterValue(values[i]) ?? DBNull.Value;
            command.Parameters.Add(p);
        }
    }

    /// <summary>
    /// <paramref name="value"/> as a SQL string literal, quotes doubled: only for places that take no parameters (a file
    /// path in a relation such as <c>read_parquet('…')</c>); values of checks are always bound as parameters.
    /// </summary>
    public virtual string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var b = new StringBuilder(value.Length + 2).Append('\'');
        b.Append(value.Replace("'", "''", StringComparison.Ordinal));
        return b.Append('\'').ToString();
    }
}
