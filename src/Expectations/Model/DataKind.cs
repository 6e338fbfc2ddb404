

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
    /// <summary>Raw bytes (Parquet BYTE_ARRAY without a text annotation, FIXED_LEN_BYTE_ARRAY, BSON, WKB geometry), held as bytes, never decoded as text.</summary>
    Binary,
    /// <summary>A list per row (Parquet LIST, repeated fields, the keys or values of a MAP): <see cref="ListBatch"/> holds the offsets and the element batch.</summary>
    List,
    /// <summary>A STRUCT column: only its nullness is checkable on it; each field is its own column named <c>parent.field</c>.</summary>
    Struct,
    /// <summary>A MAP column: only its nullness is checkable on it; its keys and values are List columns named <c>map.key</c> and <c>map.value</c>.</summary>
    Map,
}
