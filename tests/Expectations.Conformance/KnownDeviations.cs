namespace Expectations.Conformance;

/// <summary>
/// Fixture tests where Expectations deliberately differs from GX, keyed by fixture file and test title, with
/// the argument for our behaviour. The runner still counts them as failed; docs/conformance.md prints the
/// argument beside the generated reason, and a stale entry (its test passes or is gone) is reported.
/// </summary>
internal static class KnownDeviations
{
    /// <summary>The entries: (file relative to the fixtures folder, test title) → why we differ.</summary>
    public static IReadOnlyDictionary<(string File, string Title), string> Entries { get; } = new Dictionary<(string File, string Title), string>
    {
    };

    /// <summary>The explanation of a failing test, or null.</summary>
    public static string? For(string file, string title) => Entries.TryGetValue((file, title), out var why) ? why : null;
}
