namespace Expectations.Tests.Drift;

/// <summary>New ids always "drift": identifier-like columns compare only their missing rate unless asked.</summary>
public sealed class IdentifierDriftTests
{
    private static InMemoryTable Batch(int firstId, int rows)
    {
        var random = new Random(7);
        return InMemoryTable.Builder($"batch {firstId}")
            .Add("id", [.. Enumerable.Range(firstId, rows).Select(i => (long?)i)])
            .Add("email", [.. Enumerable.Range(firstId, rows).Select(i => (string?)$"user{i}@example.com")])
            .Add("amount", [.. Enumerable.Range(0, rows).Select(_ => (double?)Math.Round(random.NextDouble() * 100, 2))])
            .Build();
    }

    [Fact]
    public async Task Ids_and_high_cardinality_text_do_not_drift_by_default_and_say_why()
    {
        var report = await DriftDetector.CompareAsync(Batch(0, 2000), Batch(1_000_000, 2000));

        report.Column("id")!.Drifted.Should().BeFalse();
        report.Column("id")!.Message.Should().Contain("looks like an identifier");
        report.Column("email")!.Message.Should().Contain("looks like an identifier");
        report.Column("amount")!.Message.Should().BeNull("floats are never treated as identifiers");
        report.Passed.Should().BeTrue();
    }

    [Fact]
    public async Task Asked_to_compare_identifiers_the_new_ids_drift()
    {
        var report = await DriftDetector.CompareAsync(Batch(0, 2000), Batch(1_000_000, 2000), new DriftOptions { CompareIdentifiers = true });

        report.Column("id")!.Drifted.Should().BeTrue();
    }

    [Fact]
    public async Task Suggest_leaves_drift_off_identifier_columns()
    {
        var profile = await DatasetProfile.BuildAsync(Batch(0, 2000));

        var drift = SuiteSuggester.Suggest(profile).Expectations.OfType<ColumnDistributionToNotDrift>().Select(e => e.Column);

        drift.Should().Equal("amount");
    }
}
