using System.Text.Json;

namespace Expectations.Conformance;

/// <summary>What happened to one fixture test.</summary>
internal enum OutcomeStatus
{
    /// <summary>The result matched the fixture.</summary>
    Passed,
    /// <summary>The result differed, or the expectation could not be loaded or run.</summary>
    Failed,
    /// <summary>The expectation type is not in <see cref="ExpectationCatalog.Default"/> (yet).</summary>
    Skipped,
    /// <summary>The test is for other backends (SQL, Spark): suppressed for pandas or only for others.</summary>
    NotApplicable,
}

/// <summary>The outcome of one fixture test.</summary>
/// <param name="File">Fixture file, relative to the fixtures folder.</param>
/// <param name="Dataset">Dataset index within the file.</param>
/// <param name="Title">Test title.</param>
/// <param name="ExpectationType">The expectation type.</param>
/// <param name="Status">The outcome.</param>
/// <param name="Reason">For failures, every difference found; for skips, why.</param>
/// <param name="ErrorSubstringMatched">For tests that expect an error and passed: whether our message contains GX's text.</param>
internal sealed record TestOutcome(string File, int Dataset, string Title, string ExpectationType, OutcomeStatus Status, string? Reason = null, bool? ErrorSubstringMatched = null)
{
    /// <summary>The backend the test ran on (null: the in-memory engine).</summary>
    public string? Backend { get; init; }

    /// <summary>Our documented argument, when this test is a known deviation.</summary>
    public string? Explanation => KnownDeviations.For(File, Title, Backend);
}

/// <summary>All outcomes of a run.</summary>
internal sealed record ConformanceResult(string FixturesDirectory, IReadOnlyList<TestOutcome> Outcomes)
{
    /// <summary>The backend the fixtures ran on (null: the in-memory engine).</summary>
    public string? Backend { get; init; }

    /// <summary>For a SQL backend: datasets loaded with GX's own <c>schemas</c> entry for it.</summary>
    public int TypedDatasets { get; init; }

    public int Passed => Outcomes.Count(o => o.Status == OutcomeStatus.Passed);

    public int Failed => Outcomes.Count(o => o.Status == OutcomeStatus.Failed);

    public int Skipped => Outcomes.Count(o => o.Status == OutcomeStatus.Skipped);

    public int NotApplicable => Outcomes.Count(o => o.Status == OutcomeStatus.NotApplicable);

    /// <summary>The tests of implemented expectations that apply to an in-memory engine (passed or failed).</summary>
    public IEnumerable<TestOutcome> Applicable => Outcomes.Where(o => o.Status is OutcomeStatus.Passed or OutcomeStatus.Failed);

    /// <summary>The line the CLI ends with.</summary>
    public string SummaryLine => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    /// <summary>Known-deviation entries whose test now passes (or no longer exists): the table needs updating.</summary>
    public IReadOnlyList<string> StaleExplanations =>
    [
        .. KnownDeviations.Keys(Backend)
            .Where(k => !Outcomes.Any(o => o.File == k.File && o.Title == k.Title && o.Status == OutcomeStatus.Failed))
            .Select(k => $"{k.File} / {k.Title}"),
    ];

    /// <summary>Per expectation type: applicable (implemented or not), passed, failed, skipped.</summary>
    public IReadOnlyList<(string Type, int Applicable, int Passed, int Failed, int Skipped)> ByExpectation =>
    [
        .. Outcomes.Where(o => o.Status != OutcomeStatus.NotApplicable)
            .GroupBy(o => o.ExpectationType, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Count(o => o.Status == OutcomeStatus.Passed), g.Count(o => o.Status == OutcomeStatus.Failed), g.Count(o => o.Status == OutcomeStatus.Skipped))),
    ];
}

/// <summary>
/// A backend other than the in-memory engine to run the fixtures on: <see cref="For"/> makes it over a dataset's
/// table (for a SQL engine, the table loaded into it; the backend keeps what it made alive until disposed).
/// </summary>
internal abstract class ConformanceBackend : IDisposable
{
    /// <summary>The backend's name for skip reasons and report columns.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The names GX's <c>only_for</c> / <c>suppress_test_for</c> lists use for this backend (<c>sqlite</c> and
    /// <c>sqlalchemy</c> for SQLite; <c>sqlalchemy</c> covers every SQL engine).
    /// </summary>
    public abstract IReadOnlyCollection<string> GxNames { get; }

    /// <summary>Whether the backend runs expectations of this wire type.</summary>
    public abstract bool SupportsType(string expectationType);

    /// <summary>
    /// The backend over <paramref name="dataset"/>, whose pandas-typed table is <paramref name="table"/> (called once per
    /// test; may cache per dataset). A SQL backend loads the dataset with its own <c>schemas</c> entry when it has one.
    /// </summary>
    public abstract IValidationBackend For(FixtureDataset dataset, InMemoryTable table);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases connections.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>
/// Runs GX's expectation test fixtures against Expectations: each applicable test's kwargs are loaded with
/// <see cref="SuiteJson.ParseExpectation"/>, validated with <see cref="ValidationPlan"/> over an
/// <see cref="InMemoryTable"/> of the dataset (COMPLETE results unless the test sets a format), written with
/// <see cref="ReportJson.WriteResult"/> and compared on the wire output.
/// </summary>
internal static class ConformanceRunner
{
    private static readonly ValidationOptions Complete = new() { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };

    /// <summary>Loads and runs every fixture below <paramref name="fixturesDirectory"/>.</summary>
    /// <exception cref="FixtureException">The fixtures cannot be read.</exception>
    public static ConformanceResult Run(string fixturesDirectory) =>
        new(fixturesDirectory, [.. FixtureLoader.LoadAll(fixturesDirectory).SelectMany(f => RunFile(f))]);

    /// <summary>
    /// Runs every fixture on another backend: <paramref name="backend"/> makes it from the dataset's table (a SQL
    /// backend loads the table into its engine). Tests of types the backend does not support are skipped.
    /// </summary>
    public static ConformanceResult Run(string fixturesDirectory, ConformanceBackend backend) =>
        new(fixturesDirectory, [.. FixtureLoader.LoadAll(fixturesDirectory).SelectMany(f => RunFile(f, backend))]) { Backend = backend.Name };

    /// <summary>Runs the tests of one file (in memory unless <paramref name="backend"/> is given).</summary>
    public static IEnumerable<TestOutcome> RunFile(FixtureFile file, ConformanceBackend? backend = null)
    {
        var known = ExpectationCatalog.Default.TryGetModelType(file.ExpectationType, out _);
        foreach (var dataset in file.Datasets)
        {
            InMemoryTable? table = null;
            string? tableError = null;
            foreach (var test in dataset.Tests)
            {
                TestOutcome Outcome(OutcomeStatus status, string? reason = null, bool? matched = null) =>
                    new(file.RelativePath, dataset.Index, test.Title, file.ExpectationType, status, reason, matched) { Backend = backend?.Name };

                if (!(backend is null ? test.AppliesToPandas : test.AppliesTo(backend.GxNames)))
                {
                    yield return Outcome(OutcomeStatus.NotApplicable);
                    continue;
                }

                if (!known)
                {
                    yield return Outcome(OutcomeStatus.Skipped, $"{file.ExpectationType} is not implemented");
                    continue;
                }

                if (backend is not null && !backend.SupportsType(file.ExpectationType))
                {
                    yield return Outcome(OutcomeStatus.Skipped, $"{file.ExpectationType} is not supported by the {backend.Name} backend");
                    continue;
                }

                if (table is null && tableError is null)
                {
                    try
                    {
                        table = FixtureTable.Build(dataset.Data, dataset.PandasSchema, $"{file.RelativePath} dataset {dataset.Index}");
                    }
                    catch (Exception ex) when (ex is FormatException or ArgumentException)
                    {
                        tableError = ex.Message;
                    }
                }

                if (table is null)
                {
                    yield return Outcome(OutcomeStatus.Failed, $"the runner could not build the dataset: {tableError}");
                    continue;
                }

                var (status, reason, matched) = RunTest(file.ExpectationType, test, dataset, table, backend);
                yield return Outcome(status, reason, matched);
            }
        }
    }

    private static (OutcomeStatus Status, string? Reason, bool? Matched) RunTest(string type, FixtureTest test, FixtureDataset dataset, InMemoryTable table, ConformanceBackend? backend)
    {
        Expectation expectation;
        try
        {
            expectation = SuiteJson.ParseExpectation(ExpectationJson(type, test.In));
        }
        catch (Exception ex) when (ex is SuiteFormatException or InvalidExpectationException)
        {
            // An argument error is the error GX raised for bad kwargs: the test passes when it expects one.
            return test.ExpectsError
                ? (OutcomeStatus.Passed, null, Contains(ex.Message, test.ErrorSubstring))
                : (OutcomeStatus.Failed, $"could not load the expectation: {ex.Message}", null);
        }

        JsonElement actual;
        try
        {
            var plan = ValidationPlan.Compile(new ExpectationSuite("conformance", [expectation]));
            var report = backend is null ? plan.Validate(table, Complete) : plan.Validate(backend.For(dataset, table), Complete);
            actual = Wire(report.Results[0]);
        }
        catch (Exception ex)
        {
            return (OutcomeStatus.Failed, $"validation threw instead of reporting exception_info: {ex.GetType().Name}: {ex.Message}", null);
        }

        var exception = actual.GetProperty("exception_info");
        var raised = exception.GetProperty("raised_exception").GetBoolean();
        var comparer = ResultComparer.For(test);
        if (test.ExpectsError)
        {
            if (!raised)
            {
                return (OutcomeStatus.Failed, $"expected an error containing \"{test.ErrorSubstring}\" but the expectation ran: success {actual.GetProperty("success").GetRawText()}", null);
            }

            var message = exception.GetProperty("exception_message").GetString() ?? "";
            var others = comparer.Compare(test.Out, actual);
            return others.Count == 0
                ? (OutcomeStatus.Passed, null, Contains(message, test.ErrorSubstring))
                : (OutcomeStatus.Failed, string.Join("; ", others), null);
        }

        if (raised && !test.Out.EnumerateObject().Any(p => p.Name == "exception_info"))
        {
            return (OutcomeStatus.Failed, $"raised instead of producing a result: {exception.GetProperty("exception_message").GetString()}", null);
        }

        var problems = comparer.Compare(test.Out, actual, test.ExactMatchOut);
        return problems.Count == 0 ? (OutcomeStatus.Passed, null, null) : (OutcomeStatus.Failed, string.Join("; ", problems), null);
    }

    private static bool Contains(string message, string? substring) =>
        !string.IsNullOrEmpty(substring) && message.Contains(substring, StringComparison.OrdinalIgnoreCase);

    /// <summary>The GX 1.x expectation object <c>{"type": ..., "kwargs": ...}</c> for a test's <c>in</c>.</summary>
    private static JsonElement ExpectationJson(string type, JsonElement kwargs)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("kwargs");
            kwargs.WriteTo(writer);
            writer.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.Clone();
    }

    /// <summary>Our result as the report writes it, so the comparison sees the real wire output.</summary>
    internal static JsonElement Wire(ExpectationResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ReportJson.WriteResult(writer, result);
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.Clone();
    }
}
