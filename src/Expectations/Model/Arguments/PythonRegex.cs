using System.Text;
using System.Text.RegularExpressions;
using DotNetRegex = System.Text.RegularExpressions.Regex;

namespace Expectations.Model;

/// <summary>
/// Python <c>re</c> patterns on .NET: translates the syntax .NET spells differently and builds a regex that
/// cannot run away. Patterns run on the non-backtracking engine (linear time); only patterns that need
/// backtracking features (backreferences, lookarounds, atomic groups) use the backtracking engine, with a
/// match timeout.
/// </summary>
internal static class PythonRegex
{
    /// <summary>How long one match may take on the backtracking engine.</summary>
    public static TimeSpan MatchTimeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Adds an error for <paramref name="argument"/> when the pattern does not parse.</summary>
    public static void Check(string? pattern, ArgumentErrors errors, string argument = "regex")
    {
        if (pattern is null)
        {
            errors.Add(argument, "is required");
            return;
        }

        try
        {
            // Parsing only (interpreted, no compilation): cheap enough for every suite load.
            _ = new DotNetRegex(Translate(pattern), RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            errors.Add(argument, $"is not a valid regular expression: {(ex is RegexParseException p ? $"{p.Error} at offset {p.Offset}" : ex.Message)} in '{pattern}'");
        }
    }

    /// <summary>A regex for <paramref name="pattern"/>: non-backtracking when possible, else compiled with a match timeout.</summary>
    /// <exception cref="ArgumentException">The pattern is invalid.</exception>
    public static DotNetRegex Create(string pattern)
    {
        var translated = Translate(pattern);
        try
        {
            return new DotNetRegex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new DotNetRegex(translated, RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        }
    }

    /// <summary>
    /// Rewrites Python-only syntax: <c>(?P&lt;name&gt;</c> → <c>(?&lt;name&gt;</c>, <c>(?P=name)</c> → <c>\k&lt;name&gt;</c>,
    /// <c>\Z</c> (end of string in Python) → <c>\z</c>, <c>{,n}</c> → <c>{0,n}</c>. Escapes and character classes are copied as is.
    /// </summary>
    public static string Translate(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                result.Append('\\').Append(!inClass && next == 'Z' ? 'z' : next);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
                continue;
            }

            if (c == '[')
            {
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                inClass = true;
                result.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    result.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    result.Append(pattern[++i]);
                }

                continue;
            }

            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                result.Append("(?<");
                i += 3;
                continue;
            }

            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P=", 0, 4) == 0 && pattern.IndexOf(')', i) is var close and > 0)
            {
                result.Append("\\k<").Append(pattern, i + 4, close - i - 4).Append('>');
                i = close;
                continue;
            }

            if (c == '{' && i + 1 < pattern.Length && pattern[i + 1] == ',' && IsUpperBoundOnly(pattern, i + 2))
            {
                result.Append("{0");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>Whether <c>digits}</c> starts at <paramref name="start"/> (Python's <c>{,n}</c> quantifier).</summary>
    private static bool IsUpperBoundOnly(string pattern, int start)
    {
        var i = start;
        while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
        {
            i++;
        }

        return i > start && i < pattern.Length && pattern[i] == '}';
    }
}
