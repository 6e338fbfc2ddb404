using System.Text;

namespace Expectations.Model;

/// <summary>
/// A Python <c>strftime</c>/<c>strptime</c> format compiled, as CPython compiles it, into a sequence of tokens: the
/// syntax of <c>strftime_format</c>, checked when a suite is read. Matching values against it is the engine's
/// <c>Strptime</c>.
/// </summary>
/// <remarks>
/// Directives: <c>%a %A %b %B %c %d %f %G %H %I %j %m %M %p %S %u %U %V %w %W %x %X %y %Y %z %Z %%</c>
/// (<c>%c</c> = <c>%a %b %d %H:%M:%S %Y</c>, <c>%x</c> = <c>%m/%d/%y</c>, <c>%X</c> = <c>%H:%M:%S</c>; <c>%Z</c> accepts UTC and GMT).
/// Anything else after <c>%</c> (for example the glibc-only <c>%D</c>, <c>%e</c>, <c>%T</c>) is "a bad directive", as
/// in Python, and a directive used twice is an error, as Python's regex compiler rejects it.
/// </remarks>
internal sealed class StrftimeFormat
{
    /// <summary>The directives that read digits.</summary>
    internal const string NumericDirectives = "dHIGjmMSUWVwuyY";

    private StrftimeFormat(string format, StrftimeToken[] tokens)
    {
        Format = format;
        Tokens = tokens;
    }

    /// <summary>The format, as given.</summary>
    public string Format { get; }

    /// <summary>The tokens, in order (<c>%c</c>, <c>%x</c>, <c>%X</c> expanded).</summary>
    public IReadOnlyList<StrftimeToken> Tokens { get; }

    /// <summary>Compiles a format.</summary>
    /// <exception cref="FormatException">A bad directive, a stray <c>%</c>, a directive used twice, or a combination CPython rejects.</exception>
    public static StrftimeFormat Parse(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var tokens = new List<StrftimeToken>();
        var seen = new HashSet<char>();
        Compile(format, format, tokens, seen);
        if (seen.Contains('G') && seen.Contains('j'))
        {
            throw new FormatException("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.");
        }

        var weekday = seen.Overlaps("aAwu");
        if (seen.Contains('G') && !(seen.Contains('V') && weekday))
        {
            throw new FormatException("ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').");
        }

        if (seen.Contains('V') && !seen.Contains('G'))
        {
            throw new FormatException(seen.Contains('Y') || seen.Contains('y')
                ? "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead."
                : "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u').");
        }

        return new StrftimeFormat(format, [.. tokens]);
    }

    private static void Compile(string format, string whole, List<StrftimeToken> tokens, HashSet<char> seen)
    {
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0)
            {
                tokens.Add(new StrftimeToken(StrftimeTokenKind.Literal, '\0', literal.ToString()));
                literal.Clear();
            }
        }

        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (char.IsWhiteSpace(c))
            {
                Flush();
                while (i + 1 < format.Length && char.IsWhiteSpace(format[i + 1]))
                {
                    i++;
                }

                tokens.Add(new StrftimeToken(StrftimeTokenKind.Whitespace, '\0', null));
                continue;
            }

            if (c != '%')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 == format.Length)
            {
                throw new FormatException($"stray % in format '{whole}'");
            }

            var d = format[++i];
            switch (d)
            {
                case '%':
                    literal.Append('%');
                    continue;
                case 'c':
                    Flush();
                    Compile("%a %b %d %H:%M:%S %Y", whole, tokens, seen);
                    continue;
                case 'x':
                    Flush();
                    Compile("%m/%d/%y", whole, tokens, seen);
                    continue;
                case 'X':
                    Flush();
                    Compile("%H:%M:%S", whole, tokens, seen);
                    continue;
            }

            var kind = d switch
            {
                _ when NumericDirectives.Contains(d) => StrftimeTokenKind.Number,
                'a' or 'A' or 'b' or 'B' or 'p' or 'Z' => StrftimeTokenKind.Name,
                'f' => StrftimeTokenKind.Fraction,
                'z' => StrftimeTokenKind.Offset,
                _ => throw new FormatException($"'{d}' is a bad directive in format '{whole}'"),
            };
            if (!seen.Add(d))
            {
                throw new FormatException($"the directive '%{d}' appears twice in format '{whole}' (Python's strptime rejects it: redefinition of group name)");
            }

            Flush();
            tokens.Add(new StrftimeToken(kind, d, null));
        }

        Flush();
    }
}

/// <summary>What a token of a format matches.</summary>
internal enum StrftimeTokenKind
    {
    Literal,
    Whitespace,
    Number,
    Name,
    Fraction,
    Offset,
}

/// <summary>One piece of a format: a literal text, a run of whitespace, or a directive.</summary>
internal sealed record StrftimeToken(StrftimeTokenKind Kind, char Directive, string? Text);
