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
        ("Catalog", "Checks"),       // the registry pairs each expectation record with its evaluator
        ("Catalog", "Engine"),       // evaluator factories produce Engine's Evaluator
        ("Catalog", "Model"),        // entries are keyed by Expectation type
        ("Checks", "Conditions"),    // unexpected-rows checks parse and apply row conditions
        ("Checks", "Data"),          // evaluators read column batches
        ("Checks", "Drift"),         // drift checks compute the drift statistics
        ("Checks", "Dsl"),           // each check file adds its fluent verbs (partial ColumnVerbs/TableVerbs on ColumnRules)
        ("Checks", "Engine"),        // evaluators derive from Engine's evaluator and metric bases
        ("Checks", "Kernels"),       // evaluators count with the vectorized kernels
        ("Checks", "Model"),         // check records derive from Expectation and hold Scalars
        ("Checks", "Profiling"),     // drift checks compare against profile baselines
        ("Checks", "Reporting"),     // evaluators produce ExpectationResult details
        ("Conditions", "Data"),      // row filters read column batches
        ("Conditions", "Engine"),    // a filtered metric is a metric; errors are ExpectationExceptions
        ("Conditions", "Model"),     // conditions compare Scalars
        ("Data", "Model"),           // column statistics give their min/max as Scalars
        ("Drift", "Data"),           // drift over data sources profiles them first
        ("Drift", "Profiling"),      // drift compares dataset profiles
        ("Dsl", "Checks"),           // the core verbs create check records
        ("Dsl", "Data"),             // suite.Validate(source) takes an IDataSource
        ("Dsl", "Engine"),           // suite.Validate compiles a ValidationPlan
        ("Dsl", "Model"),            // builders produce Expectations and Suites
        ("Dsl", "Reporting"),        // suite.Validate returns a ValidationReport
        ("Engine", "Catalog"),       // plan compilation looks evaluators up in the catalog
        ("Engine", "Checks"),        // AggregateBetweenEvaluator reads ColumnAggregateBetween's bounds
        ("Engine", "Conditions"),    // bindings and metric context apply row conditions
        ("Engine", "Data"),          // the engine streams column batches
        ("Engine", "Json"),          // MapEvaluator finds column kwargs through KwargBinder
        ("Engine", "Kernels"),       // metrics accumulate with the kernels
        ("Engine", "Model"),         // plans are compiled from Expectations
        ("Engine", "Parameters"),    // plans resolve $PARAMETER values
        ("Engine", "Reporting"),     // runs produce ValidationReports
        ("Json", "Catalog"),         // suite JSON finds the record type by expectation name
        ("Json", "Data"),            // kwargs write doubles with ScalarFormatting
        ("Json", "Model"),           // suite JSON reads and writes Expectations
        ("Kernels", "Engine"),       // duplicate tables throw ExpectationException when full
        ("Model", "Conditions"),     // Expectation checks its row_condition parses
        ("Model", "Data"),           // Scalar writes doubles with ScalarFormatting
        ("Parameters", "Json"),      // parameters are resolved by rewriting the expectation's JSON
        ("Parameters", "Model"),     // resolved values are Scalars of Expectations
        ("Profiling", "Checks"),     // the suite suggester creates check records
        ("Profiling", "Data"),       // profiling reads column batches
        ("Profiling", "Dsl"),        // the suite suggester builds with Expect.Suite
        ("Profiling", "Kernels"),    // profiles accumulate moments with the kernels
        ("Profiling", "Model"),      // suggested expectations and profile values are Model types
        ("Quarantine", "Data"),      // splits rows of data chunks
        ("Quarantine", "Engine"),    // runs a ValidationPlan to find invalid rows
        ("Quarantine", "Json"),      // invalid-row output writes the expectation's kwargs
        ("Quarantine", "Model"),     // asks for complete result formats of Expectations
        ("Quarantine", "Reporting"), // reads the invalid rows from the report's results
        ("Reporting", "Json"),       // reports show expectations and kwargs as JSON
        ("Reporting", "Model"),      // reports describe Expectations and severities
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
