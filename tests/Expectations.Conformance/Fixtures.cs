using System.Text;
using System.Text.Json;

namespace Expectations.Conformance;

/// <summary>One GX test-definition file: an expectation type and its datasets.</summary>
/// <param name="RelativePath">Path below the fixtures folder, with forward slashes (stable across machines).</param>
/// <param name="ExpectationType">The GX expectation type every test of the file runs.</param>
/// <param name="Datasets">The datasets, each with its tests.</param>
internal sealed record FixtureFile(string RelativePath, string ExpectationType, IReadOnlyList<FixtureDataset> Datasets);

/// <summary>A dataset of a fixture file: column-oriented data, optional pandas dtypes, and tests.</summary>
/// <param name="Index">Position in the file (dataset names are optional and not unique).</param>
/// <param name="Name">The dataset_name, or null.</param>
/// <param name="Data">The <c>data</c> element (an object of column arrays; multi-table fixtures hold a list).</param>
/// <param name="PandasSchema">Column → dtype name from <c>schemas.pandas</c>, or null.</param>
/// <param name="Tests">The tests.</param>
internal sealed record FixtureDataset(int Index, string? Name, JsonElement Data, IReadOnlyDictionary<string, string>? PandasSchema, IReadOnlyList<FixtureTest> Tests)
{
    /// <summary>Every <c>schemas</c> entry: GX backend name (<c>sqlite</c>, <c>postgresql</c>, …) → column → that backend's type name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Schemas { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();
}

/// <summary>GX's <c>only_for</c> and <c>suppress_test_for</c> lists of one test or dataset (backend names, e.g. <c>sqlalchemy</c>).</summary>
/// <param name="OnlyFor">The backends the item is only for, or null for all.</param>
/// <param name="Suppressed">The backends it must not run on.</param>
internal sealed record Applicability(IReadOnlyList<string>? OnlyFor, IReadOnlyList<string> Suppressed)
{
    /// <summary>Whether the item runs on a backend GX knows by any of <paramref name="names"/> (SQLite is <c>sqlite</c> and <c>sqlalchemy</c>).</summary>
    public bool For(IReadOnlyCollection<string> names) =>
        !Suppressed.Any(names.Contains) && (OnlyFor is null || OnlyFor.Any(names.Contains));

    /// <summary>The lists of a JSON test or dataset object.</summary>
    public static Applicability Of(JsonElement item)
    {
        static IReadOnlyList<string>? List(JsonElement item, string name) =>
            item.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)]
                : null;
        return new(List(item, "only_for"), List(item, "suppress_test_for") ?? []);
    }
}

/// <summary>One test case of a dataset.</summary>
/// <param name="Title">The title (unique enough with the file name to key explanations).</param>
/// <param name="ExactMatchOut">GX's <c>exact_match_out</c>.</param>
/// <param name="In">The kwargs.</param>
/// <param name="Out">What must hold.</param>
/// <param name="Tolerance">Relative tolerance for numbers, when the test sets one.</param>
/// <param name="ErrorSubstring">Text the raised error should contain (<c>error.traceback_substring</c> or <c>out.traceback_substring</c>), or null when no error is expected.</param>
/// <param name="AppliesToPandas">Whether the test (and its dataset) applies to an in-memory engine.</param>
internal sealed record FixtureTest(string Title, bool ExactMatchOut, JsonElement In, JsonElement Out, double? Tolerance, string? ErrorSubstring, bool AppliesToPandas)
{
    /// <summary>Whether the test expects the expectation to raise an error.</summary>
    public bool ExpectsError => ErrorSubstring is not null;

    /// <summary>The applicability lists of the test and its dataset: the test runs where all of them allow.</summary>
    public IReadOnlyList<Applicability> Rules { get; init; } = [];

    /// <summary>Whether the test applies to a backend GX knows by any of <paramref name="names"/>.</summary>
    public bool AppliesTo(IReadOnlyCollection<string> names) => Rules.All(r => r.For(names));
}

/// <summary>Finds and reads the fixture folder.</summary>
internal static class FixtureLoader
{
    /// <summary>The environment variable that overrides the default fixtures folder.</summary>
    public const string EnvironmentVariable = "EXPECTATIONS_GX_FIXTURES";

    /// <summary>The folder holding <c>Expectations.sln</c>, searched upwards from the current directory and then from the app's base directory.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The fixtures folder: <paramref name="explicitPath"/> when given, else the environment variable, else
    /// <c>../shared/conformance/gx</c> beside the repository root. Null when none can be determined.
    /// </summary>
    public static string? ResolveFixturesDirectory(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            return Path.GetFullPath(fromEnv);
        }

        return FindRepositoryRoot() is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance", "gx")) : null;
    }

    /// <summary>Reads every <c>*.json</c> file below <paramref name="directory"/>, in path order.</summary>
    /// <exception cref="FixtureException">The folder is missing, holds no fixtures, or a file is not a fixture.</exception>
    public static IReadOnlyList<FixtureFile> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new FixtureException($"Fixtures folder '{directory}' does not exist.");
        }

        var files = Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories)
            .Select(p => (Full: p, Relative: Path.GetRelativePath(directory, p).Replace('\\', '/')))
            .OrderBy(p => p.Relative, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new FixtureException($"Fixtures folder '{directory}' holds no *.json files.");
        }

        return [.. files.Select(f => Load(f.Full, f.Relative))];
    }

    /// <summary>Reads one fixture file.</summary>
    public static FixtureFile Load(string path, string relativePath)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FixtureException($"Cannot read fixture '{relativePath}': {ex.Message}", ex);
        }

        try
        {
            return Parse(text, relativePath);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FixtureException($"Fixture '{relativePath}' is not a GX test definition: {ex.Message}", ex);
        }
    }

    /// <summary>Parses fixture JSON text.</summary>
    public static FixtureFile Parse(string text, string relativePath)
    {
        using var doc = JsonDocument.Parse(QuoteNonFiniteLiterals(text), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        var type = root.GetProperty("expectation_type").GetString() ?? throw new InvalidOperationException("expectation_type is null");
        var datasets = new List<FixtureDataset>();
        var index = 0;
        foreach (var ds in root.GetProperty("datasets").EnumerateArray())
        {
            var datasetApplies = AppliesToPandas(ds);
            var datasetRule = Applicability.Of(ds);
            var allSchemas = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            if (ds.TryGetProperty("schemas", out var schemaSet) && schemaSet.ValueKind == JsonValueKind.Object)
            {
                foreach (var backend in schemaSet.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Object))
                {
                    allSchemas[backend.Name] = backend.Value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
                }
            }

            Dictionary<string, string>? schema = null;
            if (ds.TryGetProperty("schemas", out var schemas) && schemas.ValueKind == JsonValueKind.Object
                && schemas.TryGetProperty("pandas", out var pandas) && pandas.ValueKind == JsonValueKind.Object)
            {
                schema = pandas.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            }

            var tests = new List<FixtureTest>();
            foreach (var t in ds.GetProperty("tests").EnumerateArray())
            {
                var output = t.GetProperty("out").Clone();
                string? error = null;
                if (t.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.Object)
                {
                    error = err.TryGetProperty("traceback_substring", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : "";
                }
                else if (output.ValueKind == JsonValueKind.Object && output.TryGetProperty("traceback_substring", out var s) && s.ValueKind == JsonValueKind.String)
                {
                    error = s.GetString();
                }

                tests.Add(new FixtureTest(
                    t.GetProperty("title").GetString() ?? "",
                    t.TryGetProperty("exact_match_out", out var exact) && exact.ValueKind == JsonValueKind.True,
                    t.GetProperty("in").Clone(),
                    output,
                    t.TryGetProperty("tolerance", out var tol) && tol.ValueKind == JsonValueKind.Number ? tol.GetDouble() : null,
                    error,
                    datasetApplies && AppliesToPandas(t))
                {
                    Rules = [datasetRule, Applicability.Of(t)],
                });
            }

            datasets.Add(new FixtureDataset(
                index++,
                ds.TryGetProperty("dataset_name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                ds.GetProperty("data").Clone(),
                schema,
                tests)
            {
                Schemas = allSchemas,
            });
        }

        return new FixtureFile(relativePath, type, datasets);
    }

    /// <summary>GX's rule: a test (or dataset) is for pandas unless it suppresses pandas or lists only other backends.</summary>
    private static bool AppliesToPandas(JsonElement item)
    {
        if (item.TryGetProperty("suppress_test_for", out var suppress) && suppress.ValueKind == JsonValueKind.Array
            && suppress.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.String && s.GetString() == "pandas"))
        {
            return false;
        }

        return !(item.TryGetProperty("only_for", out var only) && only.ValueKind == JsonValueKind.Array
            && !only.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.String && s.GetString() == "pandas"));
    }

    /// <summary>
    /// GX wrote some fixtures with Python's JSON, which allows the bare literals <c>NaN</c>, <c>Infinity</c> and
    /// <c>-Infinity</c>. They become the strings Expectations writes for those values, so they compare equal.
    /// </summary>
    internal static string QuoteNonFiniteLiterals(string json)
    {
        var sb = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    sb.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                sb.Append(c);
                continue;
            }

            var literal = Match(json, i, "-Infinity") ?? Match(json, i, "Infinity") ?? Match(json, i, "NaN");
            if (literal is not null)
            {
                sb.Append('"').Append(literal).Append('"');
                i += literal.Length - 1;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();

        static string? Match(string s, int at, string word) =>
            string.CompareOrdinal(s, at, word, 0, word.Length) == 0
            && (at == 0 || !char.IsLetterOrDigit(s[at - 1]))
            && (at + word.Length == s.Length || !char.IsLetterOrDigit(s[at + word.Length]))
                ? word
                : null;
    }
}

/// <summary>The fixtures cannot be read: the runner exits with code 2.</summary>
internal sealed class FixtureException : Exception
{
    public FixtureException() { }

    public FixtureException(string message) : base(message) { }

    public FixtureException(string message, Exception innerException) : base(message, innerException) { }
}
