namespace Expectations.Sql;

/// <summary>Translates a parsed <c>row_condition</c> into a SQL predicate with the in-memory engine's (pandas') semantics.</summary>
internal static class SqlConditions
{
    /// <summary>
    /// A predicate that is always true or false, never SQL NULL, so it can be negated: a comparison with a null value
    /// is false, except <c>!=</c>, which is true.
    /// </summary>
    /// <exception cref="SqlPlanException">A column is missing, or a comparison cannot be made on this column's type.</exception>
    public static SqlFragment Translate(RowCondition condition, SqlDialect dialect, IReadOnlyDictionary<string, ColumnInfo> schema) => condition switch
    {
        RowCondition.Compare c => Compare(c, dialect, schema),
        RowCondition.And a => "(" + SqlFragment.Join(" AND ", a.Terms.Select(t => Translate(t, dialect, schema))) + ")",
        RowCondition.Or o => "(" + SqlFragment.Join(" OR ", o.Terms.Select(t => Translate(t, dialect, schema))) + ")",
        RowCondition.Not n => "(NOT " + Translate(n.Inner, dialect, schema) + ")",
        _ => throw new SqlPlanException($"row_condition {condition} cannot be translated to SQL."),
    };

    private static SqlFragment Compare(RowCondition.Compare c, SqlDialect dialect, IReadOnlyDictionary<string, ColumnInfo> schema)
    {
        if (!schema.TryGetValue(c.Column, out var column))
        {
            throw new SqlPlanException($"row_condition names column '{c.Column}', which is not in the data; its columns are {string.Join(", ", schema.Keys.Take(20))}");
        }

        var col = dialect.Quote(column.Name);
        var value = c.Value;
        if (value.IsNull)
        {
            return SqlFragment.Raw(c.Op == ConditionOperator.NotEqual ? $"({col} IS NOT NULL)" : $"({col} IS NULL)");
        }

        object? literal = (column.Kind, value.Kind) switch
        {
            (DataKind.String, ScalarKind.String) => value.AsString(),
            (DataKind.Timestamp, _) when value.TryGetTimestamp(out var t) => t,
            (DataKind.Boolean, ScalarKind.Boolean) => value.AsBoolean(),
            (DataKind.Integer, ScalarKind.Integer) => (long)value.AsInt128(),
            (DataKind.Integer or DataKind.Float or DataKind.Decimal, ScalarKind.Integer or ScalarKind.Number) => value.AsDouble(),
            (DataKind.String, ScalarKind.Integer or ScalarKind.Number) when c.Op is ConditionOperator.Equal or ConditionOperator.NotEqual =>
                dialect.TryParseDouble(col) is { } parsed
                    ? (object)(SqlFragment.Raw(c.Op == ConditionOperator.Equal ? "COALESCE(" : "(NOT COALESCE(") + (parsed + " = ") + SqlFragment.Value(value.AsDouble()) + (c.Op == ConditionOperator.Equal ? ", (1=0))" : ", (1=0)))"))
                    : throw new SqlPlanException($"row_condition compares the text column '{c.Column}' with the number {value}: the {dialect.Name} engine cannot parse text as numbers safely; compare with a string."),
            _ => null,
        };

        if (literal is SqlFragment textAsNumber)
        {
            // Text that holds a number equals that number, as in memory; other text and nulls never do (so != holds).
            return textAsNumber;
        }

        if (literal is null)
        {
            // A literal of another type: never equal (so != holds); ordering is an error, as in memory.
            return c.Op switch
            {
                ConditionOperator.Equal => SqlFragment.Raw("(1=0)"),
                ConditionOperator.NotEqual => SqlFragment.Raw("(1=1)"),
                _ => throw new SqlPlanException($"row_condition compares column '{c.Column}' ({column.Kind}) with {value}, which cannot be ordered against it."),
            };
        }

        var op = c.Op switch
        {
            ConditionOperator.Equal => "=",
            ConditionOperator.NotEqual => "<>",
            ConditionOperator.Less => "<",
            ConditionOperator.LessOrEqual => "<=",
            ConditionOperator.Greater => ">",
            _ => ">=",
        };
        var compare = SqlPlan.Comparison(col, column, op, literal, dialect);
        return c.Op == ConditionOperator.NotEqual
            ? $"({col} IS NULL OR " + compare + ")"
            : $"({col} IS NOT NULL AND " + compare + ")";
    }
}

/// <summary>An expectation cannot be compiled to SQL for this data: its result's <c>exception_info</c>.</summary>
internal sealed class SqlPlanException(string message) : Exception(message);
