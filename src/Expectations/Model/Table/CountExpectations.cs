namespace Expectations;

/// <summary>
/// A count of the whole table (rows, columns) within bounds, inclusive unless strict: the arguments and the test
/// shared by <see cref="TableRowCountToBeBetween"/> and <see cref="TableColumnCountToBeBetween"/>. A minimum above
/// the maximum is refused when the suite is read only for the row count, as GX 1.x refuses it; the column count
/// accepts it, as GX does, and fails (no count lies in an empty range).
/// </summary>
public abstract record TableCountBetween : Expectation
{
    /// <summary>The smallest count allowed, or null.</summary>
    [Kwarg("min_value")]
    public long? MinValue { get; init; }

    /// <summary>The largest count allowed, or null.</summary>
    [Kwarg("max_value")]
    public long? MaxValue { get; init; }

    /// <summary>Whether a count equal to <see cref="MinValue"/> fails.</summary>
    [Kwarg("strict_min")]
    public bool StrictMin { get; init; }

    /// <summary>Whether a count equal to <see cref="MaxValue"/> fails.</summary>
    [Kwarg("strict_max")]
    public bool StrictMax { get; init; }

    /// <summary>Whether <paramref name="count"/> lies within the bounds.</summary>
    public bool Allows(long count) =>
        (MinValue is not { } lo || (StrictMin ? count > lo : count >= lo))
        && (MaxValue is not { } hi || (StrictMax ? count < hi : count <= hi));

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (MinValue is < 0)
        {
            errors.Add("min_value", "must not be negative");
        }
    }
}

/// <summary>A count of the whole table equal to <see cref="Value"/>: shared by the row- and column-count equality expectations.</summary>
public abstract record TableCountEqual : Expectation
{
    /// <summary>The expected count.</summary>
    [Kwarg("value", Required = true)]
    public long Value { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Value < 0)
        {
            errors.Add("value", "must not be negative");
        }
    }
}
