namespace Expectations;

/// <summary>
/// What a part of a partitioned source was read from, so that a saved metric state can tell whether the part is still the
/// same (see docs/incremental.md): its location (a file path), the file's size and last-write time or the SHA-256 hash
/// of its content, the row groups it covers, and for table formats with versions (Delta Lake) the table version.
/// Two identities are the same part, unchanged, when every member is equal (record equality).
/// </summary>
public sealed record PartitionIdentity
{
    /// <summary>Where the part lives, for example a file path; with <see cref="RowGroupStart"/> it names the part within its source.</summary>
    public required string Location { get; init; }

    /// <summary>The file's size in bytes, when known.</summary>
    public long? Size { get; init; }

    /// <summary>The file's last-write time (UTC), when known.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The SHA-256 hash of the file's bytes (lower-case hex), when content hashing was asked for.</summary>
    public string? ContentHash { get; init; }

    /// <summary>The first row group of the file that the part covers, when it is a range of row groups.</summary>
    public int? RowGroupStart { get; init; }

    /// <summary>One past the last row group the part covers.</summary>
    public int? RowGroupEnd { get; init; }

    /// <summary>The version of the table the part was listed in (Delta Lake tables), when the source has versions.</summary>
    public long? TableVersion { get; init; }

    /// <summary>
    /// The part's name within its source, independent of its content: <see cref="Location"/> plus the row-group range.
    /// A saved state is stored under this name, so a changed file replaces its old state.
    /// </summary>
    public string Name => RowGroupStart is { } start ? $"{Location}#row-groups-{start}-{RowGroupEnd ?? start + 1}" : Location;

    /// <summary>The identity of file <paramref name="path"/> as the file system describes it now (size and last-write time).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static PartitionIdentity OfFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Cannot describe partition file '{path}': it does not exist.", path);
        }

        return new PartitionIdentity { Location = path, Size = info.Length, LastModified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero) };
    }

    /// <summary>The identity of file <paramref name="path"/> by its size and the SHA-256 hash of its bytes (reads the whole file).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<PartitionIdentity> OfFileContentAsync(string path, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Cannot hash partition file '{path}': it does not exist.", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new PartitionIdentity { Location = path, Size = stream.Length, ContentHash = Convert.ToHexStringLower(hash) };
        }
    }

    /// <summary>This identity narrowed to row groups [<paramref name="start"/>, <paramref name="end"/>) of the file.</summary>
    public PartitionIdentity ForRowGroups(int start, int end) => this with { RowGroupStart = start, RowGroupEnd = end };
}

/// <summary>How a partitioned file source identifies its parts for saved metric states (docs/incremental.md).</summary>
public enum PartitionIdentityMode
{
    /// <summary>By path, size and last-write time: free, but a file rewritten with the same size within the file system's time resolution looks unchanged.</summary>
    FileMetadata,

    /// <summary>By path, size and the SHA-256 hash of the content: reads every file once when the source opens.</summary>
    ContentHash,
}
