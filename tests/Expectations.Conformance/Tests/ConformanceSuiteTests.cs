using System.Globalization;

namespace Expectations.Conformance.Tests;

public sealed class ConformanceSuiteTests
{
    private const double RequiredPassRate = 0.98;

    /// <summary>
    /// The whole suite: at least 98 % of the applicable tests of implemented expectations pass, counting every
    /// failure — documented deviations included — and every failure must be explained in <see cref="KnownDeviations"/>
    /// (a stale explanation fails this test too).
    /// </summary>
    [FixturesFact]
    public void Implemented_expectations_pass_their_applicable_GX_fixtures()
    {
        var result = ConformanceRunner.Run(FixtureLoader.ResolveFixturesDirectory()!);

        var judged = result.Applicable.ToList();
        var failures = judged.Where(o => o.Status == OutcomeStatus.Failed).ToList();
        var unexplained = failures.Where(f => f.Explanation is null).ToList();
        Assert.True(unexplained.Count == 0, "Failures without an explanation in KnownDeviations:\n" + string.Join("\n", unexplained.Select(f => $"{f.File} / {f.Title}: {f.Reason}")));
        Assert.NotEmpty(judged);
        var rate = (double)(judged.Count - failures.Count) / judged.Count;
        Assert.True(
            rate >= RequiredPassRate,
            string.Create(CultureInfo.InvariantCulture, $"{rate:P1} of {judged.Count} applicable tests pass (need {RequiredPassRate:P0}). Failures:\n")
            + string.Join("\n", failures.Select(f => $"{f.File} / {f.Title}: {f.Reason}")));
        Assert.True(result.StaleExplanations.Count == 0, "Known deviations whose test no longer fails: " + string.Join(", ", result.StaleExplanations));
    }

    [FixturesFact]
    public void Every_registered_expectation_is_run_and_unregistered_ones_are_skipped()
    {
        var result = ConformanceRunner.Run(FixtureLoader.ResolveFixturesDirectory()!);

        Assert.All(result.Outcomes.Where(o => o.Status == OutcomeStatus.Skipped), o => Assert.False(ExpectationCatalog.Default.TryGetModelType(o.ExpectationType, out _), o.ExpectationType));
        Assert.All(result.Applicable, o => Assert.True(ExpectationCatalog.Default.TryGetModelType(o.ExpectationType, out _), o.ExpectationType));
        Assert.Matches(@"^\d+ passed, \d+ failed, \d+ skipped$", result.SummaryLine);
    }

    /// <summary>Every single-table dataset of every fixture becomes a table, so tests of expectations merged later fail only on their own results.</summary>
    [FixturesFact]
    public void Every_fixture_dataset_builds_a_table()
    {
        var problems = new List<string>();
        foreach (var file in FixtureLoader.LoadAll(FixtureLoader.ResolveFixturesDirectory()!))
        {
            foreach (var dataset in file.Datasets.Where(d => d.Data.ValueKind == System.Text.Json.JsonValueKind.Object && d.Tests.Any(t => t.AppliesToPandas)))
            {
                try
                {
                    var table = FixtureTable.Build(dataset.Data, dataset.PandasSchema, file.RelativePath);
                    Assert.Equal(dataset.Data.EnumerateObject().Count(), table.Columns.Count);
                }
                catch (FormatException ex)
                {
                    problems.Add($"{file.RelativePath} [{dataset.Index}]: {ex.Message}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
