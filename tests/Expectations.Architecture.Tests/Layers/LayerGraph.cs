using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Expectations.Architecture.Tests.Layers;

/// <summary>
/// One use, in a file of one layer, of a symbol declared in a file of another layer. <see cref="Type"/> and
/// <see cref="Member"/> name the code that uses it (null at file scope, or for a type's attributes and base list).
/// </summary>
public sealed record LayerReference(string FromLayer, string ToLayer, string File, int Line, string? Type, string? Member, string Symbol)
{
    public override string ToString()
    {
        var where = (Type, Member) switch
        {
            (null, _) => "file scope",
            (_, null) => $"type {Type}",
            _ => $"type {Type}, member {Member}",
        };
        return $"{File}:{Line} ({where}) uses {ToLayer}'s {Symbol}";
    }
}

/// <summary>
/// The folder-to-folder dependency graph of a set of C# sources. A layer is the first folder of a source's path
/// ("Engine/ColumnMap/MapEvaluator.cs" is in "Engine"; "Expect.cs" in <see cref="RootLayer"/>). All sources are compiled
/// together and every syntax node that binds to a symbol is looked up: when the symbol is declared in a source of
/// another layer, that is a reference along the edge from the using layer to the declaring one.
/// </summary>
public sealed class LayerGraph
{
    public const string RootLayer = "(root)";

    // Containing types without namespaces ("KwargBinder.PropertiesOf", "ColumnBatch.Builder"), no parameter lists.
    private static readonly SymbolDisplayFormat SymbolFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.None,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    /// <summary>Edges by from layer, then to layer (ordinal), so that every listing has the same order.</summary>
    public static readonly IComparer<(string From, string To)> EdgeOrder = Comparer<(string From, string To)>.Create((a, b) =>
        string.CompareOrdinal(a.From, b.From) is var from and not 0 ? from : string.CompareOrdinal(a.To, b.To));

    private LayerGraph(IReadOnlyList<string> layers, int fileCount, IReadOnlyList<LayerReference> references, IReadOnlyList<Diagnostic> errors)
    {
        Layers = layers;
        FileCount = fileCount;
        References = references;
        CompilationErrors = errors;
        var edges = new SortedDictionary<(string From, string To), IReadOnlyList<LayerReference>>(EdgeOrder);
        foreach (var edge in references.GroupBy(r => (From: r.FromLayer, To: r.ToLayer)))
        {
            edges.Add(edge.Key, edge.ToList());
        }

        Edges = edges;
    }

    /// <summary>Every layer that holds a source, in ordinal order.</summary>
    public IReadOnlyList<string> Layers { get; }

    public int FileCount { get; }

    /// <summary>Every cross-layer reference, by file and line; at most one per symbol and line.</summary>
    public IReadOnlyList<LayerReference> References { get; }

    /// <summary>The edges that occur, in <see cref="EdgeOrder"/>, each with its references.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<LayerReference>> Edges { get; }

    /// <summary>
    /// The compilation's parse and declaration errors (not those in method bodies). Some are expected: the source
    /// generators (System.Text.Json's, [GeneratedRegex], [LoggerMessage]) do not run here, so their partial members
    /// have no implementation. The analysis works through errors, using candidate symbols where binding fails.
    /// </summary>
    public IReadOnlyList<Diagnostic> CompilationErrors { get; }

    /// <summary>
    /// Errors that say a type, namespace or assembly could not be found: the references are incomplete, and symbols
    /// that bind through the missing types may be missed, so the graph cannot be trusted.
    /// </summary>
    public IReadOnlyList<Diagnostic> UnresolvedReferenceErrors =>
        CompilationErrors.Where(d => d.Id is "CS0246" or "CS0234" or "CS0012" or "CS0400").ToList();

    /// <summary>The layer of a source path relative to the analysed folder.</summary>
    public static string LayerOf(string path)
    {
        var normalized = Normalize(path);
        var slash = normalized.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? RootLayer : normalized[..slash];
    }

    /// <summary>
    /// Compiles <paramref name="sources"/> (paths relative to the analysed folder, e.g. "Engine/Evaluator.cs") against
    /// <paramref name="references"/> and collects the cross-layer references. <paramref name="globalUsings"/> are the
    /// namespaces a project imports everywhere (ImplicitUsings); they are compiled in, but are no layer.
    /// </summary>
    public static LayerGraph Build(
        IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference> references, IEnumerable<string>? globalUsings = null)
    {
        var parseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, Normalize(s.Path), Encoding.UTF8))
            .ToList();
        var usings = CSharpSyntaxTree.ParseText(
            string.Concat((globalUsings ?? []).Select(u => $"global using global::{u};\n")), parseOptions, "GlobalUsings.g.cs", Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            "LayerGraph",
            [.. trees, usings],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        // Which source a declaration is in is known by its tree; only these trees count (metadata symbols have none).
        var treeLayers = trees.ToDictionary(t => t, t => LayerOf(t.FilePath));

        // Trees are independent once the compilation exists, and a compilation is thread-safe: bind them in parallel.
        var perTree = new List<LayerReference>[trees.Count];
        Parallel.For(0, trees.Count, i => perTree[i] = Collect(compilation.GetSemanticModel(trees[i]), treeLayers));

        var all = perTree.SelectMany(r => r)
            .OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Symbol, StringComparer.Ordinal)
            .ToList();
        // Declaration errors only: the method-body ones would bind every body a second time (the semantic models do
        // not share their binding with the compiler's own pass), for a list that only explains itself.
        var errors = compilation.GetParseDiagnostics().Concat(compilation.GetDeclarationDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .ToList();
        var layers = treeLayers.Values.Distinct().Order(StringComparer.Ordinal).ToList();
        return new LayerGraph(layers, trees.Count, all, errors);
    }

    /// <summary>The graph as text: one line per edge with its reference count, then a matrix of the same counts.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"{FileCount} files in {Layers.Count} layers; {References.Count} cross-layer references along {Edges.Count} edges.\n\n");
        var width = Edges.Keys.Select(e => e.From.Length + e.To.Length + 3).DefaultIfEmpty(0).Max();
        foreach (var ((from, to), refs) in Edges)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {$"{from} → {to}".PadRight(width)}  {refs.Count,5}\n");
        }

        // Rows use columns; "." where the row layer does not use the column layer.
        sb.Append("\nMatrix (row uses column):\n");
        var head = Layers.Select(l => l.Length).DefaultIfEmpty(0).Max();
        var cell = Math.Max(5, head + 1);
        sb.Append(' ', head + 2);
        foreach (var column in Layers)
        {
            sb.Append(column.PadLeft(cell));
        }

        sb.Append('\n');
        foreach (var row in Layers)
        {
            sb.Append("  ").Append(row.PadRight(head));
            foreach (var column in Layers)
            {
                var text = Edges.TryGetValue((row, column), out var refs) ? refs.Count.ToString(CultureInfo.InvariantCulture) : ".";
                sb.Append(text.PadLeft(cell));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// The current edges as entries for an allowed list, each commented with its count and most used symbols: paste
    /// them over the list when the layers change on purpose, then write down why each is allowed.
    /// </summary>
    public string DescribeAsAllowedList()
    {
        var sb = new StringBuilder();
        foreach (var ((from, to), refs) in Edges)
        {
            var top = refs.GroupBy(r => r.Symbol).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).Select(g => g.Key);
            sb.Append(CultureInfo.InvariantCulture, $"        (\"{from}\", \"{to}\"), // {refs.Count} refs, e.g. {string.Join(", ", top)}\n");
        }

        return sb.ToString();
    }

    private static List<LayerReference> Collect(SemanticModel model, IReadOnlyDictionary<SyntaxTree, string> treeLayers)
    {
        var tree = model.SyntaxTree;
        var fromLayer = treeLayers[tree];
        var found = new List<LayerReference>();
        var seen = new HashSet<(int Line, string Symbol)>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (!NamesASymbol(node))
            {
                continue;
            }

            var info = model.GetSymbolInfo(node);
            // CandidateSymbols: bound with errors (an argument from generator output that is missing here), or a
            // method group as in nameof(Method). The candidates are still the symbols the code names.
            var symbols = info.Symbol is { } symbol ? [symbol] : info.CandidateSymbols;
            foreach (var candidate in symbols)
            {
                if (Declared(candidate) is not { } declared)
                {
                    continue;
                }

                var homes = HomeLayers(declared, treeLayers);
                if (homes.Count > 1 && IsQualifier(node))
                {
                    continue; // ColumnVerbs.EmbeddedBaseline(): the member says which part of the partial type is used
                }

                // A partial type declared in the user's own layer (too) is not a dependency; otherwise it is one on
                // every layer that declares a part of it.
                if (homes.Count == 0 || homes.Contains(fromLayer))
                {
                    continue;
                }

                // Once per symbol and line: `[Foo]` binds both its name and the attribute to Foo's constructor.
                var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var display = Display(declared);
                if (!seen.Add((line, display)))
                {
                    continue;
                }

                var (type, member) = Enclosing(node);
                foreach (var home in homes)
                {
                    found.Add(new LayerReference(fromLayer, home, tree.FilePath, line, type, member, display));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The nodes that name or imply a symbol. Names cover types (in declarations, casts, generic arguments, base
    /// lists, attributes, typeof, nameof), members, and extension-method calls; the others bind to a symbol no name of
    /// theirs shows: target-typed new() to a constructor, a[i] to an indexer, a + b to a user-defined operator,
    /// base(...) and a primary-constructor base call to a constructor.
    /// </summary>
    private static bool NamesASymbol(SyntaxNode node) => node switch
    {
        IdentifierNameSyntax { IsVar: true } => false, // inferred; the initializer names the dependency
        SimpleNameSyntax => true,
        ImplicitObjectCreationExpressionSyntax or ElementAccessExpressionSyntax or ImplicitElementAccessSyntax => true,
        AssignmentExpressionSyntax assignment => !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression), // x += y
        BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
        ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax => true,
        _ => false,
    };

    /// <summary>The declaration a use resolves to, or null for symbols that cannot be in another layer (locals, parameters, namespaces).</summary>
    private static ISymbol? Declared(ISymbol symbol)
    {
        if (symbol is IAliasSymbol alias)
        {
            symbol = alias.Target;
        }

        if (symbol is IMethodSymbol { ReducedFrom: { } extension })
        {
            symbol = extension; // x.Ext() is a call of the static Ext(x) in its declaring class
        }

        if (symbol is IMethodSymbol { AssociatedSymbol: { } property })
        {
            symbol = property; // an accessor, as the compound assignment to a property or event binds to
        }

        symbol = symbol.OriginalDefinition; // List<Foo>.Add and Foo<int> are declared where List<T>/Foo<T> are
        return symbol switch
        {
            // Local functions and lambdas live in the using file; an enum's == and | are the language's, not the enum's.
            IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.BuiltinOperator } => null,
            INamedTypeSymbol or IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => symbol,
            _ => null,
        };
    }

    /// <summary>The layers of the sources that declare <paramref name="symbol"/> (more than one for a partial type).</summary>
    private static SortedSet<string> HomeLayers(ISymbol symbol, IReadOnlyDictionary<SyntaxTree, string> treeLayers)
    {
        var declarations = symbol.DeclaringSyntaxReferences;
        if (declarations.IsEmpty && symbol.IsImplicitlyDeclared && symbol.ContainingType is { } type)
        {
            declarations = type.DeclaringSyntaxReferences; // a default constructor, a record's Equals: the type's place
        }

        var homes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            if (treeLayers.TryGetValue(declaration.SyntaxTree, out var layer))
            {
                homes.Add(layer);
            }
        }

        return homes;
    }

    private static bool IsQualifier(SyntaxNode node) => node.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == node,
        QualifiedNameSyntax qualified => qualified.Left == node,
        _ => false,
    };

    private static string Display(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } ctor => $"new {ctor.ContainingType.ToDisplayString(SymbolFormat)}",
        IPropertySymbol { IsIndexer: true } indexer => $"{indexer.ContainingType.ToDisplayString(SymbolFormat)}[]",
        _ => symbol.ToDisplayString(SymbolFormat),
    };

    /// <summary>The type (with its containing types) and member whose code holds <paramref name="node"/>.</summary>
    private static (string? Type, string? Member) Enclosing(SyntaxNode node)
    {
        string? member = null;
        var types = new List<string>();
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case BaseTypeDeclarationSyntax typeDeclaration:
                    types.Add(typeDeclaration.Identifier.Text);
                    break;
                case DelegateDeclarationSyntax delegateDeclaration:
                    types.Add(delegateDeclaration.Identifier.Text);
                    break;
                case MemberDeclarationSyntax memberDeclaration when member is null && types.Count == 0:
                    member = MemberName(memberDeclaration);
                    break;
            }
        }

        types.Reverse();
        return (types.Count == 0 ? null : string.Join('.', types), member);
    }

    private static string? MemberName(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Modifiers.Any(SyntaxKind.StaticKeyword) ? ".cctor" : ".ctor",
        DestructorDeclarationSyntax => "Finalize",
        PropertyDeclarationSyntax p => p.Identifier.Text,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax e => e.Identifier.Text,
        BaseFieldDeclarationSyntax f => string.Join(", ", f.Declaration.Variables.Select(v => v.Identifier.Text)),
        OperatorDeclarationSyntax o => $"operator {o.OperatorToken.Text}",
        ConversionOperatorDeclarationSyntax c => $"{c.ImplicitOrExplicitKeyword.Text} operator {c.Type}",
        EnumMemberDeclarationSyntax e => e.Identifier.Text,
        _ => null,
    };

    private static string Normalize(string path) => path.Replace('\\', '/');
}
