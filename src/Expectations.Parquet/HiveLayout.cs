namespace Expectations.Parquet;

/// <summary>
/// The files of a Hive-partitioned folder (<c>date=2024-01-01/region=eu/part-0.parquet</c>) with their partition values:
/// keys and values URL-decoded, <c>__HIVE_DEFAULT_PARTITION__</c> and <c>NULL</c> (any case) read as null, each key typed as DuckDB's
/// <c>hive_partitioning</c> types it (<see cref="PartitionColumn.Infer"/>) over all files of the folder.
/// </summary>
internal sealed class HiveLayout
{
    internal const string DefaultPartition = "__HIVE_DEFAULT_PARTITION__";

    private HiveLayout(List<PartitionColumn> columns, List<FileSpec> files)
    {
        Columns = columns;
        Files = files;
    }

    public IReadOnlyList<PartitionColumn> Columns { get; }

    public IReadOnlyList<FileSpec> Files { get; }

    /// <summary>Whether <paramref name="folder"/> is read as Hive-partitioned: as asked, or (by default) when it has a <c>key=value</c> sub-folder.</summary>
    public static bool Detect(string folder, ParquetReadOptions options) =>
        options.HivePartitioning ?? Directory.EnumerateDirectories(folder).Any(d => TrySplit(Path.GetFileName(d), out _, out _, out _));

    /// <summary>Lists the files below <paramref name="folder"/> and types the partition keys.</summary>
    /// <exception cref="DataSourceException">No Parquet file, a folder that is not <c>key=value</c>, files at different partition depths or with different keys.</exception>
    public static HiveLayout Scan(string folder, CancellationToken cancellationToken)
    {
        var found = new List<(string Path, string Relative, List<(string Key, string? Value, string? Raw)> Values)>();
        Walk(folder, folder, [], found, cancellationToken);
        if (found.Count == 0)
        {
            throw new DataSourceException($"Folder '{folder}' holds no .parquet files in its partition folders.");
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        var keys = found[0].Values.Select(v => v.Key).ToList();
        foreach (var file in found)
        {
            var these = file.Values.Select(v => v.Key).ToList();
            if (!these.SequenceEqual(keys, StringComparer.Ordinal))
            {
                throw new DataSourceException(
                    $"Hive partitions of '{folder}' disagree: '{found[0].Relative}' is under {Describe(keys)} but '{file.Relative}' is under {Describe(these)}.");
            }
        }

        // Typed from the folder names as written (DuckDB infers before URL-decoding); ordered by name, as DuckDB orders them.
        var columns = keys.Select((key, k) => (Index: k, Column: new PartitionColumn(key, PartitionColumn.Infer(found.Select(f => f.Values[k].Raw)))))
            .OrderBy(c => c.Column.Name, StringComparer.Ordinal).ToList();
        var files = new List<FileSpec>(found.Count);
        foreach (var (path, _, values) in found)
        {
            var typed = new Dictionary<string, PartitionValue>(StringComparer.Ordinal);
            var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (k, column) in columns)
            {
                var text = values[k].Value;
                raw[column.Name] = text;
                typed[column.Name] = column.TryParse(text, out var value) ? value
                    : throw new DataSourceException($"Partition value '{text}' of '{path}' is not a {column.TypeName}.");
            }

            files.Add(FileSpec.Of(path, typed, raw));
        }

        return new HiveLayout([.. columns.Select(c => c.Column)], files);
    }

    /// <summary>The files every filter keeps.</summary>
    public List<FileSpec> Select(IReadOnlyList<PartitionFilter> filters, string folder)
    {
        var byName = Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return [.. Files.Where(f => filters.All(filter => filter.Matches(byName, f.Values, folder)))];
    }

    private static void Walk(string root, string folder, List<(string Key, string? Value, string? Raw)> above, List<(string, string, List<(string, string?, string?)>)> found, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var enumeration = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false, AttributesToSkip = 0 };
        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", enumeration))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || name.StartsWith('_'))
            {
                continue;
            }

            found.Add((file, Path.GetRelativePath(root, file).Replace('\\', '/'), above));
        }

        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith('.') || name.StartsWith('_'))
            {
                // Hidden and bookkeeping folders (_delta_log, _temporary, .spark-staging) hold no data of the dataset.
                continue;
            }

            if (!TrySplit(name, out var key, out var value, out var rawValue))
            {
                throw new DataSourceException(
                    $"Folder '{Path.GetRelativePath(root, sub)}' of the Hive-partitioned '{root}' is not named key=value; move it out or read the folder without Hive partitioning.");
            }

            if (above.Any(a => a.Key == key))
            {
                throw new DataSourceException($"Folder '{Path.GetRelativePath(root, sub)}' of '{root}' repeats the partition key '{key}'.");
            }

            Walk(root, sub, [.. above, (key, value, rawValue)], found, cancellationToken);
        }
    }

    /// <summary>Splits a folder name <c>key=value</c>: both parts URL-decoded, and the value as written; the default partition as null.</summary>
    internal static bool TrySplit(string name, out string key, out string? value, out string? raw)
    {
        var eq = name.IndexOf('=', StringComparison.Ordinal);
        key = "";
        value = null;
        raw = null;
        if (eq <= 0)
        {
            return false;
        }

        key = Decode(name[..eq]);
        var text = Decode(name[(eq + 1)..]);
        // DuckDB reads the literal NULL (any case) as null too, like the default partition.
        value = text == DefaultPartition || text.Equals("null", StringComparison.OrdinalIgnoreCase) ? null : text;
        raw = value is null ? null : name[(eq + 1)..];
        return key.Length > 0;
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static string Describe(List<string> keys) => keys.Count == 0 ? "no partition folder" : string.Join("/", keys.Select(k => k + "=…"));
}
