using System.Globalization;
using System.Text;
using System.Text.Json;
using Expectations.Cli;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Drift;

/// <summary>Issue 16 item 5: a feature that disappears from the current data fails drift by default; new columns are only reported.</summary>
public sealed class DriftMissingColumnTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drift-missing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static InMemoryTable Table(params string[] columns)
    {
        var builder = InMemoryTable.Builder("t");
        foreach (var name in columns)
        {
            builder.Add(name, Enumerable.Range(0, 500).Select(i => (double?)(i % 97)).ToArray());
        }

        return builder.Build();
    }

    private static DatasetProfile Profile(params string[] columns) => DatasetProfile.BuildAsync(Table(columns)).GetAwaiter().GetResult();

    private string Csv(string name, params string[] columns)
    {
        var sb = new StringBuilder(string.Join(',', columns)).Append('\n');
        for (var i = 0; i < 500; i++)
        {
            sb.AppendJoin(',', columns.Select(_ => (i % 97).ToString(CultureInfo.InvariantCulture))).Append('\n');
        }

        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void A_baseline_column_missing_from_the_current_data_fails_and_is_listed_as_missing()
    {
        var report = DriftDetector.Compare(Profile("a", "b"), Profile("a"));

        report.Passed.Should().BeFalse("a feature that disappeared is a failure by default");
        report.Drifted.Should().BeFalse("the column that is there did not drift");
        report.HasErrors.Should().BeFalse("a missing column is a finding, not bad input");
        report.MissingColumns.Should().Equal("b");
        var missing = report.Column("b")!;
        missing.Status.Should().Be(DriftStatus.Missing);
        missing.Message.Should().Be("column 'b' is in the baseline but not in the current data");
        report.Columns[0].Column.Should().Be("b", "missing columns rank before compared ones");
        report.OnlyInBaseline.Should().Equal("b");
    }

    [Fact]
    public void Entirely_different_columns_fail_with_every_baseline_column_missing_and_the_new_ones_reported()
    {
        var report = DriftDetector.Compare(Profile("a", "b"), Profile("c", "d"));
        report.Passed.Should().BeFalse();
        report.MissingColumns.Should().BeEquivalentTo("a", "b");
        report.OnlyInCurrent.Should().Equal("c", "d");
    }

    [Fact]
    public void AllowMissingColumns_lets_them_pass_but_still_lists_them()
    {
        var report = DriftDetector.Compare(Profile("a", "b"), Profile("a"), DriftOptions.Default with { AllowMissingColumns = true });
        report.Passed.Should().BeTrue();
        report.MissingColumnsAllowed.Should().BeTrue();
        report.MissingColumns.Should().Equal("b");
        DriftReportWriter.ToText(report).Should().Contain("no drift; 1 baseline column missing, allowed (b)").And.Contain("miss  b");
    }

    [Fact]
    public void New_columns_in_the_current_data_are_reported_and_do_not_fail()
    {
        var report = DriftDetector.Compare(Profile("a"), Profile("a", "extra"));
        report.Passed.Should().BeTrue();
        report.MissingColumns.Should().BeEmpty();
        report.OnlyInCurrent.Should().Equal("extra");
        DriftReportWriter.ToText(report).Should().Contain("only in the current data: extra");
    }

    [Fact]
    public async Task Dataset_comparison_and_train_serve_skew_report_missing_features()
    {
        var compared = await DriftDetector.CompareAsync(Table("a", "b"), Table("a", "new"));
        compared.Passed.Should().BeFalse();
        compared.MissingColumns.Should().Equal("b");
        compared.OnlyInCurrent.Should().Equal("new");
        compared.Column("a")!.Status.Should().Be(DriftStatus.Compared);

        var skew = await DriftDetector.TrainServeSkewAsync(Profile("a", "b"), Table("a"));
        skew.Passed.Should().BeFalse();
        skew.MissingColumns.Should().Equal("b");
    }

    [Fact]
    public void Writers_show_the_missing_columns_and_the_verdict()
    {
        var report = DriftDetector.Compare(Profile("a", "b"), Profile("a"));
        DriftReportWriter.ToText(report).Should().Contain("MISSING 1 baseline column (b)").And.Contain("MISS  b (numeric): column 'b' is in the baseline but not in the current data");
        using var json = JsonDocument.Parse(DriftReportWriter.ToJson(report));
        json.RootElement.GetProperty("passed").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("missing_columns").EnumerateArray().Select(e => e.GetString()).Should().Equal("b");
        json.RootElement.GetProperty("columns")[0].GetProperty("status").GetString().Should().Be("missing");
        DriftReportWriter.ToHtml(report).Should().Contain("1 baseline column is missing from the current data: b.").And.Contain("missing");
    }

    [Fact]
    public async Task Cli_exits_1_when_a_baseline_column_is_missing_and_0_with_allow_missing_columns()
    {
        var baseline = Csv("baseline.csv", "a", "b");
        var without = await CliRun.RunAsync("drift", baseline, Csv("without-b.csv", "a"));
        without.ExitCode.Should().Be(ExitCodes.ValidationFailed, without.Stdout + without.Stderr);
        without.Stdout.Should().Contain("MISSING 1 baseline column (b)").And.NotContain("no drift");

        var different = await CliRun.RunAsync("drift", baseline, Csv("other.csv", "x", "y"), "--format", "json");
        different.ExitCode.Should().Be(ExitCodes.ValidationFailed, different.Stderr);
        using (var json = JsonDocument.Parse(different.Stdout))
        {
            json.RootElement.GetProperty("missing_columns").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo("a", "b");
            json.RootElement.GetProperty("only_in_current").EnumerateArray().Select(e => e.GetString()).Should().Equal("x", "y");
        }

        var allowed = await CliRun.RunAsync("drift", baseline, Csv("without-b2.csv", "a"), "--allow-missing-columns");
        allowed.ExitCode.Should().Be(ExitCodes.Success, allowed.Stdout + allowed.Stderr);
        allowed.Stdout.Should().Contain("missing, allowed (b)");

        var extra = await CliRun.RunAsync("drift", baseline, Csv("extra.csv", "a", "b", "c"));
        extra.ExitCode.Should().Be(ExitCodes.Success, extra.Stdout + extra.Stderr);
        extra.Stdout.Should().Contain("only in the current data: c");

        var requested = await CliRun.RunAsync("drift", baseline, Csv("without-b3.csv", "a"), "--columns", "b");
        requested.ExitCode.Should().Be(ExitCodes.ValidationFailed, "a requested column the current data lacks is missing, not bad input");

        (await CliRun.RunAsync("profile", baseline, "--output", Path.Combine(_dir, "p.json"))).ExitCode.Should().Be(0);
        var fromProfile = await CliRun.RunAsync("drift", Path.Combine(_dir, "p.json"), Csv("without-b4.csv", "a"));
        fromProfile.ExitCode.Should().Be(ExitCodes.ValidationFailed, fromProfile.Stdout);
    }

    [Fact]
    public void The_drift_expectation_fails_with_a_clear_message_when_its_column_is_missing()
    {
        var baseline = Profile("a", "b");
        var suite = Expect.Suite("s").Column<double>("b", c => c.NoDriftFrom(baseline)).Build();
        var result = ValidationPlan.Compile(suite).Validate(Table("a")).Results[0];
        result.Success.Should().BeFalse();
        result.ExceptionInfo!.ExceptionMessage.Should().Contain("Column 'b' is missing from the current data").And.Contain("its baseline has it").And.Contain("'a'");
    }
}
