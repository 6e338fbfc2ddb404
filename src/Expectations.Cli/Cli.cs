using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;

namespace Expectations.Cli;

/// <summary>How the terminal shows stdout: whether ANSI colours are wanted and how wide a line may be.</summary>
/// <param name="Color">Colour the text report (stdout is a terminal and <c>NO_COLOR</c> is unset).</param>
/// <param name="Width">Columns to fit the text report into.</param>
internal sealed record CliTerminal(bool Color, int Width)
{
    /// <summary>No colours, 100 columns: for redirected output and tests.</summary>
    public static CliTerminal Plain { get; } = new(false, 100);

    /// <summary>A width that never cuts or wraps a line: for output piped to a file or another program.</summary>
    public const int FullLines = 1_000_000;

    /// <summary>
    /// Looks at the real console: colours only for a terminal when <c>NO_COLOR</c> is unset (https://no-color.org); the
    /// width from <c>COLUMNS</c> when set, else the console's width, and full lines when stdout is redirected.
    /// </summary>
    public static CliTerminal Detect()
    {
        var columns = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var c) && c >= 40 ? c : (int?)null;
        if (Console.IsOutputRedirected)
        {
            return Plain with { Width = columns ?? FullLines };
        }

        var color = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        int width;
        try
        {
            width = Console.WindowWidth;
        }
        catch (IOException)
        {
            width = 0;
        }

        return new CliTerminal(color, columns ?? (width >= 40 ? width : Plain.Width));
    }
}

/// <summary>The command tree of the <c>expectations</c> tool and its in-process entry point.</summary>
internal static partial class Cli
{
    /// <summary>Runs the tool with <paramref name="args"/>, writing to the given writers; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, CliTerminal.Plain, handleProcessTermination: false, CancellationToken.None);

    /// <summary>Runs the tool; <paramref name="handleProcessTermination"/> turns Ctrl+C into cancellation (only for the real process).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliTerminal terminal, bool handleProcessTermination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = BuildRootCommand(stdout, stderr, terminal);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var messages = string.Join("; ", parse.Errors.Select(e => OneLine(e.Message)));
            var command = parse.CommandResult.Command;
            var usage = command == root ? "expectations --help" : $"expectations {command.Name} --help";
            return Fail(stderr, $"{messages} (see '{usage}')");
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        // Ctrl+C and SIGTERM cancel the run; it gets this long to stop and delete its temporary files (it stops within
        // one chunk of work), after which the process ends with the signal's code (130, 143) and the next run cleans up.
        configuration.ProcessTerminationTimeout = handleProcessTermination ? TimeSpan.FromSeconds(10) : null;

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Writes <c>expectations: error: MESSAGE</c> as one line to <paramref name="stderr"/> and returns <see cref="ExitCodes.InvalidInput"/>.</summary>
    internal static int Fail(TextWriter stderr, string message, int exitCode = ExitCodes.InvalidInput)
    {
        stderr.WriteLine("expectations: error: " + OneLine(message));
        return exitCode;
    }

    /// <summary>The one stderr line of a cancelled run (Ctrl+C, SIGTERM) and <see cref="ExitCodes.Cancelled"/>.</summary>
    internal static int Cancelled(TextWriter stderr) =>
        Fail(stderr, "cancelled (Ctrl+C or SIGTERM) before the run finished: no output file was written or changed", ExitCodes.Cancelled);

    /// <summary>Collapses line breaks and the indentation after them, so every error is one line on stderr.</summary>
    internal static string OneLine(string message) => LineBreaks().Replace(message.Trim(), " ");

    private static Command BuildRootCommand(TextWriter stdout, TextWriter stderr, CliTerminal terminal)
    {
        // A plain command rather than RootCommand, whose name is the executable's file name ("Expectations.Cli" under
        // dotnet run): help and errors must say "expectations", the tool's command name.
        var root = new Command("expectations", "Validate data against Great Expectations-style suites. " + ExitCodes.Summary)
        {
            Options = { new HelpOption(), new VersionOption() },
        };
        root.Subcommands.Add(ValidateCommand.Build(stdout, stderr, terminal));
        root.Subcommands.Add(ProfileCommand.Build(stdout, stderr));
        root.Subcommands.Add(DriftCommand.Build(stdout, stderr));
        root.Subcommands.Add(SuggestCommand.Build(stdout, stderr));
        root.Subcommands.Add(SplitsCommand.Build(stdout, stderr, terminal));
        root.Subcommands.Add(HistoryCommand.Build(stdout, stderr));
        return root;
    }

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();
}
