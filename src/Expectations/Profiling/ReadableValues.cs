using System.Globalization;
using Expectations.Model;

namespace Expectations.Profiling;

/// <summary>
/// Numbers and timestamps for a person, as the profile and drift reports show them: never an exponent, fractions rounded
/// (2,613.4679602888086 → 2,613.47; 0.50109248 → 0.5011; 2.101E-13 → &lt; 0.0001), integer-column values exact and
/// without separators (IDs keep every digit), timestamps as ISO-8601. Exact values stay in the JSON.
/// </summary>
internal static class ReadableValues
{
    /// <summary>A number rounded for reading, never in scientific notation; <paramref name="group"/> adds thousands separators.</summary>
    public static string Number(double x, bool group = true)
    {
        if (double.IsNaN(x))
        {
            return "NaN";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "∞" : "-∞";
        }

        return ScalarFormatting.Rounded(x, group, static v => v > 0 ? "< 0.0001" : "> -0.0001");
    }

    /// <summary>
    /// A number with six significant digits and no exponent, for labels that must tell close values apart (bin edges of
    /// the drift tests): 97.3456, 12500000, 0.0000123457.
    /// </summary>
    public static string Precise(double x)
    {
        if (!double.IsFinite(x) || x == 0)
        {
            return Number(x);
        }

        var abs = Math.Abs(x);
        if (abs >= 1e15 && abs < 1e38)
        {
            // Whole at this size; through Int128, exact, where custom formats stop at 15 significant digits.
            return ((Int128)x).ToString(CultureInfo.InvariantCulture);
        }

        if (abs >= 1e6)
        {
            return x.ToString("0.#", CultureInfo.InvariantCulture);
        }

        if (abs >= 1e-4)
        {
            return x.ToString("G6", CultureInfo.InvariantCulture);
        }

        var digits = Math.Min(20, 5 - (int)Math.Floor(Math.Log10(abs)));
        return x.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>A length of time for reading: days, hours, minutes or seconds, rounded (a timestamp column's standard deviation).</summary>
    public static string Duration(double ticks)
    {
        if (!double.IsFinite(ticks))
        {
            return Number(ticks);
        }

        var t = TimeSpan.FromTicks((long)Math.Clamp(ticks, TimeSpan.MinValue.Ticks, TimeSpan.MaxValue.Ticks));
        var abs = t.Duration();
        return abs.TotalDays >= 1 ? $"{Number(t.TotalDays)} days"
            : abs.TotalHours >= 1 ? $"{Number(t.TotalHours)} h"
            : abs.TotalMinutes >= 1 ? $"{Number(t.TotalMinutes)} min"
            : $"{Number(t.TotalSeconds)} s";
    }

    /// <summary>A number or n/a.</summary>
    public static string Number(double? x, bool group = true) => x is { } v ? Number(v, group) : "n/a";

    /// <summary>A timestamp from its ticks, ISO-8601: seconds and their fraction only when not zero.</summary>
    public static string Timestamp(long ticks) => Timestamp(ticks, TimeSpan.Zero);

    /// <summary>
    /// A timestamp from its ticks, ISO-8601, rounded to what a span of <paramref name="span"/> needs to be told apart
    /// (minutes over two days, seconds over a minute, otherwise every tick): histogram edges are not values of the column.
    /// </summary>
    public static string Timestamp(double ticks, TimeSpan span)
    {
        if (!double.IsFinite(ticks) || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return Number(ticks, group: false);
        }

        // (double)DateTime.MaxValue.Ticks rounds up past the last tick: clamp after converting.
        var t = new DateTime(Math.Clamp((long)Math.Round(ticks), DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
        if (span >= TimeSpan.FromDays(2))
        {
            var minutes = new DateTime(Math.Min(DateTime.MaxValue.Ticks, (t.Ticks + (TimeSpan.TicksPerMinute / 2)) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute));
            return minutes.ToString(minutes.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        if (span >= TimeSpan.FromMinutes(1))
        {
            var seconds = new DateTime(Math.Min(DateTime.MaxValue.Ticks, (t.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond));
            return seconds.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        return t.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
    }

    /// <summary>A value of <paramref name="column"/> for reading: exact integers, ISO timestamps, rounded fractions.</summary>
    public static string Value(ColumnProfile column, double? value, Int128? exact = null)
    {
        if (exact is { } e)
        {
            return column.FormatInteger(e);
        }

        if (value is not { } v)
        {
            return "n/a";
        }

        if (column.Kind == DataKind.Timestamp)
        {
            return Timestamp(v, TimeSpan.Zero);
        }

        // Integer columns whose values arrived as floats still hold whole numbers: show them whole, without separators.
        // Through Int128, which is exact: custom numeric formats stop at 15 significant digits.
        return IsIntegerKind(column.Kind) && Math.Abs(v) < 1e38 && v == Math.Floor(v)
            ? ((Int128)v).ToString(CultureInfo.InvariantCulture)
            : Number(v);
    }

    /// <summary>Whether the kind holds whole numbers (integer columns, not timestamps).</summary>
    public static bool IsIntegerKind(DataKind kind) => kind == DataKind.Integer;
}
