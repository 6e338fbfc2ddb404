using System.Globalization;

namespace Expectations.Cli;

/// <summary>
/// A one-line progress display on stderr for long runs: only when stderr is a terminal, and only once a run
/// has taken more than a second (short runs stay silent). The line is redrawn in place and erased at the end.
/// </summary>
internal sealed class ProgressLine : IProgress<ValidationProgress>, IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private readonly TextWriter _stderr;
    private readonly Lock _gate = new();
    private bool _drawn;

    private ProgressLine(TextWriter stderr) => _stderr = stderr;

    /// <summary>A progress line on the console's stderr, or null when stderr is redirected (a file, a pipe, a CI log).</summary>
    public static ProgressLine? ForConsole() => Console.IsErrorRedirected ? null : new ProgressLine(Console.Error);

    /// <inheritdoc />
    public void Report(ValidationProgress value)
    {
        if (value.Elapsed < Delay)
        {
            return;
        }

        var rows = value.TotalRows is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{Millions(value.RowsDone)} of {Millions(total)} rows")
            : string.Create(CultureInfo.InvariantCulture, $"{Millions(value.RowsDone)} rows");
        var parts = value.TotalParts is { } count ? string.Create(CultureInfo.InvariantCulture, $", {value.PartsDone}/{count} row groups") : "";
        var line = string.Create(CultureInfo.InvariantCulture, $"validating: {rows}{parts}, {Millions((long)value.RowsPerSecond)} rows/s, {value.Elapsed.TotalSeconds:0.0} s");
        lock (_gate)
        {
            _stderr.Write("\r" + line + "\u001b[K");
            _stderr.Flush();
            _drawn = true;
        }
    }

    /// <summary>Erases the line, so the report starts on a clean line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                _stderr.Write("\r\u001b[K");
                _stderr.Flush();
                _drawn = false;
            }
        }
    }

    private static string Millions(long n) => n >= 1_000_000
        ? (n / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M"
        : n.ToString("N0", CultureInfo.InvariantCulture);
}
