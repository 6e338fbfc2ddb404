namespace Expectations;

/// <summary>The logical type of a column as the expectations see it.</summary>
public enum DataKind
{
    /// <summary>true/false values.</summary>
    Boolean,
    /// <summary>Signed or unsigned integers of any width.</summary>
    Integer,
    /// <summary>IEEE-754 floating point (float, double).</summary>
    Float,
    /// <summary>System.Decimal values.</summary>
    Decimal,
    /// <summary>Text, held as UTF-8.</summary>
    String,
    /// <summary>Points in time, held as <see cref="DateTime.Ticks"/> (kind dropped; UTC where the source says so).</summary>
    Timestamp,
}

/// <summary>A column a data source offers: its name, logical kind and the source's own type name.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Logical kind.</param>
/// <param name="PhysicalType">The source's type name (for example <c>Int32</c>, <c>double</c>, <c>TIMESTAMP(MICROS)</c>), for messages and type checks.</param>
public sealed record ColumnInfo(string Name, DataKind Kind, string PhysicalType);
