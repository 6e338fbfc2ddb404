using System.Text;

namespace Expectations.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        // Reports hold non-ASCII text (data values, "…"); consoles that default to a legacy code page would garble it.
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return Cli.RunAsync(args, Console.Out, Console.Error, CliTerminal.Detect(), handleProcessTermination: true, CancellationToken.None);
    }
}
