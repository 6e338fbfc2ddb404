namespace Expectations.Engine;

/// <summary>The shapes of column an evaluator may accept: flat values, binary values, lists, and structs or maps.</summary>
[Flags]
internal enum ColumnShapes
{
    /// <summary>No column.</summary>
    None = 0,

    /// <summary>Numbers, booleans, timestamps and text.</summary>
    Flat = 1,

    /// <summary><see cref="DataKind.Binary"/>: bytes, compared as bytes, never decoded.</summary>
    Binary = 2,

    /// <summary><see cref="DataKind.List"/>.</summary>
    List = 4,

    /// <summary><see cref="DataKind.Struct"/> and <see cref="DataKind.Map"/>, of which only nullness is held.</summary>
    Nested = 8,

    /// <summary>Every column.</summary>
    All = Flat | Binary | List | Nested,
}

/// <summary>
/// The one place that decides whether an expectation applies to a binary, list, struct or map column, and says why not:
/// the in-memory backend checks every bound evaluator's columns against <see cref="Evaluator.AcceptedShapes"/> before it
/// binds, so such a column gives that expectation a clear <c>exception_info</c>, never a crash or a lossy result.
/// </summary>
internal static class ColumnKinds
{
    /// <summary>Fields listed by name in a message at most.</summary>
    private const int FieldsShown = 6;

    /// <summary>The shape of a column of <paramref name="kind"/>.</summary>
    public static ColumnShapes ShapeOf(DataKind kind) => kind switch
    {
        DataKind.Binary => ColumnShapes.Binary,
        DataKind.List => ColumnShapes.List,
        DataKind.Struct or DataKind.Map => ColumnShapes.Nested,
        _ => ColumnShapes.Flat,
    };

    /// <summary>Throws <see cref="ExpectationException"/> when a checked column of <paramref name="evaluator"/> has a shape it does not accept.</summary>
    public static void Check(Evaluator evaluator, ColumnIndex columns)
    {
        var accepted = evaluator.AcceptedShapes;
        foreach (var name in evaluator.Expectation.CheckedColumns)
        {
            if (columns.ByName.TryGetValue(name, out var column) && (accepted & ShapeOf(column.Kind)) == 0)
            {
                throw new ExpectationException(NotCheckable(evaluator.Expectation.Type, column, columns.Columns));
            }
        }
    }

    /// <summary>Why <paramref name="type"/> cannot check <paramref name="column"/>, and what can.</summary>
    public static string NotCheckable(string type, ColumnInfo column, IReadOnlyList<ColumnInfo> schema) => column.Kind switch
    {
        DataKind.Binary =>
            $"column '{column.Name}' is binary ({column.PhysicalType}); {type} does not apply to bytes, and binary values are never decoded as text. " +
            "Binary columns take nullness, value sets (members written as \\x-hex or as text), lengths in bytes, uniqueness, distinct values and order.",
        DataKind.List =>
            $"column '{column.Name}' is a LIST of {Elements(column)}; {type} does not apply to lists: check their nullness, their lengths " +
            "(expect_column_value_lengths_to_be_between / _to_equal) or their elements (the column-map expectations, such as expect_column_values_to_be_in_set, check each element).",
        DataKind.Struct =>
            $"column '{column.Name}' is a STRUCT; check its fields ({Fields(column, schema)}): only nullness is checked on the struct itself, and {type} does not apply to it.",
        DataKind.Map =>
            $"column '{column.Name}' is a MAP; check its keys and values ({Fields(column, schema)}): only nullness is checked on the map itself, and {type} does not apply to it.",
        _ => $"{type} cannot check column '{column.Name}' of type {column.PhysicalType} ({column.Kind}).",
    };

    /// <summary>The kind of a list column's elements, for messages.</summary>
    public static string Elements(ColumnInfo column) => column.ElementKind is { } kind ? kind.ToString() : "values of unknown kind";

    /// <summary>The column holding a list column's elements, as element checks see them.</summary>
    public static ColumnInfo ElementColumn(ColumnInfo list) =>
        list.ElementKind is { } kind
            ? new ColumnInfo(list.Name, kind, $"{list.PhysicalType} element")
            : throw new ExpectationException($"column '{list.Name}' is a LIST whose element kind the data source does not give (ColumnInfo.ElementKind), so its elements cannot be checked.");

    private static string Fields(ColumnInfo column, IReadOnlyList<ColumnInfo> schema)
    {
        var prefix = column.Name + ".";
        var fields = schema.Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.Name).ToList();
        return fields.Count == 0 ? "none in the data"
            : string.Join(", ", fields.Take(FieldsShown)) + (fields.Count > FieldsShown ? ", …" : "");
    }
}
