namespace Expectations;

/// <summary>A column a data source offers: its name, logical kind and the source's own type name.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Logical kind.</param>
/// <param name="PhysicalType">The source's type name (for example <c>Int32</c>, <c>double</c>, <c>TIMESTAMP(MICROS)</c>), for messages and type checks.</param>
public sealed record ColumnInfo(string Name, DataKind Kind, string PhysicalType);
