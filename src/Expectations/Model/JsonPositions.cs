using System.Text;
using System.Text.Json;

namespace Expectations.Model;

/// <summary>Where malformed JSON went wrong, said once: line and column, both 1-based, columns counted in characters.</summary>
internal static class JsonPositions
{
    /// <summary>
    /// "malformed JSON at line L, column C: what" for <paramref name="ex"/>. System.Text.Json gives a 0-based line and a
    /// 0-based <em>byte</em> offset in the line and repeats both at the end of its message; with <paramref name="text"/>
    /// the byte offset becomes a character column.
    /// </summary>
    public static string Describe(JsonException ex, string? text)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var bytes = ex.BytePositionInLine ?? 0;
        var column = bytes + 1;
        if (text is not null && LineText(text, line) is { } lineText)
        {
            var utf8 = Encoding.UTF8.GetBytes(lineText);
            column = Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytes, utf8.Length)) + 1;
        }

        return $"malformed JSON at line {line}, column {column}: {WhatWentWrong(ex.Message)}";
    }

    /// <summary>The message without System.Text.Json's trailing " LineNumber: 2 | BytePositionInLine: 50." (0-based, and in bytes).</summary>
    internal static string WhatWentWrong(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).Trim();
    }

    private static string? LineText(string text, long line)
    {
        var start = 0;
        for (var i = 1; i < line; i++)
        {
            var next = text.IndexOf('\n', start);
            if (next < 0)
            {
                return null;
            }

            start = next + 1;
        }

        var end = text.IndexOf('\n', start);
        return end < 0 ? text[start..] : text[start..end];
    }
}
