using System.Text;

namespace Expectations.Cli;

/// <summary>Writes files so that readers never see a half-written report: a temporary file in the same folder, then a rename.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Refuses, before any work is done, output files that cannot be written: a file where a folder should be, a folder as target,
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

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>, replacing it in one step; a missing folder is created.</summary>
    /// <exception cref="CliInputException">The folder cannot be created or written.</exception>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        var full = CheckTarget(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write '{path}': cannot create folder '{folder}': {ex.Message}");
        }

        // Same folder as the target so the final move is a rename on one file system, never a copy.
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write '{path}': {ex.Message}");
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The full path of <paramref name="path"/>; throws when a file stands where its folder should be, or it is a folder itself.</summary>
    private static string CheckTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            // A missing folder is created when the file is written; a file where a folder should be is refused now.
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
}
