namespace Expectations.Architecture.Tests.Docs;

/// <summary>
/// A fenced code block of a Markdown file. <see cref="FenceLine"/> is the 1-based line of the opening fence, so code
/// line k (0-based) is line <c>FenceLine + 1 + k</c> of the file.
/// </summary>
public sealed record CodeBlock(string File, int FenceLine, string Tag, string Code)
{
    /// <summary>The block's name in test results and messages: "docs/testing.md:15".</summary>
    public string Id => $"{File}:{FenceLine}";
}

/// <summary>Fenced code blocks (``` or ~~~, possibly indented in a list) of Markdown text.</summary>
public static class MarkdownCode
{
    /// <summary>The info-string tags that mark a C# block; any other tag (```text, say) is not compiled.</summary>
    public static readonly IReadOnlySet<string> CSharpTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csharp", "cs", "c#" };

    public static IEnumerable<CodeBlock> CSharpBlocks(string file, string markdown) =>
        Blocks(file, markdown).Where(b => CSharpTags.Contains(b.Tag));

    /// <summary>
    /// Every fenced block, whatever its tag. A block ends at a fence of the same character at least as long as the
    /// opening one; a block left open runs to the end of the file. The opening fence's indentation is taken off the
    /// code lines.
    /// </summary>
    public static IEnumerable<CodeBlock> Blocks(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (Fence(lines[i]) is not { } open)
            {
                continue;
            }

            var code = new List<string>();
            var start = i;
            for (i++; i < lines.Length; i++)
            {
                if (Fence(lines[i]) is { } close && close.Char == open.Char && close.Length >= open.Length && close.Info.Length == 0)
                {
                    break;
                }

                code.Add(Unindent(lines[i], open.Indent));
            }

            yield return new CodeBlock(file, start + 1, open.Info.Split(' ', 2)[0], string.Join('\n', code));
        }
    }

    private static (char Char, int Length, int Indent, string Info)? Fence(string line)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        var rest = line[indent..];
        if (rest.Length < 3 || rest[0] is not ('`' or '~'))
        {
            return null;
        }

        var length = rest.Length - rest.TrimStart(rest[0]).Length;
        return length < 3 ? null : (rest[0], length, indent, rest[length..].Trim());
    }

    private static string Unindent(string line, int indent)
    {
        var spaces = line.Length - line.TrimStart(' ').Length;
        return line[Math.Min(spaces, indent)..];
    }
}
