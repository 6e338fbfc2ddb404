using System.Globalization;

namespace Expectations.Data.Csv;

/// <summary>
/// The text → value rules shared by type inference and reading, so that a value inference accepted always reads.
/// All culture invariant; numbers, booleans and timestamps may carry surrounding white space.
/// </summary>
internal static class CsvValueParser
{
    private const NumberStyles IntegerStyle = NumberStyles.Integer;
    private const NumberStyles FloatStyle = NumberStyles.Float;
    private const DateTimeStyles TimestampStyle = DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite | DateTimeStyles.AdjustToUniversal;

    /// <summary>
    /// ISO-8601 shapes accepted as timestamps: a date, or a date and time with 'T' or a space between, minutes or
    /// seconds, an optional fraction and an optional zone (Z or ±hh:mm, converted to UTC). Deliberately narrower than
    /// <see cref="DateTime.TryParse(string?, out DateTime)"/>, which would also take "10:30" or "May 5" as dates.
    /// </summary>
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParseInteger(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out value);

    /// <summary>Whether <paramref name="text"/> is an optionally signed run of digits (an integer, whatever its size).</summary>
    public static bool HasIntegerSyntax(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            text = text[1..];
        }

        return text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Invariant double; also accepts <c>inf</c>, <c>+inf</c>, <c>-inf</c>, <c>Infinity</c> and <c>nan</c> in any case.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var t = text.Trim();
        if (t.Length is >= 3 and <= 4)
        {
            var negative = t[0] == '-';
            var unsigned = t[0] is '-' or '+' ? t[1..] : t;
            if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase))
            {
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }

            if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                value = double.NaN;
                return true;
            }
        }

        return false;
    }

    public static bool TryParseDecimal(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, FloatStyle, CultureInfo.InvariantCulture, out value);

    /// <summary><c>true</c> or <c>false</c> in any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var t = text.Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return t.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is one of the spellings pandas' <c>read_csv</c> turns into a boolean by default
    /// (<c>True</c>, <c>TRUE</c>, <c>true</c>, <c>False</c>, <c>FALSE</c>, <c>false</c>): what type inference accepts.
    /// A column declared <see cref="DataKind.Boolean"/> reads <c>true</c>/<c>false</c> in any case
    /// (<see cref="TryParseBoolean"/>).
    /// </summary>
    public static bool IsPandasBoolean(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        return t is "True" or "TRUE" or "true" or "False" or "FALSE" or "false";
    }

    /// <summary>An ISO-8601 timestamp as <see cref="DateTime.Ticks"/>; values with a zone are converted to UTC, others kept as written.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long ticks)
    {
        // Cheap reject before the format matcher: every accepted shape starts with "dddd-".
        var t = text.TrimStart();
        if (t.Length < 10 || t[4] != '-' || !char.IsAsciiDigit(t[0]))
        {
            ticks = 0;
            return false;
        }

        if (TryParseIsoFast(t.TrimEnd(), out ticks))
        {
            return true;
        }

        return TryParseIsoReference(text, out ticks);
    }

    /// <summary>The reference rule: <see cref="DateTime.TryParseExact(ReadOnlySpan{char}, string[], IFormatProvider?, DateTimeStyles, out DateTime)"/> over the accepted formats.</summary>
    internal static bool TryParseIsoReference(ReadOnlySpan<char> text, out long ticks)
    {
        if (DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, TimestampStyle, out var dt))
        {
            ticks = dt.Ticks;
            return true;
        }

        ticks = 0;
        return false;
    }

    /// <summary>
    /// Fast path for the common shapes <c>yyyy-MM-dd[(T| )HH:mm[:ss[.f…]]][Z]</c> (about 10× faster than the format
    /// matcher); anything else (offsets, odd shapes) returns false and goes to <see cref="DateTime.TryParseExact(ReadOnlySpan{char}, string[], IFormatProvider?, DateTimeStyles, out DateTime)"/>,
    /// which agrees with this on every input this accepts.
    /// </summary>
    internal static bool TryParseIsoFast(ReadOnlySpan<char> t, out long ticks)
    {
        ticks = 0;
        if (t.Length > 0 && t[^1] == 'Z')
        {
            t = t[..^1];
            if (t.Length == 10)
            {
                return false; // "yyyy-MM-ddZ" is not an accepted shape.
            }
        }

        if (t.Length < 10 || t[4] != '-' || t[7] != '-'
            || !TryDigits(t[..4], out var year) || !TryDigits(t.Slice(5, 2), out var month) || !TryDigits(t.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var hour = 0;
        var minute = 0;
        var second = 0;
        long fraction = 0;
        if (t.Length > 10)
        {
            if (t.Length < 16 || (t[10] != 'T' && t[10] != ' ') || t[13] != ':'
                || !TryDigits(t.Slice(11, 2), out hour) || !TryDigits(t.Slice(14, 2), out minute) || hour > 23 || minute > 59)
            {
                return false;
            }

            if (t.Length > 16)
            {
                if (t.Length < 19 || t[16] != ':' || !TryDigits(t.Slice(17, 2), out second) || second > 59)
                {
                    return false;
                }

                if (t.Length > 19)
                {
                    var digits = t[20..];
                    if (t[19] != '.' || digits.Length is < 1 or > 7 || !TryDigits(digits, out var f))
                    {
                        return false;
                    }

                    fraction = f;
                    for (var i = digits.Length; i < 7; i++)
                    {
                        fraction *= 10;
                    }
                }
            }
        }

        ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var d = c - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}

/// <summary>Matches field text against the configured null tokens without allocating.</summary>
internal sealed class CsvNullTokens
{
    private readonly string[] _tokens;
    private readonly ulong _lengthMask;
    private readonly bool _hasLongTokens;

    public CsvNullTokens(IReadOnlyList<string> tokens)
    {
        _tokens = [.. tokens.Distinct(StringComparer.Ordinal)];
        foreach (var token in _tokens)
        {
            if (token.Length < 64)
            {
                _lengthMask |= 1UL << token.Length;
            }
            else
            {
                _hasLongTokens = true;
            }
        }
    }

    public bool IsNull(ReadOnlySpan<char> field)
    {
        // Most fields have a length no token has: one bit test rejects them.
        if (field.Length < 64 ? ((_lengthMask >> field.Length) & 1) == 0 : !_hasLongTokens)
        {
            return false;
        }

        foreach (var token in _tokens)
        {
            if (field.SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }
}
