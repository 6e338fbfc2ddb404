using System.Text.Json;

namespace Expectations.Tests.Drift;

public class DriftExpectationTests
{
    private static InMemoryTable Table(double shift, int rows = 3000, int seed = 1, string[]? labels = null)
    {
        var random = new Random(seed);
        labels ??= ["a", "b", "c"];
        return InMemoryTable.Builder($"shift {shift}")
            .Add("x", Enumerable.Range(0, rows).Select(_ => (double?)(random.NextDouble() + shift)).ToArray())
            .Add("label", Enumerable.Range(0, rows).Select(i => (string?)labels[i % labels.Length]).ToArray())
            .Build();
    }

    private static DatasetProfile Profile(IDataSource s) => DatasetProfile.BuildAsync(s).GetAwaiter().GetResult();

    [Fact]
    public void No_drift_from_own_profile_passes_and_a_shift_fails_with_the_statistic_and_details()
    {
        var baseline = Profile(Table(0));
        var suite = Expect.Suite("drift")
            .Column<double>("x", c => c.NoDriftFrom(baseline).NoDriftFrom(baseline, DriftMethod.KolmogorovSmirnov))
            .Column<string>("label", c => c.NoDriftFrom(baseline, DriftMethod.LInfinity))
            .Build();
        var plan = ValidationPlan.Compile(suite);
        plan.Validate(Table(0, seed: 1)).Success.Should().BeTrue();

        var report = plan.Validate(Table(0.3, seed: 2, labels: ["a", "a", "b", "c"]));
        report.Success.Should().BeFalse();
        var psi = report.Results[0].Result;
        psi.ObservedValue!.Value.GetDouble().Should().BeGreaterThan(0.2);
        psi.Details!.Value.GetProperty("method").GetString().Should().Be("psi");
        psi.Details.Value.GetProperty("threshold").GetDouble().Should().Be(0.2);
        psi.Details.Value.GetProperty("worst").GetArrayLength().Should().BeGreaterThan(0);
        var ks = report.Results[1].Result.Details!.Value;
        ks.GetProperty("p_value").GetDouble().Should().BeLessThan(0.05);
        ks.GetProperty("error_bound").GetDouble().Should().Be(0, "the baseline has 3000 values, below the exact limit");
        var linf = report.Results[2].Result;
        linf.ObservedValue!.Value.GetDouble().Should().BeApproximately(0.5 - (1.0 / 3), 1e-3);
        linf.Details!.Value.GetProperty("worst")[0].GetProperty("label").GetString().Should().Be("a");
    }

    [Fact]
    public void Suite_with_a_drift_expectation_round_trips_through_json()
    {
        var baseline = Profile(Table(0, rows: 50));
        var suite = Expect.Suite("s").Column<double>("x", c => c.NoDriftFrom(baseline, DriftMethod.Wasserstein, 0.3)).Build();
        var json = SuiteJson.Serialize(suite);
        json.Should().Contain("\"method\": \"wasserstein\"").And.Contain("\"baseline\"");
        SuiteJson.Parse(json).Should().Be(suite);
    }

    [Fact]
    public void Baseline_path_reads_a_saved_profile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.json");
        try
        {
            Profile(Table(0)).Save(path);
            var suite = new ExpectationSuite("s", [new ColumnDistributionToNotDrift { Column = "x", BaselinePath = path, Method = DriftMethod.JensenShannon }]);
            var result = ValidationPlan.Compile(suite).Validate(Table(0, seed: 5)).Results[0];
            result.Success.Should().BeTrue();
            var missing = new ExpectationSuite("s", [new ColumnDistributionToNotDrift { Column = "x", BaselinePath = path + ".nope" }]);
            ValidationPlan.Compile(missing).Validate(Table(0)).Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("cannot be read");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_arguments_and_mismatched_types_are_clear()
    {
        var act = () => new ColumnDistributionToNotDrift { Column = "x" }.ThrowIfInvalid();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*baseline or baseline_path must be given*");
        using var notProfile = JsonDocument.Parse("""{"name": "x"}""");
        act = () => new ColumnDistributionToNotDrift { Column = "x", Baseline = notProfile.RootElement.Clone() }.ThrowIfInvalid();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*not a column profile*");

        var baseline = Profile(Table(0));
        var typeMismatch = Expect.Suite("s").Column<string>("label", c => c.Add(new ColumnDistributionToNotDrift { Column = "label", Baseline = ColumnVerbs.EmbeddedBaseline(baseline.Column("x")!) })).Build();
        ValidationPlan.Compile(typeMismatch).Validate(Table(0)).Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("is string (string) but its baseline is numeric (double)");
        var wrongMethod = Expect.Suite("s").Column<string>("label", c => c.NoDriftFrom(baseline, DriftMethod.KolmogorovSmirnov)).Build();
        ValidationPlan.Compile(wrongMethod).Validate(Table(0)).Results[0].ExceptionInfo!.ExceptionMessage.Should().Contain("does not apply");
    }

    [Fact]
    public void All_null_current_column_fails_on_missing_rate_and_passes_vacuously_on_psi()
    {
        var baseline = Profile(Table(0));
        var allNull = InMemoryTable.Builder().Add("x", new double?[] { null, null, null }).Build();
        var suite = Expect.Suite("s").Column<double>("x", c => c.NoDriftFrom(baseline).NoDriftFrom(baseline, DriftMethod.MissingRate)).Build();
        var report = ValidationPlan.Compile(suite).Validate(allNull);
        report.Results[0].Success.Should().BeTrue("there is no distribution to compare: the statistic is null");
        report.Results[0].Result.Details!.Value.GetProperty("status").GetString().Should().Be("no_values");
        report.Results[1].Success.Should().BeFalse();
        report.Results[1].Result.ObservedValue!.Value.GetDouble().Should().Be(1);
    }
}
