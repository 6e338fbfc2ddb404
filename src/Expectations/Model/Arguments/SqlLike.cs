using System.Text;
using System.Text.RegularExpressions;
using DotNetRegex = System.Text.RegularExpressions.Regex;

namespace Expectations.Model;

/// <summary>
/// SQL <c>LIKE</c> in memory. GX ran these expectations only on SQL databases, whose dialects differ; the
/// dialect here is the union that agrees with GX's fixtures for every database: the whole value must match;
/// <c>%</c> matches any run of characters (also none, also line breaks), <c>_</c> exactly one; <c>[abc]</c>,
/// <c>[a-f]</c> and <c>[^a]</c> are character classes as in SQL Server (write <c>[[]</c> or <c>\[</c> for a literal
/// <c>[</c>; an unclosed <c>[</c> is literal); <c>\</c> escapes the next character (the PostgreSQL and MySQL default);
/// matching is case-sensitive (PostgreSQL <c>LIKE</c>; use <c>[aA]</c> for either case). Patterns become
/// anchored non-backtracking regexes, so matching is linear in the value's length.
/// </summary>
internal static class SqlLike
{
    /// <summary>The regex for a LIKE pattern.</summary>
    /// <exception cref="ArgumentException">The pattern ends with a lone escape character.</exception>
    public static DotNetRegex Create(string pattern) =>
        new(Translate(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);

    /// <summary>Adds an error when the pattern is invalid.</summary>
    public static void Check(string? pattern, ArgumentErrors errors, string argument)
    {
        if (pattern is null)
        {
            errors.Add(argument, "is required");
            return;
        }

        try
        {
            _ = Translate(pattern);
        }
        catch (ArgumentException ex)
        {
            errors.Add(argument, ex.Message);
        }
    }

    /// <summary>Adds errors for an empty list or an invalid pattern in it.</summary>
    public static void CheckList(ValueList<string> patterns, ArgumentErrors errors, string argument)
    {
        if (patterns.Count == 0)
        {
            errors.Add(argument, "must hold at least one pattern");
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            Check(patterns[i], errors, $"{argument}[{i}]");
        }
    }


    /// <summary>The anchored .NET regex for a LIKE pattern.</summary>
    /// <exception cref="ArgumentException">The pattern ends with a lone escape character.</exception>
    public static string Translate(string pattern)
    {
        var regex = new StringBuilder(@"\A", pattern.Length + 8);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%':
                    regex.Append(".*");
                    break;
                case '_':
                    // One character is one code point, as in SQL engines and Python: a surrogate pair is one, never split.
                    regex.Append(@"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDBFF])");
                    break;
                case '\\':
                    if (i + 1 == pattern.Length)
                    {
                        throw new ArgumentException($"ends with the escape character '\\' in '{pattern}' (write '\\\\' for a literal backslash)");
                    }

                    regex.Append(DotNetRegex.Escape(pattern[++i].ToString()));
                    break;
                case '[' when ClassEnd(pattern, i) is var close && close > 0:
                    i = AppendClass(regex, pattern, i, close);
                    break;
                default:
                    regex.Append(DotNetRegex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append(@"\z").ToString();
    }

    /// <summary>The index of the <c>]</c> closing the class opened at <paramref name="open"/>, or -1 when it is not closed.</summary>
    private static int ClassEnd(string pattern, int open)
    {
        // A ']' right after '[' or '[^' is a member, as in SQL Server, not the end of the class.
        var start = open + 1;
        if (start < pattern.Length && pattern[start] == '^')
        {
            start++;
        }

        if (start < pattern.Length && pattern[start] == ']')
        {
            start++;
        }

        return start < pattern.Length ? pattern.IndexOf(']', start) : -1;
    }

    /// <summary>Appends the class <c>pattern[open..close]</c>; returns the index of its closing bracket.</summary>
    private static int AppendClass(StringBuilder regex, string pattern, int open, int close)
    {
        var i = open + 1;
        regex.Append('[');
        if (pattern[i] == '^' && i + 1 < close)
        {
            regex.Append('^');
            i++;
        }

        for (; i < close; i++)
        {
            var c = pattern[i];
            if (c == '-' && i > open + 1 && i + 1 < close)
            {
                regex.Append('-');
            }
            else
            {
                // Everything else is a literal member: escape what .NET classes treat specially.
                if (c is '\\' or ']' or '[' or '^' or '-')
                {
                    regex.Append('\\');
                }

                regex.Append(c);
            }
        }

        regex.Append(']');
        return close;
    }
}
