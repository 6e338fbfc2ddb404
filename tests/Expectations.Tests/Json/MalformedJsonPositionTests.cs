namespace Expectations.Tests.Json;

/// <summary>A malformed suite is reported at one place: line and column, 1-based, the column in characters (not UTF-8 bytes).</summary>
public sealed class MalformedJsonPositionTests
{
    [Fact]
    public void The_error_names_line_and_character_column_once()
    {
        // "Zürich" holds a two-byte character before the error: the unexpected token is at byte 29 of its line but character column 28.
        var json = "{\"name\": \"s\",\n \"meta\": {\"city\": \"Zürich\" \"x\": 1}}";
        var act = () => SuiteJson.Parse(json);

        var message = act.Should().Throw<SuiteFormatException>().Which.Message;
        message.Should().StartWith("malformed JSON at line 2, column 28: ");
        message.Should().NotContain("LineNumber").And.NotContain("BytePositionInLine").And.NotContain("position");
    }
}
