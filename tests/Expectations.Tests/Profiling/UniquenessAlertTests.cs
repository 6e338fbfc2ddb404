using Expectations.Profiling;

namespace Expectations.Tests.Profiling;

/// <summary>"All unique" is a claim: it is made only from an exact distinct count, never from an estimate.</summary>
public sealed class UniquenessAlertTests
{
    private static IReadOnlyList<ProfileAlert> AlertsOf(long?[] ids) =>
        ProfileHtml.Alerts(DatasetProfile.BuildAsync(InMemoryTable.Builder("t").Add("id", ids).Build()).GetAwaiter().GetResult());

    [Fact]
    public void An_approximate_count_near_the_row_count_says_nearly_unique_not_all_unique()
    {
        // 5,000 ids with 28 repeats, beyond the exact distinct limit: the count is an estimate.
        var ids = Enumerable.Range(0, 5000).Select(i => (long?)(i % 180 == 0 && i > 0 ? i - 1 : i)).ToArray();

        var alerts = AlertsOf(ids).Where(a => a.Column == "id").ToList();

        alerts.Should().NotContain(a => a.Kind == "all_unique");
        alerts.Should().ContainSingle(a => a.Kind == "nearly_unique").Which.Message.Should().Contain("uniqueness not proven");
    }

    [Fact]
    public void An_exact_count_of_distinct_values_says_all_unique()
    {
        var alerts = AlertsOf([.. Enumerable.Range(0, 100).Select(i => (long?)i)]);

        alerts.Should().ContainSingle(a => a.Kind == "all_unique");
    }
}
