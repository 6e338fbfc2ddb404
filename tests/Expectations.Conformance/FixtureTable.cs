using System.Globalization;
using System.Text.Json;

namespace Expectations.Conformance;

/// <summary>
/// Builds the <see cref="InMemoryTable"/> GX's pandas backend would have built from a fixture's column data:
/// the dtypes of <c>schemas.pandas</c> when given (GX applied them with <c>DataFrame.astype</c> and
/// <c>pd.to_datetime</c>), otherwise pandas' own inference. The choices where pandas has no counterpart are
/// listed in <see cref="Decisions"/> and in docs/conformance.md.
/// </summary>
internal static class FixtureTable
{
    /// <summary>How fixture columns map to column kinds, for the generated document.</summary>
    public static IReadOnlyList<string> Decisions { get; } =
    [
        "`int`, `int64`, `int32`, `Int64Dtype` → Integer (strings are parsed, as `astype(int)` does); `float`, `float64`, `float32` → Float.",
        "`str` → String of each value's Python `str()`; like `astype(str)`, a null becomes the text `None`.",
        "`datetime`, `datetime64`, `datetime64[ns]` → Timestamp (strings parsed); `timestamp` → Timestamp in UTC (physical type `DateTime (UTC)`, so type checks see a tz-aware column); `date` → Timestamp at midnight (pandas holds `datetime.date` objects).",
        "`object` and `bool` → String or Boolean by the values; `object` with mixed values → String of each value's Python `str()`, nulls kept.",
        "Without a schema: all integers → Integer; integers with nulls → Float (pandas makes them float64); any float → Float; strings → String; booleans (with or without nulls) → Boolean; numbers mixed with strings (pandas `object`) → String of each value's Python `str()`.",
        "A column with no values, or only nulls (pandas `object`), → Float, so numeric and null checks apply to it.",
    ];

    /// <summary>Builds the table.</summary>
    /// <exception cref="FormatException">The data is not an object of column arrays, or a value does not fit its dtype.</exception>
    public static InMemoryTable Build(JsonElement data, IReadOnlyDictionary<string, string>? schema, string description)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"dataset data is {data.ValueKind.ToString().ToLowerInvariant()}, not an object of columns (multi-table fixtures are not supported)");
        }

        var builder = InMemoryTable.Builder(description);
        foreach (var column in data.EnumerateObject())
        {
            if (column.Value.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"column '{column.Name}' is not a list");
            }

            var values = column.Value.EnumerateArray().ToArray();
            var dtype = schema is not null && schema.TryGetValue(column.Name, out var t) ? t : null;
            AddColumn(builder, column.Name, values, dtype);
        }

        return builder.Build();
    }

    private static void AddColumn(InMemoryTable.InMemoryTableBuilder builder, string name, JsonElement[] values, string? dtype)
    {
        switch (dtype?.ToLowerInvariant())
        {
            case null:
                AddInferred(builder, name, values);
                break;
            case "int" or "int64" or "int32" or "int16" or "int8" or "int64dtype" or "int32dtype":
                builder.Add(name, values.Select(v => ToLong(v, name)).ToArray());
                break;
            case "float" or "float64" or "float32" or "float64dtype":
                builder.Add(name, values.Select(v => ToDouble(v, name)).ToArray());
                break;
            case "str" or "string":
                builder.Add(name, values.Select(v => (string?)PythonStr(v)).ToArray());
                break;
            case "bool" or "boolean":
                builder.Add(name, values.Select(v => v.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => (bool?)null,
                    _ => throw new FormatException($"column '{name}': {v.GetRawText()} is not a boolean"),
                }).ToArray());
                break;
            case "datetime" or "datetime64" or "datetime64[ns]":
                builder.Add(name, values.Select(v => ToTimestamp(v, name, utc: false)).ToArray());
                break;
            case "timestamp" or "datetime64[ns, tz]":
                AddUtcTimestamps(builder, name, values.Select(v => ToTimestamp(v, name, utc: true)).ToArray());
                break;
            case "date":
                builder.Add(name, values.Select(v => ToTimestamp(v, name, utc: false)?.Date).ToArray());
                break;
            case "object":
                AddInferred(builder, name, values);
                break;
            default:
                throw new FormatException($"column '{name}': pandas dtype '{dtype}' has no mapping in the conformance runner");
        }
    }

    private static void AddInferred(InMemoryTable.InMemoryTableBuilder builder, string name, JsonElement[] values)
    {
        var present = values.Where(v => v.ValueKind != JsonValueKind.Null).ToArray();
        var hasNulls = present.Length < values.Length;
        if (present.Length == 0)
        {
            builder.Add(name, values.Select(_ => (double?)null).ToArray());
        }
        else if (present.All(v => v.ValueKind is JsonValueKind.True or JsonValueKind.False))
        {
            builder.Add(name, values.Select(v => v.ValueKind == JsonValueKind.Null ? (bool?)null : v.GetBoolean()).ToArray());
        }
        else if (present.All(v => v.ValueKind == JsonValueKind.Number))
        {
            if (!hasNulls && present.All(v => v.TryGetInt64(out _)))
            {
                builder.Add(name, values.Select(v => (long?)v.GetInt64()).ToArray());
            }
            else
            {
                builder.Add(name, values.Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray());
            }
        }
        else if (present.All(v => v.ValueKind == JsonValueKind.String))
        {
            builder.Add(name, values.Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray());
        }
        else
        {
            // pandas keeps mixed values as Python objects; their text is the closest single-typed column.
            builder.Add(name, values.Select(v => v.ValueKind == JsonValueKind.Null ? null : PythonStr(v)).ToArray());
        }
    }

    /// <summary>A tz-aware pandas column: ticks in UTC, with a physical type that says so (pandas' dtype is <c>datetime64[ns, UTC]</c>).</summary>
    private static void AddUtcTimestamps(InMemoryTable.InMemoryTableBuilder builder, string name, DateTime?[] values)
    {
        var ticks = new long[values.Length];
        var validity = new byte[(values.Length + 7) / 8];
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } t)
            {
                ticks[i] = t.Ticks;
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }
        }

        builder.AddBatch(new PrimitiveBatch<long>(name, DataKind.Timestamp, ticks, validity, nulls), "DateTime (UTC)");
    }

    private static long? ToLong(JsonElement v, string column) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when v.TryGetInt64(out var l) => l,
        JsonValueKind.Number when v.GetDouble() is var d && d == Math.Floor(d) => (long)d,
        JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => throw new FormatException($"column '{column}': {v.GetRawText()} is not an integer"),
    };

    private static double? ToDouble(JsonElement v, string column) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String when ParseDouble(v.GetString()!) is { } d => d,
        _ => throw new FormatException($"column '{column}': {v.GetRawText()} is not a number"),
    };

    private static double? ParseDouble(string s) => s switch
    {
        "NaN" or "nan" => double.NaN,
        "Infinity" or "inf" => double.PositiveInfinity,
        "-Infinity" or "-inf" => double.NegativeInfinity,
        _ => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
    };

    private static readonly string[] TimestampFormats =
    [
        "MMM dd yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    private static DateTime? ToTimestamp(JsonElement v, string column, bool utc)
    {
        if (v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var s = v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"column '{column}': {v.GetRawText()} is not a date string");
        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(s, TimestampFormats, CultureInfo.InvariantCulture, styles, out var exact)
            || DateTime.TryParse(s, CultureInfo.InvariantCulture, styles, out exact))
        {
            return utc ? DateTime.SpecifyKind(exact, DateTimeKind.Utc) : exact;
        }

        throw new FormatException($"column '{column}': '{s}' is not a date or time");
    }

    /// <summary>Python's <c>str()</c> of a JSON value: <c>None</c>, <c>True</c>, <c>1</c>, <c>1.0</c>, <c>1e-05</c>.</summary>
    internal static string PythonStr(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => "None",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Number when v.TryGetInt64(out var l) && !v.GetRawText().Contains('.', StringComparison.Ordinal) && !v.GetRawText().Contains('e', StringComparison.OrdinalIgnoreCase) => l.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => PythonFloat(v.GetDouble()),
        _ => v.GetRawText(),
    };

    /// <summary>Python's <c>repr()</c> of a float: shortest round-trip digits, <c>1.0</c> for whole numbers, <c>1e-05</c> exponents.</summary>
    internal static string PythonFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            // .NET writes 1E-05 and 1.5E+20; Python writes 1e-05 and 1.5e+20 (thresholds differ slightly at 1e15).
            var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return $"{text[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}
