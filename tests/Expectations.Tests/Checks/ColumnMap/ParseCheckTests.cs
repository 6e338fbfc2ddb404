using Expectations.Engine.Checks;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class ParseCheckTests
{
    // Every "true" row is also what python-dateutil 2.9 parses; the "false" rows dateutil rejects too.
    [Theory]
    [InlineData("2003-09-25", true)]
    [InlineData("2003-09-25T10:49:41", true)]
    [InlineData("2003-09-25 10:49:41.5", true)]
    [InlineData("2003-09-25T10:49:41-03:00", true)]
    [InlineData("2003-09-25T10:49:41Z", true)]
    [InlineData("2003-09-25T10:49:41.123456+05:30", true)]
    [InlineData("20030925", true)]
    [InlineData("20030925T104941", true)]
    [InlineData("2003-09", true)]
    [InlineData("2003", true)]
    [InlineData("01/02/2003", true)]
    [InlineData("25/09/2003", true)]
    [InlineData("31/12/99", true)]
    [InlineData("1-2-03", true)]
    [InlineData("25.09.2003", true)]
    [InlineData("2003/09/25", true)]
    [InlineData("Sep 25 2003", true)]
    [InlineData("September 25, 2003", true)]
    [InlineData("25 Sep 2003", true)]
    [InlineData("Thu, 25 Sep 2003", true)]
    [InlineData("Thu Sep 25 2003", true)]
    [InlineData("Sep 2003", true)]
    [InlineData("Thu Sep 25 10:36:28 2003", true)]
    [InlineData("Thu, 25 Sep 2003 10:49:41 GMT", true)]
    [InlineData("Thu, 25 Sep 2003 10:49:41 -0300", true)]
    [InlineData("Sep 25 2003 10:49 PM", true)]
    [InlineData("12/31/1999 23:59:59", true)]
    [InlineData("10:49:41", true)]
    [InlineData("10:49", true)]
    [InlineData("10 AM", true)]
    [InlineData("1.5", true)] // dateutil: January 5 of this year; .NET agrees
    [InlineData("cat", false)]
    [InlineData("abc", false)]
    [InlineData("hello world", false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("2003-13-01", false)]
    [InlineData("2003-02-30", false)]
    public void Dateutil_like_forms(string text, bool parseable) => DateutilLike.IsParseable(text).Should().Be(parseable);

    [Theory]
    [InlineData("25")] // dateutil reads a bare day of the current month
    [InlineData("June 13 at 5pm")] // dateutil skips the word "at"
    public void Documented_gaps_that_dateutil_reads(string text) => DateutilLike.IsParseable(text).Should().BeFalse();

    [Fact]
    public void Dateutil_follows_the_gx_fixture()
    {
        Run(new ColumnValuesToBeDateutilParseable { Column = "s" }, Strings("2019-04-01", "2019-04-02", "2019-04-13")).Success.Should().BeTrue();
        Run(new ColumnValuesToBeDateutilParseable { Column = "s", Mostly = 0.75 }, Strings("01/01/2010", "01/01/2011", "01/01/2012", "abc")).Success.Should().BeTrue();
        var negative = Run(new ColumnValuesToBeDateutilParseable { Column = "s", Mostly = 0.75 }, Strings("cat", "dog", "horse", "01/01/2011"));
        negative.Success.Should().BeFalse();
        negative.UnexpectedStrings().Should().Equal("cat", "dog", "horse");
        Run(new ColumnValuesToBeDateutilParseable { Column = "x" }, Longs(1, 2)).ExceptionInfo!.ExceptionMessage.Should().Contain("must be of type string");
    }

    [Theory]
    [InlineData("""{"a":1}""", true)]
    [InlineData("""  [1, 2, {"b": null}]  """, true)]
    [InlineData("1", true)]
    [InlineData("\"text\"", true)]
    [InlineData("true", true)]
    [InlineData("null", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("a", false)]
    [InlineData("{a: 1}", false)]
    [InlineData("""{"a":1}}""", false)]
    [InlineData("""{"a":1} {"b":2}""", false)]
    [InlineData("[1,]", false)]
    [InlineData("'single'", false)]
    [InlineData("NaN", false)] // Python's json.loads accepts NaN and Infinity; they are not JSON (documented deviation)
    public void Json_parseable(string text, bool valid) =>
        Run(new ColumnValuesToBeJsonParseable { Column = "s" }, Strings(text)).Success.Should().Be(valid);

    [Fact]
    public void Deeply_nested_json_parses_up_to_python_s_depth()
    {
        Run(new ColumnValuesToBeJsonParseable { Column = "s" }, Strings(new string('[', 500) + new string(']', 500))).Success.Should().BeTrue();
    }

    [Fact]
    public void Json_follows_the_gx_fixture()
    {
        Run(new ColumnValuesToBeJsonParseable { Column = "s" }, Strings("""{"a":1}""", """{"a":2}""", null)).Success.Should().BeTrue();
        var letters = Run(new ColumnValuesToBeJsonParseable { Column = "s" }, Strings("a", "b", null));
        letters.Success.Should().BeFalse();
        letters.Result.UnexpectedIndexList.Should().Equal(0L, 1);
        Run(new ColumnValuesToBeJsonParseable { Column = "s" }, Strings(null, null)).Success.Should().BeTrue();
    }

    [Fact]
    public void Dsl_and_json_round_trip()
    {
        Expect.Suite("s").Column<string>("d", c => c.DateutilParseable().JsonParseable()).Build().Expectations.Should().Equal(
            new ColumnValuesToBeDateutilParseable { Column = "d" }, new ColumnValuesToBeJsonParseable { Column = "d" });
        new ColumnValuesToBeDateutilParseable { Column = "d", Mostly = 0.5 }.ShouldRoundTrip();
        new ColumnValuesToBeJsonParseable { Column = "d" }.ShouldRoundTrip();
    }
}
