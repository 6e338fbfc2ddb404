using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class PatternListCheckTests
{
    private static readonly string?[] W = ["111", "222", "333", "123", "321", "444", "456", "654", "555", null];
    private static readonly string?[] X = ["man", "plan", "canal", "panama", "hat", "bat", "bit", "bot", "but", "bet"];

    [Fact]
    public void Match_regex_list_follows_the_gx_fixture()
    {
        Run(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create([@"\d+"]) }, Strings(W)).Success.Should().BeTrue();
        Run(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["[123]+", "[456]+"]) }, Strings(W)).Success.Should().BeTrue();
        var all = Run(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["[123]+", "[456]+"]), MatchOn = MatchOn.All }, Strings(W));
        all.Success.Should().BeFalse();
        all.Result.UnexpectedIndexList.Should().Equal(0L, 1, 2, 3, 4, 5, 6, 7, 8);
        Run(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["^.*a.*$"]) }, Strings(X)).UnexpectedStrings().Should().Equal("bit", "bot", "but", "bet");
        Run(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["^.*a.*$", "b.t"]) }, Strings(X)).Success.Should().BeTrue();
    }

    [Fact]
    public void Match_on_all_needs_every_pattern()
    {
        var result = Run(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["^a", "z$"]), MatchOn = MatchOn.All }, Strings("abz", "ab", "bz", "az"));
        result.Result.UnexpectedIndexList.Should().Equal(1L, 2);
    }

    [Fact]
    public void Not_match_regex_list_follows_the_gx_fixture()
    {
        Run(new ColumnValuesToNotMatchRegexList { Column = "s", RegexList = ValueList.Create([@"\s+"]) }, Strings(W)).Success.Should().BeTrue();
        Run(new ColumnValuesToNotMatchRegexList { Column = "s", RegexList = ValueList.Create([@"\s+", "[a-zA-Z]"]) }, Strings(W)).Success.Should().BeTrue();
        Run(new ColumnValuesToNotMatchRegexList { Column = "s", RegexList = ValueList.Create(["[12]+", "[45]+"]) }, Strings(W)).Result.UnexpectedIndexList.Should().Equal(0L, 1, 3, 4, 5, 6, 7, 8);
        Run(new ColumnValuesToNotMatchRegexList { Column = "s", RegexList = ValueList.Create(["opatomus", "ovat", "h.*t"]) }, Strings(X)).UnexpectedStrings().Should().Equal("hat");
    }

    [Fact]
    public void Python_syntax_and_runaway_protection_carry_over_from_the_regex_check()
    {
        Run(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create([@"^(?P<x>a)(?P=x)$", "^b$"]) }, Strings("aa", "b", "ab")).Result.UnexpectedIndexList.Should().Equal(2L);
    }

    [Theory]
    [InlineData("""{"type": "expect_column_values_to_match_regex_list", "kwargs": {"column": "s", "regex_list": []}}""", "regex_list must hold at least one pattern")]
    [InlineData("""{"type": "expect_column_values_to_match_regex_list", "kwargs": {"column": "s", "regex_list": ["a", "("]}}""", "regex_list[1] is not a valid regular expression")]
    [InlineData("""{"type": "expect_column_values_to_not_match_regex_list", "kwargs": {"column": "s", "regex_list": ["["]}}""", "regex_list[0]")]
    [InlineData("""{"type": "expect_column_values_to_match_regex_list", "kwargs": {"column": "s", "regex_list": ["a"], "match_on": "some"}}""", "match_on")]
    public void Bad_arguments_are_reported(string json, string message)
    {
        var act = () => Parse(json);
        act.Should().Throw<Exception>().WithMessage($"*{message}*");
    }

    [Fact]
    public void Dsl_and_json_round_trip()
    {
        Expect.Suite("s").Column<string>("s", c => c.MatchesRegexList(["a", "b"], MatchOn.All).NotMatchesRegexList("c")).Build().Expectations.Should().Equal(
            new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["a", "b"]), MatchOn = MatchOn.All },
            new ColumnValuesToNotMatchRegexList { Column = "s", RegexList = ValueList.Create(["c"]) });
        new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["a", "b"]), MatchOn = MatchOn.All }.ShouldRoundTrip();
        new ColumnValuesToNotMatchRegexList { Column = "s", RegexList = ValueList.Create(["a"]), Mostly = 0.5 }.ShouldRoundTrip();
        Parse("""{"type": "expect_column_values_to_match_regex_list", "kwargs": {"column": "s", "regex_list": ["a"], "match_on": "any"}}""")
            .Should().Be(new ColumnValuesToMatchRegexList { Column = "s", RegexList = ValueList.Create(["a"]) });
        Run(new ColumnValuesToMatchRegexList { Column = "x", RegexList = ValueList.Create(["1"]) }, Longs(1)).ExceptionInfo.Should().NotBeNull();
    }
}
