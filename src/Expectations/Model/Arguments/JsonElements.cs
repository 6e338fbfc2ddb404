using System.Buffers;
using System.Text.Json;

namespace Expectations.Model;

/// <summary>Standalone JSON values (observed values, details, partition objects) written with a writer.</summary>
internal static class JsonElements
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
}
