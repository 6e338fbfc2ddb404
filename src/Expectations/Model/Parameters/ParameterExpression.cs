using System.Globalization;

namespace Expectations.Model;

/// <summary>
/// Evaluates GX suite-parameter expressions: a parameter name, numbers, quoted strings, <c>+ - * /</c>,
/// parentheses and the functions <c>now()</c>, <c>today()</c>, <c>datetime(y, m, d[, h, mi, s])</c>,
/// <c>date(y, m, d)</c> and <c>timedelta(days=, seconds=, microseconds=, milliseconds=, minutes=, hours=, weeks=)</c>
/// (Python's argument order). Timestamps are naive UTC. Nothing else is evaluated: no code runs.
/// </summary>
internal sealed class ParameterExpression
{
    /// <summary>How deeply parentheses and function calls may nest (docs/limits.md): deeper text is refused, so evaluation never exhausts the stack.</summary>
    public const int MaxDepth = 256;

    private readonly string _text;
    private readonly IReadOnlyDictionary<string, Scalar> _parameters;
    private readonly DateTime _now;
    private int _pos;
    private int _depth;

    private ParameterExpression(string text, IReadOnlyDictionary<string, Scalar> parameters, DateTime now)
    {
        _text = text;
        _parameters = parameters;
        _now = now;
    }

    /// <summary>Evaluates <paramref name="expression"/>; throws <see cref="FormatException"/> saying what is wrong and where.</summary>
    public static Scalar Evaluate(string expression, IReadOnlyDictionary<string, Scalar> parameters, DateTime nowUtc)
    {
        var parser = new ParameterExpression(expression, parameters, nowUtc);
        object value;
        try
        {
            value = parser.Sum();
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            // Date and duration arithmetic beyond what DateTime (years 1-9999) and TimeSpan hold.
            throw new FormatException($"suite parameter '{Excerpt(expression)}': the result is beyond the dates and durations a timestamp holds (years 1-9999)", e);
        }

        parser.SkipSpace();
        if (parser._pos < expression.Length)
        {
            throw parser.Error($"unexpected '{expression[parser._pos]}'");
        }

        return value switch
        {
            double d => Scalar.From(d),
            Int128 i => Scalar.From(i),
            string s => Scalar.From(s),
            bool b => Scalar.From(b),
            DateTime t => Scalar.From(t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            Scalar s => s,
            TimeSpan => throw new FormatException($"'{Excerpt(expression)}' is a duration, not a value; add it to a date, e.g. now() - timedelta(days=7)"),
            _ => throw new FormatException($"'{Excerpt(expression)}' has no value"),
        };
    }

    /// <summary>A sum; every nested one (in parentheses or as a function argument) is one level deeper, at most <see cref="MaxDepth"/>.</summary>
    private object Sum()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"parentheses and function calls nest deeper than {MaxDepth} levels");
        }

        var left = Product();
        while (true)
        {
            SkipSpace();
            if (Accept('+'))
            {
                left = Apply('+', left, Product());
            }
            else if (Accept('-'))
            {
                left = Apply('-', left, Product());
            }
            else
            {
                _depth--;
                return left;
            }
        }
    }

    private object Product()
    {
        var left = Unary();
        while (true)
        {
            SkipSpace();
            if (Accept('*'))
            {
                left = Apply('*', left, Unary());
            }
            else if (Accept('/'))
            {
                left = Apply('/', left, Unary());
            }
            else
            {
                return left;
            }
        }
    }

    /// <summary>A run of unary minus signs is counted, not recursed into.</summary>
    private object Unary()
    {
        var minus = 0;
        while (Accept('-'))
        {
            minus++;
        }

        var operand = Primary();

        // An odd run negates once; an even one twice, so that "--'text'" is still refused.
        for (var k = minus % 2 == 1 ? 1 : Math.Min(minus, 2); k > 0; k--)
        {
            operand = operand is Int128 i && i != Int128.MinValue ? -i : Apply('*', -1.0, operand);
        }

        return operand;
    }

    private object Primary()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw Error("expression ends too early");
        }

        var c = _text[_pos];
        if (Accept('('))
        {
            var inner = Sum();
            Expect(')');
            return inner;
        }

        if (char.IsDigit(c) || c == '.')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E' || (_text[_pos] is '+' or '-' && _text[_pos - 1] is 'e' or 'E')))
            {
                _pos++;
            }

            // Whole literals stay exact integers (beyond 2^53 too); others are doubles.
            var literal = _text.AsSpan(start, _pos - start);
            if (Int128.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
            {
                return whole;
            }

            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                _pos = start;
                throw Error($"'{literal}' is not a number");
            }

            if (!double.IsFinite(number))
            {
                _pos = start;
                throw Error($"{literal} is beyond the range of a double (about ±1.8e308)");
            }

            return number;
        }

        if (c is '"' or '\'')
        {
            var end = _text.IndexOf(c, _pos + 1);
            if (end < 0)
            {
                throw Error("unterminated string");
            }

            var s = _text[(_pos + 1)..end];
            _pos = end + 1;
            return s;
        }

        if (char.IsLetter(c) || c == '_')
        {
            var name = Identifier();
            SkipSpace();
            if (Accept('('))
            {
                return Call(name);
            }

            return name switch
            {
                "True" or "true" => true,
                "False" or "false" => false,
                _ when _parameters.TryGetValue(name, out var value) => value.Kind switch
                {
                    ScalarKind.Integer => (object)value.AsInt128(),
                    ScalarKind.Number => (object)value.AsDouble(),
                    ScalarKind.String when value.TryGetTimestamp(out var t) && LooksLikeDate(value.AsString()) => (object)t,
                    _ => (object)value,
                },
                _ => throw new FormatException($"suite parameter '{name}' has no value; pass it with --param {name}=VALUE or ValidationOptions.Parameters"),
            };
        }

        throw Error($"unexpected '{c}'");
    }

    private object Call(string name)
    {
        var positional = new List<object>();
        var named = new Dictionary<string, object>(StringComparer.Ordinal);
        SkipSpace();
        if (!Accept(')'))
        {
            do
            {
                SkipSpace();
                var save = _pos;
                if (char.IsLetter(Peek()))
                {
                    var id = Identifier();
                    SkipSpace();
                    if (Accept('='))
                    {
                        if (named.ContainsKey(id))
                        {
                            throw Error($"{name}() got '{id}' twice");
                        }

                        named[id] = Sum();
                        continue;
                    }

                    _pos = save;
                }

                positional.Add(Sum());
            }
            while (Accept(','));
            Expect(')');
        }

        switch (name)
        {
            case "now":
                return _now;
            case "today":
                return _now.Date;
            case "datetime" or "date":
                string[] names = name == "date" ? ["year", "month", "day"] : ["year", "month", "day", "hour", "minute", "second", "microsecond"];
                CheckArguments(name, names, positional, named);
                var parts = new int[7];
                for (var i = 0; i < names.Length; i++)
                {
                    var v = i < positional.Count ? positional[i] : named.GetValueOrDefault(names[i]);
                    parts[i] = v is null ? (i < 3 ? throw Error($"{name}() needs year, month and day") : 0) : WholeNumber(v, names[i]);
                }

                try
                {
                    return new DateTime(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], DateTimeKind.Unspecified).AddTicks(parts[6] * 10L);
                }
                catch (ArgumentOutOfRangeException)
                {
                    throw Error($"{name}({string.Join(", ", parts.Take(Math.Max(3, positional.Count)))}) is not a valid date");
                }

            case "timedelta":
                string[] units = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
                double[] scale = [TimeSpan.TicksPerDay, TimeSpan.TicksPerSecond, 10, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerMinute, TimeSpan.TicksPerHour, TimeSpan.TicksPerDay * 7];
                CheckArguments(name, units, positional, named);
                double ticks = 0;
                for (var i = 0; i < positional.Count; i++)
                {
                    ticks += Number(positional[i], units[i]) * scale[i];
                }

                foreach (var (unit, v) in named)
                {
                    ticks += Number(v, unit) * scale[Array.IndexOf(units, unit)];
                }

                // TimeSpan holds about ±29,000 years; a cast of a larger double to long would silently give long.MinValue.
                return double.IsFinite(ticks) && Math.Abs(ticks) <= TimeSpan.MaxValue.Ticks
                    ? TimeSpan.FromTicks((long)ticks)
                    : throw Error("timedelta() is beyond the durations a timestamp holds (about ±29,000 years)");
            default:
                throw Error($"unknown function '{name}()'; known: now(), today(), datetime(), date(), timedelta()");
        }
    }

    /// <summary>Python's rule for <paramref name="function"/>'s arguments: at most one positional per name, no name twice, no unknown name.</summary>
    private void CheckArguments(string function, string[] names, List<object> positional, Dictionary<string, object> named)
    {
        if (positional.Count > names.Length)
        {
            throw Error($"{function}() takes at most {names.Length} positional arguments ({string.Join(", ", names)}), {positional.Count} given");
        }

        foreach (var argument in named.Keys)
        {
            var index = Array.IndexOf(names, argument);
            if (index < 0)
            {
                throw Error($"{function}() has no argument '{argument}'; it takes {string.Join(", ", names)}");
            }

            if (index < positional.Count)
            {
                throw Error($"{function}() got '{argument}' twice (positional and by name)");
            }
        }
    }

    /// <summary>Integers add, subtract and multiply exactly (as Python ints do); mixed with anything else they act as doubles.</summary>
    private object Apply(char op, object a, object b)
    {
        if (a is Int128 x && b is Int128 y && op is '+' or '-' or '*')
        {
            try
            {
                return op switch { '+' => checked(x + y), '-' => checked(x - y), _ => checked(x * y) };
            }
            catch (OverflowException)
            {
                // Beyond 128 bits: computed as doubles below.
            }
        }

        return ApplyNumbers(op, a is Int128 i ? (double)i : a, b is Int128 j ? (double)j : b);
    }

    private object ApplyNumbers(char op, object a, object b) => Finite(op, (op, a, b) switch
    {
        ('+', double x, double y) => x + y,
        ('-', double x, double y) => x - y,
        ('*', double x, double y) => x * y,
        ('/', double x, double y) => y == 0 ? throw Error("division by zero") : x / y,
        ('+', DateTime t, TimeSpan d) => t + d,
        ('+', TimeSpan d, DateTime t) => t + d,
        ('-', DateTime t, TimeSpan d) => t - d,
        ('+', TimeSpan x, TimeSpan y) => x + y,
        ('-', TimeSpan x, TimeSpan y) => x - y,
        ('*', TimeSpan d, double k) => d * k,
        ('*', double k, TimeSpan d) => d * k,
        _ => throw Error($"cannot apply '{op}' to {Describe(a)} and {Describe(b)}"),
    });

    /// <summary>Arithmetic on finite doubles that overflows is an error, never a silent infinity.</summary>
    private object Finite(char op, object result) =>
        result is double d && !double.IsFinite(d) ? throw Error($"'{op}' overflows: the result is beyond the range of a double (about ±1.8e308)") : result;

    private static string Describe(object v) => v switch { double or Int128 => "a number", DateTime => "a date", TimeSpan => "a duration", string => "a string", _ => "a value" };

    private double Number(object v, string what) => v is double d ? d : v is Int128 i ? (double)i : throw Error($"{what} must be a number");

    private int WholeNumber(object v, string what) =>
        v is Int128 i && i >= int.MinValue && i <= int.MaxValue ? (int)i
        : v is double d && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue ? (int)d
        : throw Error($"{what} must be a whole number (as Python's datetime takes), not {(v is Int128 or double ? Convert.ToString(v, CultureInfo.InvariantCulture) : Describe(v))}");

    /// <summary>The expression's text for messages: a long one is cut, so that an error stays readable.</summary>
    private static string Excerpt(string text) => text.Length <= 120 ? text : $"{text[..100]}… ({text.Length:N0} characters)";

    private static bool LooksLikeDate(string s) => s.Length >= 8 && char.IsDigit(s[0]) && s.Contains('-', StringComparison.Ordinal);

    private string Identifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool Accept(char c)
    {
        SkipSpace();
        if (Peek() != c)
        {
            return false;
        }

        _pos++;
        return true;
    }

    private void Expect(char c)
    {
        if (!Accept(c))
        {
            throw Error($"expected '{c}'");
        }
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private FormatException Error(string message) => new($"suite parameter '{Excerpt(_text)}': {message} at position {_pos + 1}");
}
