using System.Globalization;
using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>What a <see cref="Scalar"/> holds.</summary>
public enum ScalarKind
{
    /// <summary>JSON null / Python None.</summary>
    Null,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A whole number that fits a 64-bit integer.</summary>
    Integer,
    /// <summary>Any other number (double precision).</summary>
    Number,
    /// <summary>Text; also how timestamps are written in suites (ISO-8601).</summary>
    String,
    /// <summary>A suite parameter (<c>{"$PARAMETER": "expression"}</c>), resolved when a validation runs.</summary>
    Parameter,
}

/// <summary>
/// One argument value of an expectation (a bound, a set member): null, boolean, integer, number or string.
/// Immutable and serializable, so suites never hold <c>object</c>.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>, IComparable<Scalar>
{
    private readonly long _integer;
    private readonly double _number;
    private readonly string? _string;

    private Scalar(ScalarKind kind, long integer, double number, string? text)
    {
        Kind = kind;
        _integer = integer;
        _number = number;
        _string = text;
    }

    /// <summary>The null value.</summary>
    public static Scalar Null => default;

    /// <summary>What this value holds.</summary>
    public ScalarKind Kind { get; }

    /// <summary>Whether this is the null value.</summary>
    public bool IsNull => Kind == ScalarKind.Null;

    /// <summary>Whether this is an integer or a number.</summary>
    public bool IsNumeric => Kind is ScalarKind.Integer or ScalarKind.Number;

    /// <summary>A boolean value.</summary>
    public static Scalar From(bool value) => new(ScalarKind.Boolean, value ? 1 : 0, value ? 1 : 0, null);

    /// <summary>An integer value.</summary>
    public static Scalar From(long value) => new(ScalarKind.Integer, value, value, null);

    /// <summary>A number; whole numbers within the 64-bit range become integers so that 1.0 equals 1.</summary>
    public static Scalar From(double value) =>
        double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 9.2e18
            ? new(ScalarKind.Integer, (long)value, value, null)
            : new(ScalarKind.Number, 0, value, null);

    /// <summary>A decimal, held as a number (double precision).</summary>
    public static Scalar From(decimal value) => decimal.Truncate(value) == value && Math.Abs(value) < 9.2e18m
        ? From((long)value)
        : new(ScalarKind.Number, 0, (double)value, null);

    /// <summary>A string value (null gives <see cref="Null"/>).</summary>
    public static Scalar From(string? value) => value is null ? Null : new(ScalarKind.String, 0, 0, value);

    /// <summary>
    /// A suite parameter: a name filled at run time (<see cref="ValidationOptions.Parameters"/>, CLI <c>--param</c>) or an
    /// expression such as <c>now() - timedelta(days=7)</c>; written as <c>{"$PARAMETER": "..."}</c> as GX does.
    /// </summary>
    public static Scalar Parameter(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        return new(ScalarKind.Parameter, 0, 0, expression);
    }

    /// <summary>Whether this is a suite parameter still to be resolved.</summary>
    public bool IsParameter => Kind == ScalarKind.Parameter;

    /// <summary>The expression of a suite parameter.</summary>
    public string ParameterExpression => Kind == ScalarKind.Parameter ? _string! : throw Mismatch("a suite parameter");

    /// <summary>A timestamp, held as its ISO-8601 string as suites write it.</summary>
    public static Scalar From(DateTime value) => From(value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));

    /// <summary>Implicit conversion from <see cref="long"/>.</summary>
    public static implicit operator Scalar(long value) => From(value);

    /// <summary>Implicit conversion from <see cref="double"/>.</summary>
    public static implicit operator Scalar(double value) => From(value);

    /// <summary>Implicit conversion from <see cref="string"/>.</summary>
    public static implicit operator Scalar(string? value) => From(value);

    /// <summary>Implicit conversion from <see cref="bool"/>.</summary>
    public static implicit operator Scalar(bool value) => From(value);

    /// <summary>Implicit conversion from <see cref="DateTime"/>.</summary>
    public static implicit operator Scalar(DateTime value) => From(value);

    /// <summary>The boolean value.</summary>
    public bool AsBoolean() => Kind == ScalarKind.Boolean ? _integer != 0 : throw Mismatch("a boolean");

    /// <summary>The integer value.</summary>
    public long AsInteger() => Kind == ScalarKind.Integer ? _integer : throw Mismatch("an integer");

    /// <summary>The numeric value as double (integers converted).</summary>
    public double AsDouble() => IsNumeric ? _number : throw Mismatch("a number");

    /// <summary>The string value.</summary>
    public string AsString() => Kind == ScalarKind.String ? _string! : throw Mismatch("a string");

    /// <summary>Parses a string value as a timestamp (ISO-8601 and common date formats, invariant culture).</summary>
    public bool TryGetTimestamp(out DateTime value)
    {
        value = default;
        return Kind == ScalarKind.String && DateTime.TryParse(_string, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }

    /// <summary>Reads a JSON value; arrays and objects are not scalars.</summary>
    /// <exception cref="FormatException">The element is an array or object.</exception>
    public static Scalar FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Null,
        JsonValueKind.True => From(true),
        JsonValueKind.False => From(false),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? From(l) : From(element.GetDouble()),
        JsonValueKind.String => From(element.GetString()),
        JsonValueKind.Object when element.TryGetProperty("$PARAMETER", out var p) && p.ValueKind == JsonValueKind.String && element.EnumerateObject().Count() == 1
            => Parameter(p.GetString()!),
        _ => throw new FormatException($"expected a single value (number, string, boolean, null or {{\"$PARAMETER\": ...}}) but found {element.ValueKind.ToString().ToLowerInvariant()}"),
    };

    /// <summary>Writes this value as JSON; non-finite numbers as the strings "NaN", "Infinity", "-Infinity".</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case ScalarKind.Null: writer.WriteNullValue(); break;
            case ScalarKind.Boolean: writer.WriteBooleanValue(_integer != 0); break;
            case ScalarKind.Integer: writer.WriteNumberValue(_integer); break;
            case ScalarKind.Number: ScalarFormatting.WriteDouble(writer, _number); break;
            case ScalarKind.Parameter:
                writer.WriteStartObject();
                writer.WriteString("$PARAMETER", _string);
                writer.WriteEndObject();
                break;
            default: writer.WriteStringValue(_string); break;
        }
    }

    /// <inheritdoc />
    public bool Equals(Scalar other) => Kind switch
    {
        _ when IsNumeric && other.IsNumeric => Kind == ScalarKind.Integer && other.Kind == ScalarKind.Integer ? _integer == other._integer : _number.Equals(other._number),
        _ when Kind != other.Kind => false,
        ScalarKind.Null => true,
        ScalarKind.Boolean => _integer == other._integer,
        _ => string.Equals(_string, other._string, StringComparison.Ordinal),
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Scalar s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ScalarKind.Integer or ScalarKind.Number => _number.GetHashCode(),
        ScalarKind.String or ScalarKind.Parameter => StringComparer.Ordinal.GetHashCode(_string!),
        _ => HashCode.Combine(Kind, _integer),
    };

    /// <summary>Orders null first, then booleans, numbers, strings (ordinal).</summary>
    public int CompareTo(Scalar other)
    {
        if (IsNumeric && other.IsNumeric)
        {
            return Kind == ScalarKind.Integer && other.Kind == ScalarKind.Integer ? _integer.CompareTo(other._integer) : _number.CompareTo(other._number);
        }

        var byKind = Rank(Kind).CompareTo(Rank(other.Kind));
        if (byKind != 0)
        {
            return byKind;
        }

        return Kind switch
        {
            ScalarKind.Boolean => _integer.CompareTo(other._integer),
            ScalarKind.String or ScalarKind.Parameter => string.CompareOrdinal(_string, other._string),
            _ => 0,
        };

        static int Rank(ScalarKind k) => k switch { ScalarKind.Null => 0, ScalarKind.Boolean => 1, ScalarKind.Integer or ScalarKind.Number => 2, ScalarKind.String => 3, _ => 4 };
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    public static bool operator <(Scalar left, Scalar right) => left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(Scalar left, Scalar right) => left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Scalar left, Scalar right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Scalar left, Scalar right) => left.CompareTo(right) >= 0;

    /// <summary>The value as it would appear in JSON (strings quoted).</summary>
    public override string ToString() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Boolean => _integer != 0 ? "true" : "false",
        ScalarKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Parameter => "{\"$PARAMETER\": " + JsonSerializer.Serialize(_string) + "}",
        ScalarKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(_string),
    };

    private InvalidOperationException Mismatch(string wanted) => new($"The value {this} is not {wanted}.");

    /// <summary>Converts a DSL value to a suite scalar.</summary>
    internal static Scalar FromValue<T>(T value) => value switch
    {
        null => Scalar.Null,
        Scalar s => s,
        string s => Scalar.From(s),
        bool b => Scalar.From(b),
        DateTime d => Scalar.From(d),
        decimal m => Scalar.From(m),
        double d => Scalar.From(d),
        float f => Scalar.From((double)f),
        sbyte or byte or short or ushort or int or uint or long => Scalar.From(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        ulong u => u <= long.MaxValue ? Scalar.From((long)u) : Scalar.From((double)u),
        _ => throw new ArgumentException($"Values of type {typeof(T).Name} cannot be used in expectations."),
    };
}
