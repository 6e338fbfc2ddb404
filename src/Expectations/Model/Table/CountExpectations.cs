using Expectations.Model;

namespace Expectations;

/// <summary>
/// A count of the whole table (rows, columns) within bounds, inclusive unless strict: the arguments and the test
/// shared by <see cref="TableRowCountToBeBetween"/> and <see cref="TableColumnCountToBeBetween"/>. A minimum above
/// the maximum is refused when the suite is read only for the row count, as GX 1.x refuses it; the column count
/// accepts it, as GX does, and fails (no count lies in an empty range).
/// </summary>
public abstract record TableCountBetween : Expectation
{
    /// <summary>The smallest count allowed: a whole number, a suite parameter (<c>{"$PARAMETER": "name"}</c>), or null for none.</summary>
    [Kwarg("min_value", Integer = true)]
    public Scalar? MinValue { get; init; }

    /// <summary>The largest count allowed: a whole number, a suite parameter, or null for none.</summary>
    [Kwarg("max_value", Integer = true)]
    public Scalar? MaxValue { get; init; }

    /// <summary>Whether a count equal to <see cref="MinValue"/> fails.</summary>
    [Kwarg("strict_min")]
    public bool StrictMin { get; init; }

    /// <summary>Whether a count equal to <see cref="MaxValue"/> fails.</summary>
    [Kwarg("strict_max")]
    public bool StrictMax { get; init; }

    /// <summary>Whether <paramref name="count"/> lies within the bounds (resolved: suite parameters replaced by their values).</summary>
    /// <exception cref="InvalidOperationException">A bound is still a suite parameter, or not a whole number.</exception>
    public bool Allows(long count) =>
        (WholeNumbers.OrNull(MinValue, "min_value") is not { } lo || (StrictMin ? count > lo : count >= lo))
        && (WholeNumbers.OrNull(MaxValue, "max_value") is not { } hi || (StrictMax ? count < hi : count <= hi));

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (errors.WholeNumber(MinValue, "min_value") is < 0)
        {
            errors.Add("min_value", "must not be negative");
        }

        errors.WholeNumber(MaxValue, "max_value");
    }

}

/// <summary>A count of the whole table equal to <see cref="Value"/>: shared by the row- and column-count equality expectations.</summary>
public abstract record TableCountEqual : Expectation
{
    /// <summary>The expected count: a whole number, or a suite parameter (<c>{"$PARAMETER": "name"}</c>) resolved when a validation runs.</summary>
    [Kwarg("value", Required = true, Integer = true)]
    public Scalar Value { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Value.IsNull)
        {
            errors.Add("value", "is required: give the expected count");
        }
        else if (errors.WholeNumber(Value, "value") is < 0)
        {
            errors.Add("value", "must not be negative");
        }
    }
}
