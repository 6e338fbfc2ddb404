using Microsoft.CodeAnalysis;

namespace Expectations.Architecture.Tests.Docs;

/// <summary>Tests of the snippet guard itself: which blocks it finds, and that it compiles, fails and points at lines.</summary>
public class DocSnippetSelfTests
{
    private const string Markdown = """
        # Title

        ```csharp
        var a = 1;
        ```

        ```text
        not C#
        ```

        1. A list item:

           ```cs
           var b = 2;
           ```

        ~~~c#
        ```
        var c = 3;
        ~~~

        ````markdown
        ```csharp
        inside another block: not a block of its own
        ```
        ````
        """;

    [Fact]
    public void Finds_the_csharp_cs_and_csharp_sign_blocks_only()
    {
        var blocks = MarkdownCode.CSharpBlocks("docs/x.md", Markdown).ToList();

        Assert.Equal(["docs/x.md:3", "docs/x.md:13", "docs/x.md:17"], blocks.Select(b => b.Id));
        Assert.Equal("var a = 1;", blocks[0].Code);
        Assert.Equal("var b = 2;", blocks[1].Code); // the list item's indentation is taken off
        Assert.Equal("```\nvar c = 3;", blocks[2].Code); // a ``` line does not close a ~~~ block
    }

    [Fact]
    public void Statements_compile_as_a_program_against_the_libraries()
    {
        var (kind, errors) = DocSnippetTests.Compile(new CodeBlock("docs/x.md", 1, "csharp", """
            using Expectations;

            var suite = Expect.Suite("s").Column("amount", c => c.NotNull()).Build();
            Console.WriteLine(suite.Expectations.Length);
            """));

        Assert.Equal(OutputKind.ConsoleApplication, kind);
        Assert.Empty(errors);
    }

    [Fact]
    public void Type_declarations_compile_as_a_library()
    {
        var (kind, errors) = DocSnippetTests.Compile(new CodeBlock("docs/x.md", 1, "csharp", "public sealed record Row(string? Name);"));

        Assert.Equal(OutputKind.DynamicallyLinkedLibrary, kind);
        Assert.Empty(errors);
    }

    [Fact]
    public void An_error_is_reported_at_its_line_in_the_markdown_file()
    {
        var block = new CodeBlock("docs/x.md", 10, "csharp", "var a = 1;\nvar b = undefinedName;");

        var (kind, errors) = DocSnippetTests.Compile(block);
        var message = DocSnippetTests.Describe(block, kind, errors);

        Assert.Equal("CS0103", Assert.Single(errors).Id);
        Assert.Contains("docs/x.md:12: CS0103: The name 'undefinedName' does not exist in the current context", message, StringComparison.Ordinal);
        Assert.Contains("    12 | var b = undefinedName;", message, StringComparison.Ordinal);
    }
}
