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
    /// <summary>The range the count must lie in: whole numbers, suite parameters (<c>{"$PARAMETER": "name"}</c>), or null for an unbounded end.</summary>
    [KwargGroup(Integer = true)]
    public Bounds Bounds { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (errors.WholeNumber(Bounds.MinValue, "min_value") is < 0)
        {
            errors.Add("min_value", "must not be negative");
        }

        errors.WholeNumber(Bounds.MaxValue, "max_value");
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
