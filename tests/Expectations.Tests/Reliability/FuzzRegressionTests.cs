using Expectations.Fuzz;

namespace Expectations.Tests.Reliability;

/// <summary>
/// Issue 12.1: every file of fuzz/corpus (regressions/TARGET: each input that ever crashed a harness, minimised;
/// seeds/TARGET: the fuzzers' starting inputs) runs through the harness's own entry point, <see cref="FuzzTargets.Run"/>,
/// and ends normally or with a documented exception, which Run catches: any other exception, an internal error
/// reported as an expectation's exception_info (<see cref="FuzzFindingException"/>), or a run longer than a minute
/// fails the test.
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(1);

    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-fuzz-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string CorpusRoot => Path.Combine(Docs.CatalogDocTests.RepoRoot(), "fuzz", "corpus");

    /// <summary>"regressions/parquet/footer-length.parquet": one test case per corpus file.</summary>
    public static TheoryData<string> Inputs() => new(
        new[] { "regressions", "seeds" }
            .Select(kind => Path.Combine(CorpusRoot, kind))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(CorpusRoot, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Corpus_input_ends_in_a_documented_outcome(string input)
    {
        var target = input.Split('/')[1];
        FuzzTargets.Names.Should().Contain(target, "a corpus folder is named after its target");
        var bytes = File.ReadAllBytes(Path.Combine(CorpusRoot, input));
        var scratch = Path.Combine(_dir, target == "csv" ? "input.csv" : "input.parquet");

        var run = Task.Run(() => FuzzTargets.Run(target, bytes, scratch));

        (await Task.WhenAny(run, Task.Delay(Bound))).Should().BeSameAs(run, $"{input} must finish within {Bound.TotalSeconds} s");
        await run;
    }

    [Fact]
    public void Every_target_has_seeds()
    {
        foreach (var target in FuzzTargets.Names)
        {
            Directory.EnumerateFiles(Path.Combine(CorpusRoot, "seeds", target)).Should().NotBeEmpty($"afl-fuzz needs a seed for {target}");
        }
    }

    [Fact]
    public void Only_the_documented_exceptions_count_as_handled()
    {
        FuzzTargets.IsDocumented(new SuiteFormatException("x")).Should().BeTrue();
        FuzzTargets.IsDocumented(new DataSourceException("x")).Should().BeTrue();
        FuzzTargets.IsDocumented(new ProfileFormatException("x")).Should().BeTrue();
        FuzzTargets.IsDocumented(new InvalidOperationException()).Should().BeFalse();
        FuzzTargets.IsDocumented(new FormatException()).Should().BeFalse();

        // Bytes that are not JSON are a documented error of the suite and profile targets.
        FuzzTargets.Run("suite", "{\"name\": "u8, Path.Combine(_dir, "x"));
        FuzzTargets.Run("profile", "[1, 2"u8, Path.Combine(_dir, "x"));
    }
}
