namespace Expectations;

/// <summary>GX <c>expect_table_row_count_to_be_between</c>: the number of rows lies within the bounds (inclusive unless strict).</summary>
public sealed record TableRowCountToBeBetween : TableCountBetween
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_row_count_to_be_between";

    /// <inheritdoc />
    public override string Type => TypeName;
}

/// <summary>GX <c>expect_table_row_count_to_equal</c>: the table has exactly <see cref="TableCountEqual.Value"/> rows.</summary>
public sealed record TableRowCountToEqual : TableCountEqual
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_row_count_to_equal";

    /// <inheritdoc />
    public override string Type => TypeName;
}
