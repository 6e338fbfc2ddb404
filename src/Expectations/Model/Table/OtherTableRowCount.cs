namespace Expectations;

/// <summary>
/// GX <c>expect_table_row_count_to_equal_other_table</c>: the data has as many rows as the table named
/// <see cref="OtherTableName"/>, for example a cleaned extract against its raw source
/// (<c>other_table_name: "raw_orders"</c>). The other table is supplied at run time in
/// <see cref="ValidationOptions.OtherTables"/> (CLI: <c>--other-table NAME=PATH</c>); a missing one is reported in
/// <c>exception_info</c>. The observed value is <c>{"self": rows, "other": rows}</c>. A <c>row_condition</c> filters
/// this table only; the other table's rows are all counted.
/// </summary>
public sealed record TableRowCountToEqualOtherTable : Expectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_table_row_count_to_equal_other_table";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The name under which the other table is supplied.</summary>
    [Kwarg("other_table_name", Required = true)]
    public string OtherTableName { get; init; } = "";

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        errors.CheckTableName(OtherTableName);
    }
}
