namespace Expectations;

/// <summary>
/// Where an incremental run keeps the saved metric state of each partition (<see cref="ValidationOptions.StateStore"/>):
/// one opaque blob per key. The engine checks every blob it reads (format version, checksum, plan fingerprint,
/// partition identity) and recomputes the partition when any check fails, so a store only needs to keep bytes.
/// Implementations must be safe to call from several threads at once. See docs/incremental.md.
/// </summary>
public interface IMetricStateStore
{
    /// <summary>The blob saved under <paramref name="key"/>, or null when there is none.</summary>
    ValueTask<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="state"/> under <paramref name="key"/>, replacing what was there as one step: a reader sees the old blob or the new one, never a mix.</summary>
    ValueTask WriteAsync(string key, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default);

    /// <summary>Every key that holds a blob.</summary>
    ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the blob of <paramref name="key"/>; nothing happens when there is none.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>
/// A <see cref="IMetricStateStore"/> in a folder: one file <c>KEY.state</c> per partition. A write goes to a temporary
/// file in the same folder that is then renamed over the old one, so a crash or a concurrent reader never sees half a
/// state. Concurrent writers of the same key are last-writer-wins: each state is whole and checked when read, so
/// whichever wins is a valid state of its partition. Keep one folder per suite and dataset: a run deletes the states of
/// partitions its source no longer has.
/// </summary>
public sealed class FolderStateStore : IMetricStateStore
{
    private const string Extension = ".state";

    /// <summary>Creates a store in <paramref name="path"/> (created on the first write).</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public FolderStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            return await File.ReadAllBytesAsync(FileOf(key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(string key, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default)
    {
        var target = FileOf(key);
        Directory.CreateDirectory(Path);
        var temporary = System.IO.Path.Join(Path, $".{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(state, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Path))
        {
            return ValueTask.FromResult<IReadOnlyList<string>>([]);
        }

        IReadOnlyList<string> keys = [.. Directory.EnumerateFiles(Path, "*" + Extension)
            .Select(System.IO.Path.GetFileName)
            .Where(name => name is not null && !name.StartsWith('.'))
            .Select(name => name![..^Extension.Length])
            .Order(StringComparer.Ordinal)];
        return ValueTask.FromResult(keys);
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(FileOf(key));
        return ValueTask.CompletedTask;
    }

    private string FileOf(string key)
    {
        // Keys are the engine's hex names; anything else could step out of the folder.
        if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"State key '{key}' may hold only ASCII letters, digits, '-' and '_'.", nameof(key));
        }

        return System.IO.Path.Join(Path, key + Extension);
    }
}
