namespace Expectations;

/// <summary>
/// GX <c>expect_column_values_to_be_of_type</c>: the column's type is the one named by <see cref="ExpectedType"/> (kwarg <c>type_</c>) —
/// a numpy/pandas, Python, .NET, Spark or SQL type name, mapped as docs/types.md lists (<c>int64</c>, <c>float</c>,
/// <c>str</c>, <c>bool</c>, <c>datetime64</c>, <c>Int32</c>, <c>LongType</c>, <c>VARCHAR</c>, …). As in GX on pandas,
/// typed columns are judged as a whole, with the dtype name (<c>int64</c>, <c>float64</c>, <c>bool_</c>,
/// <c>datetime64</c>, <c>Timestamp</c>) as observed value; text and decimal columns are pandas <c>object</c>
/// columns, whose values are judged one by one (all text values are <c>str</c>), unless the name is
/// <c>object</c>. Example: <c>type_ = "int64"</c> holds for a <c>long</c> column.
/// </summary>
public sealed record ColumnValuesToBeOfType : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_of_type";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The expected type's name.</summary>
    [Kwarg("type_", Required = true)]
    public string ExpectedType { get; init; } = "";

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (string.IsNullOrWhiteSpace(ExpectedType))
        {
            errors.Add("type_", "is required and must name a type");
        }
    }
}

/// <summary>
/// GX <c>expect_column_values_to_be_in_type_list</c>: the column's type is one of those named in
/// <see cref="TypeList"/> (names as for <see cref="ColumnValuesToBeOfType"/>); a null list accepts any type and
/// reports the observed type. Example: <c>type_list = ["int32", "int64"]</c>.
/// </summary>
public sealed record ColumnValuesToBeInTypeList : ColumnMapExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_values_to_be_in_type_list";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The accepted type names, or null to accept any type.</summary>
    [Kwarg("type_list")]
    public ValueList<string>? TypeList { get; init; }
}
