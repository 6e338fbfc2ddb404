using System.Globalization;
using System.Text.RegularExpressions;

namespace Expectations.Cli;

/// <summary>
/// Reads <c>--param NAME=VALUE</c>: the value of a suite parameter (<c>{"$PARAMETER": "NAME"}</c>). The value is typed
/// from its text: <c>true</c>/<c>false</c>, a whole number, a number, an ISO-8601 date or timestamp, else a string;
/// a value in double quotes (<c>'code="007"'</c> in a shell) is always a string.
/// </summary>
internal static partial class SuiteParameterArgument
{
    /// <summary>Parses every <c>--param</c>; the error says which one is malformed and why.</summary>
    public static bool TryParseAll(IEnumerable<string> tokens, out Dictionary<string, Scalar> parameters, out string? error)
    {
        parameters = new Dictionary<string, Scalar>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (!TryParse(token, out var name, out var value, out error))
            {
                return false;
            }

            if (!parameters.TryAdd(name, value))
            {
                error = $"--param '{token}': parameter '{name}' is given twice";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>Parses one <c>NAME=VALUE</c>.</summary>
    public static bool TryParse(string token, out string name, out Scalar value, out string? error)
    {
        name = "";
        value = Scalar.Null;
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            error = $"--param '{token}' must be NAME=VALUE, e.g. --param max_amount=100";
            return false;
        }

        name = token[..eq].Trim();
        if (!Identifier().IsMatch(name))
        {
            error = name.Length == 0
                ? $"--param '{token}' has no name before '='; write NAME=VALUE, e.g. --param max_amount=100"
                : $"--param '{token}': '{name}' is not a parameter name (letters, digits and _, not starting with a digit), as in {{\"$PARAMETER\": \"{name}\"}}";
            return false;
        }

        value = ParseValue(token[(eq + 1)..]);
        error = null;
        return true;
    }

    /// <summary>Types a value from its text (see the class summary).</summary>
    public static Scalar ParseValue(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            return Scalar.From(text[1..^1]);
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return Scalar.From(text.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        // Whole numbers stay exact, ulong-sized ids included (as suite JSON keeps them).
        if (Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole >= long.MinValue && whole <= ulong.MaxValue)
        {
            return Scalar.From(whole);
        }

        // Only plain decimal notation: "NaN", "Infinity" or "1,5" stay strings rather than becoming surprising numbers.
        if (Number().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return Scalar.From(number);
        }

        if (IsoDate().IsMatch(text)
            && DateTime.TryParse(text.Replace(' ', 'T'), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            // Timestamps are held as ISO strings; reparsing normalises them (an offset becomes UTC, as data is compared).
            return Scalar.From(DateTime.SpecifyKind(timestamp, DateTimeKind.Unspecified));
        }

        return Scalar.From(text);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoDate();
}
