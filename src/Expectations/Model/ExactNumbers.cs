using System.Globalization;

namespace Expectations.Model;

/// <summary>
/// Exact arithmetic between integers and doubles, shared by suite values, checks, profiles and suggestions: an
/// integer is never converted to double to be compared (a double holds every integer only up to 2^53).
/// </summary>
internal static class ExactNumbers
{
    /// <summary>2^127 as a double: the first double above <see cref="Int128.MaxValue"/>.</summary>
    private const double TwoTo127 = 1.7014118346046923E+38;

    /// <summary>Compares an integer with a double by their exact values: −1, 0 or 1; null when <paramref name="b"/> is NaN.</summary>
    public static int? Compare(Int128 a, double b)
    {
        if (double.IsNaN(b))
        {
            return null;
        }

        if (b >= TwoTo127)
        {
            return -1;
        }

        if (b < -TwoTo127)
        {
            return 1;
        }

        // |floor(b)| ≤ 2^127 and whole, so the conversion is exact (−2^127 is Int128.MinValue itself).
        var floor = Math.Floor(b);
        var c = a.CompareTo((Int128)floor);
        return c != 0 ? Math.Sign(c) : floor == b ? 0 : -1;
    }

    /// <summary>The double as an exact integer when it is whole and within the 128-bit range.</summary>
    public static bool TryGetInteger(double value, out Int128 integer)
    {
        if (double.IsFinite(value) && Math.Floor(value) == value && value < TwoTo127 && value >= -TwoTo127)
        {
            integer = (Int128)value;
            return true;
        }

        integer = default;
        return false;
    }

    /// <summary>
    /// Reads JSON number text (<c>-?int(.frac)?([eE][+-]?exp)?</c>) as an exact integer when its value is whole and fits
    /// 128 bits: <c>9007199254740993</c>, <c>18446744073709551615</c>, <c>9.007199254740993E15</c>, <c>1e3</c>. False for
    /// fractions (<c>10.5</c>) and for integers beyond 128 bits, which stay doubles.
    /// </summary>
    public static bool TryParseInteger(ReadOnlySpan<char> text, out Int128 value)
    {
        value = default;
        var negative = text.StartsWith("-");
        var body = negative ? text[1..] : text;
        var e = body.IndexOfAny('e', 'E');
        var mantissa = e < 0 ? body : body[..e];
        var exponent = 0;
        if (e >= 0 && !int.TryParse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }

        var dot = mantissa.IndexOf('.');
        ReadOnlySpan<char> whole = dot < 0 ? mantissa : mantissa[..dot];
        ReadOnlySpan<char> fraction = dot < 0 ? [] : mantissa[(dot + 1)..];
        if (whole.IsEmpty || whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        // The digits of whole and fraction, as one integer, times 10^(exponent − fraction length).
        var digits = string.Concat(whole, fraction).AsSpan().TrimStart('0');
        var scale = (long)exponent - fraction.Length;
        if (digits.IsEmpty)
        {
            return true; // zero, however written
        }

        if (scale < 0)
        {
            var drop = (int)Math.Min(-scale, digits.Length + 1L);
            if (drop > digits.Length || digits[^drop..].ContainsAnyExcept('0'))
            {
                return false; // a fraction remains
            }

            digits = digits[..^drop];
            scale = 0;
        }

        // Int128 has 39 digits: more than that (after the zeros a positive scale appends) cannot fit.
        if (digits.Length + scale > 39)
        {
            return false;
        }

        Span<char> all = stackalloc char[digits.Length + (int)scale + 1];
        all[0] = negative ? '-' : '+';
        digits.CopyTo(all[1..]);
        all[(1 + digits.Length)..].Fill('0');
        return Int128.TryParse(all, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
