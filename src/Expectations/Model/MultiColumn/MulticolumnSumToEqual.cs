namespace Expectations;

/// <summary>
/// GX <c>expect_multicolumn_sum_to_equal</c>: in each row, the values of <see cref="ColumnListExpectation.ColumnList"/>
/// add up to exactly <see cref="SumTotal"/>, for example <c>column_list: ["cash", "card", "voucher"], sum_total: 100</c>
/// for payment shares in percent. Integer columns add exactly (no overflow), any floating-point column makes the sum a
/// double, compared with <c>==</c> as GX does (round the data, or use integer units, when sums of fractions must match).
/// A row with a null that <see cref="ColumnListExpectation.IgnoreRowIf"/> keeps is unexpected (its sum is missing), and
/// so is a NaN sum.
/// </summary>
public sealed record MulticolumnSumToEqual : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_multicolumn_sum_to_equal";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The sum every row must have.</summary>
    [Kwarg("sum_total", Required = true)]
    public Scalar SumTotal { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (!SumTotal.IsNumeric && !SumTotal.IsParameter)
        {
            errors.Add("sum_total", $"must be a number, got {SumTotal}");
        }
    }
}
