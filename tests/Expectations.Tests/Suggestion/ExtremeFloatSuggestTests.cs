using System.Text.Json;
using Expectations.Cli;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Suggestion;

/// <summary>
/// Issue 16 item 6: finite values whose range is beyond a double (-1e308 to 1e308) used to stop profile and suggest with
/// a JSON serializer "Infinity" error: the histogram's width overflowed (its edges became ∞ and NaN), and the
/// suggested range widened to ±∞. Now profile → suggest → validate works, and the suite passes on its data.
/// </summary>
public sealed class ExtremeFloatSuggestTests : IDisposable
{
    private static readonly double?[] Extremes = [1e308, -1e308, 0, 1.5e308, -1.7e308, 1.7e308];

    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-extreme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static InMemoryTable Table() => InMemoryTable.Builder("extreme").Add("x", Extremes).Add("n", new long?[] { 1, 2, 3, 4, 5, 6 }).Build();

    private static DatasetProfile Profile(IDataSource source) => DatasetProfile.BuildAsync(source).GetAwaiter().GetResult();

    [Fact]
    public void The_histogram_of_a_range_beyond_a_double_has_finite_increasing_edges_from_min_to_max()
    {
        var histogram = Profile(Table()).Columns.Single(c => c.Name == "x").EqualWidthHistogram()!;

        histogram.Edges.Should().AllSatisfy(e => double.IsFinite(e).Should().BeTrue());
        histogram.Edges.Should().BeInAscendingOrder();
        histogram.Edges[0].Should().Be(-1.7e308);
        histogram.Edges[^1].Should().Be(1.7e308);
        histogram.Counts.Sum().Should().Be(Extremes.Length);
    }

    [Fact]
    public void The_profile_writes_and_reads_back_with_the_figures_beyond_a_double_as_the_infinity_convention()
    {
        var profile = Profile(Table());
        using var stream = new MemoryStream();

        profile.Save(stream);

        using var json = JsonDocument.Parse(stream.ToArray());
        var summary = json.RootElement.GetProperty("columns")[0].GetProperty("summary");
        summary.GetProperty("min").GetDouble().Should().Be(-1.7e308);
        summary.GetProperty("max").GetDouble().Should().Be(1.7e308);
        // The sample variance of these values (about 2e616) is beyond a double: written as the profile JSON writes any
        // non-finite figure, a string, as pandas would report inf.
        summary.GetProperty("stdev").GetString().Should().Be("Infinity");
        stream.Position = 0;
        var read = DatasetProfile.Load(stream);
        read.Columns.Single(c => c.Name == "x").Max.Should().Be(1.7e308);
    }

    [Fact]
    public void The_suggested_range_is_finite_and_the_suite_passes_on_its_data()
    {
        var table = Table();

        var suite = SuiteSuggester.Suggest(Profile(table));

        var range = suite.Expectations.OfType<ColumnValuesToBeBetween>().Single(e => e.Column == "x");
        range.Bounds.MinValue!.Value.AsDouble().Should().Be(double.MinValue, "-1.7e308 widened by 10 % of the range is beyond a double: clamped");
        range.Bounds.MaxValue!.Value.AsDouble().Should().Be(double.MaxValue);
        var json = SuiteJson.Serialize(suite);
        using (var written = JsonDocument.Parse(json))
        {
            var bounds = written.RootElement.GetProperty("expectations").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == ColumnValuesToBeBetween.TypeName)
                .SelectMany(e => new[] { e.GetProperty("kwargs").GetProperty("min_value"), e.GetProperty("kwargs").GetProperty("max_value") });
            bounds.Should().AllSatisfy(b => b.ValueKind.Should().Be(JsonValueKind.Number, "a bound is written as a finite number, never as \"Infinity\""));
        }

        var report = SuiteJson.Parse(json).Validate(table);
        report.Success.Should().BeTrue(TextReport.Render(report));
    }

    [Fact]
    public void A_range_that_fits_widens_without_clamping()
    {
        var table = InMemoryTable.Builder().Add("x", new double?[] { 1e308, -1e308 }).Build();

        var range = SuiteSuggester.Suggest(Profile(table)).Expectations.OfType<ColumnValuesToBeBetween>().Single();

        (range.Bounds.MinValue!.Value.AsDouble() / -1.2e308).Should().BeApproximately(1, 1e-12);
        (range.Bounds.MaxValue!.Value.AsDouble() / 1.2e308).Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public async Task Profile_suggest_and_validate_on_the_cli_all_succeed()
    {
        var data = Path.Combine(_dir, "extreme.csv");
        await File.WriteAllTextAsync(data, "x,n\n1e308,1\n-1e308,2\n0,3\n1.5e308,4\n");
        var suite = Path.Combine(_dir, "suite.json");

        var profile = await CliRun.RunAsync("profile", data, "--output", Path.Combine(_dir, "profile.json"));
        var suggest = await CliRun.RunAsync("suggest", data, "--output", suite);
        var validate = await CliRun.RunAsync("validate", "--suite", suite, data);

        profile.ExitCode.Should().Be(ExitCodes.Success, profile.Stderr);
        suggest.ExitCode.Should().Be(ExitCodes.Success, suggest.Stderr);
        validate.ExitCode.Should().Be(ExitCodes.Success, validate.Stdout + validate.Stderr);
    }
}
