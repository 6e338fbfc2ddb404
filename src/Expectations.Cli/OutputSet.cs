using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Expectations.Cli;

/// <summary>
/// Every file one run of the tool writes, published together: each output is written to a temporary file beside its
/// target (<c>.NAME.expectations-PID-RUN.tmp</c>), and only when all of them are complete are they flushed to disk
/// and renamed over their targets, one after the other. A run that fails, is cancelled or is killed before that point
/// leaves every target as the previous run left it. Temporary files that earlier runs left behind (killed, power lost)
/// are deleted when a run starts (see <see cref="CleanStale"/>). docs/cli.md ("Output files") states the contract.
/// </summary>
internal sealed partial class OutputSet : IAsyncDisposable
{
    private readonly DateTime _startedUtc;
    private readonly string _run;
    private readonly List<(string Target, string Temp)> _staged = [];
    private bool _committed;

    /// <summary>A set for a run that started at <paramref name="startedUtc"/> (default now); earlier temporary files of the targets' folders are stale.</summary>
    public OutputSet(DateTime? startedUtc = null)
    {
        _startedUtc = startedUtc ?? DateTime.UtcNow;
        _run = Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>The targets staged so far, in order.</summary>
    public IReadOnlyList<string> Targets => [.. _staged.Select(s => s.Target)];

    /// <summary>
    /// Refuses, before any work is done, output files that cannot be written: a missing folder, a folder as target,
    /// or one path named twice (the second write would replace the first). Null paths (options not given) are skipped.
    /// </summary>
    /// <exception cref="CliInputException">The first problem found.</exception>
    public static void Check(params (string? Path, string Option)[] files)
    {
        var seen = new Dictionary<string, string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (path, option) in files)
        {
            if (path is null)
            {
                continue;
            }

            var full = CheckTarget(path);
            if (!seen.TryAdd(full, option))
            {
                throw new CliInputException($"{seen[full]} and {option} both write '{path}'; give each output its own file");
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files of earlier runs in the folders of <paramref name="targets"/>: this tool's
    /// <c>.NAME.expectations-PID-RUN.tmp</c> files (and a library writer's temporary file of one) whose process is gone and
    /// which were last written before this run started, and the <c>.NAME.&lt;32 hex&gt;.tmp</c> files that earlier versions
    /// wrote for these targets, when older than this run. Files it cannot delete are left alone.
    /// </summary>
    public void CleanStale(IEnumerable<string?> targets)
    {
        var byFolder = targets.OfType<string>()
            .Select(Path.GetFullPath)
            .GroupBy(t => Path.GetDirectoryName(t) ?? ".", OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var folder in byFolder)
        {
            var names = folder.Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal);
            IEnumerable<string> candidates;
            try
            {
                candidates = [.. Directory.EnumerateFiles(folder.Key, ".*.tmp")];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in candidates)
            {
                if (IsStale(Path.GetFileName(file), names, file))
                {
                    try
                    {
                        File.Delete(file);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Someone else's, or in use: not ours to insist on.
                    }
                }
            }
        }
    }

    /// <summary>The temporary file for <paramref name="target"/>, to be written by the caller (once) and published by <see cref="CommitAsync"/>.</summary>
    /// <exception cref="CliInputException">The target's folder cannot be created, or the target is a folder.</exception>
    public string Stage(string target)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var full = CheckTarget(target);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write '{target}': cannot create its folder: {ex.Message}");
        }

        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.expectations-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{_run}.tmp");
        _staged.Add((full, temp));
        return temp;
    }

    /// <summary>Stages <paramref name="target"/> with <paramref name="text"/> (UTF-8, no BOM) as its content.</summary>
    /// <exception cref="CliInputException">The target cannot be written.</exception>
    public async Task WriteTextAsync(string target, string text, CancellationToken cancellationToken)
    {
        var temp = Stage(target);
        try
        {
            await File.WriteAllTextAsync(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write '{target}': {ex.Message}");
        }
    }

    /// <summary>
    /// Publishes the set: flushes every staged file to disk (fsync), then renames each over its target, then flushes
    /// the folders (so the renames survive a power loss, where the OS allows it). Nothing is renamed unless every
    /// staged file is complete.
    /// </summary>
    /// <exception cref="CliInputException">A staged file is missing or cannot be flushed or renamed.</exception>
    public Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_committed, this);

        // The last point at which cancelling leaves the previous set: from here on, the set is published.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            foreach (var (target, temp) in _staged)
            {
                if (!File.Exists(temp))
                {
                    throw new CliInputException($"cannot write '{target}': its temporary file '{temp}' disappeared before the outputs were published");
                }

                using var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                stream.Flush(flushToDisk: true);
            }

            foreach (var (target, temp) in _staged)
            {
                File.Move(temp, target, overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot publish the output files: {ex.Message}");
        }

        _committed = true;
        foreach (var folder in _staged.Select(s => Path.GetDirectoryName(s.Target) ?? ".").Distinct(StringComparer.Ordinal))
        {
            FlushFolder(folder);
        }

        return Task.CompletedTask;
    }

    /// <summary>Deletes the staged files unless the set was committed: a run that stops early changes no target.</summary>
    public ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            foreach (var (_, temp) in _staged)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left for the next run's CleanStale.
                }
            }

            _committed = true;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The full path of <paramref name="path"/>; throws when a file stands where its folder should be, or it is a folder itself.</summary>
    private static string CheckTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            // A missing folder is created when the file is staged; a file where a folder should be is refused now.
            for (var ancestor = folder; !string.IsNullOrEmpty(ancestor) && !Directory.Exists(ancestor); ancestor = Path.GetDirectoryName(ancestor))
            {
                if (File.Exists(ancestor))
                {
                    throw new CliInputException($"cannot write '{path}': '{ancestor}' is a file, not a folder");
                }
            }
        }

        if (Directory.Exists(full))
        {
            throw new CliInputException($"cannot write '{path}': it is a folder");
        }

        return full;
    }

    private bool IsStale(string name, HashSet<string> targetNames, string path)
    {
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (written >= _startedUtc)
        {
            return false;
        }

        var ours = OurTemp().Match(name);
        if (ours.Success)
        {
            var pid = int.Parse(ours.Groups["pid"].Value, CultureInfo.InvariantCulture);
            return ours.Groups["run"].Value != _run && !IsRunning(pid);
        }

        // Earlier versions: ".NAME.<32 hex>.tmp" beside NAME, with no process id; only for this run's own targets.
        var legacy = LegacyTemp().Match(name);
        return legacy.Success && targetNames.Contains(legacy.Groups["name"].Value);
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            // Another set of this very process (tests run several in one process): not stale.
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>fsync of a folder, so that renames in it are durable; best effort, POSIX only (Windows has no such call).</summary>
    private static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            var fd = Posix.Open(Encoding.UTF8.GetBytes(folder + "\0"), 0 /* O_RDONLY */);
            if (fd >= 0)
            {
                _ = Posix.FSync(fd);
                _ = Posix.Close(fd);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to ask: the renames are still atomic, only their durability on power loss is the OS's default.
        }
    }

    /// <summary>This tool's temporary files: <c>.NAME.expectations-PID-RUN.tmp</c>, and a library writer's <c>.&lt;that&gt;.&lt;32 hex&gt;.tmp</c>.</summary>
    [GeneratedRegex(@"^\.+.+\.expectations-(?<pid>\d{1,9})-(?<run>[0-9a-f]{8})\.tmp(\.[0-9a-f]{32}\.tmp)?$")]
    private static partial Regex OurTemp();

    [GeneratedRegex(@"^\.(?<name>.+)\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex LegacyTemp();

    private static class Posix
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open(byte[] nulTerminatedUtf8Path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int FSync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);
    }
}
