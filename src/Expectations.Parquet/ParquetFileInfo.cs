namespace Expectations.Parquet;

/// <summary>
/// One data file of a source: where it is, its size and modification time (what identifies its content for
/// incremental runs), its partition values and its row count.
/// </summary>
/// <param name="Path">The file's path as opened (the folder path joined with the file's relative path).</param>
/// <param name="Size">Size in bytes when the source was opened.</param>
/// <param name="LastModifiedUtc">Last write time (UTC) when the source was opened.</param>
/// <param name="PartitionValues">
/// Partition column → value as text, URL-decoded (Hive folder names) or as the Delta log writes it; null for the null
/// partition (<c>__HIVE_DEFAULT_PARTITION__</c>, or a null in the log). Empty for an unpartitioned source.
/// </param>
public sealed record ParquetFileInfo(string Path, long Size, DateTime LastModifiedUtc, IReadOnlyDictionary<string, string?> PartitionValues)
{
    /// <summary>Rows in the file, from its footer.</summary>
    public long RowCount { get; init; }
}

/// <summary>A file to open, with its typed constant values (partition columns).</summary>
internal sealed record FileSpec(string Path, IReadOnlyDictionary<string, PartitionValue> Values, ParquetFileInfo Info)
{
    private static readonly Dictionary<string, string?> NoPartitions = [];

    public static FileSpec Of(string path) => Of(path, new Dictionary<string, PartitionValue>(StringComparer.Ordinal), NoPartitions);

    /// <summary>Stats the file on disk; a missing file is an error naming it.</summary>
    public static FileSpec Of(string path, IReadOnlyDictionary<string, PartitionValue> values, IReadOnlyDictionary<string, string?> raw)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DataSourceException($"Parquet file '{path}' does not exist.");
        }

        return new FileSpec(path, values, new ParquetFileInfo(path, info.Length, info.LastWriteTimeUtc, raw));
    }
}

/// <summary>
/// One top-level field of a table schema from a log (Delta): its name, its kind when it is a flat type, and the type
/// its values take when no file holds the column (null for nested types).
/// </summary>
internal sealed record TableField(string Name, DataKind? Kind, PartitionType? NullType);
