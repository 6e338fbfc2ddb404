using System.Text.Encodings.Web;
using System.Text.Json;

namespace Expectations.Model;

/// <summary>
/// JSON string literals for messages, escaped exactly as <see cref="JsonSerializer"/> escapes them, without the
/// reflection serializer (whose first use costs tens of milliseconds of start-up in every process).
/// </summary>
internal static class JsonStrings
{
    /// <summary><paramref name="value"/> as a quoted JSON string (<c>null</c> for null); <paramref name="readable"/> leaves non-ASCII letters and HTML characters unescaped.</summary>
    public static string Quote(string? value, bool readable = false) => value is null
        ? "null"
        : string.Concat("\"", JsonEncodedText.Encode(value, readable ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null).ToString(), "\"");
}
