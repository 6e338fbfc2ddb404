using System.Text.Json;
using CsCheck;

namespace Expectations.Sql.Tests;

/// <summary>
/// <c>normalize</c> on <c>expect_column_values_to_be_unique</c> inside each engine: DuckDB pushes it down (regexp_replace over
/// Unicode whitespace, lower), SQLite calls a function registered on its connection; the reports equal the in-memory ones
/// on texts chosen to tell the steps apart (Unicode whitespace, non-ASCII case pairs, astral letters), original values shown.
/// </summary>
public sealed class NormalizeTests
{
    /// <summary>Pieces of text where whitespace, trimming and case mappings differ between naive implementations.</summary>
    internal static readonly string[] Pieces =
        ["a", "A", "b", "B", " ", "  ", "\t", "\n", "\r", "\u000B", "\u000C", "\u00A0", "\u2003", "\u3000", "\u2028", "\u2029", "\u0085", "\u1680", "\u202F", "\u205F",
         "\u200B", "É", "é", "Σ", "σ", "ς", "İ", "ı", "I", "i", "Ⱥ", "ⱥ", "ß", "ẞ", "\u2126", "\u03A9", "\u212A", "k", "𐐀", "𐐨", "😀", "x", "'", "%"];

    private static readonly Gen<string?> Text = Gen.OneOf(Pieces).Array[0, 5].Select(p => string.Concat(p)).Null(0.1);

    private static readonly string[] Steps = ["true", "[\"trim\"]", "[\"case\"]", "[\"whitespace\"]", "[\"whitespace\", \"trim\"]", "[\"trim\", \"case\"]", "[\"case\", \"whitespace\"]"];

    private static async Task CheckAsync(Engine engine, string?[] texts, string normalize, string format)
    {
        var table = InMemoryTable.Builder("n").Add("s", texts).Add("id", texts.Select((_, i) => (long?)i).ToList()).Add("category", texts.Select(_ => "c").ToList()).Build();
        var suite = SuiteJson.Parse("""{"name": "n", "expectations": [{"type": "expect_column_values_to_be_unique", "kwargs": {"column": "s", "normalize": """ + normalize + "}}]}");
        var plan = ValidationPlan.Compile(suite);
        var options = new ValidationOptions { ResultFormat = ParityData.Format(format) };
        var expected = await plan.ValidateAsync(table, options);
        Assert.Null(expected.Results.Single().ExceptionInfo);
        using var connection = engine.Load(table);
        var actual = await plan.ValidateAsync(SqlSource.Table(engine.Dialect, connection, "t"), options);
        var (e, a) = (ParityData.Comparable(expected), ParityData.Comparable(actual));
        if (e != a)
        {
            throw new InvalidOperationException($"{engine.Dialect.Name}: texts {JsonSerializer.Serialize(texts)}, normalize {normalize}: " + ParityTests.FirstDifference(e, a));
        }
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("sqlite")]
    public async Task Each_engine_finds_the_in_memory_duplicates_and_shows_the_original_values(string name)
    {
        var engine = Engine.Named(name);
        string?[] texts = ["Hello  World", "other", " hello world", null, "HELLO\u00A0WORLD\t", "Other\u3000", "ΣΑΣ", "σας", "x"];
        await CheckAsync(engine, texts, "true", "COMPLETE");
        var table = InMemoryTable.Builder("n").Add("s", texts).Build();
        using var connection = engine.Load(table);
        var r = (await ValidationPlan.Compile(new ExpectationSuite("n", [new ColumnValuesToBeUnique { Column = "s", Normalize = TextNormalization.All }]))
            .ValidateAsync(SqlSource.Table(engine.Dialect, connection, "t"), new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) })).Results.Single();
        Assert.Equal([0L, 1, 2, 4, 5], r.Result.UnexpectedIndexList!);
        Assert.Equal(["Hello  World", "other", " hello world", "HELLO\u00A0WORLD\t", "Other\u3000"], r.Result.UnexpectedList!.Select(v => v.GetString()));
    }

    /// <summary>The invariant lower case keeps U+0130 (İ), where utf8proc (DuckDB's lower) maps it to i: İ and I stay distinct.</summary>
    [Theory]
    [InlineData("duckdb")]
    [InlineData("sqlite")]
    public Task Dotted_capital_I_is_not_lowered_to_i(string name) =>
        CheckAsync(Engine.Named(name), ["\u0130", "I", "x\u0130y\u0130", "XIYI", "\u0130\u0130"], "[\"case\"]", "COMPLETE");

    [Theory]
    [InlineData("duckdb")]
    [InlineData("sqlite")]
    public Task Random_texts_and_steps_give_the_in_memory_report(string name) => RandomAsync(Engine.Named(name), Steps);

    /// <summary>PostgreSQL pushes whitespace and trim down (a listed whitespace class) and refuses case (below).</summary>
    [PostgreSqlFact]
    public Task PostgreSql_collapses_and_trims_whitespace_as_in_memory() =>
        RandomAsync(Engine.Named("postgresql"), [.. Steps.Where(s => s != "true" && !s.Contains("case", StringComparison.Ordinal))]);

    [PostgreSqlFact]
    public async Task PostgreSql_refuses_the_case_step_naming_the_kwarg()
    {
        var engine = Engine.Named("postgresql");
        using var connection = engine.Load(InMemoryTable.Builder("n").Add("s", new[] { "a", "A" }).Build());
        var r = (await ValidationPlan.Compile(new ExpectationSuite("n", [new ColumnValuesToBeUnique { Column = "s", Normalize = TextNormalization.Case }]))
            .ValidateAsync(SqlSource.Table(engine.Dialect, connection, "t"))).Results.Single();
        Assert.False(r.Success);
        Assert.Equal("expect_column_values_to_be_unique: the postgresql engine cannot normalize text exactly as the in-memory engine does (kwarg normalize); run this expectation in memory, or without normalize.", r.ExceptionInfo!.ExceptionMessage);
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("sqlite")]
    public async Task A_column_that_is_not_text_fails_as_in_memory(string name)
    {
        var engine = Engine.Named(name);
        var table = InMemoryTable.Builder("n").Add("id", new long?[] { 1, 1 }).Build();
        var plan = ValidationPlan.Compile(new ExpectationSuite("n", [new ColumnValuesToBeUnique { Column = "id", Normalize = TextNormalization.All }]));
        using var connection = engine.Load(table);
        var r = (await plan.ValidateAsync(SqlSource.Table(engine.Dialect, connection, "t"))).Results.Single();
        Assert.StartsWith("expect_column_values_to_be_unique: normalize applies to text, but column 'id' is ", r.ExceptionInfo!.ExceptionMessage);
        Assert.Contains("(integer); remove normalize or check a text column.", r.ExceptionInfo.ExceptionMessage);
        Assert.Equal("expect_column_values_to_be_unique: normalize applies to text, but column 'id' is long (integer); remove normalize or check a text column.", (await plan.ValidateAsync(table)).Results.Single().ExceptionInfo!.ExceptionMessage);
    }

    private static Task RandomAsync(Engine engine, string[] steps) =>
        Gen.Select(Text.Array[0, 14], Gen.OneOf(steps), Gen.OneOf([.. ParityData.Formats])).SampleAsync(
            c => CheckAsync(engine, c.Item1, c.Item2, c.Item3), iter: 80, threads: 1,
            print: c => $"{JsonSerializer.Serialize(c.Item1)} normalize {c.Item2} format {c.Item3}");
}
