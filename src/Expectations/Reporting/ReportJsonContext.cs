using System.Text.Json;
using System.Text.Json.Serialization;

namespace Expectations.Reporting;

/// <summary>Serializer options for values put into reports (observed values, details): snake_case, NaN as strings.</summary>
internal static class ReportJsonContext
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
