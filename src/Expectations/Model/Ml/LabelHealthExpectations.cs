using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// <c>expect_column_value_proportions_to_be_between</c> (class balance): each distinct non-null value's share of the
/// column's non-null values lies within <see cref="Bounds"/>, and each value named in <see cref="ValueBounds"/> within its
/// own <c>[min, max]</c> (a named value that does not occur has share 0). The result lists every value's share and the
/// values outside their bounds. A column without values fails (no share to judge).
/// </summary>
public sealed record ColumnValueProportionsToBeBetween : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_value_proportions_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The range every value's share must lie in, within [0, 1] (either end may be open).</summary>
    [KwargGroup]
    public Bounds Bounds { get; init; }

    /// <summary>Per value, its own range: a JSON object <c>{"positive": [0.2, 0.6], "negative": [0.4, null]}</c>.</summary>
    [Kwarg("value_bounds")]
    public JsonElement? ValueBounds { get; init; }

    /// <summary>The per-value ranges of <see cref="ValueBounds"/> (value as written → (min, max)); empty when none.</summary>
    internal IReadOnlyList<(string Value, double? Min, double? Max)> PerValue() =>
        ValueBounds is { ValueKind: JsonValueKind.Object } o
            ? [.. o.EnumerateObject().Select(p => (p.Name, End(p.Value, 0), End(p.Value, 1)))]
            : [];

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        errors.CheckNumber(Bounds.MinValue, "min_value");
        errors.CheckNumber(Bounds.MaxValue, "max_value");
        errors.CheckOrdered(Bounds.MinValue, Bounds.MaxValue);
        if (ValueBounds is not { } bounds)
        {
            if (Bounds.IsUnbounded)
            {
                errors.Add("min_value", "give min_value, max_value or value_bounds: without them every share passes");
            }

            return;
        }

        if (bounds.ValueKind != JsonValueKind.Object)
        {
            errors.Add("value_bounds", $"must be an object of value → [min, max], found {bounds.ValueKind.ToString().ToLowerInvariant()}");
            return;
        }

        foreach (var p in bounds.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() != 2
                || p.Value.EnumerateArray().Any(v => v.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)))
            {
                errors.Add($"value_bounds.{p.Name}", "must be [min, max]: two numbers in [0, 1], or null for an open end");
                continue;
            }

            var (lo, hi) = (End(p.Value, 0), End(p.Value, 1));
            if (lo is < 0 or > 1 || hi is < 0 or > 1)
            {
                errors.Add($"value_bounds.{p.Name}", "shares lie in [0, 1]");
            }
            else if (lo > hi)
            {
                errors.Add($"value_bounds.{p.Name}", $"min {lo} is above max {hi}");
            }
        }
    }

    private static double? End(JsonElement pair, int index) =>
        pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() > index && pair[index].ValueKind == JsonValueKind.Number ? pair[index].GetDouble() : null;
}
