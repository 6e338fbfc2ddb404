using System.Globalization;
using Expectations.Model;

namespace Expectations.Engine.Checks;

/// <summary>
/// Python's <c>datetime.strptime</c> for one format (its syntax: <see cref="StrftimeFormat"/>), in the C locale: decides whether a text is a date in that
/// format. It follows CPython's <c>_strptime</c> rather than translating to a .NET format string, because
/// .NET's <c>ParseExact</c> differs in ways users would see: Python's <c>%d</c>, <c>%m</c>, <c>%H</c> accept one or
/// two digits, <c>%f</c> one to six, whitespace in the format matches any run of whitespace, matching ignores
/// case, weekday names are not checked against the date, and <c>%j</c>, <c>%U</c>, <c>%W</c>, <c>%G</c>/<c>%V</c>/<c>%u</c>
/// have no .NET counterpart. So the format compiles, as in CPython, into a sequence of tokens, each with the
/// alternatives of CPython's regex for that directive in CPython's order; matching backtracks the same way
/// (the first path that reaches the end of the format wins, and the text must then be used up: "unconverted data
/// remains" otherwise), and the fields are then checked as <c>datetime</c> would (day within the month, years
/// 1–9999, seconds 0–59, a UTC offset under 24 hours; without a year the date is in 1900, so Feb 29 fails). The
/// reference is CPython 3.11.
/// Matching allocates nothing.
/// </summary>
internal sealed class Strptime
{
    private static readonly string[] FullWeekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] ShortWeekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    private static readonly string[] FullMonths = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] ShortMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] AmPm = ["am", "pm"];
    private static readonly string[] TimeZones = ["utc", "gmt"];

    // CPython's regex alternatives per numeric directive, in its order. Each alternative is a sequence of
    // character classes: a digit or space stands for itself, 'D' for any digit, "x-y" inside <> for a range.
    private static readonly Dictionary<char, string[]> NumberAlternatives = new()
    {
        ['d'] = ["3<0-1>", "<1-2>D", "0<1-9>", "<1-9>", " <1-9>"],
        ['H'] = ["2<0-3>", "<0-1>D", "D"],
        ['I'] = ["1<0-2>", "0<1-9>", "<1-9>"],
        ['G'] = ["DDDD"],
        ['j'] = ["36<0-6>", "3<0-5>D", "<1-2>DD", "0<1-9>D", "00<1-9>", "<1-9>D", "0<1-9>", "<1-9>"],
        ['m'] = ["1<0-2>", "0<1-9>", "<1-9>"],
        ['M'] = ["<0-5>D", "D"],
        ['S'] = ["6<0-1>", "<0-5>D", "D"],
        ['U'] = ["5<0-3>", "<0-4>D", "D"],
        ['W'] = ["5<0-3>", "<0-4>D", "D"],
        ['V'] = ["5<0-3>", "0<1-9>", "<1-4>D", "D"],
        ['w'] = ["<0-6>"],
        ['u'] = ["<1-7>"],
        ['y'] = ["DD"],
        ['Y'] = ["DDDD"],
    };

    private readonly Token[] _tokens;

    private Strptime(StrftimeFormat format)
    {
        Format = format.Format;
        _tokens = [.. format.Tokens.Select(t => new Token(t.Kind, t.Directive, t.Text))];
    }

    /// <summary>The format, as given.</summary>
    public string Format { get; }

    /// <summary>Compiles a format for matching.</summary>
    /// <exception cref="FormatException">The format is not valid (see <see cref="StrftimeFormat.Parse"/>).</exception>
    public static Strptime Parse(string format) => new(StrftimeFormat.Parse(format));

    /// <summary>Whether <paramref name="text"/> is a valid date or time in this format (Python <c>datetime.strptime</c> succeeds).</summary>
    public bool Matches(ReadOnlySpan<char> text)
    {
        Span<int> ends = _tokens.Length <= 64 ? stackalloc int[_tokens.Length] : new int[_tokens.Length];
        return MatchFrom(text, 0, 0, ends) == text.Length && FieldsAreValid(text, ends);
    }

    /// <summary>The end of the first path (in CPython's backtracking order) through tokens from <paramref name="index"/> on, or -1.</summary>
    private int MatchFrom(ReadOnlySpan<char> text, int index, int pos, Span<int> ends)
    {
        if (index == _tokens.Length)
        {
            return pos;
        }

        var token = _tokens[index];
        for (var k = 0; ; k++)
        {
            var end = token.Candidate(text, pos, k);
            if (end == Token.NoMore)
            {
                return -1;
            }

            if (end < 0)
            {
                continue;
            }

            ends[index] = end;
            var result = MatchFrom(text, index + 1, end, ends);
            if (result >= 0)
            {
                return result;
            }
        }
    }

    /// <summary>CPython's <c>_strptime</c> after the regex matched: builds the date and rejects what <c>datetime</c> rejects.</summary>
    private bool FieldsAreValid(ReadOnlySpan<char> text, ReadOnlySpan<int> ends)
    {
        int? year = null, julian = null, weekday = null, weekOfYear = null, isoYear = null, isoWeek = null;
        int month = 1, day = 1, hour = 0, minute = 0, second = 0;
        var weekStartsMonday = false;
        int? twelveHour = null;
        var pm = (bool?)null;
        for (var i = 0; i < _tokens.Length; i++)
        {
            var token = _tokens[i];
            var value = text[(i == 0 ? 0 : ends[i - 1])..ends[i]];
            switch (token.Directive)
            {
                case 'y':
                    var y = Number(value);
                    year = y <= 68 ? y + 2000 : y + 1900;
                    break;
                case 'Y': year = Number(value); break;
                case 'G': isoYear = Number(value); break;
                case 'm': month = Number(value); break;
                case 'B': month = IndexOf(FullMonths, value) + 1; break;
                case 'b': month = IndexOf(ShortMonths, value) + 1; break;
                case 'd': day = Number(value); break;
                case 'H': hour = Number(value); break;
                case 'I': twelveHour = Number(value); break;
                case 'p': pm = IndexOf(AmPm, value) == 1; break;
                case 'M': minute = Number(value); break;
                case 'S': second = Number(value); break;
                case 'A': weekday = IndexOf(FullWeekdays, value); break;
                case 'a': weekday = IndexOf(ShortWeekdays, value); break;
                case 'w':
                    var w = Number(value);
                    weekday = w == 0 ? 6 : w - 1;
                    break;
                case 'u': weekday = Number(value) - 1; break;
                case 'j': julian = Number(value); break;
                case 'U' or 'W':
                    weekOfYear = Number(value);
                    weekStartsMonday = token.Directive == 'W';
                    break;
                case 'V': isoWeek = Number(value); break;
                case 'z':
                    if (!OffsetIsValid(value))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (twelveHour is { } h12)
        {
            // %I alone or with AM counts 12 as midnight; with PM, 1–11 move to the afternoon.
            hour = pm == true ? (h12 == 12 ? 12 : h12 + 12) : (h12 == 12 ? 0 : h12);
        }

        if (second > 59)
        {
            return false;
        }

        // Without a year CPython computes in 1900 (it uses 1904 for Feb 29 only in between, and datetime then rejects 1900-02-29).
        var y0 = year ?? 1900;
        if (y0 is < 1 or > 9999)
        {
            return false;
        }

        if (julian is null && weekday is { } wd)
        {
            if (weekOfYear is { } week)
            {
                julian = JulianFromWeek(y0, week, wd, weekStartsMonday);
            }
            else if (isoYear is { } iy && isoWeek is { } iw)
            {
                // CPython's _calc_julian_from_V: the week is not checked against the year's week count (2021-W53-1 is
                // 2022-01-03); only the resulting date must exist.
                var monday = ISOWeek.GetYearStart(iy);
                var days = (7.0 * (iw - 1)) + wd;
                return DateTime.MaxValue.Subtract(monday).TotalDays >= days && (monday.Ticks > 0 || days >= 0);
            }

            if (julian is <= 0)
            {
                y0--;
                if (y0 < 1)
                {
                    return false;
                }

                julian += DateTime.IsLeapYear(y0) ? 366 : 365;
            }
        }

        if (julian is null)
        {
            return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y0, month);
        }

        // CPython trusts %j (or the week arithmetic) and only needs the resulting ordinal to be a valid date.
        var ordinal = new DateOnly(y0, 1, 1).DayNumber + julian.Value - 1;
        return ordinal >= DateOnly.MinValue.DayNumber && ordinal <= DateOnly.MaxValue.DayNumber;
    }

    /// <summary>CPython's <c>_calc_julian_from_U_or_W</c>: the day of the year of a weekday (0 = Monday) in a week (%U or %W).</summary>
    private static int JulianFromWeek(int year, int weekOfYear, int dayOfWeek, bool weekStartsMonday)
    {
        var firstWeekday = ((int)new DateOnly(year, 1, 1).DayOfWeek + 6) % 7;
        if (!weekStartsMonday)
        {
            firstWeekday = (firstWeekday + 1) % 7;
            dayOfWeek = (dayOfWeek + 1) % 7;
        }

        var week0Length = (7 - firstWeekday) % 7;
        return weekOfYear == 0 ? 1 + dayOfWeek - firstWeekday : 1 + week0Length + (7 * (weekOfYear - 1)) + dayOfWeek;
    }

    /// <summary>A matched %z: colons used consistently and less than 24 hours (Python's <c>timezone</c> limit).</summary>
    private static bool OffsetIsValid(ReadOnlySpan<char> z)
    {
        if (z is "Z")
        {
            return true;
        }

        var colon = z.Length > 3 && z[3] == ':';
        if (z.Length > 6 && (z[colon ? 6 : 5] == ':') != colon)
        {
            // "+01:0000" or "+0100:00": CPython's "Inconsistent use of : in ..." error.
            return false;
        }

        return Number(z.Slice(1, 2)) < 24;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            if (c != ' ')
            {
                n = (n * 10) + (int)char.GetNumericValue(c);
            }
        }

        return n;
    }

    private static int IndexOf(string[] names, ReadOnlySpan<char> value)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (value.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One piece of the format. <see cref="Candidate"/> enumerates where it can end, in CPython's regex order.</summary>
    private sealed record Token(StrftimeTokenKind Kind, char Directive, string? Text)
    {
        public const int NoMore = -2;

        private readonly string[] _names = Directive switch
        {
            'a' => ByLength(ShortWeekdays),
            'A' => ByLength(FullWeekdays),
            'b' => ByLength(ShortMonths),
            'B' => ByLength(FullMonths),
            'p' => AmPm,
            'Z' => TimeZones,
            _ => [],
        };

        private readonly string[] _alternatives = NumberAlternatives.TryGetValue(Directive, out var a) ? a : [];

        /// <summary>The end of the <paramref name="k"/>-th way this token matches at <paramref name="pos"/>; -1 when that way does not match; <see cref="NoMore"/> past the last.</summary>
        public int Candidate(ReadOnlySpan<char> s, int pos, int k)
        {
            switch (Kind)
            {
                case StrftimeTokenKind.Literal:
                    return k > 0 ? NoMore : pos + Text!.Length <= s.Length && s.Slice(pos, Text.Length).Equals(Text, StringComparison.OrdinalIgnoreCase) ? pos + Text.Length : -1;
                case StrftimeTokenKind.Whitespace:
                    // \s+ is greedy: the longest run first, then shorter ones.
                    var run = 0;
                    while (pos + run < s.Length && char.IsWhiteSpace(s[pos + run]))
                    {
                        run++;
                    }

                    return k < run ? pos + run - k : NoMore;
                case StrftimeTokenKind.Number:
                    return k >= _alternatives.Length ? NoMore : MatchAlternative(s, pos, _alternatives[k]);
                case StrftimeTokenKind.Name:
                    return k >= _names.Length ? NoMore
                        : pos + _names[k].Length <= s.Length && s.Slice(pos, _names[k].Length).Equals(_names[k], StringComparison.OrdinalIgnoreCase) ? pos + _names[k].Length : -1;
                case StrftimeTokenKind.Fraction:
                    // [0-9]{1,6}, greedy.
                    var digits = 0;
                    while (digits < 6 && pos + digits < s.Length && char.IsDigit(s[pos + digits]))
                    {
                        digits++;
                    }

                    return k < digits ? pos + digits - k : NoMore;
                default:
                    return OffsetCandidate(s, pos, k);
            }
        }

        /// <summary>Python sorts names longest first so that a prefix never wins over the whole name.</summary>
        private static string[] ByLength(string[] names) => [.. names.OrderByDescending(n => n.Length)];

        private static int MatchAlternative(ReadOnlySpan<char> s, int pos, string alternative)
        {
            var p = pos;
            for (var i = 0; i < alternative.Length; i++)
            {
                if (p >= s.Length)
                {
                    return -1;
                }

                var c = s[p];
                var spec = alternative[i];
                bool ok;
                if (spec == 'D')
                {
                    ok = char.IsDigit(c);
                }
                else if (spec == '<')
                {
                    ok = c >= alternative[i + 1] && c <= alternative[i + 3];
                    i += 4;
                }
                else
                {
                    ok = c == spec;
                }

                if (!ok)
                {
                    return -1;
                }

                p++;
            }

            return p;
        }

        /// <summary>
        /// CPython's <c>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z)</c>, candidates in backtracking order: the
        /// optional colon first taken then skipped; the optional seconds first taken then skipped; the fraction longest first.
        /// </summary>
        private static int OffsetCandidate(ReadOnlySpan<char> s, int pos, int k)
        {
            // Enumerate into a small fixed buffer and pick the k-th: at most 2 × (2 × 7 + 1) + 1 candidates.
            Span<int> found = stackalloc int[32];
            var n = 0;
            if (pos < s.Length && s[pos] is '+' or '-' && pos + 3 <= s.Length && char.IsDigit(s[pos + 1]) && char.IsDigit(s[pos + 2]))
            {
                for (var colon1 = 1; colon1 >= 0; colon1--)
                {
                    var p = pos + 3;
                    if (colon1 == 1 && !(p < s.Length && s[p] == ':'))
                    {
                        continue;
                    }

                    p += colon1;
                    if (!(p + 2 <= s.Length && s[p] is >= '0' and <= '5' && char.IsDigit(s[p + 1])))
                    {
                        continue;
                    }

                    p += 2;
                    for (var colon2 = 1; colon2 >= 0; colon2--)
                    {
                        var q = p;
                        if (colon2 == 1 && !(q < s.Length && s[q] == ':'))
                        {
                            continue;
                        }

                        q += colon2;
                        if (!(q + 2 <= s.Length && s[q] is >= '0' and <= '5' && char.IsDigit(s[q + 1])))
                        {
                            continue;
                        }

                        q += 2;
                        if (q < s.Length && s[q] == '.')
                        {
                            var digits = 0;
                            while (digits < 6 && q + 1 + digits < s.Length && char.IsDigit(s[q + 1 + digits]))
                            {
                                digits++;
                            }

                            for (var d = digits; d >= 1; d--)
                            {
                                found[n++] = q + 1 + d;
                            }
                        }

                        found[n++] = q;
                    }

                    found[n++] = p;
                }
            }

            if (pos < s.Length && s[pos] == 'Z')
            {
                found[n++] = pos + 1;
            }

            return k < n ? found[k] : NoMore;
        }
    }
}
