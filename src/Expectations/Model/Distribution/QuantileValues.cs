using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>
/// GX <c>expect_column_quantile_values_to_be_between</c>: each requested quantile of the non-null, non-NaN values lies
/// within its range. <see cref="QuantileRanges"/> is <c>{"quantiles": [q...], "value_ranges": [[lo, hi]...]}</c>
/// (a null bound is open). Quantiles are exact, picked as GX's pandas engine picks them: numpy's "nearest"
/// interpolation (the value at index q·(n−1) rounded half to even), or the interpolation named by
/// <see cref="AllowRelativeError"/> ("linear", "lower", "higher", "midpoint", "nearest"). observed_value is
/// <c>{"quantiles", "values"}</c>, details.success_details one boolean per range. Memory: every value (8 bytes
/// a row). Example: <c>{"column": "x", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[0, 10]]}}</c>.
/// </summary>
public sealed record ColumnQuantileValuesToBeBetween : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_quantile_values_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Value equality; JSON arguments compare by content.</summary>
    /// <param name="other">The other expectation.</param>
    public bool Equals(ColumnQuantileValuesToBeBetween? other) =>
        other is not null
        && base.Equals(other)
        && AllowRelativeError == other.AllowRelativeError
        && JsonArguments.Same(QuantileRanges, other.QuantileRanges);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), AllowRelativeError);

    /// <summary>
    /// <c>{"quantiles": [...], "value_ranges": [[lo, hi], ...]}</c>, one range per quantile. Needed: without it the
    /// expectation raises when it runs (an absent value cannot be written back, so loading accepts it).
    /// </summary>
    [Kwarg("quantile_ranges")]
    public JsonElement? QuantileRanges { get; init; }

    /// <summary>
    /// GX's accuracy switch. An in-memory engine is exact, so <c>true</c> and numbers (Spark's relative error)
    /// change nothing; a string names pandas' interpolation.
    /// </summary>
    [Kwarg("allow_relative_error")]
    public Scalar? AllowRelativeError { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (QuantileRanges is { } q && QuantileRangeSet.Parse(q, out var problem) is null)
        {
            errors.Add("quantile_ranges", problem!);
        }

        if (AllowRelativeError is { Kind: ScalarKind.String } s && !QuantileRangeSet.Interpolations.Contains(s.AsString()))
        {
            errors.Add("allow_relative_error", $"'{s.AsString()}' is not an interpolation: use one of {string.Join(", ", QuantileRangeSet.Interpolations)}, or true/false");
        }
        else if (AllowRelativeError is { IsNumeric: true } n && !(n.AsDouble() >= 0 && n.AsDouble() <= 1))
        {
            errors.Add("allow_relative_error", $"must be between 0 and 1, got {n}");
        }
    }
}
