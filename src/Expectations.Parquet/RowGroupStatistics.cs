using ParquetSharp;

namespace Expectations.Parquet;

/// <summary>
/// Turns a row group's column-chunk statistics into the facts the validation plan may rely on. Only figures that
/// hold whatever the writer are kept, for flat columns (no list level above them; a STRUCT field's nulls include the
/// rows where the struct is null, as the statistics count them): null counts (0 for required columns; otherwise only
/// from writers known to always write <c>null_count</c>, because a reader cannot tell an absent count from 0), and bounds
/// of signed integer columns and of timestamps. Not offered: decimal and unsigned bounds (old writers used the wrong
/// order, PARQUET-686), float bounds (writers leave NaN out), text and binary bounds (may be truncated), and
/// TIMESTAMP(MICROS/NANOS) bounds in files Parquet.Net wrote (in milliseconds: aloneguid/parquet-dotnet#769).
/// </summary>
internal static class RowGroupStatistics
{
    /// <summary>Writers that always write <c>null_count</c> with their statistics.</summary>
    private static readonly string[] NullCountWriters = ["parquet-cpp", "parquet-mr", "parquet-rs", "parquet.net", "parquet-dotnet", "duckdb", "polars", "impala", "spark", "arrow"];

    /// <summary>The trusted statistics of <paramref name="column"/> in <paramref name="rowGroup"/>, or null when nothing is known.</summary>
    public static ColumnStatistics? Read(RowGroupMetaData rowGroup, ParquetColumn column, string? createdBy = null)
    {
        if (column.Lists.Length > 0 || column.Encoding is not { } encoding)
        {
            return null;
        }

        var descriptor = rowGroup.Schema.Column(column.LeafIndex);
        if (descriptor.MaxRepetitionLevel > 0)
        {
            return null;
        }

        if (descriptor.MaxDefinitionLevel == 0 && column.ValueDefinition == 0)
        {
            return Bounds(rowGroup, column, encoding, createdBy, nullCount: 0);
        }

        return Bounds(rowGroup, column, encoding, createdBy, nullCount: null);
    }

    private static ColumnStatistics? Bounds(RowGroupMetaData rowGroup, ParquetColumn column, LeafEncoding encoding, string? createdBy, long? nullCount)
    {
        using var chunk = rowGroup.GetColumnChunkMetaData(column.LeafIndex);
        if (!chunk.IsStatsSet)
        {
            return nullCount is null ? null : new ColumnStatistics(nullCount, null, null);
        }

        using var stats = chunk.Statistics;
        if (stats is null)
        {
            return nullCount is null ? null : new ColumnStatistics(nullCount, null, null);
        }

        if (nullCount is null && WritesNullCount(createdBy))
        {
            nullCount = stats.NullCount;
        }

        Scalar? min = null;
        Scalar? max = null;
        if (stats.HasMinMax)
        {
            (min, max) = (stats, encoding) switch
            {
                (Statistics<int> s, LeafEncoding.Int32 or LeafEncoding.Int16 or LeafEncoding.Int8) => (Scalar.From(s.Min), Scalar.From(s.Max)),
                (Statistics<long> s, LeafEncoding.Int64) => (Scalar.From(s.Min), Scalar.From(s.Max)),
                (Statistics<long> s, LeafEncoding.TimestampMillis) => (Ticks(s.Min, TimeSpan.TicksPerMillisecond), Ticks(s.Max, TimeSpan.TicksPerMillisecond)),
                (Statistics<long> s, LeafEncoding.TimestampMicros) when TrustsTimestampBounds(encoding, createdBy) => (Ticks(s.Min, 10), Ticks(s.Max, 10)),
                (Statistics<long> s, LeafEncoding.TimestampNanos) when TrustsTimestampBounds(encoding, createdBy) => (Scalar.From(ParquetColumnReader.Saturate(DateTime.UnixEpoch.Ticks + (Int128)(s.Min / 100))), Scalar.From(ParquetColumnReader.Saturate(DateTime.UnixEpoch.Ticks + (Int128)(s.Max / 100)))),
                _ => ((Scalar?)null, (Scalar?)null),
            };
        }

        return nullCount is null && min is null ? null : new ColumnStatistics(nullCount, min, max);
    }

    private static Scalar Ticks(long raw, long ticksPerUnit) => Scalar.From(ParquetColumnReader.Saturate(DateTime.UnixEpoch.Ticks + ((Int128)raw * ticksPerUnit)));

    /// <summary>Whether a file's timestamp bounds of this encoding are right: INT64 timestamps, except MICROS/NANOS bounds written by Parquet.Net.</summary>
    internal static bool TrustsTimestampBounds(LeafEncoding encoding, string? createdBy) =>
        encoding == LeafEncoding.TimestampMillis
        || (encoding is LeafEncoding.TimestampMicros or LeafEncoding.TimestampNanos && !WrittenByParquetNet(createdBy));

    /// <summary>Whether the writer is known to always write <c>null_count</c> (an absent count reads as 0).</summary>
    internal static bool WritesNullCount(string? createdBy) =>
        createdBy is not null && NullCountWriters.Any(w => createdBy.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parquet.Net writes <c>Parquet.Net version …</c>; an unknown writer is treated as Parquet.Net (not trusted).</summary>
    internal static bool WrittenByParquetNet(string? createdBy) =>
        createdBy is null || createdBy.Contains("Parquet.Net", StringComparison.OrdinalIgnoreCase) || createdBy.Contains("parquet-dotnet", StringComparison.OrdinalIgnoreCase);
}
