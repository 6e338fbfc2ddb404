namespace Expectations.Conformance;

/// <summary>
/// <c>dotnet run --project tests/Expectations.Conformance -- [FIXTURES_DIR]</c>: runs the GX fixtures, prints
/// failures and a per-expectation table, ends with <c>N passed, M failed, K skipped</c>, and rewrites
/// docs/conformance.md. Exit code 0, or 2 when the fixtures cannot be read.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var directory = FixtureLoader.ResolveFixturesDirectory(args.Length > 0 ? args[0] : null);
        if (directory is null)
        {
            Console.Error.WriteLine($"Cannot find the fixtures: pass a folder, set {FixtureLoader.EnvironmentVariable}, or run inside the repository.");
            return 2;
        }

        ConformanceResult result;
        try
        {
            result = ConformanceRunner.Run(directory);
        }
        catch (FixtureException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        if (FixtureLoader.FindRepositoryRoot() is { } root)
        {
            var doc = Path.Combine(root, "docs", "conformance.md");
            Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
            File.WriteAllText(doc, ConformanceDocument.Markdown(result));
            Console.WriteLine($"Wrote {Path.GetRelativePath(Directory.GetCurrentDirectory(), doc)}");
        }

        Console.WriteLine(ConformanceDocument.Console(result));
        return 0;
    }
}
