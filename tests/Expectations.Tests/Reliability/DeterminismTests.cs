using System.Text.RegularExpressions;
using Expectations.Parquet;
using Expectations.Tests.Docs;

namespace Expectations.Tests.Reliability;

/// <summary>
/// Issue 12.5: the report of the sample — its own suite plus the suite <c>suggest</c> writes for it (most expectation
/// families, float aggregates whose sums depend on merge order among them) — is byte-identical, run times removed,
/// on 1, 2 and 8 worker threads and in five runs on 8 workers, over a folder of several files (parts that finish in
/// any order). The per-type check over GX's fixtures is in the conformance project (PartitionedRunTests).
/// </summary>
public sealed partial class DeterminismTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-determinism-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_sample_report_is_byte_identical_across_worker_counts_and_runs()
    {
        var root = CatalogDocTests.RepoRoot();
        for (var i = 0; i < 3; i++)
        {
            File.Copy(Path.Combine(root, "samples", "transactions.parquet"), Path.Combine(_dir, $"part-{i}.parquet"));
        }

        await using var source = await ParquetDataSource.OpenAsync(_dir);
        var sampleSuite = SuiteJson.Parse(await File.ReadAllTextAsync(Path.Combine(root, "samples", "transactions.suite.json")));
        var suggested = SuiteSuggester.Suggest(await DatasetProfile.BuildAsync(source));
        var suite = new ExpectationSuite("determinism", [.. sampleSuite.Expectations, .. suggested.Expectations]);
        var plan = ValidationPlan.Compile(suite);
        var options = new ValidationOptions
        {
            ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete),
            Now = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
        };

        var reference = WithoutRunTimes(ReportJson.Serialize(await plan.ValidateAsync(source, options with { MaxDegreeOfParallelism = 1 })));
        suite.Expectations.Length.Should().BeGreaterThan(40, "the suite should cover most expectation families");
        reference.Should().Contain("\"success\": false", "the sample has planted problems, so failing results (with samples and indices) are compared too");
        foreach (var workers in new[] { 2, 8, 8, 8, 8, 8 })
        {
            var report = WithoutRunTimes(ReportJson.Serialize(await plan.ValidateAsync(source, options with { MaxDegreeOfParallelism = workers })));
            report.Should().Be(reference, $"the report on {workers} workers must equal the one-thread report byte for byte");
        }
    }

    /// <summary>The report without <c>run_time</c> and <c>duration_seconds</c>: the only fields that may differ between runs.</summary>
    private static string WithoutRunTimes(string json) => RunTimes().Replace(json, "");

    [GeneratedRegex("\"(run_time|duration_seconds)\": [^,\\n]*,?")]
    private static partial Regex RunTimes();
}
