using Expectations.Engine.Checks;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class StrftimeCheckTests
{
    // Each row is what CPython 3.11's datetime.strptime(value, format) does: True when it returns, False when it raises ValueError.
    [Theory]
    [InlineData("%Y-%m-%d", "2019-04-01", true)]
    [InlineData("%Y-%m-%d", "2019-4-1", true)]
    [InlineData("%Y-%m-%d", "2019-02-29", false)] // not a leap year
    [InlineData("%Y-%m-%d", "2020-02-29", true)]
    [InlineData("%Y-%m-%d", "2019-04-31", false)]
    [InlineData("%Y-%m-%d", "2019-04-01 ", false)] // unconverted data remains
    [InlineData("%Y-%m-%d", "19-04-01", false)] // %Y needs four digits
    [InlineData("%Y-%m-%d", "0000-01-01", false)] // year 0 is out of range
    [InlineData("%m-%d-%Y", "01/20/2019", false)]
    [InlineData("%d/%m/%Y", "01/01/2010", true)]
    [InlineData("%Y-%m-%dT%H:%M:%S", "1977-05-55T00:00:00", false)]
    [InlineData("%Y-%m-%dT%H:%M:%S", "2017-06-12T23:57:59", true)]
    [InlineData("%H:%M:%S", "23:59:60", false)] // datetime rejects leap seconds
    [InlineData("%H:%M:%S", "24:00:00", false)]
    [InlineData("%H:%M", "7:5", true)]
    [InlineData("%m/%d", "02/29", false)] // without a year the date is in 1900, which has no Feb 29
    [InlineData("%m/%d", "02/28", true)]
    [InlineData("%d %b %Y", "25 SEP 2003", true)] // names ignore case
    [InlineData("%d %B %Y", "25 September 2003", true)]
    [InlineData("%d %B %Y", "25 Sept 2003", false)]
    [InlineData("%a %b %d %H:%M:%S %Y", "Thu Sep 25 10:36:28 2003", true)]
    [InlineData("%a %b %d %H:%M:%S %Y", "Mon Sep 25 10:36:28 2003", true)] // the weekday is not checked against the date
    [InlineData("%c", "Thu Sep 25 10:36:28 2003", true)]
    [InlineData("%x", "09/25/03", true)]
    [InlineData("%X", "10:36:28", true)]
    [InlineData("%Y %m %d", "2003   09\t25", true)] // whitespace in the format matches any run of whitespace
    [InlineData("%Y %m %d", "20030925", false)] // but at least one
    [InlineData("%Y%m%d", "20030925", true)]
    [InlineData("%Y%m%d", "2003925", true)] // %m takes "9", then %d "25"
    [InlineData("%I:%M %p", "12:30 AM", true)]
    [InlineData("%I:%M %p", "13:30 PM", false)]
    [InlineData("%H:%M:%S.%f", "10:00:00.5", true)]
    [InlineData("%H:%M:%S.%f", "10:00:00.1234567", false)] // %f takes at most six digits
    [InlineData("%Y-%m-%d %H:%M:%S%z", "2003-09-25 10:49:41+0200", true)]
    [InlineData("%Y-%m-%d %H:%M:%S%z", "2003-09-25 10:49:41-03:00", true)]
    [InlineData("%Y-%m-%d %H:%M:%S%z", "2003-09-25 10:49:41Z", true)]
    [InlineData("%Y-%m-%d %H:%M:%S%z", "2003-09-25 10:49:41+2500", false)] // a UTC offset must be under 24 hours
    [InlineData("%Y-%m-%d %H:%M:%S%z", "2003-09-25 10:49:41+01:0000", false)] // inconsistent use of ':'
    [InlineData("%Y-%m-%d %H:%M:%S %Z", "2003-09-25 10:49:41 UTC", true)]
    [InlineData("%Y-%m-%d %H:%M:%S %Z", "2003-09-25 10:49:41 CEST", false)]
    [InlineData("%j/%Y", "366/2019", true)] // CPython trusts %j and rolls over into the next year
    [InlineData("%j/%Y", "367/2019", false)]
    [InlineData("%Y %U %w", "2024 00 0", true)]
    [InlineData("%G-W%V-%u", "2020-W53-7", true)]
    [InlineData("%G-W%V-%u", "2021-W53-1", true)] // CPython does not check the week count: 2022-01-03
    [InlineData("%y", "69", true)]
    [InlineData("100%%", "100%", true)]
    [InlineData("%d.%m.%Y", "25.09.2003", true)] // '.' is a literal, not a regex wildcard
    [InlineData("%d.%m.%Y", "25x09x2003", false)]
    [InlineData("%d", " 5", true)]
    public void Matches_what_python_strptime_accepts(string format, string value, bool valid)
    {
        Strptime.Parse(format).Matches(value).Should().Be(valid);
    }

    [Theory]
    [InlineData("%D", "'D' is a bad directive")]
    [InlineData("%e", "'e' is a bad directive")]
    [InlineData("%Y-%", "stray %")]
    [InlineData("%Y %Y", "appears twice")]
    [InlineData("%G %u", "must be used with the ISO week directive")]
    [InlineData("%Y %V %u", "incompatible with the year directive")]
    [InlineData("%G %V %u %j", "not compatible with ISO year")]
    public void Formats_python_rejects_are_argument_errors(string format, string message)
    {
        var act = () => new ColumnValuesToMatchStrftimeFormat { Column = "s", StrftimeFormat = format }.ThrowIfInvalid();
        act.Should().Throw<InvalidExpectationException>().WithMessage($"*Unable to use provided strftime_format*{message}*");
    }

    [Fact]
    public void Follows_the_gx_fixture()
    {
        var c = Strings("01-01-2019", "01-10-2019", "01/20/2019", "01-30-2019");
        var mostly = Run(new ColumnValuesToMatchStrftimeFormat { Column = "s", StrftimeFormat = "%m-%d-%Y", Mostly = 0.75 }, c);
        mostly.Success.Should().BeTrue();
        mostly.UnexpectedStrings().Should().Equal("01/20/2019");
        Run(new ColumnValuesToMatchStrftimeFormat { Column = "s", StrftimeFormat = "%m-%d-%Y" }, c).Success.Should().BeFalse();
        Run(new ColumnValuesToMatchStrftimeFormat { Column = "s", StrftimeFormat = "%d/%m/%Y" }, Strings("01/01/2010", null)).Success.Should().BeTrue();
        Run(new ColumnValuesToMatchStrftimeFormat { Column = "x", StrftimeFormat = "%Y" }, Longs(1, 2)).ExceptionInfo!.ExceptionMessage
            .Should().Contain("must be of type string");
    }

    [Fact]
    public void Dsl_and_json_round_trip()
    {
        Expect.Suite("s").Column<string>("d", c => c.MatchesStrftimeFormat("%Y")).Build().Expectations.Should().Equal(new ColumnValuesToMatchStrftimeFormat { Column = "d", StrftimeFormat = "%Y" });
        new ColumnValuesToMatchStrftimeFormat { Column = "d", StrftimeFormat = "%Y-%m-%d", Mostly = 0.9 }.ShouldRoundTrip();
    }
}

public class StrptimeCorpusTests
{
    [Fact]
    public void The_corpus_holds_no_repeated_case()
    {
        // xunit folds identical theory rows into one test silently; a repeat is a lost case.
        var cases = StrptimeCorpus.Cases.Select(row => $"{row[0]}\u0000{row[1]}").ToList();
        cases.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(StrptimeCorpus.Cases), MemberType = typeof(StrptimeCorpus))]
    public void Agrees_with_cpython_on_generated_cases(string format, string value, bool valid) =>
        Strptime.Parse(format).Matches(value).Should().Be(valid, "CPython 3.11 {0} '{1}' with '{2}'", valid ? "accepts" : "rejects", value, format);
}
