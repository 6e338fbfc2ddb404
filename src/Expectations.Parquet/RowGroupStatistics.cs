using Expectations.Data;
using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Parquet;

/// <summary>
/// Turns a row group's column statistics into the facts the validation plan may rely on. Only figures that
/// hold whatever the writer are kept: null counts (0 for required columns), and bounds of signed integer
/// columns (and 8/16-bit unsigned ones). Not offered: decimal and unsigned 32/64-bit bounds (old writers used
/// the wrong order), float bounds (writers leave NaN out), text bounds (may be truncated), and timestamp bounds
/// (wrong in files Parquet.Net wrote: milliseconds for MICROS/NANOS, aloneguid/parquet-dotnet#769).
/// </summary>
internal static class RowGroupStatistics
{
    /// <summary>The trusted statistics of <paramref name="field"/> in <paramref name="rowGroup"/>, or null when nothing is known.</summary>
    public static ColumnStatistics? Read(ParquetRowGroupReader rowGroup, DataField field, ParquetColumn column)
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

        return nullCount is null && min is null ? null : new ColumnStatistics(nullCount, min, max);
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
