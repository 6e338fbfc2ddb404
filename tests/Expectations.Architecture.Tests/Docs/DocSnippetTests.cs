using System.Globalization;
using System.Text;
using Expectations.Architecture.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Expectations.Architecture.Tests.Docs;

/// <summary>
/// Every C# block of README.md, docs/**/*.md and the package readmes (src/*/README.md) compiles, so that the docs show code that works with today's API.
/// <para>
/// The convention: a fenced block tagged <c>```csharp</c>, <c>```cs</c> or <c>```c#</c> must compile on its own,
/// against Expectations, Expectations.Parquet, Expectations.DataAnalysis, Expectations.Testing(.DataAnalysis), Expectations.Sql(.DuckDb, .Sqlite, .PostgreSql, .ClickHouse) and their dependencies
/// (Microsoft.Data.Analysis, Apache.Arrow, Parquet.Net, FluentAssertions, xunit, logging abstractions...), with the
/// implicit usings of a console app (System, System.IO, System.Linq, System.Collections.Generic, System.Net.Http,
/// System.Threading, System.Threading.Tasks) and nullable enabled. It brings its own other <c>using</c>s and declares
/// the variables it uses. A block with top-level statements compiles as a console application, one with only type
/// declarations as a library. Warnings do not fail; errors do.
/// </para>
/// <para>
/// A block that is not meant to compile (an outline with "...", output, pseudo-code) is tagged otherwise, e.g.
/// <c>```text</c>: only the tag opts a block out.
/// </para>
/// </summary>
public class DocSnippetTests
{
    // One set for all blocks: Roslyn reads each assembly's metadata once per MetadataReference object.
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LibraryReferences = new(() => References.FrameworkAndOutputFolder(_ => true));

    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The blocks by id ("docs/testing.md:15"): only strings, so that each is a test case of its own.</summary>
    public static TheoryData<string> Blocks() => new(AllBlocks().Select(b => b.Id));

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Csharp_block_compiles(string block)
    {
        var separator = block.LastIndexOf(':');
        var (file, line) = (block[..separator], int.Parse(block[(separator + 1)..], CultureInfo.InvariantCulture));
        var code = MarkdownCode.CSharpBlocks(file, File.ReadAllText(Path.Combine(RepoRoot.Path, file)))
            .SingleOrDefault(b => b.FenceLine == line)
            ?? throw new InvalidOperationException($"No C# block starts at {block} any more; rerun test discovery.");

        var (kind, errors) = Compile(code);

        if (errors.Count > 0)
        {
            Assert.Fail(Describe(code, kind, errors));
        }
    }

    internal static IEnumerable<CodeBlock> AllBlocks()
    {
        var docs = Path.Combine(RepoRoot.Path, "docs");
        var src = Path.Combine(RepoRoot.Path, "src");
        var files = new[] { Path.Combine(RepoRoot.Path, "README.md") }
            .Concat(Directory.Exists(docs) ? Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories) : [])
            // Each package's README.md (shipped in the package as its readme, see Directory.Build.targets).
            .Concat(Directory.Exists(src) ? Directory.EnumerateDirectories(src).Select(d => Path.Combine(d, "README.md")).Where(File.Exists) : [])
            .Select(path => Path.GetRelativePath(RepoRoot.Path, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        return files.SelectMany(file => MarkdownCode.CSharpBlocks(file, File.ReadAllText(Path.Combine(RepoRoot.Path, file))));
    }

    /// <summary>Compiles one block (in memory only) and gives its errors.</summary>
    internal static (OutputKind Kind, IReadOnlyList<Diagnostic> Errors) Compile(CodeBlock block)
    {
        var tree = CSharpSyntaxTree.ParseText(block.Code, ParseOptions, block.File, Encoding.UTF8);
        var kind = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any()
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create(
            "Snippet",
            [tree, CSharpSyntaxTree.ParseText(References.ImplicitUsingsSource, ParseOptions, "GlobalUsings.g.cs", Encoding.UTF8)],
            LibraryReferences.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

        var result = compilation.Emit(Stream.Null);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceSpan.Start).ToList();
        return (kind, errors);
    }

    internal static string Describe(CodeBlock block, OutputKind kind, IReadOnlyList<Diagnostic> errors)
    {
        var sb = new StringBuilder();
        var compiledAs = kind == OutputKind.ConsoleApplication ? "a console application" : "a library";
        sb.Append(CultureInfo.InvariantCulture,
            $"The ```{block.Tag} block at {block.Id} does not compile (as {compiledAs}); fix it, or tag it ```text if it is not meant to compile.\n");
        foreach (var error in errors)
        {
            var where = error.Location.IsInSource
                ? $"{block.File}:{block.FenceLine + 1 + error.Location.GetLineSpan().StartLinePosition.Line}"
                : block.Id;
            sb.Append(CultureInfo.InvariantCulture, $"  {where}: {error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}\n");
        }

        sb.Append("Block:\n");
        var lines = block.Code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {block.FenceLine + 1 + i,4} | {lines[i]}\n");
        }

        return sb.ToString();
    }
}
