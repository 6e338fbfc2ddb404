using System.Text.Json;
using System.Text.RegularExpressions;
using Expectations.Model;

namespace Expectations.Tests.Checks.ColumnMap;

/// <summary>
/// Issue 16 item 4 / issue 12 item 2: a pattern's time is bounded per expectation, not per value. <c>^(a|aa)+\1$</c> over
/// 1,000 distinct values used to run about 450 s (each value just under the 1 s match timeout); now the expectation
/// stops once its <see cref="ValidationOptions.RegexBudget"/> is spent, naming the row, and the rest of the suite runs.
/// No assertion here is about speed: the budget is the feature, and the assertions are where it stopped.
/// </summary>
public class RegexBudgetTests
{
    private const int Values = 1_000;

    /// <summary>1,000 distinct values on which the backtracking engine tries every split of 22 a's (the \1 forces it).</summary>
    private static InMemoryTable Runaway() => InMemoryTable.Builder()
        .Add("s", Enumerable.Range(0, Values).Select(i => new string('a', 22) + "!" + i).ToArray())
        .Add("n", Enumerable.Range(0, Values).Select(i => (long?)i).ToArray())
        .Build();

    private static ValidationReport Validate(ExpectationSuite suite, InMemoryTable table, TimeSpan budget) =>
        suite.Validate(table, new ValidationOptions { RegexBudget = budget, ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });

    private static long StoppedAt(string message)
    {
        var match = Regex.Match(message, @"exhausted at row (\d+)|on row (\d+)");
        match.Success.Should().BeTrue(message);
        return long.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_backreference_pattern_over_many_distinct_values_stops_when_its_budget_is_spent_and_the_suite_runs_on()
    {
        var suite = new ExpectationSuite("budget",
        [
            new ColumnValuesToMatchRegex { Column = "s", Regex = @"^(a|aa)+\1$" },
            new ColumnValuesToNotBeNull { Column = "n" },
        ]);

        var report = Validate(suite, Runaway(), TimeSpan.FromMilliseconds(200));

        var stopped = report.Results[0];
        stopped.Success.Should().BeFalse();
        stopped.ExceptionInfo!.ExceptionMessage.Should().StartWith("regex budget of 200 ms exhausted at row ").And.Contain("column 's'")
            .And.Contain(@"regex '^(a|aa)+\1$'").And.Contain("RegexBudget");
        stopped.ExceptionInfo.ExceptionTraceback.Should().BeNull("the message explains it; no stack trace");
        StoppedAt(stopped.ExceptionInfo.ExceptionMessage).Should().BeLessThan(Values - 1, "it stopped before the last value");
        report.Results[1].Success.Should().BeTrue();
        report.Results[1].ExceptionInfo.Should().BeNull();
    }

    [Fact]
    public void With_a_budget_large_enough_the_same_pattern_gives_its_verdict()
    {
        var table = InMemoryTable.Builder().Add("s", new string?[] { "aaaa", "aaa!", "aa" }).Build();
        var suite = new ExpectationSuite("ok", [new ColumnValuesToMatchRegex { Column = "s", Regex = @"^(a|aa)+\1$" }]);

        var report = Validate(suite, table, TimeSpan.FromSeconds(30));

        report.Results[0].ExceptionInfo.Should().BeNull();
        report.Results[0].Result.UnexpectedIndexList.Should().Equal(1);
    }

    [Fact]
    public void A_regex_list_with_a_backtracking_pattern_is_budgeted_too()
    {
        var suite = new ExpectationSuite("list", [new ColumnValuesToMatchRegexList { Column = "s", RegexList = ["^x", @"^(a|aa)+\1$"], MatchOn = MatchOn.Any }]);

        var report = Validate(suite, Runaway(), TimeSpan.FromMilliseconds(200));

        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().StartWith("regex budget of 200 ms exhausted at row ");
    }

    [Fact]
    public void A_json_schema_with_a_runaway_pattern_is_budgeted()
    {
        // JsonSchema.Net runs "pattern" on the backtracking engine without a timeout; the budget still bounds the expectation.
        var schema = JsonDocument.Parse("""{"type": "string", "pattern": "^(a+)+$"}""").RootElement.Clone();
        var table = InMemoryTable.Builder()
            .Add("s", Enumerable.Range(0, Values).Select(i => JsonSerializer.Serialize(new string('a', 20) + "!" + i)).ToArray())
            .Build();
        var suite = new ExpectationSuite("schema", [new ColumnValuesToMatchJsonSchema { Column = "s", JsonSchema = schema }]);

        var report = Validate(suite, table, TimeSpan.FromMilliseconds(200));

        var message = report.Results[0].ExceptionInfo!.ExceptionMessage;
        message.Should().StartWith("JSON schema budget of 200 ms exhausted at row ");
        StoppedAt(message).Should().BeLessThan(Values - 1);
    }

    [Fact]
    public void A_timeout_names_the_row_in_the_data()
    {
        var table = InMemoryTable.Builder().Add("s", new string?[] { "a", null, "b", new string('a', 40) + "!" }).Build();
        var suite = new ExpectationSuite("timeout", [new ColumnValuesToMatchRegex { Column = "s", Regex = "^(?=a)(a|aa)+$" }]);

        var report = Validate(suite, table, Timeout.InfiniteTimeSpan);

        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().StartWith("regex timed out after 1000 ms on row 3 of column 's'");
    }

    [Fact]
    public void A_timeout_in_a_list_column_names_the_row_of_the_list()
    {
        var table = InMemoryTable.Builder()
            .AddList("tags", new string?[]?[] { ["a"], [], null, ["b", new string('a', 40) + "!"] })
            .Build();
        var suite = new ExpectationSuite("list", [new ColumnValuesToMatchRegex { Column = "tags", Regex = "^(?=a)(a|aa)+$" }]);

        var report = Validate(suite, table, Timeout.InfiniteTimeSpan);

        report.Results[0].ExceptionInfo!.ExceptionMessage.Should().StartWith("regex timed out after 1000 ms on row 3 ");
    }

    [Fact]
    public void Patterns_without_backtracking_features_are_never_timed_or_stopped()
    {
        // (a+)+ and LIKE patterns run on the non-backtracking engine: linear, so even a tiny budget is never touched.
        var suite = new ExpectationSuite("linear",
        [
            new ColumnValuesToMatchRegex { Column = "s", Regex = "^(a+)+$" },
            new ColumnValuesToMatchLikePattern { Column = "s", LikePattern = "%a%a%a%a%a%a%!%" },
        ]);

        var report = Validate(suite, Runaway(), TimeSpan.FromTicks(1));

        report.Results.Should().AllSatisfy(r => r.ExceptionInfo.Should().BeNull());
        report.Results[0].Result.UnexpectedCount.Should().Be(Values);
        report.Results[1].Success.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_budget_must_be_positive(int milliseconds)
    {
        var act = () => new ValidationOptions { RegexBudget = TimeSpan.FromMilliseconds(milliseconds) };

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*RegexBudget must be positive*");
    }

    [Fact]
    public void The_default_budget_is_ten_seconds()
    {
        ValidationOptions.Default.RegexBudget.Should().Be(TimeSpan.FromSeconds(10));
    }
}

/// <summary>The CLI's <c>--regex-budget SECONDS</c> sets <see cref="ValidationOptions.RegexBudget"/> for a run.</summary>
public sealed class RegexBudgetCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-regex-budget-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Suite, string Data) Files()
    {
        var data = Path.Combine(_dir, "runaway.csv");
        File.WriteAllLines(data, ["s", .. Enumerable.Range(0, 1_000).Select(i => new string('a', 22) + "!" + i)]);
        var suite = Path.Combine(_dir, "suite.json");
        File.WriteAllText(suite, """{"name": "budget", "expectations": [{"type": "expect_column_values_to_match_regex", "kwargs": {"column": "s", "regex": "^(a|aa)+\\1$"}}]}""");
        return (suite, data);
    }

    [Fact]
    public async Task The_flag_sets_the_budget_of_the_run()
    {
        var (suite, data) = Files();
        var report = Path.Combine(_dir, "report.json");

        var run = await Cli.CliRun.RunAsync("validate", "--suite", suite, data, "--regex-budget", "0.25", "--output", report);

        run.ExitCode.Should().Be(1, run.Stderr);
        File.ReadAllText(report).Should().Contain("regex budget of 250 ms exhausted at row ");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task A_budget_that_is_not_a_number_of_seconds_is_bad_input(string value)
    {
        var (suite, data) = Files();

        var run = await Cli.CliRun.RunAsync("validate", "--suite", suite, data, "--regex-budget", value);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("--regex-budget");
    }
}
