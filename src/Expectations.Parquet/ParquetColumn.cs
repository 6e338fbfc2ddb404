using global::Parquet.Schema;
using ConvertedType = global::Parquet.Meta.ConvertedType;

namespace Expectations.Parquet;

/// <summary>
/// How one top-level Parquet data field is offered: its logical kind, a readable physical type name and the
/// .NET type Parquet.Net decodes it to (which decides the batch type).
/// </summary>
internal sealed record ParquetColumn(string Name, DataKind Kind, string PhysicalType, Type ReadType)
{
    /// <summary>The column as <see cref="IDataSource.Columns"/> lists it.</summary>
    public ColumnInfo Info { get; } = new(Name, Kind, PhysicalType);

    /// <summary>
    /// Describes <paramref name="field"/>, or returns null when it is a type Expectations does not model
    /// (TIME, UUID/FIXED_LEN_BYTE_ARRAY without a decimal annotation, FLOAT16, INTERVAL, big decimals).
    /// </summary>
    public static ParquetColumn? TryDescribe(DataField field)
    {
        if (field.IsArray || field.MaxRepetitionLevel > 0 || field.Path.Length != 1)
        {
            return null;
        }

        var clr = field.ClrType;
        var physical = PhysicalName(field);
        if (clr == typeof(bool))
        {
            return new(field.Name, DataKind.Boolean, physical, clr);
        }

        if (clr == typeof(sbyte) || clr == typeof(byte) || clr == typeof(short) || clr == typeof(ushort)
            || clr == typeof(int) || clr == typeof(uint) || clr == typeof(long) || clr == typeof(ulong))
        {
            return new(field.Name, DataKind.Integer, physical, clr);
        }

        if (clr == typeof(float) || clr == typeof(double))
        {
            return new(field.Name, DataKind.Float, physical, clr);
        }

        if (clr == typeof(decimal))
        {
            return new(field.Name, DataKind.Decimal, physical, clr);
        }

        if (clr == typeof(DateTime))
        {
            return new(field.Name, DataKind.Timestamp, physical, clr);
        }

        if (clr == typeof(string) || clr == typeof(ReadOnlyMemory<char>) || clr == typeof(byte[]) || clr == typeof(ReadOnlyMemory<byte>))
        {
            // All byte-array columns are read as raw bytes; one read type for every string column.
            return new(field.Name, DataKind.String, physical, typeof(ReadOnlyMemory<byte>));
        }

        return null;
    }

    /// <summary>A readable name of the stored type: <c>INT32</c>, <c>INT32 (UINT_8)</c>, <c>BYTE_ARRAY (UTF8)</c>, <c>TIMESTAMP(MICROS)</c>, <c>DECIMAL(10,2)</c>.</summary>
    internal static string PhysicalName(DataField field)
    {
        var element = field.SchemaElement;
        if (element?.Type is not { } type)
        {
            return field.ClrType.Name;
        }

        var logical = element.LogicalType;
        if (logical?.TIMESTAMP is { } ts)
        {
            var unit = ts.Unit?.NANOS is not null ? "NANOS" : ts.Unit?.MICROS is not null ? "MICROS" : "MILLIS";
            return $"TIMESTAMP({unit})";
        }

        if (logical?.DECIMAL is { } dec)
        {
            return $"DECIMAL({dec.Precision},{dec.Scale})";
        }

        if (logical?.DATE is not null)
        {
            return "DATE";
        }

        switch (element.ConvertedType)
        {
            case ConvertedType.TIMESTAMP_MILLIS: return "TIMESTAMP(MILLIS)";
            case ConvertedType.TIMESTAMP_MICROS: return "TIMESTAMP(MICROS)";
            case ConvertedType.DATE: return "DATE";
            case ConvertedType.DECIMAL: return $"DECIMAL({element.Precision},{element.Scale})";
            case ConvertedType.INT_32 or ConvertedType.INT_64 or null:
                break;
            case { } converted:
                return $"{type} ({converted})";
        }

        if (logical?.STRING is not null)
        {
            return $"{type} (UTF8)";
        }

        return type.ToString();
    }
}
