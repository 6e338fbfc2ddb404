using Expectations.Sql.Tests;

namespace Expectations.Conformance;

/// <summary>
/// <c>dotnet run --project tests/Expectations.Conformance -- [FIXTURES_DIR] [--backend memory|duckdb|sqlite|postgresql|all]</c>:
/// runs the GX fixtures on the in-memory engine and on each SQL backend asked for (default <c>all</c>: every one this
/// machine can run; PostgreSQL needs its binaries), prints failures and a per-expectation table, ends with
/// <c>N passed, M failed, K skipped</c> per backend, and rewrites docs/conformance.md with a column per backend. Exit
/// code 0, or 2 when the fixtures cannot be read or an argument is wrong.
/// </summary>
internal static class Program
{
    private static readonly string[] AllBackends = ["memory", .. SqlConformanceBackend.Names];

    public static int Main(string[] args)
    {
        string? folder = null;
        var backends = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--backend")
            {
                if (i + 1 >= args.Length || !(AllBackends.Contains(args[i + 1]) || args[i + 1] == "all"))
                {
                    Console.Error.WriteLine($"--backend needs one of {string.Join(", ", AllBackends)} or all");
                    return 2;
                }

                backends.AddRange(args[++i] == "all" ? AllBackends : [args[i]]);
            }
            else
            {
                folder = args[i];
            }
        }

        if (backends.Count == 0)
        {
            backends.AddRange(AllBackends);
        }

        var directory = FixtureLoader.ResolveFixturesDirectory(folder);
        if (directory is null)
        {
            Console.Error.WriteLine($"Cannot find the fixtures: pass a folder, set {FixtureLoader.EnvironmentVariable}, or run inside the repository.");
            return 2;
        }

        ConformanceResult? memory = null;
        var sql = new List<ConformanceResult>();
        var notRun = new List<string>();
        try
        {
            foreach (var backend in backends.Distinct(StringComparer.Ordinal))
            {
                if (backend == "memory")
                {
                    memory = ConformanceRunner.Run(directory);
                    continue;
                }

                if (backend == "postgresql" && PostgreSqlEngine.FindBinaries() is null)
                {
                    notRun.Add("postgresql (no initdb/pg_ctl on this machine)");
                    continue;
                }

                using var sqlBackend = SqlConformanceBackend.Create(backend);
                sql.Add(ConformanceRunner.Run(directory, sqlBackend) with { TypedDatasets = sqlBackend.TypedDatasets });
            }
        }
        catch (FixtureException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        // The document needs the in-memory run; only a full run rewrites it.
        if (memory is not null && notRun.Count == 0 && sql.Count == SqlConformanceBackend.Names.Count && FixtureLoader.FindRepositoryRoot() is { } root)
        {
            var doc = Path.Combine(root, "docs", "conformance.md");
            Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
            File.WriteAllText(doc, ConformanceDocument.Markdown(memory, sql));
            Console.WriteLine($"Wrote {Path.GetRelativePath(Directory.GetCurrentDirectory(), doc)}");
        }
        else
        {
            Console.WriteLine("docs/conformance.md not rewritten: it needs every backend (memory, duckdb, sqlite, postgresql).");
        }

        foreach (var result in (memory is null ? sql : [memory, .. sql]))
        {
            Console.WriteLine($"== {result.Backend ?? "memory"}");
            Console.WriteLine(ConformanceDocument.Console(result));
            Console.WriteLine();
        }

        foreach (var skipped in notRun)
        {
            Console.WriteLine($"not run: {skipped}");
        }

        return 0;
    }
}
