using Expectations.Model;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class RegexCheckTests
{
    // The GX fixture data (column_map_expectations/expect_column_values_to_match_regex.json).
    private static readonly InMemoryTable Fixture = InMemoryTable.Builder()
        .Add("a", new string?[] { "aaa", "abb", "acc", "add", "bee" })
        .Add("b", new string?[] { "aaa", "abb", "acc", "bdd", null })
        .Add("c", new string?[] { null, null, null, null, null })
        .Add("n", new long?[] { 1, 2, 3, 4, 5 })
        .Build();

    [Theory]
    [InlineData("a", "^a", 0.9, false, new[] { "bee" })]
    [InlineData("a", "^a", 0.8, true, new[] { "bee" })]
    [InlineData("a", "^a", 0.7, true, new[] { "bee" })]
    [InlineData("b", "^a", 0.8, false, new[] { "bdd" })]
    [InlineData("b", "^a", 0.75, true, new[] { "bdd" })]
    [InlineData("c", "^a", 1.0, true, new string[0])]
    [InlineData("c", "^a", 0.2, true, new string[0])]
    [InlineData("b", "", 1.0, true, new string[0])]
    [InlineData("b", "[ab]{1}[a-d]{2}", 1.0, true, new string[0])]
    [InlineData("a", "b", 0.4, true, new[] { "aaa", "acc", "add" })]
    public void Match_regex_follows_the_gx_fixture(string column, string regex, double mostly, bool success, string[] unexpected)
    {
        var result = Run(new ColumnValuesToMatchRegex { Column = column, Regex = regex, Mostly = mostly }, Fixture);
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().Be(success);
        result.UnexpectedStrings().Should().Equal(unexpected);
    }

    [Theory]
    [InlineData("a", "^a", 0.3, false, new[] { "aaa", "abb", "acc", "add" }, new long[] { 0, 1, 2, 3 })]
    [InlineData("a", "^a", 0.2, true, new[] { "aaa", "abb", "acc", "add" }, new long[] { 0, 1, 2, 3 })]
    [InlineData("b", "^a", 0.5, false, new[] { "aaa", "abb", "acc" }, new long[] { 0, 1, 2 })]
    [InlineData("c", "^a", 1.0, true, new string[0], new long[0])]
    [InlineData("b", "", 1.0, false, new[] { "aaa", "abb", "acc", "bdd" }, new long[] { 0, 1, 2, 3 })]
    [InlineData("a", "b", 0.6, true, new[] { "abb", "bee" }, new long[] { 1, 4 })]
    public void Not_match_regex_follows_the_gx_fixture(string column, string regex, double mostly, bool success, string[] unexpected, long[] rows)
    {
        var result = Run(new ColumnValuesToNotMatchRegex { Column = column, Regex = regex, Mostly = mostly }, Fixture);
        result.Success.Should().Be(success);
        result.UnexpectedStrings().Should().Equal(unexpected);
        result.Result.UnexpectedIndexList.Should().Equal(rows);
    }

    [Theory]
    [InlineData(@"^(?P<x>a)(?P=x)$", "aa", true)]
    [InlineData(@"^(?P<x>a)(?P=x)$", "ab", false)]
    [InlineData(@"^(?P<word>\w+) (?P=word)$", "hey hey", true)]
    [InlineData(@"abc\Z", "abc\n", false)] // Python \Z is the very end of the string
    [InlineData(@"abc$", "abc\n", true)] // while $ also matches before a final newline, in both engines
    [InlineData(@"^a{,2}$", "aa", true)]
    [InlineData(@"^a{,2}$", "aaa", false)]
    [InlineData(@"^\d{3}-\d{4}$", "555-1234", true)]
    [InlineData(@"(?i)^ABC", "abcdef", true)]
    [InlineData(@"(?<=x)y", "xy", true)] // lookbehind: runs on the backtracking engine
    [InlineData(@"(?<=x)y", "zy", false)]
    [InlineData(@"^é+$", "ééé", true)]
    [InlineData(@"^.$", "😀", false)] // a supplementary character is two UTF-16 units: documented deviation from Python
    public void Python_syntax_is_translated(string regex, string value, bool matches)
    {
        var result = Run(new ColumnValuesToMatchRegex { Column = "s", Regex = regex }, Strings(value));
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().Be(matches);
    }

    [Theory]
    [InlineData(@"(?P<n>a)", @"(?<n>a)")]
    [InlineData(@"(?P<n>a)(?P=n)", @"(?<n>a)\k<n>")]
    [InlineData(@"\(?P<n>", @"\(?P<n>")] // escaped parenthesis: not a group
    [InlineData(@"[(?P<n>]", @"[(?P<n>]")] // inside a character class: literal characters
    [InlineData(@"[]\Z]\Z", @"[]\Z]\z")] // ']' first in a class is a member; \Z inside a class is left alone
    [InlineData(@"\\Z", @"\\Z")] // an escaped backslash followed by Z
    [InlineData(@"a{,3}b{2,}c{,}", @"a{0,3}b{2,}c{,}")]
    public void Translate_rewrites_only_python_syntax(string python, string dotnet) =>
        PythonRegex.Translate(python).Should().Be(dotnet);

    [Fact]
    public void Long_and_multibyte_values_are_decoded_without_truncation()
    {
        var longValue = new string('x', 1000) + "END";
        var longUnicode = string.Concat(Enumerable.Repeat("ü日", 300)) + "END";
        var table = Strings("short END", longValue, "no", longUnicode, new string('y', 700), "ü END");
        var result = Run(new ColumnValuesToMatchRegex { Column = "s", Regex = "END$" }, table);
        result.Result.UnexpectedIndexList.Should().Equal(2, 4);
        result.Result.UnexpectedCount.Should().Be(2);
    }

    [Fact]
    public void Catastrophic_patterns_without_backtracking_features_run_in_linear_time()
    {
        // (a+)+$ is exponential on a backtracking engine; the non-backtracking engine answers at once.
        var table = Strings(new string('a', 5000) + "!", "aaaa");
        var result = Run(new ColumnValuesToMatchRegex { Column = "s", Regex = "^(a+)+$" }, table);
        result.ExceptionInfo.Should().BeNull();
        result.Result.UnexpectedIndexList.Should().Equal(0);
    }

    [Fact]
    public void A_runaway_backtracking_pattern_times_out_into_exception_info()
    {
        // The lookahead forces the backtracking engine; nested quantifiers then explode on the trailing '!'.
        var table = Strings(new string('a', 40) + "!");
        var result = Run(new ColumnValuesToMatchRegex { Column = "s", Regex = "^(?=a)(a|aa)+$" }, table);
        result.Success.Should().BeFalse();
        result.ExceptionInfo!.ExceptionMessage.Should().Contain("regex timed out after 1000 ms on row 0").And.Contain("'s'");
    }

    [Theory]
    [InlineData("[a-")]
    [InlineData("(unclosed")]
    [InlineData("a{2,1}")]
    [InlineData("(?P=missing)")]
    public void Invalid_pattern_is_an_argument_error_from_the_dsl_and_from_json(string regex)
    {
        var build = () => Expect.Suite("s").Column<string>("s", c => c.MatchesRegex(regex)).Build();
        build.Should().Throw<InvalidExpectationException>().Which.Arguments.Should().Contain("regex");

        var json = $$$"""{"type": "expect_column_values_to_not_match_regex", "kwargs": {"column": "s", "regex": {{{System.Text.Json.JsonSerializer.Serialize(regex)}}}}}""";
        var parse = () => Parse(json);
        parse.Should().Throw<Exception>().WithMessage("*regex*");
    }

    [Fact]
    public void Non_text_column_is_reported_as_not_text()
    {
        var result = Run(new ColumnValuesToMatchRegex { Column = "n", Regex = "1" }, Fixture);
        result.Success.Should().BeFalse();
        result.ExceptionInfo!.ExceptionMessage.Should().Contain("'n'").And.Contain("not text");
        Run(new ColumnValuesToNotMatchRegex { Column = "n", Regex = "1" }, Fixture).ExceptionInfo!.ExceptionMessage.Should().Contain("not text");
    }

    [Fact]
    public void Dsl_verbs_add_the_records_and_they_round_trip_through_json()
    {
        var suite = Expect.Suite("s")
            .Column<string>("email", c => c.MatchesRegex(@"^[^@\s]+@[^@\s]+$").Mostly(0.9).NotMatchesRegex("(?P<x>.)(?P=x){3}"))
            .Column("code", c => c.MatchesRegex("^[A-Z]{3}$").NotMatchesRegex("X"))
            .Build();
        suite.Expectations.Select(e => e.Type).Should().Equal(
            ColumnValuesToMatchRegex.TypeName, ColumnValuesToNotMatchRegex.TypeName, ColumnValuesToMatchRegex.TypeName, ColumnValuesToNotMatchRegex.TypeName);
        suite.Expectations[0].Should().Be(new ColumnValuesToMatchRegex { Column = "email", Regex = @"^[^@\s]+@[^@\s]+$", Mostly = 0.9 });
        foreach (var e in suite.Expectations)
        {
            e.ShouldRoundTrip();
        }
    }

    [Fact]
    public void Equal_checks_share_one_metric_and_give_the_same_answer()
    {
        var suite = Expect.Suite("s").Column<string>("a", c => c.MatchesRegex("^a").MatchesRegex("^a").Mostly(0.5)).Build();
        var results = ValidationPlan.Compile(suite).Validate(Fixture).Results;
        results[0].Result.UnexpectedCount.Should().Be(1);
        results[1].Result.UnexpectedCount.Should().Be(1);
        results[0].Success.Should().BeFalse();
        results[1].Success.Should().BeTrue();
    }
}
