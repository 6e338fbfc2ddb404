using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Parquet;

/// <summary>
/// Turns a row group's column statistics into the facts the validation plan may rely on. Only figures that
/// hold whatever the writer are kept: null counts (0 for required columns), and bounds of signed integer
/// columns (and 8/16-bit unsigned ones). Not offered: decimal and unsigned 32/64-bit bounds (old writers used
/// the wrong order), float bounds (writers leave NaN out), text bounds (may be truncated). Timestamp bounds are offered
/// as ticks, except TIMESTAMP(MICROS/NANOS) bounds in files Parquet.Net wrote (its <c>created_by</c>): those are in
/// milliseconds (aloneguid/parquet-dotnet#769) and never trusted.
/// </summary>
internal static class RowGroupStatistics
{
    /// <summary>The trusted statistics of <paramref name="field"/> in <paramref name="rowGroup"/>, or null when nothing is known.</summary>
    public static ColumnStatistics? Read(ParquetRowGroupReader rowGroup, DataField field, ParquetColumn column, string? createdBy = null)
    {
        var required = field.MaxDefinitionLevel == 0;
        var stats = rowGroup.GetStatistics(field);
        var nullCount = required ? 0 : stats?.NullCount;
        Scalar? min = null;
        Scalar? max = null;
        if (stats is not null && column.Kind == DataKind.Integer)
        {
            min = Bound(stats.MinValue);
            max = Bound(stats.MaxValue);
            if (min is null || max is null)
            {
                (min, max) = (null, null);
            }
        }

        else if (stats is not null && column.Kind == DataKind.Timestamp && TrustsTimestampBounds(column.PhysicalType, createdBy))
        {
            min = Ticks(stats.MinValue, column.PhysicalType);
            max = Ticks(stats.MaxValue, column.PhysicalType);
            if (min is null || max is null)
            {
                (min, max) = (null, null);
            }
        }

        return nullCount is null && min is null ? null : new ColumnStatistics(nullCount, min, max);
    }

    /// <summary>Whether a file's timestamp bounds of this type are right: not MICROS/NANOS bounds written by Parquet.Net.</summary>
    internal static bool TrustsTimestampBounds(string physicalType, string? createdBy) =>
        physicalType is "TIMESTAMP(MILLIS)" or "TIMESTAMP(MICROS)" or "TIMESTAMP(NANOS)"
        && (physicalType == "TIMESTAMP(MILLIS)" || !WrittenByParquetNet(createdBy));

    /// <summary>Parquet.Net writes <c>Parquet.Net version …</c>; an unknown writer is treated as Parquet.Net (not trusted).</summary>
    internal static bool WrittenByParquetNet(string? createdBy) =>
        createdBy is null || createdBy.Contains("Parquet.Net", StringComparison.OrdinalIgnoreCase) || createdBy.Contains("parquet-dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>A timestamp bound (raw units since the epoch, or a DateTime) as DateTime ticks.</summary>
    private static Scalar? Ticks(object? value, string physicalType)
    {
        var epoch = DateTime.UnixEpoch.Ticks;
        return value switch
        {
            DateTime t => Scalar.From(t.Ticks),
            long raw when physicalType == "TIMESTAMP(MILLIS)" => Scalar.From(epoch + (raw * TimeSpan.TicksPerMillisecond)),
            long raw when physicalType == "TIMESTAMP(MICROS)" => Scalar.From(epoch + (raw * 10)),
            long raw when physicalType == "TIMESTAMP(NANOS)" => Scalar.From(epoch + (raw / 100)),
            _ => null,
        };
    }

    /// <summary>A statistic value as an exact scalar, or null when its type's order is not to be trusted.</summary>
    private static Scalar? Bound(object? value) => value switch
    {
        sbyte v => Scalar.From(v),
        byte v => Scalar.From(v),
        short v => Scalar.From(v),
        ushort v => Scalar.From(v),
        int v => Scalar.From(v),
        long v => Scalar.From(v),

        // Unsigned 32/64-bit bounds may have been written in signed order by old writers; decimals stored as
        // byte arrays too (PARQUET-686): left out rather than trusted.
        _ => null,
    };
}
