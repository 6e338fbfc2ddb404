using System.Buffers;
using System.Text.Json;

namespace Expectations.Model;

/// <summary>JSON helpers for aggregate results.</summary>
internal static class AggregateJson
{
    /// <summary>Builds a standalone JSON element with a writer.</summary>
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    /// <summary>Writes an exact integer of a column of <paramref name="kind"/>: booleans as true/false, timestamps as ISO-8601.</summary>
    public static void WriteInteger(Utf8JsonWriter writer, DataKind kind, Int128 value)
    {
        switch (kind)
        {
            case DataKind.Boolean: writer.WriteBooleanValue(value != 0); break;
            case DataKind.Timestamp: writer.WriteStringValue(ScalarFormatting.FormatTimestamp((long)value)); break;
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
}
