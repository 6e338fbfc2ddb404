using System.Xml.Linq;
using Expectations.Reporting;

namespace Expectations.Tests.Reporting.Renderers;

public class JUnitReportTests
{
    public static TheoryData<string> Reports => ["passing", "failing", "error", "warning", "awkward"];

    private static ValidationReport Report(string name) => name switch
    {
        "passing" => SampleReports.Passing(),
        "failing" => SampleReports.Failing(),
        "error" => SampleReports.WithError(),
        "warning" => SampleReports.WarningOnly(),
        _ => SampleReports.AwkwardValues(),
    };

    private static XElement Suite(string xml)
    {
        var doc = XDocument.Parse(xml);
        doc.Root!.Name.LocalName.Should().Be("testsuites");
        return doc.Root.Elements("testsuite").Should().ContainSingle().Subject;
    }

    private static XElement Case(XElement suite, string name) => suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == name);

    [Theory]
    [MemberData(nameof(Reports))]
    public void Every_report_validates_against_the_junit_schema(string name)
    {
        foreach (var failOn in new[] { Severity.Error, Severity.Warning })
        {
            var xml = JUnitReport.Render(Report(name), new ReportRenderOptions { FailOn = failOn });

            JUnitSchema.Validate(xml).Should().BeEmpty();
            xml.Should().StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        }
    }

    [Fact]
    public void The_schema_rejects_what_ci_readers_reject()
    {
        var xml = JUnitReport.Render(SampleReports.Failing());
        var doc = XDocument.Parse(xml);
        doc.Descendants("failure").First().Attribute("type")!.Remove();
        doc.Descendants("testsuite").Single().Attribute("hostname")!.Remove();

        JUnitSchema.Validate(doc.ToString()).Should().HaveCount(2, "a failure without type and a suite without hostname are invalid");
    }

    [Fact]
    public void Passing_report_is_one_suite_of_passed_cases()
    {
        var report = SampleReports.Passing();

        var suite = Suite(JUnitReport.Render(report));

        ((string?)suite.Attribute("name")).Should().Be("orders");
        ((int)suite.Attribute("tests")!).Should().Be(3);
        ((int)suite.Attribute("failures")!).Should().Be(0);
        ((int)suite.Attribute("errors")!).Should().Be(0);
        ((string?)suite.Attribute("timestamp")).Should().Be(report.Meta.RunTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        suite.Elements("testcase").Select(c => (string?)c.Attribute("name")).Should().Equal(
            "expect_table_row_count_to_be_between [(table)]", "expect_column_values_to_not_be_null [amount]", "expect_column_mean_to_be_between [amount]");
        suite.Elements("testcase").Should().OnlyContain(c => !c.HasElements && (string?)c.Attribute("classname") == "orders");
        suite.Element("properties")!.Elements("property").Should().Contain(p => (string?)p.Attribute("name") == "data_source" && (string?)p.Attribute("value") == "orders.parquet")
            .And.Contain(p => (string?)p.Attribute("name") == "row_count" && (string?)p.Attribute("value") == "6");
    }

    [Fact]
    public void Failures_carry_the_expectation_type_and_readable_text()
    {
        var suite = Suite(JUnitReport.Render(SampleReports.Failing()));

        ((string?)suite.Attribute("name")).Should().Be("orders & <co>");
        ((int)suite.Attribute("tests")!).Should().Be(4);
        ((int)suite.Attribute("failures")!).Should().Be(2, "the failed warning does not fail the run at fail-on error");
        var between = Case(suite, "expect_column_values_to_be_between [amount]").Element("failure")!;
        ((string?)between.Attribute("type")).Should().Be("expect_column_values_to_be_between");
        ((string?)between.Attribute("message")).Should().Be("2 of 5 values unexpected (40%); e.g. 50000 (row 3), -1 (row 4)");
        between.Value.Should().Contain("kwargs: {\"column\":\"amount\",\"min_value\":0,\"max_value\":10000")
            .And.Contain("  row 3: 50000\n").And.Contain("  row 4: -1\n").And.Contain("1 null of 6 rows");
        var max = Case(suite, "expect_column_max_to_be_between [amount]").Element("failure")!;
        ((string?)max.Attribute("message")).Should().Be("observed 50000 (expected min_value 0, max_value 100)");
    }

    [Fact]
    public void Failed_warning_passes_with_its_findings_in_system_out_unless_fail_on_warning()
    {
        var report = SampleReports.WarningOnly();

        var lenient = Case(Suite(JUnitReport.Render(report)), "expect_column_values_to_be_in_set [label]");
        var strictSuite = Suite(JUnitReport.Render(report, new ReportRenderOptions { FailOn = Severity.Warning }));
        var strict = Case(strictSuite, "expect_column_values_to_be_in_set [label]");

        lenient.Elements("failure").Should().BeEmpty();
        lenient.Elements("skipped").Should().BeEmpty("the expectation ran: skipped would say it did not");
        lenient.Element("system-out")!.Value.Should().StartWith("WARNING: 4 of 5 values unexpected").And.Contain("does not fail the run at fail-on error")
            .And.Contain("row 1: \"negative\"");
        ((string?)strict.Element("failure")!.Attribute("type")).Should().Be("expect_column_values_to_be_in_set");
        ((int)strictSuite.Attribute("failures")!).Should().Be(1);
    }

    [Fact]
    public void Raised_check_is_an_error_typed_by_its_exception()
    {
        var suite = Suite(JUnitReport.Render(SampleReports.WithError()));

        ((int)suite.Attribute("errors")!).Should().Be(1);
        ((int)suite.Attribute("failures")!).Should().Be(0);
        var error = Case(suite, "expect_column_values_to_not_be_null [amuont]").Element("error")!;
        ((string?)error.Attribute("type")).Should().Be("ExpectationException");
        ((string?)error.Attribute("message")).Should().Contain("'amount'").And.NotContain("\n");
        error.Value.Should().StartWith("expect_column_values_to_not_be_null on amuont (severity error)\nkwargs: {\"column\":\"amuont\"");
    }

    [Fact]
    public void Control_characters_in_values_become_visible_escapes_and_the_xml_parses()
    {
        var xml = JUnitReport.Render(SampleReports.AwkwardValues(), new ReportRenderOptions { MaxSamples = 10 });

        var failure = Suite(xml).Descendants("failure").Single();
        failure.Value.Should().Contain("row 3: \"ctrl\\u0001char\"").And.Contain("row 0: \"a|b\"");
    }

    [Fact]
    public void Expectations_of_the_same_type_and_column_get_distinct_names()
    {
        var report = ValidationPlan.Compile(Expect.Suite("s").Column("amount", c => c.NotNull()).Column("amount", c => c.NotNull().Mostly(0.1)).Build())
            .Validate(InMemoryTable.Builder().Add("amount", new double?[] { 1 }).Build());

        Suite(JUnitReport.Render(report)).Elements("testcase").Select(c => (string?)c.Attribute("name"))
            .Should().Equal("expect_column_values_to_not_be_null [amount]", "expect_column_values_to_not_be_null [amount] #2");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("nul\0here", "nul\\u0000here")]
    [InlineData("pair 😀 kept", "pair 😀 kept")]
    [InlineData("\ufffe", "\\uFFFE")]
    public void XmlSafe_escapes_only_what_xml_cannot_carry(string input, string expected) =>
        ReportFacts.XmlSafe(input).Should().Be(expected);

    [Fact]
    public void XmlSafe_escapes_a_lone_surrogate()
    {
        // Built in code: a lone surrogate does not survive xunit's serialisation of theory data.
        var input = "lone " + (char)0xD800 + " surrogate";

        ReportFacts.XmlSafe(input).Should().Be("lone \\uD800 surrogate");
    }
}
