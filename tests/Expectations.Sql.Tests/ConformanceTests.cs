using Expectations.Conformance;
using Expectations.Conformance.Tests;
using Xunit.Abstractions;

namespace Expectations.Sql.Tests;

/// <summary>
/// GX's own fixtures (../shared/conformance/gx) through each SQL backend: every pandas-applicable test of a type the
/// SQL backend supports runs on the fixture's table loaded into the engine (with the conformance runner's loader,
/// <see cref="FixtureTable"/>, and <see cref="SqlTableLoader"/>). The pass count must not fall below the recorded one.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>Passes recorded when the backend was last improved; raise them when more pass, never lower them silently.</summary>
    private static readonly Dictionary<string, int> Baseline = new(StringComparer.Ordinal)
    {
        // Tests GX marks for the backend (only_for / suppress_test_for; sqlalchemy covers all three), of the types the SQL
        // backend runs, datasets loaded with GX's schemas.sqlite / schemas.postgresql where given. The one failure each is
        // explained in docs/conformance.md (KnownDeviations.BackendEntries): DuckDB's stddev_samp differs from PostgreSQL's in the last digit;
        // SQLite and PostgreSQL compare an INTEGER column (GX's own schema) with integer bounds where GX expects a TypeError.
        ["duckdb"] = 207,
        ["sqlite"] = 202,
        ["postgresql"] = 217,
    };

    [FixturesFact]
    public void DuckDb_passes_the_GX_fixtures_it_passed_before() => Run("duckdb");

    [FixturesFact]
    public void Sqlite_passes_the_GX_fixtures_it_passed_before() => Run("sqlite");

    [PostgreSqlFact]
    public void PostgreSql_passes_the_GX_fixtures_it_passed_before()
    {
        if (FixtureLoader.ResolveFixturesDirectory() is not { } directory || !Directory.Exists(directory))
        {
            output.WriteLine($"GX fixtures folder not found; set {FixtureLoader.EnvironmentVariable} to run the PostgreSQL conformance.");
            return;
        }

        Run("postgresql");
    }

    private void Run(string name)
    {
        using var backend = SqlConformanceBackend.Create(name);
        var result = ConformanceRunner.Run(FixtureLoader.ResolveFixturesDirectory()!, backend);
        var judged = result.Applicable.ToList();
        var failed = judged.Where(o => o.Status == OutcomeStatus.Failed).ToList();
        var passed = judged.Count - failed.Count;
        output.WriteLine($"{name}: {passed} of {judged.Count} applicable GX fixture tests of the types it runs pass ({(judged.Count == 0 ? 0 : 100.0 * passed / judged.Count):0.0} %); {result.Skipped} skipped (types the SQL backend does not run, or not implemented); {backend.TypedDatasets} datasets loaded with GX's {name} schema.");
        foreach (var f in failed)
        {
            output.WriteLine($"FAIL {f.File} / {f.Title}: {f.Reason}{(f.Explanation is { } why ? " — known: " + why : " — NOT EXPLAINED")}");
        }

        // Every failure is explained (KnownDeviations.BackendEntries), and no explanation is stale.
        Assert.All(failed, f => Assert.True(f.Explanation is not null, $"{name}: {f.File} / {f.Title} fails without an explanation: {f.Reason}"));
        Assert.Empty(result.StaleExplanations);

        Assert.NotEmpty(judged);
        Assert.True(passed >= Baseline[name], $"{name}: {passed} pass, fewer than the {Baseline[name]} recorded.");
    }
}
