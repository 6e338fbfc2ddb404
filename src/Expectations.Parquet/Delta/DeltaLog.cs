using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Expectations.Parquet.Delta;

/// <summary>
/// Reads <c>_delta_log</c>: JSON commits, Parquet checkpoints (single and multi-part) and <c>_last_checkpoint</c>, and
/// replays <c>add</c>/<c>remove</c> actions to the live files of one version. Implements reader protocol 1 and 2 without
/// column mapping, and refuses what it does not implement.
/// </summary>
internal static partial class DeltaLog
{
    internal const string LogFolder = "_delta_log";

    public static DeltaSnapshot Replay(string path, DeltaReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (options.Version is not null && options.AsOf is not null)
        {
            throw new DataSourceException("Delta time travel takes a version or a time (as of), not both.");
        }

        if (options.Version is < 0)
        {
            throw new DataSourceException($"Delta version {options.Version} is negative.");
        }

        var table = LocalPath(path);
        var log = Path.Combine(table, LogFolder);
        if (!Directory.Exists(log))
        {
            throw new DataSourceException($"'{path}' is not a Delta table: it has no {LogFolder} folder.");
        }

        var listing = Listing.Of(log);
        if (listing.Commits.Count == 0 && listing.Checkpoints.Count == 0)
        {
            throw new DataSourceException($"Delta table '{path}' has no commits: {LogFolder} holds no NNNNNNNNNNNNNNNNNNNN.json file.");
        }

        var latest = Math.Max(listing.Commits.Count > 0 ? listing.Commits.Keys.Max() : -1, listing.Checkpoints.Count > 0 ? listing.Checkpoints.Keys.Max() : -1);
        ReadLastCheckpoint(log, path);
        var commitCache = new Dictionary<long, Commit>();
        Commit CommitAt(long version)
        {
            if (!commitCache.TryGetValue(version, out var commit))
            {
                commit = listing.Commits.TryGetValue(version, out var file) ? Commit.Read(file, version, path)
                    : throw new DataSourceException($"Delta table '{path}' is missing commit {version} ({version:D20}.json): the log cannot be replayed past it.");
                commitCache[version] = commit;
            }

            return commit;
        }

        // The first version the log can rebuild: 0 when every commit from 0 is there, else the oldest complete checkpoint.
        var earliest = listing.Commits.ContainsKey(0) ? 0 : listing.Checkpoints.Count > 0 ? listing.Checkpoints.Keys.Min() : -1;
        if (earliest < 0)
        {
            throw new DataSourceException($"Delta table '{path}' is missing commit 0 ({0:D20}.json) and has no checkpoint to start from.");
        }

        long target;
        if (options.Version is { } asked)
        {
            if (asked > latest)
            {
                throw new DataSourceException($"Delta table '{path}' has no version {asked}: its latest version is {latest}.");
            }

            if (asked < earliest)
            {
                throw new DataSourceException($"Delta table '{path}' cannot be read at version {asked}: its log starts at version {earliest} (older commits were cleaned up).");
            }

            target = asked;
        }
        else if (options.AsOf is { } asOf)
        {
            target = VersionAsOf(path, asOf, earliest, latest, listing, CommitAt);
        }
        else
        {
            target = latest;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var checkpoint = listing.Checkpoints.Keys.Where(v => v <= target).DefaultIfEmpty(-1).Max();
        State state;
        if (checkpoint >= 0)
        {
            state = Checkpoint.Read(listing.Checkpoints[checkpoint], checkpoint, table, path);
            if (Enumerable.Range(0, (int)Math.Min(checkpoint + 1, int.MaxValue)).All(v => listing.Commits.ContainsKey(v)))
            {
                // Every commit up to the checkpoint is still there: the checkpoint must say what they say.
                var replayed = new State();
                for (long v = 0; v <= checkpoint; v++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    replayed.Apply(CommitAt(v), table, path);
                }

                if (replayed.Disagreement(state) is { } difference)
                {
                    throw new DataSourceException($"Delta table '{path}': the checkpoint at version {checkpoint} disagrees with commits 0..{checkpoint} ({difference}); refusing to read a log that contradicts itself.");
                }
            }
        }
        else
        {
            state = new State();
        }

        for (var v = checkpoint + 1; v <= target; v++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state.Apply(CommitAt(v), table, path);
        }

        if (state.Protocol is null || state.Metadata is null)
        {
            throw new DataSourceException($"Delta table '{path}' at version {target} has {(state.Protocol is null ? "no protocol action" : "no metaData action")}; the log is incomplete.");
        }

        Refuse(state, path, target);
        DateTimeOffset? timestamp = listing.Commits.ContainsKey(target) ? Timestamps(earliest, target, listing, CommitAt)[target] : null;
        var schema = Schema.Parse(state.Metadata.SchemaString, path);
        foreach (var column in state.Metadata.PartitionColumns)
        {
            if (schema.All(f => f.Name != column))
            {
                throw new DataSourceException($"Delta table '{path}' at version {target}: partition column '{column}' is not in the table schema.");
            }
        }

        var files = state.Live.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        return new DeltaSnapshot(path, target, timestamp, files, state.Metadata.PartitionColumns, schema, state.Protocol.MinReader, state.Protocol.MinWriter, checkpoint >= 0 ? checkpoint : null);
    }

    /// <summary>A local folder; remote storage URIs are refused, <c>file:</c> URIs become paths.</summary>
    private static string LocalPath(string path)
    {
        if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && !uri.IsFile && path.Contains("://", StringComparison.Ordinal))
        {
            throw new DataSourceException($"'{path}' is a remote storage URI ({uri.Scheme}://); only local Delta tables are read. Copy or mount the table locally.");
        }

        return path.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && uri is not null ? uri.LocalPath : path;
    }

    private static void ReadLastCheckpoint(string log, string path)
    {
        var file = Path.Combine(log, "_last_checkpoint");
        if (!File.Exists(file))
        {
            return;
        }

        // Only a hint (the listing is authoritative), but a malformed one means the log is damaged: say so.
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (!document.RootElement.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new DataSourceException($"Delta table '{path}': {LogFolder}/_last_checkpoint has no numeric \"version\".");
            }
        }
        catch (JsonException e)
        {
            throw new DataSourceException($"Delta table '{path}': {LogFolder}/_last_checkpoint is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Refuses a version this reader would read wrongly.</summary>
    private static void Refuse(State state, string path, long version)
    {
        var protocol = state.Protocol!;
        var where = $"Delta table '{path}' at version {version}";
        var mode = state.Metadata!.Configuration.GetValueOrDefault("delta.columnMapping.mode") ?? "none";
        if (!mode.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            throw new DataSourceException($"{where} uses column mapping mode '{mode}' (physical column names differ from the schema's); reading it is not supported.");
        }

        if (protocol.ReaderFeatures.Count > 0)
        {
            throw new DataSourceException($"{where} needs reader features {string.Join(", ", protocol.ReaderFeatures.Select(f => $"'{f}'"))} (minReaderVersion {protocol.MinReader}); this reader implements none, so it refuses rather than read wrongly.");
        }

        if (protocol.MinReader > 2)
        {
            throw new DataSourceException($"{where} needs reader protocol version {protocol.MinReader}; this reader implements versions 1 and 2 (without column mapping).");
        }

        if (state.Live.Values.FirstOrDefault(f => state.DeletionVectors.Contains(f.Path)) is { } withVector)
        {
            throw new DataSourceException($"{where} has deletion vectors ('{withVector.Path}' has rows deleted by one); reading it is not supported, since the deleted rows would come back.");
        }
    }

    /// <summary>Commit times from <paramref name="earliest"/> to <paramref name="last"/>, made strictly increasing.</summary>
    private static Dictionary<long, DateTimeOffset> Timestamps(long earliest, long last, Listing listing, Func<long, Commit> commitAt)
    {
        var result = new Dictionary<long, DateTimeOffset>();
        long previous = long.MinValue;
        for (var v = earliest; v <= last; v++)
        {
            if (!listing.Commits.TryGetValue(v, out var file))
            {
                continue;
            }

            var ms = commitAt(v).Timestamp ?? new DateTimeOffset(File.GetLastWriteTimeUtc(file)).ToUnixTimeMilliseconds();
            ms = previous != long.MinValue && ms <= previous ? previous + 1 : ms;
            previous = ms;
            result[v] = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return result;
    }

    private static long VersionAsOf(string path, DateTimeOffset asOf, long earliest, long latest, Listing listing, Func<long, Commit> commitAt)
    {
        var first = listing.Commits.Keys.Where(v => v >= earliest).DefaultIfEmpty(-1).Min();
        if (first < 0)
        {
            throw new DataSourceException($"Delta table '{path}' has no commit files to find the time {asOf:O} in.");
        }

        var times = Timestamps(first, latest, listing, commitAt);
        var candidates = times.Where(t => t.Value <= asOf).ToList();
        if (candidates.Count == 0)
        {
            var oldest = times.MinBy(t => t.Key);
            throw new DataSourceException($"Delta table '{path}' has no version as of {asOf:O}: its earliest readable version {oldest.Key} was committed at {oldest.Value:O}.");
        }

        return candidates.Max(t => t.Key);
    }

    /// <summary>The files of <c>_delta_log</c> by version.</summary>
    private sealed partial class Listing
    {
        public Dictionary<long, string> Commits { get; } = [];

        /// <summary>Complete checkpoints only: a multi-part checkpoint with a part missing is skipped.</summary>
        public Dictionary<long, string[]> Checkpoints { get; } = [];

        public static Listing Of(string log)
        {
            var listing = new Listing();
            var parts = new Dictionary<(long Version, int Count), SortedDictionary<int, string>>();
            foreach (var file in Directory.EnumerateFiles(log))
            {
                var name = Path.GetFileName(file);
                if (CommitName().Match(name) is { Success: true } commit)
                {
                    listing.Commits[long.Parse(commit.Groups[1].ValueSpan, CultureInfo.InvariantCulture)] = file;
                }
                else if (SingleCheckpoint().Match(name) is { Success: true } single)
                {
                    listing.Checkpoints[long.Parse(single.Groups[1].ValueSpan, CultureInfo.InvariantCulture)] = [file];
                }
                else if (MultiPartCheckpoint().Match(name) is { Success: true } multi)
                {
                    var key = (long.Parse(multi.Groups[1].ValueSpan, CultureInfo.InvariantCulture), int.Parse(multi.Groups[3].ValueSpan, CultureInfo.InvariantCulture));
                    if (!parts.TryGetValue(key, out var set))
                    {
                        parts[key] = set = [];
                    }

                    set[int.Parse(multi.Groups[2].ValueSpan, CultureInfo.InvariantCulture)] = file;
                }
            }

            foreach (var ((version, count), set) in parts)
            {
                if (set.Count == count && set.Keys.SequenceEqual(Enumerable.Range(1, count)) && !listing.Checkpoints.ContainsKey(version))
                {
                    listing.Checkpoints[version] = [.. set.Values];
                }
            }

            return listing;
        }

        [GeneratedRegex(@"^(\d{20})\.json$", RegexOptions.CultureInvariant)]
        private static partial Regex CommitName();

        [GeneratedRegex(@"^(\d{20})\.checkpoint\.parquet$", RegexOptions.CultureInvariant)]
        private static partial Regex SingleCheckpoint();

        [GeneratedRegex(@"^(\d{20})\.checkpoint\.(\d{10})\.(\d{10})\.parquet$", RegexOptions.CultureInvariant)]
        private static partial Regex MultiPartCheckpoint();
    }

    internal sealed record Protocol(int MinReader, int MinWriter, IReadOnlyList<string> ReaderFeatures);

    internal sealed record Metadata(string Id, string SchemaString, IReadOnlyList<string> PartitionColumns, IReadOnlyDictionary<string, string?> Configuration);

    /// <summary>One action of a commit or a checkpoint row.</summary>
    internal abstract record Action;

    internal sealed record AddAction(DeltaFile File, bool HasDeletionVector, string Key) : Action;

    internal sealed record RemoveAction(string Key) : Action;

    internal sealed record ProtocolAction(Protocol Protocol) : Action;

    internal sealed record MetadataAction(Metadata Metadata) : Action;

    /// <summary>The parsed actions of one JSON commit, and its time.</summary>
    internal sealed record Commit(long Version, IReadOnlyList<Action> Actions, long? Timestamp)
    {
        public static Commit Read(string file, long version, string table)
        {
            var actions = new List<Action>();
            long? timestamp = null;
            long? inCommit = null;
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var where = $"Delta table '{table}', {LogFolder}/{Path.GetFileName(file)} line {lineNumber}";
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(line);
                }
                catch (JsonException e)
                {
                    throw new DataSourceException($"{where} is not valid JSON: {e.Message}", e);
                }

                using (document)
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object)
                    {
                        throw new DataSourceException($"{where} is not a JSON object (an action).");
                    }

                    foreach (var property in root.EnumerateObject())
                    {
                        switch (property.Name)
                        {
                            case "add":
                                actions.Add(Add(property.Value, where));
                                break;
                            case "remove":
                                actions.Add(new RemoveAction(FileKey(Str(property.Value, "path", where, required: true)!, property.Value)));
                                break;
                            case "protocol":
                                actions.Add(new ProtocolAction(ParseProtocol(property.Value, where)));
                                break;
                            case "metaData":
                                actions.Add(new MetadataAction(ParseMetadata(property.Value, where)));
                                break;
                            case "commitInfo":
                                timestamp = Long(property.Value, "timestamp");
                                inCommit = Long(property.Value, "inCommitTimestamp");
                                break;
                            default:
                                // txn, cdc, domainMetadata and action types from later protocol versions: not needed to read data.
                                break;
                        }
                    }
                }
            }

            return new Commit(version, actions, inCommit ?? timestamp);
        }

        private static AddAction Add(JsonElement add, string where)
        {
            var path = Str(add, "path", where, required: true)!;
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (add.TryGetProperty("partitionValues", out var pv) && pv.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in pv.EnumerateObject())
                {
                    values[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                }
            }

            long? records = null;
            if (Str(add, "stats", where, required: false) is { } stats)
            {
                try
                {
                    using var s = JsonDocument.Parse(stats);
                    records = Long(s.RootElement, "numRecords");
                }
                catch (JsonException)
                {
                    // Statistics are optional: unreadable ones are ignored, the footers give row counts.
                }
            }

            var hasVector = add.TryGetProperty("deletionVector", out var dv) && dv.ValueKind == JsonValueKind.Object;
            var file = new DeltaFile(path, "", Long(add, "size") ?? 0, Long(add, "modificationTime") ?? 0, values) { NumRecords = records };
            return new AddAction(file, hasVector, FileKey(path, add));
        }
    }

    /// <summary>A file's identity in the log: its path plus its deletion vector's id, as the protocol says.</summary>
    private static string FileKey(string path, JsonElement action) =>
        action.TryGetProperty("deletionVector", out var dv) && dv.ValueKind == JsonValueKind.Object
            ? path + "\0" + dv.GetProperty("storageType").GetString() + (dv.TryGetProperty("pathOrInlineDv", out var p) ? p.GetString() : "") + (dv.TryGetProperty("offset", out var o) && o.ValueKind == JsonValueKind.Number ? "@" + o.GetRawText() : "")
            : path;

    internal static Protocol ParseProtocol(JsonElement protocol, string where)
    {
        var reader = Long(protocol, "minReaderVersion") ?? throw new DataSourceException($"{where}: protocol action without minReaderVersion.");
        var writer = Long(protocol, "minWriterVersion") ?? 0;
        var features = protocol.TryGetProperty("readerFeatures", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [];
        return new Protocol((int)reader, (int)writer, features);
    }

    internal static Metadata ParseMetadata(JsonElement metadata, string where)
    {
        var schema = Str(metadata, "schemaString", where, required: true)!;
        var partitions = metadata.TryGetProperty("partitionColumns", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(x => x.GetString() ?? throw new DataSourceException($"{where}: a null partition column name.")).ToList()
            : [];
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (metadata.TryGetProperty("configuration", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in c.EnumerateObject())
            {
                configuration[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString() : entry.Value.GetRawText();
            }
        }

        return new Metadata(Str(metadata, "id", where, required: false) ?? "", schema, partitions, configuration);
    }

    private static string? Str(JsonElement element, string name, string where, bool required)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        return required ? throw new DataSourceException($"{where}: the action has no string \"{name}\".") : null;
    }

    private static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l) ? l : null;

    /// <summary>The replayed state: live files by key, the files among them with deletion vectors, the latest protocol and metadata.</summary>
    internal sealed class State
    {
        public Dictionary<string, DeltaFile> Live { get; } = new(StringComparer.Ordinal);

        public HashSet<string> DeletionVectors { get; } = new(StringComparer.Ordinal);

        public Protocol? Protocol { get; set; }

        public Metadata? Metadata { get; set; }

        public void Apply(Commit commit, string table, string path) => Apply(commit.Actions, table, path);

        public void Apply(IEnumerable<Action> actions, string table, string path)
        {
            foreach (var action in actions)
            {
                switch (action)
                {
                    case AddAction add:
                        var file = add.File with { FullPath = Resolve(table, add.File.Path, path) };
                        Live[add.Key] = file;
                        if (add.HasDeletionVector)
                        {
                            DeletionVectors.Add(file.Path);
                        }
                        else
                        {
                            DeletionVectors.Remove(file.Path);
                        }

                        break;
                    case RemoveAction remove:
                        if (Live.Remove(remove.Key, out var removed) && !Live.Values.Any(f => f.Path == removed.Path))
                        {
                            DeletionVectors.Remove(removed.Path);
                        }

                        break;
                    case ProtocolAction p:
                        Protocol = p.Protocol;
                        break;
                    case MetadataAction m:
                        Metadata = m.Metadata;
                        break;
                }
            }
        }

        /// <summary>What differs from <paramref name="other"/> (live files, partition values, sizes, protocol, schema, partition columns, configuration), or null.</summary>
        public string? Disagreement(State other)
        {
            foreach (var (key, file) in Live)
            {
                if (!other.Live.TryGetValue(key, out var theirs))
                {
                    return $"live file '{file.Path}' is missing from the checkpoint";
                }

                if (theirs.Size != file.Size || !SameValues(theirs.PartitionValues, file.PartitionValues))
                {
                    return $"live file '{file.Path}' has another size or other partition values in the checkpoint";
                }
            }

            if (other.Live.Keys.FirstOrDefault(k => !Live.ContainsKey(k)) is { } extra)
            {
                return $"the checkpoint lists '{other.Live[extra].Path}', which the commits removed or never added";
            }

            if (Protocol?.MinReader != other.Protocol?.MinReader || Protocol?.MinWriter != other.Protocol?.MinWriter
                || !(Protocol?.ReaderFeatures ?? []).SequenceEqual(other.Protocol?.ReaderFeatures ?? []))
            {
                return "the protocol differs";
            }

            if (Metadata is null || other.Metadata is null || !SameSchema(Metadata.SchemaString, other.Metadata.SchemaString)
                || !Metadata.PartitionColumns.SequenceEqual(other.Metadata.PartitionColumns) || !SameValues(Metadata.Configuration, other.Metadata.Configuration))
            {
                return "the table metadata (schema, partition columns or configuration) differs";
            }

            return null;
        }

        private static bool SameValues(IReadOnlyDictionary<string, string?> a, IReadOnlyDictionary<string, string?> b) =>
            a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

        private static bool SameSchema(string a, string b)
        {
            try
            {
                using var x = JsonDocument.Parse(a);
                using var y = JsonDocument.Parse(b);
                return JsonElement.DeepEquals(x.RootElement, y.RootElement);
            }
            catch (JsonException)
            {
                return a == b;
            }
        }
    }

    /// <summary>The file a log path names: relative paths are decoded once and joined to the table; absolute <c>file:</c> URIs are local paths; other URIs are refused.</summary>
    internal static string Resolve(string table, string logPath, string path)
    {
        if (logPath.Contains("://", StringComparison.Ordinal) || logPath.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (Uri.TryCreate(logPath, UriKind.Absolute, out var uri) && uri.IsFile)
            {
                return uri.LocalPath;
            }

            throw new DataSourceException($"Delta table '{path}' names the data file '{logPath}' on remote storage; only local files are read.");
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(logPath);
        }
        catch (UriFormatException e)
        {
            throw new DataSourceException($"Delta table '{path}' names the data file '{logPath}', which is not a valid relative URI: {e.Message}", e);
        }

        return Path.Combine(table, decoded.Replace('/', Path.DirectorySeparatorChar));
    }
}
