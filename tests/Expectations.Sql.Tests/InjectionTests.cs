using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Expectations.Sql.Tests;

/// <summary>
/// SQL injection through every kwarg that reaches SQL: column names (column, row_condition columns,
/// unexpected_index_column_names, include_unexpected_rows), table names, value_set members, bounds, like patterns,
/// regexes and row_condition literals carry quotes, <c>'; DROP TABLE t; --</c>, backticks, double quotes, comment markers,
/// parameter markers, NUL, unicode quotes and backslashes. On each engine the report equals the in-memory report, no
/// exception escapes, and every table (the hostile one and a table named <c>t</c> beside it) still holds its rows.
/// </summary>
public sealed class InjectionTests
{
    /// <summary>Names no engine may read as SQL: quotes of every dialect, statement ends, comments, parameter markers.</summary>
    internal static readonly string[] Names =
    [
        "x'; DROP TABLE t; --", "y\"; DROP TABLE t; --", "z`; DROP TABLE t; --", "*/ w /*", "-- v", "\u2019u\u2019 \u201cq\u201d",
        "back\\slash", "$p0", "@p0", "?", ":p", "a.b",
    ];

    /// <summary>Values: the names, plus lone quotes, doubled quotes, escapes, wildcards and NUL.</summary>
    internal static readonly string[] Values =
    [
        .. Names, "'", "''", "\\'", "\"", "`", "%", "_", "%' OR '1'='1", "') OR 1=1 --", "\u02bc", "a\0b", "\0",
    ];

    private static readonly string[] TableNames = ["t'; DROP TABLE t; --", "t\"x", "t`x", "t$p0 @p0 ?", "t -- c"];

    private const int Rows = 8;

    /// <summary>An id, one text column per hostile name and one hostile-named number column; values are the payloads (no NUL: no engine stores the same).</summary>
    private static InMemoryTable Data()
    {
        var texts = Values.Where(v => !v.Contains('\0', StringComparison.Ordinal)).ToArray();
        var builder = InMemoryTable.Builder("hostile").Add("id", Enumerable.Range(0, Rows).Select(i => (long?)i).ToArray());
        for (var c = 0; c < Names.Length; c++)
        {
            builder.Add(Names[c], Enumerable.Range(0, Rows).Select(r => (r + c) % 5 == 4 ? null : texts[(r * 7 + c) % texts.Length]).ToArray());
        }

        return builder.Add("n'; DROP TABLE t; --", Enumerable.Range(0, Rows).Select(r => r % 3 == 2 ? (double?)null : r * 1.5).ToArray()).Build();
    }

    private static string J(string s) => JsonSerializer.Serialize(s);

    /// <summary>A pandas string literal: backslash before backslashes and the quote.</summary>
    private static string P(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A regex matching <paramref name="s"/> literally in .NET, RE2 and POSIX ARE (metacharacters escaped, nothing else).</summary>
    private static string Literally(string s) => string.Concat(s.Select(c => ".^$*+?()[]{}|\\".Contains(c, StringComparison.Ordinal) ? "\\" + c : c.ToString()));

    /// <summary>A LIKE pattern: the payload with its backslashes escaped (its % and _ stay wildcards).</summary>
    private static string Like(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal);

    /// <summary>Every expectation the SQL backend runs, each kwarg that reaches SQL carrying payloads.</summary>
    internal static ExpectationSuite Suite()
    {
        var set = "[" + string.Join(", ", Values.Select(J)) + "]";
        var lines = new List<string>();
        void Add(string type, string kwargs) => lines.Add($"{{\"type\": \"{type}\", \"kwargs\": {{{kwargs}}}}}");
        foreach (var (name, k) in Names.Select((n, k) => (n, k)))
        {
            var col = $"\"column\": {J(name)}";
            var value = Values[k % Values.Length];
            var other = Names[(k + 1) % Names.Length];
            var condition = $", \"row_condition\": {J($"col({P(other)}) != {P(value)} | col({P(name)}) > {P(Values[(k + 3) % Values.Length])}")}, \"condition_parser\": \"pandas\"";
            Add("expect_column_values_to_not_be_null", col);
            Add("expect_column_values_to_be_null", col + condition);
            Add("expect_column_values_to_be_in_set", $"{col}, \"value_set\": {set}, \"mostly\": 0.5");
            Add("expect_column_values_to_not_be_in_set", $"{col}, \"value_set\": [{J(value)}, {J(Values[(k + 5) % Values.Length])}]" + condition);
            var (lo, hi) = string.CompareOrdinal(value, Values[(k + 7) % Values.Length]) <= 0 ? (value, Values[(k + 7) % Values.Length]) : (Values[(k + 7) % Values.Length], value);
            Add("expect_column_values_to_be_between", $"{col}, \"min_value\": {J(lo)}, \"max_value\": {J(hi)}");
            Add("expect_column_values_to_match_like_pattern", $"{col}, \"like_pattern\": {J("%" + Like(value) + "%")}");
            Add("expect_column_values_to_not_match_like_pattern", $"{col}, \"like_pattern\": {J(Like(value))}" + condition);
            Add("expect_column_values_to_match_regex", $"{col}, \"regex\": {J(Literally(value))}");
            Add("expect_column_values_to_not_match_regex", $"{col}, \"regex\": {J("^" + Literally(value) + "|" + Literally(other))}" + condition);
            Add("expect_column_value_lengths_to_be_between", $"{col}, \"min_value\": 2, \"max_value\": 12");
            Add("expect_column_value_lengths_to_equal", $"{col}, \"value\": {value.Length.ToString(CultureInfo.InvariantCulture)}" + condition);
            Add("expect_column_values_to_be_unique", col);
            Add("expect_column_min_to_be_between", $"{col}, \"min_value\": {J(value)}");
            Add("expect_column_max_to_be_between", $"{col}, \"max_value\": {J(value)}" + condition);
            Add("expect_column_unique_value_count_to_be_between", $"{col}, \"min_value\": 1, \"max_value\": 6");
            Add("expect_column_proportion_of_unique_values_to_be_between", $"{col}, \"min_value\": 0.5" + condition);
            Add("expect_column_to_exist", col);
            Add("expect_table_row_count_to_equal", $"\"value\": 3, \"row_condition\": {J($"col({P(name)}) == {P(value)}")}, \"condition_parser\": \"pandas\"");
        }

        var number = "\"column\": " + J("n'; DROP TABLE t; --");
        Add("expect_column_values_to_be_between", number + ", \"min_value\": 0, \"max_value\": 9");
        Add("expect_column_values_to_be_in_set", number + ", \"value_set\": [0, 1.5, 3]");
        Add("expect_column_sum_to_be_between", number + ", \"min_value\": 0, \"row_condition\": " + J($"col({P(Names[0])}) != {P(Values[^3])}") + ", \"condition_parser\": \"pandas\"");
        Add("expect_column_mean_to_be_between", number + ", \"max_value\": 100");
        Add("expect_column_median_to_be_between", number + ", \"max_value\": 100");
        Add("expect_column_stdev_to_be_between", number + ", \"max_value\": 100");
        Add("expect_table_columns_to_match_set", "\"column_set\": [" + string.Join(", ", Names.Select(J)) + "], \"exact_match\": false");
        Add("expect_table_columns_to_match_ordered_list", "\"column_list\": [\"id\", " + string.Join(", ", Names.Select(J)) + "]");
        Add("expect_table_column_count_to_equal", "\"value\": " + (Names.Length + 2).ToString(CultureInfo.InvariantCulture));
        Add("expect_table_row_count_to_be_between", "\"min_value\": 1");
        Add("expect_table_column_count_to_be_between", "\"min_value\": 2, \"max_value\": 20");
        return SuiteJson.Parse("{\"name\": \"injection\", \"expectations\": [" + string.Join(",\n", lines) + "]}");
    }

    /// <summary>Index keys and every row: the sample queries select hostile names too.</summary>
    private static readonly ResultFormat[] Formats =
    [
        ResultFormat.Of(ResultFormatLevel.Complete) with { UnexpectedIndexColumnNames = ValueList.From(new[] { Names[1], Names[2], "id" }) },
        ResultFormat.Of(ResultFormatLevel.Summary) with { IncludeUnexpectedRows = true, UnexpectedIndexColumnNames = ValueList.From(new[] { Names[0] }) },
    ];

    [Theory]
    [InlineData("duckdb")]
    [InlineData("sqlite")]
    public Task Payloads_stay_values_and_identifiers(string engine) => RunAsync(Engine.Named(engine));

    [PostgreSqlFact]
    public Task PostgreSql_payloads_stay_values_and_identifiers() => RunAsync(Engine.Named("postgresql"));

    [Fact]
    public void Every_supported_type_gets_payloads() =>
        Assert.Empty(SqlBackend.SupportedExpectationTypes.Except(Suite().Expectations.Select(e => e.Type)));

    private static async Task RunAsync(Engine engine)
    {
        var data = Data();
        var plan = ValidationPlan.Compile(Suite());
        Assert.Equal(227, plan.Suite.Expectations.Length);
        using var connection = engine.Open();
        foreach (var table in TableNames.Append("t"))
        {
            await SqlTableLoader.LoadAsync(connection, engine.Dialect, table, data);
        }

        foreach (var format in Formats)
        {
            var options = new ValidationOptions { ResultFormat = format, Now = new DateTime(2025, 1, 1) };
            var expected = await plan.ValidateAsync(data, options);
            foreach (var table in TableNames)
            {
                var source = SqlSource.Table(engine.Dialect, connection, table);
                var actual = await plan.ValidateAsync(source, options);
                var rows = await source.ReadRowsAsync();
                var types = data.Columns.Select(m => (Memory: m, Sql: rows.Columns.Single(s => s.Name == m.Name))).ToArray();
                await ((IAsyncDisposable)rows).DisposeAsync();
                var (e, a) = Normalize(expected, actual, engine.Dialect.Name, types);
                if (e != a)
                {
                    Assert.Fail($"{engine.Dialect.Name} table {table}: " + FirstResultDifference(e, a));
                }

                // Not vacuous: payloads matched, failed and raised nothing unexpected.
                Assert.Contains(actual.Results, r => r.Success);
                Assert.Contains(actual.Results, r => !r.Success && r.ExceptionInfo is null);
            }
        }

        foreach (var table in TableNames.Append("t"))
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {engine.Dialect.QuoteTableName(table)}";
            Assert.Equal(Rows, Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// <see cref="DifferentialTests.Normalize"/>, plus PostgreSQL's one refusal: its text cannot hold NUL, so a bound
    /// value with NUL is the engine's error in that expectation's exception_info (docs/sql.md), never SQL.
    /// </summary>
    private static (string Memory, string Sql) Normalize(ValidationReport memory, ValidationReport sql, string dialect, IReadOnlyList<(ColumnInfo Memory, ColumnInfo Sql)> types)
    {
        var (m, s) = DifferentialTests.Normalize(memory, sql, dialect, types, hugeFloats: false);
        if (dialect != "postgresql")
        {
            return (m, s);
        }

        var mn = JsonNode.Parse(m)!;
        var sn = JsonNode.Parse(s)!;
        var (mr, sr) = (mn["results"]!.AsArray(), sn["results"]!.AsArray());
        var replaced = false;
        for (var i = 0; i < Math.Min(mr.Count, sr.Count); i++)
        {
            if (sr[i]!["exception_info"]?["exception_message"]?.GetValue<string>() is { } message && message.Contains("0x00", StringComparison.Ordinal)
                && SuiteHasNul(sql.Results[i].Expectation))
            {
                mr[i] = sr[i]!.DeepClone();
                replaced = true;
            }
        }

        if (replaced)
        {
            mn["success"] = sn["success"]!.DeepClone();
            mn["statistics"] = sn["statistics"]!.DeepClone();
        }

        return (mn.ToJsonString(), sn.ToJsonString());
    }

    private static bool SuiteHasNul(Expectation e) => SuiteJson.Serialize(new ExpectationSuite("x", [e])).Contains("\\u0000", StringComparison.Ordinal);

    private static string FirstResultDifference(string e, string a)
    {
        var (me, se) = (JsonNode.Parse(e)!["results"]!.AsArray(), JsonNode.Parse(a)!["results"]!.AsArray());
        var i = Enumerable.Range(0, Math.Min(me.Count, se.Count)).FirstOrDefault(i => me[i]!.ToJsonString() != se[i]!.ToJsonString(), -1);
        return i < 0
            ? ParityTests.FirstDifference(e, a)
            : new StringBuilder($"result {i} differs:\n  in memory: ").Append(me[i]!.ToJsonString()).Append("\n  sql:       ").Append(se[i]!.ToJsonString()).ToString();
    }
}
