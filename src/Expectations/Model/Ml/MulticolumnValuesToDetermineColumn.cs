using Expectations.Model;

namespace Expectations;

/// <summary>
/// <c>expect_multicolumn_values_to_determine_column</c> (not in GX; label noise): rows equal on the feature columns
/// <see cref="ColumnListExpectation.ColumnList"/> must carry one value of the label <see cref="Column"/>. A group of rows with
/// equal features and two or more distinct labels is conflicting (contradictory duplicates); every row of a
/// conflicting group is unexpected, and the details list the groups, the largest first, each label with its row count
/// and first row. Null feature values compare equal to each other (as in <c>expect_compound_columns_to_be_unique</c>);
/// rows <see cref="ColumnListExpectation.IgnoreRowIf"/> skips (by default rows whose features are all null) and rows whose label is
/// null are left out and counted as missing (<c>details.null_label_rows</c> counts the latter).
/// </summary>
public sealed record MulticolumnValuesToDetermineColumn : ColumnListExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_multicolumn_values_to_determine_column";

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>The label column, which the features must determine; not one of the features.</summary>
    [Kwarg("column", Required = true)]
    public string Column { get; init; } = "";

    /// <summary>The features, then the label: "a, b, label", as failure messages show them.</summary>
    public override string? ColumnName => string.Join(", ", CheckedColumns);

    /// <summary>The columns read: the features, then the label.</summary>
    public override IReadOnlyList<string> CheckedColumns => [.. ColumnList, Column];

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        MultiColumnArguments.CheckColumn(errors, "column", Column);
        if (!string.IsNullOrEmpty(Column) && ColumnList.Contains(Column))
        {
            errors.Add("column", $"the label column '{Column}' is also in column_list; the features cannot include the label they must determine");
        }
    }
}
