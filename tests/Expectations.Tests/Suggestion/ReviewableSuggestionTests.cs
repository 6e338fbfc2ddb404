using Expectations.Parquet;
using Expectations.Tests.Docs;

namespace Expectations.Tests.Suggestion;

/// <summary>A suggested suite a person can review: planted problems are called out, drift baselines can live in a file.</summary>
public sealed class ReviewableSuggestionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-suggest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<DatasetProfile> SampleProfileAsync()
    {
        await using var source = await ParquetDataSource.OpenAsync(Path.Combine(CatalogDocTests.RepoRoot(), "samples", "transactions.parquet"));
        return await DatasetProfile.BuildAsync(source);
    }

    [Fact]
    public async Task The_samples_planted_problems_are_called_out_for_review_and_still_pass()
    {
        var suggestion = SuiteSuggester.Explain(await SampleProfileAsync(), "s");

        suggestion.Review.Should().Contain(n => n.Column == "label" && n.Message.Contains("'unknown' looks like a placeholder", StringComparison.Ordinal));
        suggestion.Review.Should().Contain(n => n.Column == "amount" && n.ExpectationType == "expect_column_values_to_be_between" && n.Message.Contains("stretched by extreme values", StringComparison.Ordinal));
        suggestion.Review.Should().NotContain(n => n.Column == "currency", "EUR, GBP and USD are all common");

        var flagged = suggestion.Suite.Expectations.OfType<ColumnValuesToBeInSet>().Single(e => e.Column == "label");
        flagged.Meta!.Value.GetProperty("notes").GetString().Should().Contain("placeholder");

        await using var source = await ParquetDataSource.OpenAsync(Path.Combine(CatalogDocTests.RepoRoot(), "samples", "transactions.parquet"));
        (await ValidationPlan.Compile(suggestion.Suite).ValidateAsync(source)).Success.Should().BeTrue("a suggested suite passes on its own data");
    }

    [Fact]
    public async Task Drift_baselines_can_be_referenced_by_path_instead_of_embedded()
    {
        var profile = await SampleProfileAsync();
        var path = Path.Combine(_dir, "baseline.json");
        profile.Save(path);

        var embedded = SuiteSuggester.Explain(profile, "s").Suite;
        var referenced = SuiteSuggester.Explain(profile, "s", new SuggestOptions { BaselinePath = path }).Suite;

        var drift = referenced.Expectations.OfType<ColumnDistributionToNotDrift>().ToList();
        drift.Should().NotBeEmpty().And.OnlyContain(e => e.BaselinePath == path && e.Baseline == null);
        SuiteJson.Serialize(referenced).Length.Should().BeLessThan(SuiteJson.Serialize(embedded).Length / 5, "the profile is no longer inside the suite");

        await using var source = await ParquetDataSource.OpenAsync(Path.Combine(CatalogDocTests.RepoRoot(), "samples", "transactions.parquet"));
        (await ValidationPlan.Compile(referenced).ValidateAsync(source)).Success.Should().BeTrue();
    }
}
