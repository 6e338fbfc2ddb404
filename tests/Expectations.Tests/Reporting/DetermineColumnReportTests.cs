namespace Expectations.Tests.Reporting;

/// <summary>A real validation with contradictory labels, rendered: every format shows the conflicting groups.</summary>
public partial class MlReportTableTests
{
    [Fact]
    public void A_validation_with_contradictory_labels_shows_the_groups_table_in_every_format()
    {
        var data = InMemoryTable.Builder("reviews")
            .Add("text", new[] { "great", "great", "bad", "great", "meh", "meh", "bad" })
            .Add("source", new string?[] { "web", "web", "app", "web", null, null, "app" })
            .Add("label", new[] { "pos", "neg", "neg", "pos", "pos", "neg", "neg" })
            .Build();
        var report = Expect.Suite("labels").Table(t => t.FeaturesDetermine(["text", "source"], "label")).Build().Validate(data);
        report.Results.Single().Success.Should().BeFalse();
        InEveryFormat(report, MulticolumnValuesToDetermineColumn.TypeName, "text, source, label", "Groups with conflicting label (2 groups)",
            ["text", "source", "Rows", "label values (rows)"],
            [["\"great\"", "\"web\"", "3", "\"pos\" × 2 (first row 0), \"neg\" × 1 (first row 1)"],
             ["\"meh\"", "null", "2", "\"pos\" × 1 (first row 4), \"neg\" × 1 (first row 5)"]]);
    }
}
