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
    /// <summary>
    /// A whole number, held exactly: every 64-bit signed and unsigned value, and beyond up to 128 bits
    /// (<see cref="Int128"/>). Never rounded through double.
    /// </summary>
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
    private readonly Int128 _integer;
    private readonly double _number;
    private readonly string? _string;

    private Scalar(ScalarKind kind, Int128 integer, double number, string? text)
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

    /// <summary>An unsigned integer value, held exactly (also above <see cref="long.MaxValue"/>).</summary>
    public static Scalar From(ulong value) => new(ScalarKind.Integer, value, value, null);

    /// <summary>A 128-bit integer value, held exactly.</summary>
    public static Scalar From(Int128 value) => new(ScalarKind.Integer, value, (double)value, null);

    /// <summary>A number; whole numbers within the signed 64-bit range become integers so that 1.0 equals 1.</summary>
    public static Scalar From(double value) =>
        double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 9.2e18
            ? new(ScalarKind.Integer, (Int128)value, value, null)
            : new(ScalarKind.Number, 0, value, null);

    /// <summary>A decimal: whole values are exact integers, others a number (double precision).</summary>
    public static Scalar From(decimal value) => decimal.Truncate(value) == value
        ? From((Int128)value)
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
    /// <exception cref="InvalidOperationException">Not an integer, or outside the signed 64-bit range (see <see cref="AsInt128"/>).</exception>
    public long AsInteger() => Kind != ScalarKind.Integer ? throw Mismatch("an integer")
        : _integer >= long.MinValue && _integer <= long.MaxValue ? (long)_integer
        : throw Mismatch("a signed 64-bit integer (read it with AsInt128)");

    /// <summary>The exact integer value, of any 64-bit width (signed or unsigned) and up to 128 bits.</summary>
    public Int128 AsInt128() => Kind == ScalarKind.Integer ? _integer : throw Mismatch("an integer");

    /// <summary>The numeric value as double (integers converted, rounding to the nearest double beyond 2^53).</summary>
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
    /// <exception cref="FormatException">The element is an array or object, or a suite parameter with an empty expression.</exception>
    public static Scalar FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Null,
        JsonValueKind.True => From(true),
        JsonValueKind.False => From(false),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? From(l) : ExactNumbers.TryParseInteger(element.GetRawText(), out var i) ? From(i) : From(element.GetDouble()),
        JsonValueKind.String => From(element.GetString()),
        JsonValueKind.Object when element.TryGetProperty("$PARAMETER", out var p) && p.ValueKind == JsonValueKind.String && element.EnumerateObject().Count() == 1
            => string.IsNullOrWhiteSpace(p.GetString())
                ? throw new FormatException("a suite parameter ({\"$PARAMETER\": ...}) needs a name or an expression, not an empty text")
                : Parameter(p.GetString()!),
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
            case ScalarKind.Integer: ScalarFormatting.WriteInteger(writer, DataKind.Integer, _integer); break;
            case ScalarKind.Number: ScalarFormatting.WriteDouble(writer, _number); break;
            case ScalarKind.Parameter:
                writer.WriteStartObject();
                writer.WriteString("$PARAMETER", _string);
                writer.WriteEndObject();
                break;
            default: writer.WriteStringValue(_string); break;
        }
    }

    /// <summary>Equality; numbers compare by exact value, integers with doubles too (2^53 + 1 is no double, 2^63 is one).</summary>
    public bool Equals(Scalar other) => Kind switch
    {
        _ when IsNumeric && other.IsNumeric => CompareNumbers(other) == 0 || (Kind == ScalarKind.Number && other.Kind == ScalarKind.Number && _number.Equals(other._number)),
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
        // Equal numbers hash alike: an integer that a double holds exactly hashes as that double.
        ScalarKind.Integer => ExactNumbers.Compare(_integer, _number) == 0 ? _number.GetHashCode() : _integer.GetHashCode(),
        ScalarKind.Number => _number.GetHashCode(),
        ScalarKind.String or ScalarKind.Parameter => StringComparer.Ordinal.GetHashCode(_string!),
        _ => HashCode.Combine(Kind, _integer),
    };

    /// <summary>Orders null first, then booleans, numbers, strings (ordinal).</summary>
    public int CompareTo(Scalar other)
    {
        if (IsNumeric && other.IsNumeric)
        {
            // NaN sorts first, as double.CompareTo orders it.
            return CompareNumbers(other) ?? (Kind == ScalarKind.Number && double.IsNaN(_number) ? (other.Kind == ScalarKind.Number && double.IsNaN(other._number) ? 0 : -1) : 1);
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
        ScalarKind.Parameter => "{\"$PARAMETER\": " + JsonStrings.Quote(_string) + "}",
        ScalarKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        _ => JsonStrings.Quote(_string),
    };

    private InvalidOperationException Mismatch(string wanted) => new($"The value {this} is not {wanted}.");

    /// <summary>Exact comparison of two numbers (integers never through double); null when a NaN is involved.</summary>
    private int? CompareNumbers(Scalar other) => (Kind, other.Kind) switch
    {
        (ScalarKind.Integer, ScalarKind.Integer) => _integer.CompareTo(other._integer),
        (ScalarKind.Integer, _) => ExactNumbers.Compare(_integer, other._number),
        (_, ScalarKind.Integer) => -ExactNumbers.Compare(other._integer, _number),
        _ => double.IsNaN(_number) || double.IsNaN(other._number) ? null : _number.CompareTo(other._number),
    };

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
        ulong u => Scalar.From(u),
        Int128 i => Scalar.From(i),
        UInt128 u => u <= (UInt128)Int128.MaxValue ? Scalar.From((Int128)u) : Scalar.From((double)u),
        _ => throw new ArgumentException($"Values of type {typeof(T).Name} cannot be used in expectations."),
    };
}
