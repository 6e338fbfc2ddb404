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
    private readonly string _text;
    private readonly IReadOnlyDictionary<string, Scalar> _parameters;
    private readonly DateTime _now;
    private int _pos;

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
        var value = parser.Sum();
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
            TimeSpan => throw new FormatException($"'{expression}' is a duration, not a value; add it to a date, e.g. now() - timedelta(days=7)"),
            _ => throw new FormatException($"'{expression}' has no value"),
        };
    }

    private object Sum()
    {
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

    private object Unary()
    {
        SkipSpace();
        if (Accept('-'))
        {
            var operand = Unary();
            return operand is Int128 i ? -i : Apply('*', -1.0, operand);
        }

        return Primary();
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
            return Int128.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var whole)
                ? whole
                : double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
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
                var parts = new int[6];
                string[] names = ["year", "month", "day", "hour", "minute", "second"];
                for (var i = 0; i < names.Length; i++)
                {
                    var v = i < positional.Count ? positional[i] : named.GetValueOrDefault(names[i]);
                    parts[i] = v is null ? (i < 3 ? throw Error($"{name}() needs year, month and day") : 0) : (int)Number(v, names[i]);
                }

                try
                {
                    return new DateTime(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], DateTimeKind.Unspecified);
                }
                catch (ArgumentOutOfRangeException)
                {
                    throw Error($"{name}({string.Join(", ", parts.Take(Math.Max(3, positional.Count)))}) is not a valid date");
                }

            case "timedelta":
                string[] units = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
                double[] scale = [TimeSpan.TicksPerDay, TimeSpan.TicksPerSecond, 10, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerMinute, TimeSpan.TicksPerHour, TimeSpan.TicksPerDay * 7];
                double ticks = 0;
                for (var i = 0; i < positional.Count; i++)
                {
                    ticks += Number(positional[i], units[Math.Min(i, units.Length - 1)]) * scale[i];
                }

                foreach (var (unit, v) in named)
                {
                    var idx = Array.IndexOf(units, unit);
                    ticks += idx < 0 ? throw Error($"timedelta() has no argument '{unit}'") : Number(v, unit) * scale[idx];
                }

                return TimeSpan.FromTicks((long)ticks);
            default:
                throw Error($"unknown function '{name}()'; known: now(), today(), datetime(), date(), timedelta()");
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

    private object ApplyNumbers(char op, object a, object b) => (op, a, b) switch
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
    };

    private static string Describe(object v) => v switch { double or Int128 => "a number", DateTime => "a date", TimeSpan => "a duration", string => "a string", _ => "a value" };

    private double Number(object v, string what) => v is double d ? d : v is Int128 i ? (double)i : throw Error($"{what} must be a number");

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

    private FormatException Error(string message) => new($"suite parameter '{_text}': {message} at position {_pos + 1}");
}
