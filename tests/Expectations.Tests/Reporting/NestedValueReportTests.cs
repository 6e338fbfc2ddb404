using System.Text.Json;

namespace Expectations.Tests.Reporting;

/// <summary>Reports show binary values as \x-hex (PostgreSQL's bytea format) and lists as JSON arrays, in every renderer.</summary>
public class NestedValueReportTests
{
    private static ValidationReport Report()
    {
        var table = InMemoryTable.Builder("t")
            .AddBinary("b", [[0xca, 0xfe], [0x00, 0xff]])
            .AddList("tags", new string?[]?[] { ["a"], ["a", "zz"] })
            .Build();
        var suite = new ExpectationSuite("s",
        [
            new ColumnValuesToBeInSet { Column = "b", ValueSet = ValueList.Create<Scalar>(["\\xcafe"]) },
            new ColumnValuesToBeInSet { Column = "tags", ValueSet = ValueList.Create<Scalar>(["a"]) },
        ]);
        return ValidationPlan.Compile(suite).Validate(table, new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });
    }

    [Fact]
    public void Json_reports_hold_binary_values_as_hex_strings_and_lists_as_arrays()
    {
        using var doc = JsonDocument.Parse(ReportJson.Serialize(Report()));
        var results = doc.RootElement.GetProperty("results");
        results[0].GetProperty("result").GetProperty("unexpected_list")[0].GetString().Should().Be("\\x00ff");
        var list = results[1].GetProperty("result").GetProperty("unexpected_list")[0];
        list.ValueKind.Should().Be(JsonValueKind.Array);
        list.EnumerateArray().Select(e => e.GetString()).Should().Equal("a", "zz");
    }

    [Fact]
    public void Text_and_markdown_reports_show_the_hex_and_the_lists()
    {
        var report = Report();
        TextReport.Render(report).Should().Contain("x00ff").And.Contain("[\"a\",\"zz\"]");
        MarkdownReport.Render(report).Should().Contain("x00ff");
    }
}
