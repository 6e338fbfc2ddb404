

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
