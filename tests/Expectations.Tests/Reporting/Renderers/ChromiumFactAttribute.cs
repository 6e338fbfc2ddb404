using System.Diagnostics;
using System.Text;

namespace Expectations.Tests.Reporting.Renderers;

/// <summary>
/// A fact that needs headless Chromium (Debian's <c>chromium</c> package, which <c>.ci/run</c> installs): skipped, with a message
/// saying how to run it, when no <c>chromium</c> is on the PATH, so a fresh clone's <c>dotnet test</c> passes without it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Skips the test when Chromium is not installed.</summary>
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null)
        {
            Skip = "chromium is not installed (looked for chromium and chromium-browser on PATH): apt-get install -y chromium, as .ci/run does, to run this check";
        }
    }
}

/// <summary>Runs Debian's Chromium headless, offline, with a throwaway profile.</summary>
internal static class HeadlessChromium
{
    private static readonly Lazy<string?> Found = new(() =>
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in (string[])["chromium", "chromium-browser"])
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    });

    /// <summary>The Chromium executable, or null when none is installed.</summary>
    public static string? Executable => Found.Value;

    /// <summary>The result of one run: exit code, the serialised DOM on stdout, Chromium's log (with console messages) on stderr.</summary>
    public sealed record Run(int ExitCode, string Dom, string Log)
    {
        /// <summary>
        /// What the page said on its console: uncaught script errors, and Content-Security-Policy refusals of anything it tried to
        /// run or load. Chromium logs them as <c>INFO:CONSOLE</c> lines.
        /// </summary>
        public IReadOnlyList<string> ConsoleMessages => Log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)
            || l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Refused to", StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// Loads <paramref name="file"/> and returns the DOM after load (<c>--dump-dom</c>), with Chromium's log including the page's
    /// console messages (<c>--enable-logging=stderr --v=0</c>). The flags keep it off the network, as this machine has none.
    /// </summary>
    public static async Task<Run> DumpDomAsync(string file, TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("expectations-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium is not installed"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var arg in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + profile.FullName, "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(Path.GetFullPath(file)).AbsoluteUri])
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish loading {file} within {timeout.TotalSeconds:0} s; log: {await stderr}");
            }

            return new Run(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
