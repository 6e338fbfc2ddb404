using System.Text.Json;

namespace Expectations.Tests.Reporting;

/// <summary>
/// Real ML results for the report tests: a train split validated against a test split with planted leakage (shared users,
/// a shared user-and-region key holding hostile text, near-duplicate texts, overlapping time ranges), stale tenants,
/// two raters, a skewed label; and a hand-built result in the contract of <c>expect_multicolumn_values_to_determine_column</c>.
/// </summary>
internal static class MlSampleReports
{
    public static readonly DateTime Day0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Markup, a Markdown pipe, a line break and astral characters (each two UTF-16 units) in one value.</summary>
    public const string Hostile = "<script>alert(1)</script> a|b\nc 𝔘𝔫𝔦𝔠𝔬𝔡𝔢";

    /// <summary>A long text with astral characters around the cut (position 60) and a line break before it.</summary>
    public const string LongText = "The quick brown fox\njumps over the lazy dog near the 𝔯𝔦𝔳𝔢𝔯𝔟𝔞𝔫𝔨 at dawn, then it runs home | again <b>fast</b>";

    public static InMemoryTable Train() => InMemoryTable.Builder("train.parquet")
        .Add("user_id", new long?[] { 1, 2, 2, 3, 4, 5 })
        .Add("region", new[] { "eu", Hostile, "us", "eu", "us", "eu" })
        .Add("body", new[] { LongText, "completely different words here", "a unique sentence about cats", "a unique sentence about cats!", "nothing alike at all", "more filler text" })
        .Add("ts", new DateTime?[] { Day0, Day0.AddDays(1), Day0.AddDays(2), Day0.AddDays(3), Day0.AddDays(4), Day0.AddDays(5) })
        .Add("tenant", new[] { "acme", "acme", "globex", "initech", "globex", "acme" })
        .Add("a", new long?[] { 1, 1, 2, 2, 1, null })
        .Add("b", new long?[] { 1, 2, 2, 1, 1, 1 })
        .Add("label", new[] { "pos", "pos", "pos", "pos", "pos", "neg" })
        .Build();

    public static InMemoryTable Test() => InMemoryTable.Builder("test.parquet")
        .Add("user_id", new long?[] { 2, 9, 4, 4 })
        .Add("region", new[] { Hostile, "eu", "us", "us" })
        .Add("body", new[] { "the quick brown fox jumps over the lazy dog near the 𝔯𝔦𝔳𝔢𝔯𝔟𝔞𝔫𝔨 at dawn, then it runs home | again <b>fast</b>", "x", "y", "z" })
        .Add("ts", new DateTime?[] { Day0.AddDays(3), Day0.AddDays(9), Day0.AddDays(5.5), Day0.AddDays(12) })
        .Build();

    public static ValidationOptions Options(int partialUnexpectedCount = 20) => new()
    {
        OtherTables = new Dictionary<string, IDataSource> { ["test"] = Test() },
        ResultFormat = ResultFormat.Of(ResultFormatLevel.Summary) with { PartialUnexpectedCount = partialUnexpectedCount },
    };

    /// <summary>Every ML check with tables, each failing on the planted problems.</summary>
    public static ValidationReport Failing() => Expect.Suite("splits")
        .Column<long>("user_id", c => c.NotInOtherTable("test"))
        .Table(t => t.KeysNotInOtherTable(["user_id", "region"], "test"))
        .Column<string>("body", c => c.NoNearDuplicatesInOtherTable("test", threshold: 0.7))
        .Column<string>("body", c => c.NoNearDuplicates(threshold: 0.7))
        .Table(t => t.TimeRangePrecedesOtherTable("ts", "test", TimeSpan.FromDays(1)))
        .Column<DateTime>("ts", c => c.MaxIsRecent(TimeSpan.FromDays(2), Day0.AddDays(6), ["tenant"]))
        .Table(t => t.CohensKappa("a", "b", min: 0.6))
        .Column<string>("label", c => c.ValueProportionsBetween(0.2, null, new Dictionary<string, (double?, double?)> { ["pos"] = (0.4, 0.9), ["unknown"] = (0.1, null) }))
        .Build()
        .Validate(Train(), Options());

    /// <summary>The same leakage checks against a test split that shares nothing: every result passes.</summary>
    public static ValidationReport Passing()
    {
        var clean = InMemoryTable.Builder("clean.parquet")
            .Add("user_id", new long?[] { 100, 101 })
            .Add("region", new[] { "apac", "apac" })
            .Add("body", new[] { "zebra crossing at noon", "quantum entanglement lecture" })
            .Add("ts", new DateTime?[] { Day0.AddDays(30), Day0.AddDays(31) })
            .Build();
        return Expect.Suite("clean")
            .Column<long>("user_id", c => c.NotInOtherTable("test"))
            .Table(t => t.KeysNotInOtherTable(["user_id", "region"], "test"))
            .Column<string>("body", c => c.NoNearDuplicatesInOtherTable("test"))
            .Table(t => t.TimeRangePrecedesOtherTable("ts", "test", TimeSpan.FromDays(1)))
            .Column<DateTime>("ts", c => c.MaxIsRecent(TimeSpan.FromDays(30), Day0.AddDays(6), ["tenant"]))
            .Build()
            .Validate(Train(), new ValidationOptions { OtherTables = new Dictionary<string, IDataSource> { ["test"] = clean } });
    }

    /// <summary>Two raters over <paramref name="categories"/> categories who agree on all but one row.</summary>
    public static ValidationReport ManyCategories(int categories)
    {
        var a = Enumerable.Range(0, categories).Select(i => (long?)i).ToArray();
        var b = a.Select(v => v == 0 ? 1 : v).ToArray();
        return Expect.Suite("raters").Table(t => t.CohensKappa("a", "b", min: 0.999))
            .Build().Validate(InMemoryTable.Builder().Add("a", a).Add("b", b).Build());
    }

    /// <summary>
    /// The record of <c>expect_multicolumn_values_to_determine_column</c> as it will be (features <c>column_list</c>, label
    /// <c>column</c>); reporting matches it by its type name.
    /// </summary>
    public sealed record DetermineColumn : Expectation
    {
        public override string Type => "expect_multicolumn_values_to_determine_column";

        [Kwarg("column_list")]
        public ValueList<string> ColumnList { get; init; }

        [Kwarg("column")]
        public string Column { get; init; } = "";

        public override IReadOnlyList<string> CheckedColumns => [.. ColumnList, Column];
    }

    /// <summary>A failed result in the details contract of <c>expect_multicolumn_values_to_determine_column</c>: 3 conflicting groups, 2 listed.</summary>
    public static ExpectationResult DetermineColumnResult() => new()
    {
        Success = false,
        Expectation = new DetermineColumn { ColumnList = ValueList.Create(["text", "source"]), Column = "label" },
        Result = new ResultDetails
        {
            ElementCount = 10,
            MissingCount = 0,
            UnexpectedCount = 7,
            UnexpectedPercent = 70,
            Details = JsonDocument.Parse("""
                {"conflicting_group_count": 3, "conflicting_groups": [
                  {"key": {"text": "great | product\nbuy <now>", "source": "web"}, "rows": 4,
                   "labels": [{"value": "spam", "rows": 3, "first_row": 0}, {"value": "ham", "rows": 1, "first_row": 5}]},
                  {"key": {"text": "hello", "source": null}, "rows": 2,
                   "labels": [{"value": 1, "rows": 1, "first_row": 2}, {"value": 2, "rows": 1, "first_row": 7}]}
                ]}
                """).RootElement,
        },
    };

    public static ValidationReport Report(string suite, params ExpectationResult[] results) =>
        new()
        {
            Results = [.. results],
            Meta = new ReportMeta { SuiteName = suite, DataSource = "labels.parquet", RowCount = 10, RunTime = new DateTimeOffset(Day0), Duration = TimeSpan.FromMilliseconds(5), ResultFormat = ResultFormatLevel.Summary },
        };
}
