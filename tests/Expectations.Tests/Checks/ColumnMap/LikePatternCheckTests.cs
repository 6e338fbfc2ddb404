using System.Text.Json;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class LikePatternCheckTests
{
    [Theory]
    [InlineData("a%", "abc", true)]
    [InlineData("a%", "bac", false)]
    [InlineData("%b%", "abc", true)]
    [InlineData("%", "", true)]
    [InlineData("_", "", false)]
    [InlineData("a_c", "abc", true)]
    [InlineData("a_c", "abbc", false)]
    [InlineData("abc", "ABC", false)] // case-sensitive
    [InlineData("a%", "a\nb", true)] // % spans line breaks
    [InlineData("[a]%", "abc", true)]
    [InlineData("[^a]%", "abc", false)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("[-a]", "-", true)]
    [InlineData("[]a]", "]", true)]
    [InlineData("[[]x]", "[x]", true)]
    [InlineData("[abc", "[abc", true)] // an unclosed bracket is literal
    [InlineData(@"100\%", "100%", true)]
    [InlineData(@"100\%", "1000", false)]
    [InlineData(@"a\_b", "a_b", true)]
    [InlineData(@"a\_b", "axb", false)]
    [InlineData(@"\[x]", "[x]", true)]
    [InlineData("a.c", "abc", false)] // regex characters are literal
    [InlineData("(a)+", "(a)+", true)]
    [InlineData("[123]+", "111", false)]
    [InlineData("^ ", "111", false)]
    public void Sql_like_semantics(string pattern, string value, bool matches) =>
        Run(new ColumnValuesToMatchLikePattern { Column = "s", LikePattern = pattern }, Strings(value)).Success.Should().Be(matches);

    [Fact]
    public void A_trailing_escape_is_an_argument_error()
    {
        var act = () => new ColumnValuesToMatchLikePattern { Column = "s", LikePattern = @"abc\" }.ThrowIfInvalid();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*like_pattern*escape*");
        var list = () => new ColumnValuesToNotMatchLikePatternList { Column = "s", LikePatternList = ValueList<string>.Empty }.ThrowIfInvalid();
        list.Should().Throw<InvalidExpectationException>().WithMessage("*like_pattern_list must hold at least one pattern*");
    }

    [Fact]
    public void Like_and_regex_checks_with_the_same_text_are_different_checks()
    {
        // "a%" as LIKE is "starts with a"; as a regex it is "contains a%". Both in one suite must not share a metric.
        var suite = Expect.Suite("s").Column<string>("s", c => c.MatchesLikeList(["a%"]).MatchesRegexList(["a%"])).Build();
        var report = ValidationPlan.Compile(suite).Validate(Strings("ab"), new ValidationOptions());
        report.Results.Select(r => r.Success).Should().Equal(true, false);
    }

    [Fact]
    public void Dsl_and_json_round_trip()
    {
        Expect.Suite("s").Column<string>("s", c => c.MatchesLike("a%").NotMatchesLike("%x%").MatchesLikeList(["a%", "b%"], MatchOn.All).NotMatchesLikeList("z%")).Build()
            .Expectations.Should().Equal(
                new ColumnValuesToMatchLikePattern { Column = "s", LikePattern = "a%" },
                new ColumnValuesToNotMatchLikePattern { Column = "s", LikePattern = "%x%" },
                new ColumnValuesToMatchLikePatternList { Column = "s", LikePatternList = ValueList.Create(["a%", "b%"]), MatchOn = MatchOn.All },
                new ColumnValuesToNotMatchLikePatternList { Column = "s", LikePatternList = ValueList.Create(["z%"]) });
        new ColumnValuesToMatchLikePattern { Column = "s", LikePattern = "a%", Mostly = 0.8 }.ShouldRoundTrip();
        new ColumnValuesToNotMatchLikePattern { Column = "s", LikePattern = "a%" }.ShouldRoundTrip();
        new ColumnValuesToMatchLikePatternList { Column = "s", LikePatternList = ValueList.Create(["a%"]), MatchOn = MatchOn.All }.ShouldRoundTrip();
        new ColumnValuesToNotMatchLikePatternList { Column = "s", LikePatternList = ValueList.Create(["a%"]) }.ShouldRoundTrip();
    }

    /// <summary>
    /// GX ran the LIKE expectations only on SQL databases, so the conformance runner skips their fixtures. Here every
    /// test of those fixtures (SQL Server's bracket classes included) runs in memory and must give GX's answer.
    /// </summary>
    [GxFixturesFact]
    public void Sql_only_fixtures_pass_in_memory()
    {
        var files = new[]
        {
            "expect_column_values_to_match_like_pattern", "expect_column_values_to_not_match_like_pattern",
            "expect_column_values_to_match_like_pattern_list", "expect_column_values_to_not_match_like_pattern_list",
        };
        var problems = new List<string>();
        var ran = 0;
        foreach (var type in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GxFixturesFactAttribute.Directory!, "column_map_expectations", type + ".json")));
            foreach (var dataset in doc.RootElement.GetProperty("datasets").EnumerateArray())
            {
                var table = StringTable(dataset.GetProperty("data"));
                foreach (var test in dataset.GetProperty("tests").EnumerateArray())
                {
                    ran++;
                    var title = $"{type}: {test.GetProperty("title").GetString()} {test.GetProperty("in").GetRawText()}";
                    var expectation = SuiteJson.ParseExpectation(JsonDocument.Parse($$"""{"type": "{{type}}", "kwargs": {{test.GetProperty("in").GetRawText()}}}""").RootElement);
                    var result = Run(expectation, table);
                    var output = test.GetProperty("out");
                    if (result.Success != output.GetProperty("success").GetBoolean())
                    {
                        problems.Add($"{title}: success {result.Success}");
                    }

                    if (output.TryGetProperty("unexpected_list", out var list)
                        && !list.EnumerateArray().Select(v => v.GetString()).Order().SequenceEqual(result.UnexpectedStrings().Order()))
                    {
                        problems.Add($"{title}: unexpected_list [{string.Join(", ", result.UnexpectedStrings())}]");
                    }

                    if (output.TryGetProperty("unexpected_index_list", out var rows)
                        && !rows.EnumerateArray().Select(r => r.GetProperty("pk_index").GetInt64()).SequenceEqual(result.Result.UnexpectedIndexList!))
                    {
                        problems.Add($"{title}: unexpected_index_list [{string.Join(", ", result.Result.UnexpectedIndexList!)}]");
                    }
                }
            }
        }

        ran.Should().BeGreaterThan(30);
        problems.Should().BeEmpty();
    }

    private static InMemoryTable StringTable(JsonElement data)
    {
        var builder = InMemoryTable.Builder();
        foreach (var column in data.EnumerateObject())
        {
            builder.Add(column.Name, column.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray());
        }

        return builder.Build();
    }
}

/// <summary>A fact that needs GX's fixtures (<c>../shared/conformance/gx</c> beside the repository, or <c>EXPECTATIONS_GX_FIXTURES</c>); skipped without them.</summary>
public sealed class GxFixturesFactAttribute : FactAttribute
{
    public GxFixturesFactAttribute()
    {
        if (Directory is null)
        {
            Skip = "GX fixtures not found: set EXPECTATIONS_GX_FIXTURES or keep ../shared/conformance/gx beside the repository.";
        }
    }

    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("EXPECTATIONS_GX_FIXTURES") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "gx"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
