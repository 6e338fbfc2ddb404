using System.Data.Common;

namespace Expectations.Sql.Tests;

/// <summary>What SQL engines cannot run, bad SQL and hostile names: exception_info for that expectation, the rest still runs.</summary>
public sealed class ErrorTests
{
    private static InMemoryTable Data() => InMemoryTable.Builder("t")
        .Add("id", new long?[] { 1, 2, 3, 4 })
        .Add("name", new[] { "a", "b'; DROP TABLE t; --", null, "d" })
        .Add("x\"; DROP TABLE t; --", new long?[] { 5, null, 7, 8 })
        .Build();

    private static ExpectationSuite Suite(string expectationsJson) => SuiteJson.Parse($$"""{"name": "s", "expectations": [{{expectationsJson}}]}""");

    private const string NotNullId = """{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}""";

    private static async Task<ValidationReport> RunAsync(Engine engine, ExpectationSuite suite, Func<DbConnection, SqlSource>? source = null)
    {
        using var connection = engine.Load(Data());
        return await ValidationPlan.Compile(suite).ValidateAsync(source?.Invoke(connection) ?? SqlSource.Table(engine.Dialect, connection, "t"));
    }

    [Theory]
    [MemberData(nameof(Engine.InProcess), MemberType = typeof(Engine))]
    public async Task An_unsupported_type_is_its_exception_info_and_the_rest_runs(string engine)
    {
        var report = await RunAsync(Engine.Named(engine), Suite(NotNullId + """, {"type": "expect_column_values_to_be_json_parseable", "kwargs": {"column": "name"}}"""));

        Assert.True(report.Results[0].Success);
        Assert.Null(report.Results[0].ExceptionInfo);
        Assert.False(report.Results[1].Success);
        Assert.Equal($"The {engine} backend cannot run expect_column_values_to_be_json_parseable.", report.Results[1].ExceptionInfo!.ExceptionMessage);
    }

    [Theory]
    [MemberData(nameof(Engine.InProcess), MemberType = typeof(Engine))]
    public async Task The_label_consistency_check_is_refused_by_name_and_runs_in_memory(string engine)
    {
        const string determine = """{"type": "expect_multicolumn_values_to_determine_column", "kwargs": {"column_list": ["name"], "column": "id"}}""";
        var report = await RunAsync(Engine.Named(engine), Suite(NotNullId + ", " + determine));

        Assert.True(report.Results[0].Success);
        Assert.False(report.Results[1].Success);
        Assert.Equal($"The {engine} backend cannot run expect_multicolumn_values_to_determine_column.", report.Results[1].ExceptionInfo!.ExceptionMessage);
        Assert.True((await ValidationPlan.Compile(Suite(determine)).ValidateAsync(Data())).Results[0].Success);
    }

    [Fact]
    public async Task Sqlite_says_it_has_no_regex_and_computes_the_median_as_pandas()
    {
        var suite = Suite(NotNullId + """
            , {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "name", "regex": "a"}}
            , {"type": "expect_column_median_to_be_between", "kwargs": {"column": "id", "min_value": 2.5, "max_value": 2.5}}
            , {"type": "expect_column_median_to_be_between", "kwargs": {"column": "x\"; DROP TABLE t; --", "min_value": 7, "max_value": 7}}
            , {"type": "expect_column_median_to_be_between", "kwargs": {"column": "id", "min_value": 4, "row_condition": "id > 2", "condition_parser": "pandas"}}
            """);
        var report = await RunAsync(Engine.Sqlite, suite);
        var memory = await ValidationPlan.Compile(suite).ValidateAsync(Data());

        Assert.True(report.Results[0].Success);
        Assert.Contains("sqlite engine has no regular expressions", report.Results[1].ExceptionInfo!.ExceptionMessage, StringComparison.Ordinal);
        // Even count: the mean of the two middle values; nulls left out; a row condition filters first (median 3.5 < 4).
        Assert.Equal([true, true, false], report.Results.Skip(2).Select(r => r.Success));
        for (var i = 2; i < 5; i++)
        {
            Assert.Null(report.Results[i].ExceptionInfo);
            Assert.Equal(memory.Results[i].Result.ObservedValue?.GetRawText(), report.Results[i].Result.ObservedValue?.GetRawText());
        }
    }

    [Fact]
    public async Task DuckDb_refuses_lookaround_and_backreferences_by_name()
    {
        var report = await RunAsync(Engine.DuckDb, Suite(NotNullId + """
            , {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "name", "regex": "a(?=b)"}}
            , {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "name", "regex": "(a)\\1"}}
            """));

        Assert.True(report.Results[0].Success);
        Assert.Contains("RE2 has no lookahead or lookbehind", report.Results[1].ExceptionInfo!.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("RE2 has no backreferences", report.Results[2].ExceptionInfo!.ExceptionMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expression_the_engine_rejects_fails_only_its_expectation()
    {
        // \Z is valid Python but not RE2: DuckDB rejects the fused query, then each metric runs alone.
        var report = await RunAsync(Engine.DuckDb, Suite(NotNullId + """
            , {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "name", "regex": "d\\Z"}}
            , {"type": "expect_column_max_to_be_between", "kwargs": {"column": "id", "max_value": 4}}
            """));

        Assert.True(report.Results[0].Success);
        Assert.Null(report.Results[0].ExceptionInfo);
        Assert.Contains("duckdb engine could not compute", report.Results[1].ExceptionInfo!.ExceptionMessage, StringComparison.Ordinal);
        Assert.True(report.Results[2].Success);
    }

    [Theory]
    [MemberData(nameof(Engine.InProcess), MemberType = typeof(Engine))]
    public async Task A_relation_that_does_not_exist_is_a_data_source_error_naming_it(string engine)
    {
        var e = Engine.Named(engine);
        var error = await Assert.ThrowsAsync<DataSourceException>(() => RunAsync(e, Suite(NotNullId), c => SqlSource.Table(e.Dialect, c, "no_such_table")));
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engine.InProcess), MemberType = typeof(Engine))]
    public async Task Hostile_names_and_values_stay_identifiers_and_values(string engine)
    {
        var report = await RunAsync(Engine.Named(engine), Suite("""
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "x\"; DROP TABLE t; --"}},
            {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "name", "value_set": ["a", "b'; DROP TABLE t; --", "d"]}},
            {"type": "expect_column_values_to_match_like_pattern", "kwargs": {"column": "name", "like_pattern": "%'; DROP TABLE t; --"}},
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id", "row_condition": "name == \"b'; DROP TABLE t; --\"", "condition_parser": "pandas"}},
            {"type": "expect_table_row_count_to_equal", "kwargs": {"value": 4}}
            """));

        Assert.All(report.Results, r => Assert.Null(r.ExceptionInfo));
        Assert.False(report.Results[0].Success);
        Assert.Equal(1, report.Results[0].Result!.UnexpectedCount);
        Assert.True(report.Results[1].Success);
        Assert.Equal(2, report.Results[2].Result!.UnexpectedCount);
        Assert.Equal(1, report.Results[3].Result!.ElementCount);
        Assert.True(report.Results[4].Success); // the table is still there
    }

    [Theory]
    [MemberData(nameof(Engine.InProcess), MemberType = typeof(Engine))]
    public async Task A_row_condition_that_cannot_order_is_its_exception_info(string engine)
    {
        var report = await RunAsync(Engine.Named(engine), Suite(NotNullId + """, {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id", "row_condition": "name > 3", "condition_parser": "pandas"}}"""));

        Assert.True(report.Results[0].Success);
        Assert.Contains("cannot be ordered", report.Results[1].ExceptionInfo!.ExceptionMessage, StringComparison.Ordinal);
    }
}
