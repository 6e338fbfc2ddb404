using Expectations;

namespace Expectations.Samples.CustomExpectation;

/// <summary><c>expect_column_values_to_be_multiple_of</c>: every non-null integer is a multiple of <see cref="Divisor"/>.</summary>
public sealed record ColumnValuesToBeMultipleOf : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_multiple_of";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The divisor (a positive integer).</summary>
    [Kwarg("divisor", Required = true)]
    public long Divisor { get; init; } = 1;

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (Divisor <= 0)
        {
            errors.Add("divisor", $"must be a positive integer, got {Divisor}");
        }
    }
}

/// <summary>The DSL verb: one extension method that adds one record.</summary>
public static class MultipleOfVerbs
{
    /// <summary>Every value is a multiple of <paramref name="divisor"/>.</summary>
    public static ColumnBuilder<long> MultipleOf(this ColumnBuilder<long> c, long divisor) =>
        c.Add(new ColumnValuesToBeMultipleOf { Column = c.Name, Divisor = divisor });
}
