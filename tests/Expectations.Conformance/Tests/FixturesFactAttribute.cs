namespace Expectations.Conformance.Tests;

/// <summary>
/// A fact that needs the GX fixtures folder: skipped, with the reason, when the folder cannot be found
/// (xunit 2 has no dynamic skip, so the attribute decides when it is constructed).
/// </summary>
public sealed class FixturesFactAttribute : FactAttribute
{
    public FixturesFactAttribute()
    {
        var directory = FixtureLoader.ResolveFixturesDirectory();
        if (directory is null || !Directory.Exists(directory))
        {
            Skip = $"GX fixtures folder not found ({directory ?? "no repository root"}); set {FixtureLoader.EnvironmentVariable} to run the conformance suite.";
        }
    }
}
