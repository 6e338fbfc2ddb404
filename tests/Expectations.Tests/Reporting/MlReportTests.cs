using static Expectations.Tests.Checks.Leakage.LeakageTestData;

namespace Expectations.Tests.Reporting;

/// <summary>The text report (and FailureText's one-line summaries) say what the ML checks found: keys and rows on both sides, pairs with their texts, the confusion matrix.</summary>
public class MlReportTests
{
    [Fact]
    public void The_text_report_shows_leaked_keys_pairs_and_the_confusion_matrix()
    {
        var here = InMemoryTable.Builder()
            .Add("user_id", new long?[] { 1, 2, 2 })
            .Add("body", new[] { "the quick brown fox jumps over the lazy dog", "something else entirely", "and another one" })
            .Add("a", new long?[] { 1, 0, 1 })
            .Add("b", new long?[] { 1, 1, 1 })
            .Build();
        var there = InMemoryTable.Builder()
            .Add("user_id", new long?[] { 5, 2 })
            .Add("body", new[] { "unrelated", "The quick brown fox jumps over the lazy dog!" })
            .Build();
        var suite = Expect.Suite("ml")
            .Column<long>("user_id", c => c.NotInOtherTable("test"))
            .Column<string>("body", c => c.NoNearDuplicatesInOtherTable("test"))
            .Table(t => t.CohensKappa("a", "b", min: 0.6))
            .Build();
        var report = suite.Validate(here, new ValidationOptions { OtherTables = Other("test", there) });

        var text = TextReport.Render(report, new TextReportOptions { Width = 400 });
        text.Should().Contain("1 keys also in 'test': 2 (2 here from row 1, 1 there from row 1)");
        text.Should().Contain("row 0 ≈ row 1 there (Jaccard 1)");
        text.Should().Contain("confusion matrix [[0,1],[0,2]] (rows: a)");
        FailureText.Summary(report.Results[0]).Should().Contain("1 keys also in 'test'", "EnsureSuccess and logging share this wording");
    }
}
