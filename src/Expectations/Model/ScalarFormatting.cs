using System.Globalization;
using System.Text.Json;

namespace Expectations.Model;

/// <summary>Writes primitive column values as JSON the way reports show them.</summary>
internal static class ScalarFormatting
{
    /// <summary>
    /// A finite fraction rounded for a person, never in scientific notation above 1e-4: 2,613.4679602888086 → 2,613.47
    /// (<paramref name="group"/> adds thousands separators), 0.50109248 → 0.5011. Below 1e-4 in magnitude the value is
    /// <paramref name="tiny"/>'s text (the text report keeps two digits, the profile and drift reports say "&lt; 0.0001").
    /// Exact values stay in the JSON.
    /// </summary>
    public static string Rounded(double x, bool group, Func<double, string> tiny) => Math.Abs(x) switch
    {
        0 => "0",
        >= 1 => x.ToString(group ? "#,##0.##" : "0.##", CultureInfo.InvariantCulture),
        >= 1e-4 => x.ToString("0.####", CultureInfo.InvariantCulture),
        _ => tiny(x),
    };

    /// <summary>Bytes as <c>\x</c> followed by lowercase hex digits (PostgreSQL's bytea hex format): how binary values are shown and named.</summary>
    public static string FormatHex(ReadOnlySpan<byte> bytes) => string.Concat("\\x", Convert.ToHexStringLower(bytes));

    /// <summary>
    /// The bytes a suite's string value stands for when compared with a binary value: <c>\x</c> followed by an even number of
    /// hex digits (either case) names those bytes; any other text stands for its UTF-8 bytes (old writers store text as
    /// unannotated BYTE_ARRAY). So <c>"\x6869"</c> and <c>"hi"</c> both match the two bytes <c>68 69</c>.
    /// </summary>
    public static byte[] BinaryMember(string value)
    {
        if (value.Length >= 2 && value[0] == '\\' && value[1] == 'x' && (value.Length & 1) == 0)
        {
            var hex = value.AsSpan(2);
            var bytes = new byte[hex.Length / 2];
            if (Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length)
            {
                return bytes;
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(value);
    }

    /// <summary>ISO-8601 with fractional seconds only when present, as pandas prints timestamps.</summary>
    public static string FormatTimestamp(long ticks)
    {
        var dt = new DateTime(ticks, DateTimeKind.Unspecified);
        return dt.Ticks % TimeSpan.TicksPerSecond == 0
            ? dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }

    public static void WritePrimitive<T>(Utf8JsonWriter writer, DataKind kind, T value) where T : unmanaged
    {
        switch (value)
        {
            case bool b: writer.WriteBooleanValue(b); break;
            case sbyte v: writer.WriteNumberValue(v); break;
            case byte v: writer.WriteNumberValue(v); break;
            case short v: writer.WriteNumberValue(v); break;
            case ushort v: writer.WriteNumberValue(v); break;
            case int v: writer.WriteNumberValue(v); break;
            case uint v: writer.WriteNumberValue(v); break;
            case long v when kind == DataKind.Timestamp: writer.WriteStringValue(FormatTimestamp(v)); break;
            case long v: writer.WriteNumberValue(v); break;
            case ulong v: writer.WriteNumberValue(v); break;
            case float v: WriteDouble(writer, v); break;
            case double v: WriteDouble(writer, v); break;
            case decimal v: writer.WriteNumberValue(v); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }

    /// <summary>Writes an exact integer of a column of <paramref name="kind"/>: booleans as true/false, timestamps as ISO-8601.</summary>
    public static void WriteInteger(Utf8JsonWriter writer, DataKind kind, Int128 value)
    {
        switch (kind)
        {
            case DataKind.Boolean: writer.WriteBooleanValue(value != 0); break;
            case DataKind.Timestamp: writer.WriteStringValue(FormatTimestamp((long)value)); break;
            default:
                if (value >= long.MinValue && value <= long.MaxValue)
                {
                    writer.WriteNumberValue((long)value);
                }
                else
                {
                    writer.WriteRawValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
        }
    }

    /// <summary>JSON has no NaN or infinity: they are written as the strings "NaN", "Infinity", "-Infinity".</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double v)
    {
        if (double.IsFinite(v))
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }
}
