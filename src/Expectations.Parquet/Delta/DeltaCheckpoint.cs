namespace Expectations.Parquet.Delta;

/// <summary>Reads a Parquet checkpoint (one file, or every part of a multi-part one) into a replay state.</summary>
internal static class Checkpoint
{
    private static readonly string[] Wanted =
    [
        "add.path", "add.size", "add.modificationTime", "add.partitionValues.key", "add.partitionValues.value", "add.stats",
        "add.deletionVector.storageType", "add.deletionVector.pathOrInlineDv", "add.deletionVector.offset",
        "metaData.id", "metaData.schemaString", "metaData.partitionColumns", "metaData.configuration.key", "metaData.configuration.value",
        "protocol.minReaderVersion", "protocol.minWriterVersion", "protocol.readerFeatures",
    ];

    public static DeltaLog.State Read(string[] parts, long version, string table, string path)
    {
        var state = new DeltaLog.State();
        var actions = new List<DeltaLog.Action>();
        foreach (var part in parts)
        {
            var where = $"Delta table '{path}', checkpoint {Path.GetFileName(part)}";
            ParquetDataSource source;
            try
            {
                source = ParquetDataSource.Build(part, [FileSpec.Of(part)], [], null, null, CancellationToken.None);
            }
            catch (DataSourceException e)
            {
                throw new DataSourceException($"{where} cannot be read: {e.Message}", e);
            }

            try
            {
                ReadPart(source, where, actions);
            }
            finally
            {
                source.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        state.Apply(actions, table, path);
        if (state.Protocol is null || state.Metadata is null)
        {
            throw new DataSourceException($"Delta table '{path}': the checkpoint at version {version} has no {(state.Protocol is null ? "protocol" : "metaData")} action.");
        }

        return state;
    }

    private static void ReadPart(ParquetDataSource source, string where, List<DeltaLog.Action> actions)
    {
        {
            var names = source.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("add.path") || !names.Contains("metaData.schemaString") || !names.Contains("protocol.minReaderVersion"))
            {
                throw new DataSourceException($"{where} lacks the add, metaData or protocol columns of a Delta checkpoint.");
            }

            var columns = Wanted.Where(names.Contains).ToList();
            foreach (var chunk in source.ReadAsync(columns).ToBlockingEnumerable())
            {
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    if (Text(chunk, "add.path", row) is { } filePath)
                    {
                        actions.Add(Add(chunk, row, filePath));
                    }

                    if (Text(chunk, "metaData.schemaString", row) is { } schema)
                    {
                        var partitionColumns = Strings(chunk, "metaData.partitionColumns", row).Select(c => c ?? throw new DataSourceException($"{where}: a null partition column name.")).ToList();
                        var configuration = Map(chunk, "metaData.configuration", row);
                        actions.Add(new DeltaLog.MetadataAction(new DeltaLog.Metadata(Text(chunk, "metaData.id", row) ?? "", schema, partitionColumns, configuration)));
                    }

                    if (Integer(chunk, "protocol.minReaderVersion", row) is { } reader)
                    {
                        var features = Strings(chunk, "protocol.readerFeatures", row).Select(f => f ?? "").ToList();
                        actions.Add(new DeltaLog.ProtocolAction(new DeltaLog.Protocol((int)reader, (int)(Integer(chunk, "protocol.minWriterVersion", row) ?? 0), features)));
                    }
                }
            }
        }
    }

    private static DeltaLog.AddAction Add(DataChunk chunk, int row, string filePath)
    {
        var values = Map(chunk, "add.partitionValues", row);
        long? records = null;
        if (Text(chunk, "add.stats", row) is { } stats)
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(stats);
                if (document.RootElement.TryGetProperty("numRecords", out var n) && n.TryGetInt64(out var count))
                {
                    records = count;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Optional statistics; the footers give row counts.
            }
        }

        var storage = Text(chunk, "add.deletionVector.storageType", row);
        var key = storage is null ? filePath
            : filePath + "\0" + storage + Text(chunk, "add.deletionVector.pathOrInlineDv", row) + (Integer(chunk, "add.deletionVector.offset", row) is { } offset ? "@" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        var file = new DeltaFile(filePath, "", Integer(chunk, "add.size", row) ?? 0, Integer(chunk, "add.modificationTime", row) ?? 0, values) { NumRecords = records };
        return new DeltaLog.AddAction(file, storage is not null, key);
    }

    private static string? Text(DataChunk chunk, string column, int row) =>
        chunk.TryGetColumn(column, out var batch) && batch is StringBatch s ? s.GetString(row) : null;

    private static long? Integer(DataChunk chunk, string column, int row)
    {
        if (!chunk.TryGetColumn(column, out var batch) || !batch.IsValid(row))
        {
            return null;
        }

        return batch switch
        {
            PrimitiveBatch<long> l => l.Values.Span[row],
            PrimitiveBatch<int> i => i.Values.Span[row],
            PrimitiveBatch<short> s => s.Values.Span[row],
            _ => null,
        };
    }

    /// <summary>The strings of a list column's row (empty for a null list).</summary>
    private static List<string?> Strings(DataChunk chunk, string column, int row)
    {
        var result = new List<string?>();
        if (!chunk.TryGetColumn(column, out var batch) || batch is not ListBatch list || !list.IsValid(row) || list.Values is not StringBatch values)
        {
            return result;
        }

        var offsets = list.Offsets.Span;
        for (var i = offsets[row]; i < offsets[row + 1]; i++)
        {
            result.Add(values.GetString(i));
        }

        return result;
    }

    private static Dictionary<string, string?> Map(DataChunk chunk, string column, int row)
    {
        var keys = Strings(chunk, column + ".key", row);
        var values = Strings(chunk, column + ".value", row);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            result[keys[i] ?? ""] = i < values.Count ? values[i] : null;
        }

        return result;
    }
}
