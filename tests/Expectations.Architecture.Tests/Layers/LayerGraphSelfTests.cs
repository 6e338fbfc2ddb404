using Basic.Reference.Assemblies;

namespace Expectations.Architecture.Tests.Layers;

/// <summary>
/// Tests of the guard itself, on a small in-memory source set: the analysis finds each kind of use across layers,
/// and the allowed-list check fails, naming the code, when an edge is not allowed or an allowed one is gone.
/// </summary>
public class LayerGraphSelfTests
{
    // Model uses Engine in every way the analysis must see; Engine uses Kernels once. Line numbers matter below.
    private const string ModelSource = """
        using Demo.Engine;
        namespace Demo.Model;

        [Marker]
        public sealed class A : Base
        {
            public List<Token> Tokens { get; } = [];
            public int Run(B b) => b.Compute(1) + b.Twice();
            public string Name => nameof(B.Compute);
            public Token Make() => new();
            public int Broken(B b) => b.Compute(Undefined.Value);
            public int Local() => Helper();
            private static int Helper() => 1;
        }
        """;

    private const string EngineSource = """
        using Demo.Kernels;
        namespace Demo.Engine;

        public class B { public int Compute(int x) => x + C.One; }
        public static class BExtensions { public static int Twice(this B b) => 2 * b.Compute(1); }
        public sealed class MarkerAttribute : Attribute;
        public abstract class Base;
        public sealed class Token;
        """;

    private const string KernelsSource = """
        namespace Demo.Kernels;

        public static class C { public static int One => 1; }
        """;

    private static readonly LayerGraph Graph = LayerGraph.Build(
        [("Model/A.cs", ModelSource), ("Engine/Sub/B.cs", EngineSource), ("Kernels/C.cs", KernelsSource)],
        Net100.References.All,
        ["System", "System.Collections.Generic"]);

    [Fact]
    public void Layers_are_first_level_folders()
    {
        Assert.Equal(["Engine", "Kernels", "Model"], Graph.Layers);
        Assert.Equal("Engine", LayerGraph.LayerOf("Engine/ColumnMap/MapEvaluator.cs"));
        Assert.Equal("Engine", LayerGraph.LayerOf(@"Engine\Evaluator.cs"));
        Assert.Equal(LayerGraph.RootLayer, LayerGraph.LayerOf("Expect.cs"));
    }

    [Fact]
    public void Analysis_reports_the_edges_with_the_using_type_and_member()
    {
        Assert.Equal([("Engine", "Kernels"), ("Model", "Engine")], Graph.Edges.Keys.Order());

        var uses = Graph.Edges[("Model", "Engine")].Select(r => (r.Line, r.Type, r.Member, r.Symbol)).ToList();
        Assert.Contains((4, "A", null, "new MarkerAttribute"), uses);        // attribute (its constructor)
        Assert.Contains((5, "A", null, "Base"), uses);                       // base type
        Assert.Contains((7, "A", "Tokens", "Token"), uses);                  // generic argument
        Assert.Contains((8, "A", "Run", "B"), uses);                         // parameter type
        Assert.Contains((8, "A", "Run", "B.Compute"), uses);                 // member
        Assert.Contains((8, "A", "Run", "BExtensions.Twice"), uses);         // extension-method call
        Assert.Contains((9, "A", "Name", "B.Compute"), uses);                // nameof
        Assert.Contains((10, "A", "Make", "new Token"), uses);               // target-typed new()
        Assert.Contains((11, "A", "Broken", "B.Compute"), uses);             // binds through a compilation error
        Assert.DoesNotContain(uses, u => u.Member is "Local" or "Helper");   // same layer, framework: no edge

        Assert.Equal(
            "Model/A.cs:8 (type A, member Run) uses Engine's B.Compute",
            Graph.Edges[("Model", "Engine")].First(r => r is { Member: "Run", Symbol: "B.Compute" }).ToString());
        Assert.Equal(
            ["Engine/Sub/B.cs:4 (type B, member Compute) uses Kernels's C", "Engine/Sub/B.cs:4 (type B, member Compute) uses Kernels's C.One"],
            Graph.Edges[("Engine", "Kernels")].Select(r => r.ToString()));
    }

    [Fact]
    public void Check_fails_on_an_edge_that_is_not_allowed_and_names_the_code()
    {
        var failure = LayerRules.Check(Graph, new HashSet<(string, string)> { ("Engine", "Kernels") });

        Assert.NotNull(failure);
        Assert.Contains("1 forbidden layer dependency", failure, StringComparison.Ordinal);
        Assert.Contains("Model → Engine:", failure, StringComparison.Ordinal);
        Assert.Contains("Model/A.cs:8 (type A, member Run) uses Engine's B.Compute", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Engine → Kernels", failure, StringComparison.Ordinal);
        // At most LayerRules.ExamplesPerEdge examples per edge, though Model uses Engine more often.
        Assert.Equal(LayerRules.ExamplesPerEdge, failure.Split('\n').Count(l => l.Contains(" uses Engine's ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_fails_on_an_allowed_edge_that_no_code_makes_any_more()
    {
        var failure = LayerRules.Check(Graph, new HashSet<(string, string)> { ("Engine", "Kernels"), ("Model", "Engine"), ("Kernels", "Model") });

        Assert.NotNull(failure);
        Assert.Contains("no longer used", failure, StringComparison.Ordinal);
        Assert.Contains("delete the line", failure, StringComparison.Ordinal);
        Assert.Contains("(\"Kernels\", \"Model\")", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("forbidden", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_passes_on_exactly_the_edges_in_use()
    {
        Assert.Null(LayerRules.Check(Graph, new HashSet<(string, string)> { ("Engine", "Kernels"), ("Model", "Engine") }));
    }
}
