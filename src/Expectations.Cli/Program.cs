namespace Expectations.Cli;

internal static class Program
{
    private static int Main() => 2;
}
