using System.Diagnostics;
using Expectations.Architecture.Tests.Infrastructure;

namespace Expectations.Architecture.Tests.Layers;

/// <summary>
/// Guards the folder structure of src/Expectations: each first-level folder is a layer, and a layer may use another
/// only along an edge in <see cref="AllowedEdges"/>. A new dependency fails the test with the code that makes it; an
/// allowed edge that no code makes any more fails it too, so that the list stays a true picture of the layers.
/// The full current graph is printed in the test output on every run.
/// </summary>
public class LayerMatrixTests(ITestOutputHelper output)
{
    /// <summary>
    /// The allowed (from, to) layer dependencies, one per line: from uses to. Edit freely; the test output prints the
    /// current edges in this shape (with their counts and most used symbols) to paste from.
    /// Filled with the edges of the code as it was when the test was written (not a design), to be tightened.
    /// </summary>
    private static readonly IReadOnlySet<(string From, string To)> AllowedEdges = new HashSet<(string From, string To)>
    {
        // Kernels and Model sit at the bottom and use nothing of the library.
        ("Data", "Model"),            // batches and sources speak Model's Scalar and value lists
        ("Dsl", "Model"),             // each verb adds one expectation record
        ("Json", "Model"),            // suite wire format: records in and out (the report format, in Reporting, embeds it)
        ("Reporting", "Model"),       // a result names its expectation, which names its checked columns
        ("Reporting", "Json"),        // a report embeds each expectation in the suite format (expectation_config), and renderers show those kwargs
        ("Validation", "Model"),      // the plan holds the suite; backends receive its expectations
        ("Validation", "Data"),       // options name other tables as data sources
        ("Validation", "Reporting"),  // the plan assembles the report
        ("Validation", "Json"),       // suite parameters are resolved on the expectation's kwargs
        ("Engine", "Model"),          // evaluators read their records
        ("Engine", "Data"),           // evaluators and metrics read column batches
        ("Engine", "Kernels"),        // metrics run the vectorized kernels
        ("Engine", "Reporting"),      // evaluators produce results
        ("Engine", "Validation"),     // the in-memory engine is a backend behind the plan's seam
        ("Profiling", "Data"),        // profiles are computed over column batches
        ("Profiling", "Model"),       // column kinds (DataKind) decide what a profile holds
        ("Profiling", "Kernels"),     // moments and lengths come from the kernels
        ("Drift", "Profiling"),       // drift compares profiles
        ("Drift", "Data"),            // column kinds decide the tests
        ("Drift", "Model"),           // the drift expectation's record and its verbs
        ("Drift", "Engine"),          // the drift expectation's evaluator plugs into the in-memory engine
        ("Drift", "Reporting"),       // ... and produces a result
        ("Drift", "Dsl"),             // NoDriftFrom(profile) extends the column rules
        ("Drift", "Kernels"),         // the drift metric's state saves through the kernels' StateWriter (incremental runs)
        ("Suggestion", "Profiling"),  // suggests from a profile
        ("Suggestion", "Dsl"),        // ... writing the suite with the fluent builder
        ("Suggestion", "Model"),
        ("Suggestion", "Drift"),      // suggested drift expectations embed the profile as their baseline
        ("Quarantine", "(root)"),     // validates with the composed in-memory engine
        ("Quarantine", "Validation"),
        ("Quarantine", "Model"),
        ("Quarantine", "Data"),
        ("Quarantine", "Reporting"),
        ("(root)", "Engine"),         // the composition root: in-memory engine + built-in and feature evaluators
        ("(root)", "Drift"),
        ("(root)", "Validation"),
        ("(root)", "Model"),
        ("(root)", "Data"),
        ("(root)", "Reporting"),
    };

    [Fact]
    public void Core_library_layers_depend_only_along_allowed_edges()
    {
        var stopwatch = Stopwatch.StartNew();
        var graph = CoreLibraryGraph();
        stopwatch.Stop();

        // Printed before any assertion, so that every run shows the whole current graph.
        output.WriteLine($"Layer graph of src/Expectations (from → to: references), built in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
        output.WriteLine(graph.Describe());
        output.WriteLine("As entries of the allowed list:");
        output.WriteLine(graph.DescribeAsAllowedList());
        output.WriteLine($"{graph.CompilationErrors.Count} declaration errors (expected: the source generators do not run here):");
        foreach (var error in graph.CompilationErrors)
        {
            output.WriteLine($"  {error}");
        }

        Assert.True(graph.UnresolvedReferenceErrors.Count == 0,
            "The library does not compile against the references given, so the graph may miss edges:\n"
            + string.Join('\n', graph.UnresolvedReferenceErrors.Select(e => $"  {e}")));
        if (LayerRules.Check(graph, AllowedEdges, $"{nameof(LayerMatrixTests)}.{nameof(AllowedEdges)}") is { } failure)
        {
            Assert.Fail(failure);
        }
    }

    /// <summary>The graph of every .cs file under src/Expectations (bin and obj left out), compiled as the project does.</summary>
    internal static LayerGraph CoreLibraryGraph()
    {
        var root = Path.Combine(RepoRoot.Path, "src", "Expectations");
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(relative => !relative.Split('/').Any(segment => segment is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(relative => (relative, File.ReadAllText(Path.Combine(root, relative))))
            .ToList();

        // The library's own assembly would declare every symbol a second time, from metadata: leave Expectations* out.
        var references = References.FrameworkAndOutputFolder(name => !name.StartsWith("Expectations", StringComparison.Ordinal));
        return LayerGraph.Build(sources, references, References.ImplicitUsings);
    }
}
