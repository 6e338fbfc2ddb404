using Expectations.Model;

namespace Expectations;

/// <summary>
/// The range of every "between" expectation: GX's <c>min_value</c>, <c>max_value</c>, <c>strict_min</c> and
/// <c>strict_max</c> kwargs, declared once. A null end is unbounded; a strict end excludes its own value. The default is
/// unbounded at both ends.
/// </summary>
/// <example><c>new ColumnValuesToBeBetween { Column = "amount", Bounds = new(0, 10_000, strictMax: true) }</c></example>
public readonly record struct Bounds
{
    /// <summary>A range from <paramref name="minValue"/> to <paramref name="maxValue"/>; null for an unbounded end.</summary>
    public Bounds(Scalar? minValue, Scalar? maxValue, bool strictMin = false, bool strictMax = false)
    {
        MinValue = minValue;
        MaxValue = maxValue;
        StrictMin = strictMin;
        StrictMax = strictMax;
    }

    /// <summary>The lower end, or null for none (a whole number where the expectation counts; timestamps as ISO-8601 strings).</summary>
    [Kwarg("min_value")]
    public Scalar? MinValue { get; init; }

    /// <summary>The upper end, or null for none.</summary>
    [Kwarg("max_value")]
    public Scalar? MaxValue { get; init; }

    /// <summary>Whether a value equal to <c>min_value</c> lies outside the range.</summary>
    [Kwarg("strict_min")]
    public bool StrictMin { get; init; }

    /// <summary>Whether a value equal to <c>max_value</c> lies outside the range.</summary>
    [Kwarg("strict_max")]
    public bool StrictMax { get; init; }

    /// <summary>Whether neither end is given (or both are JSON null).</summary>
    public bool IsUnbounded => MinValue is not { IsNull: false } && MaxValue is not { IsNull: false };

    /// <summary>
    /// Whether the whole number <paramref name="value"/> lies within the range (resolved: suite parameters replaced by
    /// their values, both ends whole numbers).
    /// </summary>
    /// <exception cref="InvalidOperationException">An end is still a suite parameter, or not a whole number.</exception>
    public bool Contains(long value) =>
        (WholeNumbers.OrNull(MinValue, "min_value") is not { } lo || (StrictMin ? value > lo : value >= lo))
        && (WholeNumbers.OrNull(MaxValue, "max_value") is not { } hi || (StrictMax ? value < hi : value <= hi));

    /// <summary>Records "min_value and max_value cannot both be null" for expectations that need an end (GX's rule for values and lengths).</summary>
    internal void RequireAnEnd(ArgumentErrors errors)
    {
        if (IsUnbounded)
        {
            errors.Add("min_value", "and max_value cannot both be null");
        }
    }
}

/// <summary>
/// Marks a property whose type declares kwargs of its own (such as <see cref="Bounds"/>): the JSON reader and writer
/// map those kwargs at the expectation's top level, as GX writes them.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class KwargGroupAttribute : Attribute
{
    /// <summary>Whether the group's <see cref="Scalar"/> kwargs hold whole numbers (see <see cref="KwargAttribute.Integer"/>).</summary>
    public bool Integer { get; init; }
}
