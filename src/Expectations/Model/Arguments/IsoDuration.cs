using System.Globalization;

namespace Expectations.Model;

/// <summary>
/// ISO-8601 durations of fixed length, as the ML checks take them (<c>max_age</c>, <c>gap</c>): <c>PnW</c>, or
/// <c>PnD</c> followed by an optional time part <c>TnHnMnS</c> (seconds may have a fraction, up to 7 digits), for
/// example <c>P7D</c>, <c>PT36H</c>, <c>P1DT12H</c>, <c>PT0.5S</c>. Years and months are refused: their length depends
/// on the calendar, and a check that silently took a month as 30 days would be wrong twice a year. Negative durations are refused.
/// </summary>
internal static class IsoDuration
{
    /// <summary>Parses <paramref name="text"/>; false with a message saying what is wrong.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must be an ISO-8601 duration such as P7D, PT36H or P1DT12H";
            return false;
        }

        var s = text.Trim().ToUpperInvariant();
        if (s[0] != 'P' || s.Length == 1)
        {
            error = $"'{text}' is not an ISO-8601 duration (it must start with P, as in P7D, PT36H or P1DT12H)";
            return false;
        }

        var ticks = 0m;
        var inTime = false;
        var any = false;
        var i = 1;
        var lastUnit = -1; // order of units: W=0, D=1, H=2, M=3, S=4
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime)
                {
                    error = $"'{text}' has two T separators";
                    return false;
                }

                inTime = true;
                i++;
                if (i == s.Length)
                {
                    error = $"'{text}' ends with T: give hours, minutes or seconds after it (PT36H)";
                    return false;
                }

                continue;
            }

            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '.' or ','))
            {
                i++;
            }

            if (start == i || i == s.Length)
            {
                error = $"'{text}' is not an ISO-8601 duration: expected a number followed by a unit (W, D, or after T: H, M, S)";
                return false;
            }

            var number = s[start..i].Replace(',', '.');
            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"'{text}': '{s[start..i]}' is not a number";
                return false;
            }

            var unit = s[i++];
            (int Order, decimal Ticks)? u = (unit, inTime) switch
            {
                ('W', false) => (0, TimeSpan.TicksPerDay * 7m),
                ('D', false) => (1, TimeSpan.TicksPerDay),
                ('H', true) => (2, TimeSpan.TicksPerHour),
                ('M', true) => (3, TimeSpan.TicksPerMinute),
                ('S', true) => (4, TimeSpan.TicksPerSecond),
                _ => null,
            };
            if (u is null)
            {
                error = unit is 'Y' || (unit == 'M' && !inTime)
                    ? $"'{text}' uses years or months, whose length depends on the calendar: give days instead (P30D, P365D)"
                    : $"'{text}': '{unit}' is not a unit {(inTime ? "of the time part (H, M, S)" : "of the date part (W, D)")}";
                return false;
            }

            if (u.Value.Order <= lastUnit)
            {
                error = $"'{text}': units must appear once each, largest first (P1DT2H30M)";
                return false;
            }

            if (number.Contains('.', StringComparison.Ordinal) && unit != 'S')
            {
                error = $"'{text}': only seconds may have a fraction (PT1.5S); write PT1H30M rather than PT1.5H";
                return false;
            }

            lastUnit = u.Value.Order;
            ticks += amount * u.Value.Ticks;
            any = true;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                error = $"'{text}' is longer than {TimeSpan.MaxValue.Days} days";
                return false;
            }
        }

        if (!any)
        {
            error = $"'{text}' holds no amount";
            return false;
        }

        if (decimal.Truncate(ticks) != ticks)
        {
            error = $"'{text}' is finer than 100 ns (seconds take at most 7 decimals)";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
    public static TimeSpan Parse(string? text) => TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The shortest ISO-8601 text of <paramref name="value"/> (days, then the time part), as results show a gap.</summary>
    public static string Format(TimeSpan value)
    {
        var sign = value < TimeSpan.Zero ? "-" : "";
        var t = value.Duration();
        var s = sign + "P";
        if (t.Days > 0)
        {
            s += t.Days.ToString(CultureInfo.InvariantCulture) + "D";
        }

        var rest = t - TimeSpan.FromDays(t.Days);
        if (rest > TimeSpan.Zero)
        {
            s += "T";
            if (rest.Hours > 0)
            {
                s += rest.Hours.ToString(CultureInfo.InvariantCulture) + "H";
            }

            if (rest.Minutes > 0)
            {
                s += rest.Minutes.ToString(CultureInfo.InvariantCulture) + "M";
            }

            var seconds = rest.Ticks % TimeSpan.TicksPerMinute;
            if (seconds > 0)
            {
                s += (seconds / (decimal)TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "S";
            }
        }

        return s == "P" || s == "-P" ? "PT0S" : s;
    }
}
