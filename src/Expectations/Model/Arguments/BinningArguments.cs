using System.Text.Json;

namespace Expectations.Model;

/// <summary>Checks of the <c>bins_A</c>/<c>bins_B</c> arguments of Cramér's phi.</summary>
internal static class BinningArguments
{
    /// <summary>Why <paramref name="bins"/> is neither a list of numbers nor a list of lists of values; null when fine.</summary>
    public static string? Problem(JsonElement bins)
    {
        if (bins.ValueKind != JsonValueKind.Array)
        {
            return "must be a list of bin edges or a list of lists of values";
        }

        var allNumbers = bins.EnumerateArray().All(x => Partition.TryNumber(x, out var v) && !double.IsNaN(v) && x.ValueKind == JsonValueKind.Number);
        var allGroups = bins.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Array && x.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False));
        return allNumbers || allGroups ? null : "must be a list of bin edges (numbers) or a list of lists of values";
    }
}
