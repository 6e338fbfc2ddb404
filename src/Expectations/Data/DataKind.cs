namespace Expectations;

/// <summary>A column a data source offers: its name, logical kind and the source's own type name.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Logical kind.</param>
/// <param name="PhysicalType">The source's type name (for example <c>Int32</c>, <c>double</c>, <c>TIMESTAMP(MICROS)</c>), for messages and type checks.</param>
public sealed record ColumnInfo(string Name, DataKind Kind, string PhysicalType)
{
    /// <summary>
    /// For a field of a nested column (<c>address.city</c> of the STRUCT <c>address</c>, <c>m.key</c> of the MAP <c>m</c>), the
    /// top-level column it belongs to; null for top-level columns. Table-level checks (column count, column set, column
    /// order) see top-level columns only, as pandas, Spark and DuckDB do; every column can be checked by name.
    /// </summary>
    public string? Parent { get; init; }

    /// <summary>For a <see cref="DataKind.List"/> column, the kind of its elements; null otherwise.</summary>
    public DataKind? ElementKind { get; init; }
}
