namespace Expectations.Architecture.Tests.Infrastructure;

/// <summary>The repository the tests run in, found from the test binaries, so that no machine path is written down.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Expectations.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Expectations.sln not found above the test binaries.");
    }
}
