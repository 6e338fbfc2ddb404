using System.Text.Json;

namespace Expectations.Sql;

/// <summary>One expectation compiled to SQL: the fused metrics it registered, and how its result is finished.</summary>
internal abstract class SqlPlan(Expectation expectation)
{
    public Expectation Expectation { get; } = expectation;

    public abstract ValueTask<ExpectationResult> FinishAsync(SqlRun run, CancellationToken cancellationToken);

    /// <summary>Compiles <paramref name="expectation"/>; <paramref name="condition"/> is its translated row condition.</summary>
    /// <exception cref="SqlPlanException">The expectation cannot run on this engine or column.</exception>
    /// <exception cref="MissingColumnException">A column it names is not in the data.</exception>
    public static SqlPlan Compile(Expectation expectation, SqlFragment? condition, SqlRun run)
    {
        var d = run.Dialect;
        switch (expectation)
        {
            case TableRowCountToBeBetween or TableRowCountToEqual:
                return new RowCountPlan(expectation, run.Metric(run.CountWhere(condition)));
            case ColumnValuesToNotBeNull e:
                return ColumnMapPlan.Nulls(e, run.Column(e.Column), condition, run, nullIsUnexpected: true);
            case ColumnValuesToBeNull e:
                return ColumnMapPlan.Nulls(e, run.Column(e.Column), condition, run, nullIsUnexpected: false);
            case ColumnValuesToBeUnique e:
                return ColumnMapPlan.Unique(e, run.Column(e.Column), condition, run);
            case ColumnMapExpectation e:
                {
                    var column = run.Column(e.Column);
                    var col = d.Quote(column.Name);
                    RequireFlat(e, column);
                    var (check, mismatch) = Check(e, column, col, d);
                    return ColumnMapPlan.Checked(e, column, condition, check, mismatch, run);
                }

            case ColumnAggregateBetween e:
                return AggregatePlan.Create(e, run.Column(e.Column), condition, run);
            default:
                throw new SqlPlanException($"The {d.Name} backend cannot run {expectation.Type}.");
        }
    }

    private static void RequireFlat(Expectation e, ColumnInfo column)
    {
        if (column.Kind is DataKind.List or DataKind.Struct or DataKind.Map or DataKind.Binary)
        {
            throw new SqlPlanException($"{e.Type}: column '{column.Name}' is {column.PhysicalType} ({column.Kind}); the SQL backend checks flat columns only.");
        }
    }

    /// <summary>The predicate an expected (non-null) value satisfies, or the message of why this column's values cannot be checked.</summary>
    private static (SqlFragment? Check, string? Mismatch) Check(ColumnMapExpectation e, ColumnInfo column, string col, SqlDialect d)
    {
        switch (e)
        {
            case ColumnValuesToBeBetween b:
                {
                    if (BetweenMismatch(b, column) is { } between)
                    {
                        return (null, between);
                    }

                    var terms = new List<SqlFragment>();
                    foreach (var (bound, strict, op) in new[] { (b.Bounds.MinValue, b.Bounds.StrictMin, ">"), (b.Bounds.MaxValue, b.Bounds.StrictMax, "<") })
                    {
                        if (bound is not { IsNull: false } value)
                        {
                            continue;
                        }

                        if (Literal(value, column) is not { } literal)
                        {
                            return (null, $"{e.Type} cannot compare column '{column.Name}' of type {column.PhysicalType} ({column.Kind}) with the bound {value}.");
                        }

                        terms.Add(Comparison(col, column, op + (strict ? "" : "="), literal, d));
                    }

                    return (terms.Count == 0 ? SqlFragment.Raw("(1=1)") : "(" + SqlFragment.Join(" AND ", terms) + ")", null);
                }

            case ColumnValuesToBeInSet s:
                return (InSet(s.ValueSet, column, col), null);
            case ColumnValuesToNotBeInSet s:
                return (SqlFragment.Not(InSet(s.ValueSet, column, col)), null);
            case ColumnRegexExpectation r:
                {
                    if (column.Kind != DataKind.String)
                    {
                        return (null, NotText(e, column));
                    }

                    if (d.RegexProblem(r.Regex) is { } problem)
                    {
                        throw new SqlPlanException($"{e.Type}: the {d.Name} engine cannot run the regex '{r.Regex}': {problem}");
                    }

                    var match = d.RegexMatch(col, SqlFragment.Slot.ToString())
                        ?? throw new SqlPlanException($"{e.Type}: the {d.Name} engine has no regular expressions, so this expectation cannot run in it.");
                    var fragment = SqlFragment.Value(r.Regex).Map(slot => match);
                    return (r is ColumnValuesToNotMatchRegex ? SqlFragment.Not(fragment) : fragment, null);
                }

            case ColumnLikePatternExpectation l:
                {
                    if (column.Kind != DataKind.String)
                    {
                        return (null, NotText(e, column));
                    }

                    if (HasCharacterClass(l.LikePattern))
                    {
                        throw new SqlPlanException($"{e.Type}: the like_pattern '{l.LikePattern}' has a [character class], which is SQL Server's LIKE; the {d.Name} engine's LIKE has none.");
                    }

                    var fragment = SqlFragment.Value(l.LikePattern).Map(slot => d.Like(col, slot));
                    return (l is ColumnValuesToNotMatchLikePattern ? SqlFragment.Not(fragment) : fragment, null);
                }

            case ColumnValueLengthsToBeBetween len:
                {
                    if (column.Kind != DataKind.String)
                    {
                        return (null, NotText(e, column));
                    }

                    var terms = new List<SqlFragment>();
                    if (len.Bounds.MinValue is { IsNull: false } min)
                    {
                        terms.Add($"{d.Length(col)} >{(len.Bounds.StrictMin ? "" : "=")} " + SqlFragment.Value((long)min.AsDouble()));
                    }

                    if (len.Bounds.MaxValue is { IsNull: false } max)
                    {
                        terms.Add($"{d.Length(col)} <{(len.Bounds.StrictMax ? "" : "=")} " + SqlFragment.Value((long)max.AsDouble()));
                    }

                    return ("(" + SqlFragment.Join(" AND ", terms) + ")", null);
                }

            case ColumnValueLengthsToEqual len:
                return column.Kind != DataKind.String
                    ? (null, NotText(e, column))
                    : ($"({d.Length(col)} = " + SqlFragment.Value((long)len.Value.AsDouble()) + ")", null);
            default:
                throw new SqlPlanException($"The {d.Name} backend cannot run {e.Type}.");
        }
    }

    /// <summary>
    /// <c>col op literal</c>. An integer column compared with a fractional number compares with the integer bound it
    /// implies (<c>x &gt;= 2.5</c> is <c>x &gt;= 3</c>), exactly, since engines would otherwise cast the parameter to the
    /// column's type and round it.
    /// </summary>
    internal static SqlFragment Comparison(string col, ColumnInfo column, string op, object literal, SqlDialect d)
    {
        if (column.Kind == DataKind.Integer && literal is double x)
        {
            if (double.IsNaN(x))
            {
                return SqlFragment.Raw(op == "<>" ? "(1=1)" : "(1=0)");
            }

            if (x != Math.Floor(x) || x < long.MinValue || x >= 9.2233720368547758E+18)
            {
                if (x < long.MinValue || x >= 9.2233720368547758E+18)
                {
                    var below = x < 0; // every value is above a huge negative bound, below a huge positive one
                    var holds = op switch { ">" or ">=" => below, "<" or "<=" => !below, "<>" => true, _ => false };
                    return SqlFragment.Raw(holds ? "(1=1)" : "(1=0)");
                }

                (op, literal) = op switch
                {
                    ">=" or ">" => (">=", (object)(long)Math.Ceiling(x)),
                    "<=" or "<" => ("<=", (object)(long)Math.Floor(x)),
                    "=" => ("=", (object)"never"),
                    _ => ("<>", (object)"always"),
                };
                if (literal is string never)
                {
                    return SqlFragment.Raw(never == "never" ? "(1=0)" : "(1=1)");
                }
            }
            else
            {
                literal = (long)x;
            }
        }

        if (column.Kind == DataKind.Timestamp && literal is DateTime outside && d.TimestampRange(column.PhysicalType) is var (first, last) && (outside < first || outside > last))
        {
            // Every value is after a bound before the type's range, and before one after it.
            var before = outside < first;
            var holds = op switch { ">" or ">=" => before, "<" or "<=" => !before, "<>" => true, _ => false };
            return SqlFragment.Raw(holds ? "(1=1)" : "(1=0)");
        }

        if (column.Kind == DataKind.Timestamp && literal is DateTime t && d.TimestampResolution(column.PhysicalType).Ticks is > 1 and var step && t.Ticks % step != 0)
        {
            // The column holds multiples of the engine's resolution (whole seconds for ClickHouse's DateTime): a bound
            // between two of them compares as the one it implies, exactly as for integers.
            var floor = new DateTime(t.Ticks - (t.Ticks % step), t.Kind);
            (op, literal) = op switch
            {
                ">=" or ">" => (">=", (object)floor.AddTicks(step)),
                "<=" or "<" => ("<=", (object)floor),
                "=" => ("=", (object)"never"),
                _ => ("<>", (object)"always"),
            };
            if (literal is string never)
            {
                return SqlFragment.Raw(never == "never" ? "(1=0)" : "(1=1)");
            }
        }

        var compare = $"{d.Ordered(col, column.Kind)} {op} " + SqlFragment.Value(literal);
        // NaN compares false with every number, as in memory (the engines order it above them); NaN <> x holds in both.
        return column.Kind == DataKind.Float && op != "<>" && d.IsNaN(col) is { } nan ? $"(NOT {nan} AND " + compare + ")" : compare;
    }

    /// <summary>The in-memory engine's message for a text check on a column that is not text.</summary>
    private static string NotText(Expectation e, ColumnInfo column) =>
        $"{e.Type} cannot check column '{column.Name}' of type {column.PhysicalType} ({column.Kind}): the column is not text";

    /// <summary>The in-memory engine's message (GX's TypeError) when the bounds cannot be compared with the column's values, or null.</summary>
    private static string? BetweenMismatch(ColumnValuesToBeBetween b, ColumnInfo column)
    {
        const string mixedTypes = "TypeError: Column values, min_value, and max_value must either be None or of the same type.";
        var lo = b.Bounds.MinValue is { IsNull: false } x ? x : (Scalar?)null;
        var hi = b.Bounds.MaxValue is { IsNull: false } y ? y : (Scalar?)null;
        return column.Kind switch
        {
            DataKind.Integer or DataKind.Float or DataKind.Decimal when lo is { IsNumeric: false } || hi is { IsNumeric: false } =>
                $"{mixedTypes} Column '{column.Name}' is numeric ({column.PhysicalType}) but the bounds are {lo} and {hi}.",
            DataKind.Integer or DataKind.Float or DataKind.Decimal => null,
            DataKind.Timestamp when lo is { } l && !l.TryGetTimestamp(out _) => $"{mixedTypes} Column '{column.Name}' holds timestamps but min_value {l} is not a date or time.",
            DataKind.Timestamp when hi is { } h && !h.TryGetTimestamp(out _) => $"{mixedTypes} Column '{column.Name}' holds timestamps but max_value {h} is not a date or time.",
            DataKind.Timestamp => null,
            DataKind.String when lo is { Kind: not ScalarKind.String } || hi is { Kind: not ScalarKind.String } =>
                $"{mixedTypes} Column '{column.Name}' holds strings but the bounds are {lo} and {hi}.",
            DataKind.String => null,
            _ => $"{b.Type} cannot compare column '{column.Name}' of type {column.PhysicalType} with bounds.",
        };
    }

    private static bool HasCharacterClass(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == '[' && pattern.IndexOf(']', i + 1) > i)
            {
                return true;
            }
        }

        return false;
    }

    private static SqlFragment InSet(ValueList<Scalar> set, ColumnInfo column, string col)
    {
        // Members of another type than the column's can never be equal to its values.
        var members = set.Where(m => !m.IsNull).Select(m => Literal(m, column))
            .Select(v => column.Kind == DataKind.Integer && v is double x ? (x == Math.Floor(x) && x >= long.MinValue && x < 9.2233720368547758E+18 ? (long)x : null) : v)
            .Where(v => v is not null).Distinct().ToArray();
        return members.Length == 0
            ? SqlFragment.Raw("(1=0)")
            : $"({col} IN (" + SqlFragment.Join(", ", members.Select(SqlFragment.Value)) + "))";
    }

    /// <summary>The value to bind for comparing <paramref name="value"/> with <paramref name="column"/>'s values, or null when they cannot be compared.</summary>
    internal static object? Literal(Scalar value, ColumnInfo column) => (column.Kind, value.Kind) switch
    {
        (DataKind.String, ScalarKind.String) => value.AsString(),
        (DataKind.Timestamp, ScalarKind.String) when value.TryGetTimestamp(out var t) => t,
        (DataKind.Boolean, ScalarKind.Boolean) => value.AsBoolean(),
        (DataKind.Integer, ScalarKind.Integer) when value.AsInt128() >= long.MinValue && value.AsInt128() <= long.MaxValue => (long)value.AsInt128(),
        (DataKind.Integer or DataKind.Float or DataKind.Decimal, ScalarKind.Integer or ScalarKind.Number) => value.AsDouble(),
        _ => null,
    };
}

/// <summary><c>expect_table_row_count_*</c>: one fused count.</summary>
internal sealed class RowCountPlan(Expectation expectation, int metric) : SqlPlan(expectation)
{
    public override ValueTask<ExpectationResult> FinishAsync(SqlRun run, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExpectationResults.RowCount(Expectation, SqlValues.ToLong(run.Value(metric)), run.Format));
}

/// <summary>A column-map expectation: element, missing and unexpected counts in the fused query; samples when the format shows them.</summary>
internal sealed class ColumnMapPlan : SqlPlan
{
    private readonly ColumnInfo _column;
    private readonly SqlFragment _unexpected;
    private readonly int _elements;
    private readonly int? _missing;
    private readonly int? _unexpectedCount;
    private readonly string? _mismatch;
    private readonly SqlFragment? _duplicates;

    private ColumnMapPlan(Expectation e, ColumnInfo column, SqlFragment? condition, SqlFragment unexpected, bool countsMissing, SqlRun run, string? mismatch = null, SqlFragment? duplicates = null)
        : base(e)
    {
        _column = column;
        _unexpected = unexpected;
        _mismatch = mismatch;
        _duplicates = duplicates;
        var col = run.Dialect.Quote(column.Name);
        _elements = run.Metric(run.CountWhere(condition));
        _missing = countsMissing ? run.Metric(run.CountWhere(SqlRun.And(condition, SqlFragment.Raw($"{col} IS NULL")))) : null;
        _unexpectedCount = mismatch is null && duplicates is null ? run.Metric(run.CountWhere(unexpected)) : null;
    }

    public static ColumnMapPlan Nulls(ColumnMapExpectation e, ColumnInfo column, SqlFragment? condition, SqlRun run, bool nullIsUnexpected)
    {
        var col = run.Dialect.Quote(column.Name);
        return new(e, column, condition, SqlRun.And(condition, SqlFragment.Raw(nullIsUnexpected ? $"{col} IS NULL" : $"{col} IS NOT NULL")), countsMissing: false, run);
    }

    public static ColumnMapPlan Checked(ColumnMapExpectation e, ColumnInfo column, SqlFragment? condition, SqlFragment? check, string? mismatch, SqlRun run)
    {
        var col = run.Dialect.Quote(column.Name);
        var unexpected = check is null ? SqlFragment.Raw("(1=0)") : SqlRun.And(condition, $"({col} IS NOT NULL AND " + SqlFragment.Not(check) + ")");
        return new(e, column, condition, unexpected, countsMissing: true, run, mismatch);
    }

    /// <summary>Rows whose value occurs more than once among the rows the condition selects: counted by a GROUP BY query.</summary>
    public static ColumnMapPlan Unique(ColumnMapExpectation e, ColumnInfo column, SqlFragment? condition, SqlRun run)
    {
        var d = run.Dialect;
        var col = d.Quote(column.Name);
        // With normalize, rows group by the normalised text; the samples still select the column itself (the original values).
        var key = col;
        if (e is ColumnValuesToBeUnique { Normalize: not TextNormalization.None and var steps })
        {
            if (column.Kind != DataKind.String)
            {
                throw new SqlPlanException($"{e.Type}: normalize applies to text, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}); remove normalize or check a text column.");
            }

            key = d.NormalizeText(col, steps)
                ?? throw new SqlPlanException($"{e.Type}: the {d.Name} engine cannot normalize text exactly as the in-memory engine does (kwarg normalize); run this expectation in memory, or without normalize.");
        }

        var where = SqlRun.And(condition, SqlFragment.Raw($"{col} IS NOT NULL"));
        var duplicated = $"SELECT {key} FROM {run.Relation} WHERE " + where + $" GROUP BY {key} HAVING COUNT(*) > 1";
        var unexpected = SqlRun.And(condition, $"({col} IS NOT NULL AND " + duplicated.Map(q => d.InSubquery(key, q)) + ")");
        // An alias no column is likely to have: ClickHouse's aliases are visible in the whole query, WHERE included.
        var count = $"SELECT COALESCE(SUM({d.Quote("__expectations_n")}), 0) FROM (SELECT COUNT(*) AS {d.Quote("__expectations_n")} FROM {run.Relation} WHERE " + where + $" GROUP BY {key} HAVING COUNT(*) > 1) AS {d.Quote("__expectations_groups")}";
        return new(e, column, condition, unexpected, countsMissing: true, run, duplicates: count);
    }

    public override async ValueTask<ExpectationResult> FinishAsync(SqlRun run, CancellationToken cancellationToken)
    {
        var format = run.Format;
        var rowColumns = ExpectationResults.SampleRowColumns(format, run.Columns.Select(c => c.Name), Expectation.CheckedColumns);
        var elements = SqlValues.ToLong(run.Value(_elements));
        var missing = _missing is { } m ? SqlValues.ToLong(run.Value(m)) : 0;
        long unexpected;
        if (_mismatch is not null)
        {
            // As in memory: a check that cannot apply to the column's type passes a column without values and fails on the first value.
            if (elements - missing > 0)
            {
                throw new SqlPlanException(_mismatch);
            }

            unexpected = 0;
        }
        else if (_duplicates is not null)
        {
            unexpected = SqlValues.ToLong((await run.QueryAsync(_duplicates, cancellationToken).ConfigureAwait(false))[0][0]);
        }
        else
        {
            unexpected = SqlValues.ToLong(run.Value(_unexpectedCount!.Value));
        }

        var cap = ExpectationResults.SampleCap(format);

        long[] indices = [];
        JsonElement[] values = [];
        // As in memory, the uniqueness metric keeps plain row indices: no row values (docs/report-format.md).
        if (_duplicates is not null)
        {
            rowColumns = [];
        }

        JsonElement[]? rows = rowColumns.Count > 0 ? [] : null;
        if (cap > 0 && unexpected > 0)
        {
            var columns = new List<ColumnInfo> { _column };
            columns.AddRange(rowColumns.Select(run.Column));
            var sample = await run.SampleAsync(_unexpected, columns, cap, cancellationToken).ConfigureAwait(false);
            indices = sample.Indices;
            values = sample.Values[0];
            if (_duplicates is not null && _column.Kind == DataKind.Float)
            {
                // As in memory, whose uniqueness keys hold -0.0 as 0.0 (they are equal), and which shows the keys.
                values = [.. values.Select(v => v.ValueKind == JsonValueKind.Number && v.GetRawText() == "-0" ? Zero : v)];
            }
            if (rows is not null)
            {
                rows = [.. Enumerable.Range(0, indices.Length).Select(i => RowObject(rowColumns, sample.Values, i))];
            }
        }

        var mostly = Expectation is ColumnMapExpectation map ? map.Mostly ?? 1.0 : 1.0;
        var counts = new ColumnMapCounts(elements, missing, unexpected, indices, values, rows);
        return ExpectationResults.ColumnMap(Expectation, counts, format, mostly, countsMissing: _missing is not null);
    }

    private static readonly JsonElement Zero = JsonDocument.Parse("0").RootElement.Clone();

    private static JsonElement RowObject(IReadOnlyList<string> names, JsonElement[][] values, int row)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var c = 0; c < names.Count; c++)
            {
                writer.WritePropertyName(names[c]);
                values[c + 1][row].WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}

/// <summary>A "statistic between bounds" expectation: the statistic, element and missing counts in the fused query.</summary>
internal sealed class AggregatePlan : SqlPlan
{
    private enum Stat { Min, Max, Sum, Mean, Stdev, Median, Distinct, Proportion }

    private readonly ColumnAggregateBetween _spec;
    private readonly ColumnInfo _column;
    private readonly Stat _stat;
    private readonly int _elements;
    private readonly int _missing;
    private readonly int _value;

    private AggregatePlan(ColumnAggregateBetween e, ColumnInfo column, Stat stat, int elements, int missing, int value)
        : base(e)
    {
        _spec = e;
        _column = column;
        _stat = stat;
        _elements = elements;
        _missing = missing;
        _value = value;
    }

    public static AggregatePlan Create(ColumnAggregateBetween e, ColumnInfo column, SqlFragment? condition, SqlRun run)
    {
        var d = run.Dialect;
        var col = d.Quote(column.Name);
        if (column.Kind is DataKind.List or DataKind.Struct or DataKind.Map or DataKind.Binary)
        {
            throw new SqlPlanException($"{e.Type}: column '{column.Name}' is {column.PhysicalType} ({column.Kind}); the SQL backend reads flat columns only.");
        }

        var stat = e switch
        {
            ColumnMinToBeBetween => Stat.Min,
            ColumnMaxToBeBetween => Stat.Max,
            ColumnSumToBeBetween => Stat.Sum,
            ColumnMeanToBeBetween => Stat.Mean,
            ColumnStdevToBeBetween => Stat.Stdev,
            ColumnMedianToBeBetween => Stat.Median,
            ColumnUniqueValueCountToBeBetween => Stat.Distinct,
            _ => Stat.Proportion,
        };
        var numeric = column.Kind is DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean;
        if (stat is Stat.Sum or Stat.Mean or Stat.Stdev or Stat.Median && !numeric)
        {
            var what = stat switch { Stat.Sum => "sum", Stat.Mean => "mean", Stat.Stdev => "standard deviation", _ => "median" };
            throw new SqlPlanException($"{e.Type}: the {what} needs a numeric column, but column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}).");
        }

        // The column's values where the condition holds (null elsewhere): aggregates ignore nulls. NaN is skipped like
        // null and counted as missing, as in memory (pandas).
        var nan = column.Kind == DataKind.Float ? d.IsNaN(col) : null;
        var valueCondition = nan is null ? condition : SqlRun.And(condition, SqlFragment.Raw($"NOT {nan}"));
        var value = valueCondition is null ? SqlFragment.Raw(col) : valueCondition.Map(c => $"CASE WHEN {c} THEN {col} END");
        if (column.Kind == DataKind.Boolean && stat is Stat.Sum or Stat.Mean or Stat.Stdev or Stat.Median)
        {
            value = value.Map(d.ToInteger);
        }
        else if (column.Kind == DataKind.Decimal && stat == Stat.Median)
        {
            // As in memory, which takes the median of the values as doubles (engines would interpolate in decimal).
            value = value.Map(d.ToDouble);
        }

        // The engine's own sample standard deviation over a slot for the value, or null to compute it in two passes.
        var engineStdev = stat == Stat.Stdev ? d.StandardDeviation(d.ToDouble("\u0003")) : null;
        var expression = stat switch
        {
            Stat.Min => value.Map(v => d.Min(v, column.Kind)),
            Stat.Max => value.Map(v => d.Max(v, column.Kind)),
            Stat.Sum or Stat.Mean => value.Map(v => $"SUM({v})"),
            // The engine's stddev_samp where it has one (GX's SQL backends use it); else two passes, as numpy: the mean
            // from this sum, then the squared deviations from it (FinishAsync).
            Stat.Stdev => engineStdev is { } sd ? value.Map(v => sd.Replace("\u0003", v, StringComparison.Ordinal)) : value.Map(v => $"SUM({d.ToDouble(v)})"),
            Stat.Median => d.Median("\u0003") is { } m ? value.Map(v => m.Replace("\u0003", v, StringComparison.Ordinal))
                : throw new SqlPlanException($"{e.Type}: the {d.Name} engine has no median (percentile) function, so this expectation cannot run in it."),
            _ => value.Map(d.CountDistinct),
        };

        var elements = run.Metric(run.CountWhere(condition));
        var missing = run.Metric(run.CountWhere(SqlRun.And(condition, SqlFragment.Raw(nan is null ? $"{col} IS NULL" : $"({col} IS NULL OR {nan})"))));
        return new(e, column, stat, elements, missing, run.Metric(expression))
        {
            _deviation = stat == Stat.Stdev && engineStdev is null ? value.Map(d.ToDouble) : null,
        };
    }

    private SqlFragment? _deviation;

    public override async ValueTask<ExpectationResult> FinishAsync(SqlRun run, CancellationToken cancellationToken)
    {
        var elements = SqlValues.ToLong(run.Value(_elements));
        var missing = SqlValues.ToLong(run.Value(_missing));
        var valueCount = elements - missing;
        var raw = run.Value(_value);
        var integerColumn = _column.Kind is DataKind.Integer or DataKind.Boolean;
        Scalar observed;
        var kind = _column.Kind;
        switch (_stat)
        {
            case Stat.Min or Stat.Max:
                observed = valueCount == 0 ? Scalar.Null : SqlValues.ToStatistic(raw, kind, integerResult: _column.Kind is DataKind.Integer);
                break;
            // A SUM over values that is NULL is a NaN the engine turned into NULL (SQLite does: Infinity + -Infinity).
            case Stat.Sum or Stat.Mean or Stat.Stdev when valueCount > (_stat == Stat.Stdev ? 1 : 0) && raw is null or DBNull:
                observed = Scalar.From(double.NaN);
                kind = DataKind.Float;
                break;
            case Stat.Sum:
                observed = valueCount == 0 ? Scalar.Null : SqlValues.ToStatistic(raw, DataKind.Integer, integerResult: integerColumn);
                kind = integerColumn ? DataKind.Integer : DataKind.Float;
                break;
            case Stat.Mean:
                observed = valueCount == 0 ? Scalar.Null
                    : Scalar.From(integerColumn ? (double)SqlValues.ToInt128(raw!) / valueCount : SqlValues.ToDouble(raw!) / valueCount);
                kind = DataKind.Float;
                break;
            case Stat.Stdev:
                {
                    observed = Scalar.Null;
                    if (_deviation is null)
                    {
                        // The engine's own stddev_samp (null for fewer than two values).
                        observed = valueCount > 1 && raw is not null ? Scalar.From(SqlValues.ToDouble(raw)) : Scalar.Null;
                    }
                    else if (valueCount > 1 && raw is not null)
                    {
                        var mean = SqlValues.ToDouble(raw) / valueCount;
                        if (!double.IsFinite(mean))
                        {
                            // ±Infinity or NaN among the values: the deviations hold NaN (∞ - ∞), so the deviation is NaN,
                            // as in memory; SQLite would drop those NaNs as nulls.
                            observed = Scalar.From(double.NaN);
                            kind = DataKind.Float;
                            break;
                        }

                        var sql = "SELECT SUM((" + _deviation! + " - " + SqlFragment.Value(mean) + ") * (" + _deviation! + " - " + SqlFragment.Value(mean) + $")) FROM {run.Relation}";
                        var m2 = (await run.QueryAsync(sql, cancellationToken).ConfigureAwait(false))[0][0];
                        observed = Scalar.From(m2 is null ? double.NaN : Math.Sqrt(Math.Max(0, SqlValues.ToDouble(m2)) / (valueCount - 1)));
                    }

                    kind = DataKind.Float;
                    break;
                }

            case Stat.Median:
                observed = valueCount == 0 || raw is null ? Scalar.Null : Scalar.From(SqlValues.ToDouble(raw));
                kind = DataKind.Float;
                break;
            case Stat.Distinct:
                observed = Scalar.From(SqlValues.ToLong(raw));
                kind = DataKind.Integer;
                break;
            default:
                observed = Scalar.From(valueCount > 0 ? (double)SqlValues.ToLong(raw) / valueCount : 0.0);
                kind = DataKind.Float;
                break;
        }

        return ExpectationResults.AggregateBetween(_spec, observed, kind, elements, missing, run.Format);
    }
}
