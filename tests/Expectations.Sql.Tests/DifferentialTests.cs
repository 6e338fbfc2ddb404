using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Expectations.Sql.Tests;

/// <summary>
/// Differential tests: CsCheck generates tables (extreme integers, NaN, ±Inf, -0.0, subnormals, decimals, empty and
/// astral/combining/quoting strings, timestamps at the ends of the range, booleans, nulls everywhere, 0 to 12 rows) and
/// suites drawn from every type in <see cref="SqlBackend.SupportedExpectationTypes"/> with random kwargs, mostly,
/// row_condition and result format. Each case runs in memory and inside each engine; the reports must be equal
/// (<see cref="ParityData.Comparable"/>), apart from the documented differences <see cref="Normalize"/> lists.
/// A failure prints the shrunk table and suite.
/// </summary>
public sealed class DifferentialTests
{
    /// <summary>Cases per engine: small, so the project stays fast; CsCheck spends failing runs' budget shrinking.</summary>
    internal const int Iterations = 120;

    /// <summary>One generated case: the table's columns, the suite's expectations (JSON lines) and the result format.</summary>
    internal sealed record Case(long?[] I, double?[] F, decimal?[] M, string?[] S, bool?[] B, DateTime?[] T, string[] Expectations, string Format)
    {
        public InMemoryTable Table() => InMemoryTable.Builder("diff")
            .Add("i", I).Add("f", F).Add("m", M).Add("s", S).Add("b", B).Add("ts", T).Build();

        public ExpectationSuite Suite() => SuiteJson.Parse("{\"name\": \"diff\", \"expectations\": [" + string.Join(",\n", Expectations) + "]}");

        public override string ToString()
        {
            var b = new StringBuilder().Append("format ").AppendLine(Format).AppendLine("rows (i | f | m | s | b | ts):");
            for (var r = 0; r < I.Length; r++)
            {
                b.Append("  ").Append(Show(I[r])).Append(" | ").Append(F[r] is { } f ? f.ToString("R", CultureInfo.InvariantCulture) : "null")
                    .Append(" | ").Append(Show(M[r])).Append(" | ").Append(S[r] is { } s ? JsonSerializer.Serialize(s) : "null")
                    .Append(" | ").Append(Show(B[r])).Append(" | ").Append(T[r] is { } t ? t.ToString("O", CultureInfo.InvariantCulture) : "null").AppendLine();
            }

            b.AppendLine("expectations:");
            foreach (var e in Expectations)
            {
                b.Append("  ").AppendLine(e);
            }

            return b.ToString();
        }

        private static string Show<T>(T? v)
            where T : struct => v is { } x ? Convert.ToString(x, CultureInfo.InvariantCulture)! : "null";
    }

    // ----- values -----

    private static readonly Gen<long> Integers = Gen.Frequency(
        (6, Gen.Long[-5, 5]),
        (2, (IGen<long>)Gen.OneOf(long.MinValue, long.MaxValue, long.MinValue + 1, long.MaxValue - 1, 0L)),
        (1, Gen.Long));

    private static readonly Gen<double> Doubles = Gen.Frequency(
        (6, Gen.Int[-12, 12].Select(x => x * 0.25)),
        (3, (IGen<double>)Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, -double.Epsilon,
            2.2250738585072009E-308, double.MaxValue, double.MinValue, 1e-300, 0.1, 1.0 / 3)),
        (1, Gen.Double[-1e6, 1e6]));

    // Up to 4 decimal places and 15 significant digits: DECIMAL(38, 10) (DuckDB), NUMERIC (PostgreSQL) and REAL
    // (SQLite, which has no decimal type; docs/sql.md) hold them exactly.
    private static readonly Gen<decimal> Decimals = Gen.Long[-99_999_999_999, 99_999_999_999].SelectMany(v => Gen.Int[0, 4].Select(scale => new decimal(v) / (decimal)Math.Pow(10, scale)));

    /// <summary>Strings that stress quoting, LIKE and regex metacharacters, and Unicode (combining marks, astral code points).</summary>
    internal static readonly string[] Texts =
    [
        "", "a", "A", "ab", "abc", "b", "Bob", "z", " ", "a b", "o'neil", "say \"hi\"", "back\\slash", "50%", "a_b", "%", "_", "\\",
        "semi;colon", "--", "/*x*/", "`tick`", "日本語", "😀", "a😀b", "e\u0301", "é", "Ω", "line\nbreak", "tab\there", "X-1", "AB-123",
        "\u2019quote\u2019", "null", "NaN", "1", "2.5", "-3", "1e3",
    ];

    private static readonly Gen<string> Strings = Gen.Frequency(
        (8, (IGen<string>)Gen.OneOf(Texts)),
        (2, Gen.Char["ab%_'\\ é"].Array[0, 4].Select(c => new string(c))));

    // Microsecond precision: DuckDB and PostgreSQL store TIMESTAMP in microseconds (docs/sql.md).
    private static readonly Gen<DateTime> Timestamps = Gen.Frequency(
        (5, Gen.Long[0, 200L * 365 * 24 * 3600 * 1_000_000].Select(us => new DateTime(1900, 1, 1).AddTicks(us * 10))),
        (2, (IGen<DateTime>)Gen.OneOf(new DateTime(1, 1, 1), new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990), new DateTime(1970, 1, 1), new DateTime(2024, 2, 29, 12, 0, 0))));

    private static Gen<T?[]> Column<T>(Gen<T> values, int rows)
        where T : struct => values.Nullable(0.25).Array[rows];

    // ----- expectations -----

    private static readonly string[] Columns = ["i", "f", "m", "s", "b", "ts"];

    /// <summary>A bound or set member suited to <paramref name="column"/> (sometimes of another type, which must never match).</summary>
    private static Gen<string> Literal(string column) => column switch
    {
        "i" => Gen.Frequency((5, Gen.Long[-6, 6].Select(Json)), (1, Gen.OneOf("9223372036854775807", "-9223372036854775808", "2.5", "-0.5", "1e19", "\"a\""))),
        "f" => Gen.Frequency((5, Gen.Int[-13, 13].Select(x => Json(x * 0.25))), (1, Gen.OneOf("1e308", "-1e308", "0", "1e-310", "\"a\""))),
        "m" => Gen.Frequency((5, Gen.Int[-20, 20].Select(x => Json(x * 0.5))), (1, Gen.OneOf("99999999999", "0.0001", "\"a\""))),
        "s" => Gen.Frequency((5, Gen.OneOf(Texts).Select(Json)), (1, Gen.OneOf("1", "true"))),
        "b" => Gen.OneOf("true", "false", "1", "\"true\""),
        _ => Gen.Frequency((5, Timestamps.Select(t => Json(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)))), (1, Gen.OneOf("\"2024-01-01\"", "\"not a date\"", "5"))),
    };

    private static string Json(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Json(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Json(string v) => JsonSerializer.Serialize(v);

    private static readonly Gen<string> AnyColumn = Gen.OneOf(Columns);

    private static readonly Gen<string> OrderedColumn = Gen.OneOf("i", "f", "m", "s", "ts");

    private static readonly Gen<string> NumericColumn = Gen.OneOf("i", "f", "m", "b");

    /// <summary>Regexes whose meaning is the same in .NET (memory), RE2 (DuckDB) and POSIX ARE (PostgreSQL).</summary>
    private static readonly string[] Regexes = ["a", "^a", "b$", "^$", "[0-9]", "^[A-Z]", "\\\\", "'", "%", "_", "é", "日", "😀", "^.b", "a|z", "^(ab|o)", "[^a-z]", "x*", "^-?[0-9]+$", "\\s"];

    /// <summary>LIKE patterns: wildcards, escapes, quotes and Unicode.</summary>
    private static readonly string[] Likes = ["a%", "%a", "%b%", "_", "__", "%", "", "%\\%%", "%\\_%", "a\\_b", "%'%", "%\"%", "日%", "%😀%", "_😀_", "e_", "%\\\\%", "A%", "%e%"];

    private static Gen<string> Bounds(string column, bool allowStrict) =>
        Gen.Select(Literal(column).Null(0.4), Literal(column).Null(0.4), Gen.Bool, Gen.Bool, (min, max, strictMin, strictMax) =>
            (min is null ? "" : $", \"min_value\": {min}") + (max is null ? "" : $", \"max_value\": {max}")
            + (allowStrict && strictMin ? ", \"strict_min\": true" : "") + (allowStrict && strictMax ? ", \"strict_max\": true" : ""));

    /// <summary>The uniqueness check's normalize (NormalizeTests covers the steps on texts chosen for them).</summary>
    private static readonly Gen<string> Normalization = Gen.Frequency((3, Gen.Const("")),
        (1, Gen.OneOf(", \"normalize\": true", ", \"normalize\": [\"case\"]", ", \"normalize\": [\"trim\", \"whitespace\"]", ", \"normalize\": false")));

    private static readonly Gen<string> Mostly = Gen.Frequency((3, Gen.Const("")), (1, Gen.OneOf(", \"mostly\": 0.5", ", \"mostly\": 0.9", ", \"mostly\": 0")));

    /// <summary>A pandas row_condition over the generated columns (or none).</summary>
    private static readonly Gen<string> Condition = Gen.Frequency(
        (3, Gen.Const("")),
        (2, Comparison().Select(c => $", \"row_condition\": {Json(c)}, \"condition_parser\": \"pandas\"")),
        (1, Gen.Select(Comparison(), Comparison(), Gen.OneOf(" & ", " | ", " and ", " or "), Gen.Bool, (a, b, op, not) =>
            $", \"row_condition\": {Json((not ? "~(" + a + ")" : "(" + a + ")") + op + "(" + b + ")")}, \"condition_parser\": \"pandas\"")));

    private static Gen<string> Comparison() => Gen.Select(AnyColumn, Gen.OneOf("==", "!=", "<", "<=", ">", ">="), Gen.Int[0, 9], (column, op, pick) =>
        (column, pick) switch
        {
            (_, 0) => $"{column} {(op is "!=" ? "!=" : "==")} None",
            ("b", _) => $"b {(op is "!=" ? "!=" : "==")} {(pick % 2 == 0 ? "True" : "False")}",
            ("s", _) => $"s {op} {Json(Texts[pick * 3 % Texts.Length])}",
            ("ts", _) => $"ts {op} \"{1900 + (pick * 13)}-06-01\"",
            ("s" or "i" or "f" or "m", 9) => $"{column} {op} \"1\"",
            _ => $"{column} {op} {(pick - 4).ToString(CultureInfo.InvariantCulture)}{(column == "f" ? ".5" : "")}",
        });

    private static Gen<string> Kwargs(string type) => type switch
    {
        "expect_table_row_count_to_be_between" => Gen.Select(Gen.Int[0, 13].Nullable(0.4), Gen.Int[0, 13].Nullable(0.4), (a, b) => "{" + Trim((a is null ? "" : $", \"min_value\": {a}") + (b is null ? "" : $", \"max_value\": {b}")) + "}").SelectMany(WithCondition),
        "expect_table_row_count_to_equal" => Gen.Int[0, 13].Select(v => $"{{\"value\": {v}}}").SelectMany(WithCondition),
        "expect_column_to_exist" => Gen.Select(Gen.OneOf([.. Columns, "nope"]), Gen.Int[-1, 6], (c, i) => $"{{\"column\": \"{c}\"{(i >= 0 ? $", \"column_index\": {i}" : "")}}}"),
        "expect_table_columns_to_match_ordered_list" => Gen.Shuffle(Columns, 0, Columns.Length).Select(l => $"{{\"column_list\": {JsonSerializer.Serialize(l)}}}"),
        "expect_table_columns_to_match_set" => Gen.Select(Gen.Shuffle(Columns.Append("x").ToArray(), 0, 7), Gen.Bool, (l, exact) => $"{{\"column_set\": {JsonSerializer.Serialize(l)}, \"exact_match\": {(exact ? "true" : "false")}}}"),
        "expect_table_column_count_to_be_between" => Gen.Select(Gen.Int[0, 8].Nullable(), Gen.Int[0, 8].Nullable(), (a, b) => "{" + Trim((a is null ? "" : $", \"min_value\": {a}") + (b is null ? "" : $", \"max_value\": {b}")) + "}"),
        "expect_table_column_count_to_equal" => Gen.Int[5, 7].Select(v => $"{{\"value\": {v}}}"),
        "expect_column_values_to_not_be_null" or "expect_column_values_to_be_null" =>
            Gen.Select(AnyColumn, Mostly, Condition, (c, m, r) => $"{{\"column\": \"{c}\"{m}{r}}}"),
        "expect_column_values_to_be_unique" =>
            Gen.Select(Gen.Frequency((2, Gen.Const("s")), (3, AnyColumn)), Mostly, Condition, Normalization, (c, m, r, n) => $"{{\"column\": \"{c}\"{m}{r}{n}}}"),
        "expect_column_values_to_be_between" => OrderedColumn.SelectMany(c => Gen.Select(Bounds(c, allowStrict: true), Mostly, Condition, (b, m, r) => $"{{\"column\": \"{c}\"{b}{m}{r}}}")),
        "expect_column_values_to_be_in_set" or "expect_column_values_to_not_be_in_set" =>
            AnyColumn.SelectMany(c => Gen.Select(Literal(c).Array[0, 5], Mostly, Condition, (set, m, r) => $"{{\"column\": \"{c}\", \"value_set\": [{string.Join(", ", set)}]{m}{r}}}")),
        "expect_column_values_to_match_regex" or "expect_column_values_to_not_match_regex" =>
            Gen.Select(Gen.Frequency((5, Gen.Const("s")), (1, AnyColumn)), Gen.OneOf(Regexes), Mostly, Condition, (c, x, m, r) => $"{{\"column\": \"{c}\", \"regex\": {Json(x)}{m}{r}}}"),
        "expect_column_values_to_match_like_pattern" or "expect_column_values_to_not_match_like_pattern" =>
            Gen.Select(Gen.Frequency((5, Gen.Const("s")), (1, AnyColumn)), Gen.OneOf(Likes), Mostly, Condition, (c, x, m, r) => $"{{\"column\": \"{c}\", \"like_pattern\": {Json(x)}{m}{r}}}"),
        "expect_column_value_lengths_to_be_between" =>
            Gen.Select(Gen.Frequency((5, Gen.Const("s")), (1, AnyColumn)), Gen.Int[0, 4].Nullable(0.3), Gen.Int[0, 5].Nullable(0.3), Mostly, Condition, (c, a, b, m, r) =>
                $"{{\"column\": \"{c}\", \"min_value\": {(a is null ? "null" : Json(a.Value))}, \"max_value\": {(b is null ? (a is null ? "3" : "null") : Json(b.Value))}{m}{r}}}"),
        "expect_column_value_lengths_to_equal" =>
            Gen.Select(Gen.Frequency((5, Gen.Const("s")), (1, AnyColumn)), Gen.Int[0, 4], Mostly, Condition, (c, v, m, r) => $"{{\"column\": \"{c}\", \"value\": {v}{m}{r}}}"),
        "expect_column_min_to_be_between" or "expect_column_max_to_be_between" =>
            Gen.OneOf("i", "f", "m", "s", "ts", "b").SelectMany(c => Gen.Select(Bounds(c, allowStrict: true), Condition, (b, r) => $"{{\"column\": \"{c}\"{b}{r}}}")),
        "expect_column_sum_to_be_between" or "expect_column_mean_to_be_between" or "expect_column_stdev_to_be_between" or "expect_column_median_to_be_between" =>
            Gen.Frequency((6, NumericColumn), (1, AnyColumn)).SelectMany(c => Gen.Select(Bounds(c == "b" ? "f" : c, allowStrict: true), Condition, (b, r) => $"{{\"column\": \"{c}\"{b}{r}}}")),
        "expect_column_unique_value_count_to_be_between" =>
            Gen.Select(AnyColumn, Gen.Int[0, 6].Nullable(), Gen.Int[0, 8].Nullable(), Condition, (c, a, b, r) => $"{{\"column\": \"{c}\"{(a is null ? "" : $", \"min_value\": {a}")}{(b is null ? "" : $", \"max_value\": {b}")}{r}}}"),
        "expect_column_proportion_of_unique_values_to_be_between" =>
            Gen.Select(AnyColumn, Gen.OneOf("0", "0.5", "null"), Gen.OneOf("1", "0.75", "null"), Condition, (c, a, b, r) => $"{{\"column\": \"{c}\", \"min_value\": {a}, \"max_value\": {b}{r}}}"),
        _ => throw new InvalidOperationException($"DifferentialTests has no generator for {type}: add one (every type of SqlBackend.SupportedExpectationTypes is generated)."),
    };

    private static string Trim(string kwargs) => kwargs.StartsWith(", ", StringComparison.Ordinal) ? kwargs[2..] : kwargs;

    private static Gen<string> WithCondition(string kwargs) => Condition.Select(r => r.Length == 0 ? kwargs : kwargs.Length == 2 ? "{" + r[2..] + "}" : kwargs[..^1] + r + "}");

    private static readonly Gen<string> AnyExpectation = Gen.OneOf(SqlBackend.SupportedExpectationTypes.ToArray())
        .SelectMany(type => Kwargs(type).Select(k => $"{{\"type\": \"{type}\", \"kwargs\": {k}}}"))
        .Where(IsValid);

    /// <summary>Whether the suite model accepts the expectation (e.g. not both bounds null): invalid ones are the model's tests' business.</summary>
    private static bool IsValid(string expectation)
    {
        try
        {
            _ = SuiteJson.Parse("{\"name\": \"v\", \"expectations\": [" + expectation + "]}");
            return true;
        }
        catch (InvalidExpectationException)
        {
            return false;
        }
    }

    internal static readonly Gen<Case> Cases = Gen.Int[0, 12].SelectMany(rows =>
        Gen.Select(Column(Integers, rows), Column(Doubles, rows), Column(Decimals, rows), Strings.Null(0.25).Array[rows], Column(Gen.Bool, rows), Column(Timestamps, rows),
            AnyExpectation.Array[1, 8], Gen.OneOf([.. ParityData.Formats, "COMPLETE+ikeys", "SUMMARY+rows+ikeys"]),
            (i, f, m, s, b, t, e, format) => new Case(i, f, m, s, b, t, e, format)));

    [Fact]
    public void Every_supported_type_has_a_generator()
    {
        foreach (var type in SqlBackend.SupportedExpectationTypes)
        {
            _ = Kwargs(type);
        }
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("sqlite")]
    public Task Reports_equal_the_in_memory_reports(string engine) => RunAsync(engine);

    [PostgreSqlFact]
    public Task PostgreSql_reports_equal_the_in_memory_reports() => RunAsync("postgresql");

    private static Task RunAsync(string engineName)
    {
        var engine = Engine.Named(engineName);
        // SQLite cannot store NaN (its driver refuses it; SQLite itself turns it into NULL) and stores -0.0 as 0:
        // docs/sql.md. Its tables get every other double.
        var cases = engineName == "sqlite" ? Cases.Select(c => c with { F = [.. c.F.Select(f => f is double.NaN ? null : f == 0 ? 0.0 : f)] }) : Cases;
        return cases.SampleAsync(c => CheckAsync(engine, c), iter: Iterations, threads: 1, print: c => c.ToString());
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The parity tests' formats (whose index keys are not columns of these tables), and two with keys that are.</summary>
    private static ResultFormat Format(string name) => name switch
    {
        "COMPLETE+ikeys" => ResultFormat.Of(ResultFormatLevel.Complete) with { UnexpectedIndexColumnNames = ValueList.From(new[] { "i", "s" }) },
        "SUMMARY+rows+ikeys" => ResultFormat.Of(ResultFormatLevel.Summary) with { IncludeUnexpectedRows = true, UnexpectedIndexColumnNames = ValueList.From(new[] { "ts" }) },
        _ => ParityData.Format(name),
    };

    /// <summary>Runs <paramref name="c"/> in memory and in <paramref name="engine"/>; throws with the first difference.</summary>
    internal static async Task CheckAsync(Engine engine, Case c)
    {
        var plan = ValidationPlan.Compile(c.Suite());
        var options = new ValidationOptions { ResultFormat = Format(c.Format), Now = new DateTime(2025, 1, 1) };
        var table = c.Table();
        var expected = await plan.ValidateAsync(table, options);
        ValidationReport actual;
        IReadOnlyList<ColumnInfo> sqlColumns;
        using (var connection = engine.Load(table))
        {
            var source = SqlSource.Table(engine.Dialect, connection, "t");
            actual = await plan.ValidateAsync(source, options);
            var rows = await source.ReadRowsAsync();
            sqlColumns = rows.Columns;
            await ((IAsyncDisposable)rows).DisposeAsync();
        }

        var types = table.Columns.Select(m => (Memory: m, Sql: sqlColumns.Single(s => s.Name == m.Name))).ToArray();
        var magnitudes = (c.F.Where(f => f is { } x && double.IsFinite(x)).Sum(f => Math.Abs(f!.Value)), (double)c.M.Sum(m => Math.Abs(m ?? 0)));
        var (e, a) = Normalize(expected, actual, engine.Dialect.Name, types, hugeFloats: c.F.Any(f => f is { } x && Math.Abs(x) >= 1e15), magnitudes);
        if (e != a)
        {
            var (me, se) = (JsonNode.Parse(e)!["results"]!.AsArray(), JsonNode.Parse(a)!["results"]!.AsArray());
            var i = Enumerable.Range(0, Math.Min(me.Count, se.Count)).FirstOrDefault(i => me[i]!.ToJsonString() != se[i]!.ToJsonString(), -1);
            throw new InvalidOperationException(i < 0
                ? $"{engine.Dialect.Name} report differs from the in-memory report: " + ParityTests.FirstDifference(e, a)
                : $"{engine.Dialect.Name} result {i} differs from the in-memory one: " + ParityTests.FirstDifference(me[i]!.ToJsonString(Indented), se[i]!.ToJsonString(Indented))
                    + $"\n  in memory: {me[i]!["result"]?.ToJsonString()} {me[i]!["exception_info"]?["exception_message"]}\n  sql:       {se[i]!["result"]?.ToJsonString()} {se[i]!["exception_info"]?["exception_message"]}");
        }
    }

    /// <summary>The gap from a non-negative double to the next one up: the smallest difference two roundings can show.</summary>
    private static double Ulp(double magnitude) => Math.BitIncrement(magnitude) - magnitude;

    /// <summary>
    /// Both reports as <see cref="ParityData.Comparable"/> writes them, with the documented differences of
    /// <paramref name="dialect"/> applied (docs/sql.md "What each dialect cannot do"): where SQLite has no regex, no median
    /// or cannot parse text as a number in a row_condition, its result is that exception_info; the in-memory result is
    /// replaced by the SQL one only when the SQL one says exactly that.
    /// </summary>
    internal static (string Memory, string Sql) Normalize(ValidationReport memory, ValidationReport sql, string dialect, IReadOnlyList<(ColumnInfo Memory, ColumnInfo Sql)> types, bool hugeFloats, (double F, double M) magnitudes = default)
    {
        var m = JsonNode.Parse(ParityData.Comparable(memory))!;
        var s = JsonNode.Parse(ParityData.Comparable(sql))!;
        var mr = m["results"]!.AsArray();
        var sr = s["results"]!.AsArray();
        var replaced = 0;
        for (var i = 0; i < Math.Min(mr.Count, sr.Count); i++)
        {
            // Messages name the column's physical type, which is the source's own (DateTime in memory, TIMESTAMP in SQL),
            // and its kind, which differs where the engine has no such type (SQLite stores decimals as REAL: Float).
            if (mr[i]!["exception_info"]?["exception_message"] is { } memoryMessage)
            {
                var text = memoryMessage.GetValue<string>();
                foreach (var (mc, sc) in types)
                {
                    var (name, pm, ps, km, ks) = (mc.Name, mc.PhysicalType, sc.PhysicalType, mc.Kind.ToString(), sc.Kind.ToString());
                    (string From, string To)[] forms =
                    [
                        ($"'{name}' of type {pm} ({km})", $"'{name}' of type {ps} ({ks})"),
                        ($"'{name}' of type {pm} ", $"'{name}' of type {ps} "),
                        ($"'{name}' is {pm} ({km.ToLowerInvariant()})", $"'{name}' is {ps} ({ks.ToLowerInvariant()})"),
                        ($"'{name}' is numeric ({pm})", $"'{name}' is numeric ({ps})"),
                        ($"column '{name}' ({km})", $"column '{name}' ({ks})"),
                    ];
                    if (forms.FirstOrDefault(f => text.Contains(f.From, StringComparison.Ordinal)) is { From: not null } form)
                    {
                        text = text.Replace(form.From, form.To, StringComparison.Ordinal);
                    }
                }

                mr[i]!["exception_info"]!["exception_message"] = text;
            }

            // 0.0 and -0.0 are equal: which of them MIN, MAX or SUM returns follows the engine's order of addition and comparison.
            foreach (var r in new[] { mr[i]!, sr[i]! })
            {
                if (r["result"]?["observed_value"] is JsonValue zero && zero.ToJsonString() == "-0")
                {
                    r["result"]!["observed_value"] = 0;
                }
            }

            // Float sums depend on the order of addition (memory adds in vector lanes, engines row by row; DuckDB and
            // PostgreSQL sum decimals exactly, memory as doubles; medians interpolate by another formula): sums, means,
            // deviations and medians of f and m agree within 1e-12 of the sum of the column's magnitudes, the bound of
            // the rounding error of any order of addition (cancellation: 2.75 + 0.25 - 3 - 3 - 1.241e-10 + 3). Among
            // subnormals that bound underflows to 0 while a mean still rounds by one step (-5E-324 or 0 for the mean of
            // -Epsilon and 0), so one ulp of the larger result is always allowed.
            var config = mr[i]!["expectation_config"]!;
            if (config["type"]!.GetValue<string>() is "expect_column_sum_to_be_between" or "expect_column_mean_to_be_between" or "expect_column_stdev_to_be_between" or "expect_column_median_to_be_between"
                && config["kwargs"]!["column"]!.GetValue<string>() is "f" or "m" or "b"
                && mr[i]!["result"]?["observed_value"] is JsonValue mv && mv.TryGetValue<double>(out var x)
                && sr[i]!["result"]?["observed_value"] is JsonValue sv && sv.TryGetValue<double>(out var y)
                && Math.Abs(x - y) <= Math.Max(Ulp(Math.Max(Math.Abs(x), Math.Abs(y))), 1e-12 * Math.Max(config["kwargs"]!["column"]!.GetValue<string>() switch { "f" => magnitudes.F, "m" => magnitudes.M, _ => 0 }, Math.Max(Math.Abs(x), Math.Abs(y)))))
            {
                mr[i]!["result"]!["observed_value"] = y;

                // A statistic on a bound (the deviation of 3 trues in 9 rows is exactly 0.5) passes or fails by that
                // rounding step, so the outcome follows the engine's value too (a strict bound: 0.5 fails, 0.49999999999999994 passes).
                if (mr[i]!["success"]!.GetValue<bool>() != sr[i]!["success"]!.GetValue<bool>())
                {
                    mr[i]!["success"] = sr[i]!["success"]!.DeepClone();
                    replaced++;
                }
            }

            // With a huge value in f (|x| >= 1e15: ±Infinity, ±1.8e308…), a float sum is dominated by the order of addition
            // (MaxValue + 1 - MaxValue is 0 or 1), and a median interpolated between -Infinity and x is -Infinity or NaN
            // by the formula: those statistics are not compared, only that both have a result.
            if (hugeFloats && mr[i]!["expectation_config"]!["kwargs"]!["column"]?.GetValue<string>() == "f"
                && mr[i]!["expectation_config"]!["type"]!.GetValue<string>() is "expect_column_sum_to_be_between" or "expect_column_mean_to_be_between" or "expect_column_stdev_to_be_between" or "expect_column_median_to_be_between"
                && mr[i]!["exception_info"]?["exception_message"] is null && sr[i]!["exception_info"]?["exception_message"] is null)
            {
                mr[i] = sr[i]!.DeepClone();
                replaced++;
            }

            var message = sr[i]!["exception_info"]?["exception_message"]?.GetValue<string>();
            // PostgreSQL raises an error where float arithmetic overflows or underflows (memory, DuckDB: ±Infinity, 0).
            if (dialect == "postgresql" && message is not null && message.Contains("value out of range: ", StringComparison.Ordinal))
            {
                mr[i] = sr[i]!.DeepClone();
                replaced++;
            }

            // PostgreSQL refuses normalize's case step (its lower() follows the database's locale or ICU: docs/sql.md).
            if (dialect == "postgresql" && message is not null && message.Contains("the postgresql engine cannot normalize text", StringComparison.Ordinal))
            {
                mr[i] = sr[i]!.DeepClone();
                replaced++;
            }

            if (dialect == "sqlite" && message is not null
                && (message.Contains("sqlite engine has no regular expressions", StringComparison.Ordinal)
                    || message.Contains("sqlite engine has no median", StringComparison.Ordinal)
                    || message.Contains("the sqlite engine cannot parse text as numbers safely", StringComparison.Ordinal)
                    // SQLite's SUM of integers raises an error past 64 bits (DuckDB and PostgreSQL sum exactly, as memory does).
                    || message.Contains("integer overflow", StringComparison.Ordinal)))
            {
                mr[i] = sr[i]!.DeepClone();
                replaced++;
            }
        }

        // The in-memory engine scans nothing when no expectation needs the rows (schema-only suites, or every expectation
        // failed to bind) and then reports row_count 0; the SQL backend always counts (COUNT(*) is in the fused query).
        if (m["meta"]?["row_count"]?.GetValue<long>() == 0 && s["meta"]?["row_count"] is { } sqlRows
            && memory.Results.All(r => ExpectationResults.IsSchemaOnly(r.Expectation) || r.ExceptionInfo is not null))
        {
            m["meta"]!["row_count"] = sqlRows.DeepClone();
        }

        if (replaced > 0)
        {
            // The statistics count the replaced results as failed, as the SQL report does.
            m["success"] = s["success"]!.DeepClone();
            m["statistics"] = s["statistics"]!.DeepClone();
        }

        return (Write(m), Write(s));
    }

    private static string Write(JsonNode node)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            node.WriteTo(w);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
