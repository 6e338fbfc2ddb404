using Expectations.Profiling;
using Expectations.Tests.Cli;

namespace Expectations.Tests.Profiling;

/// <summary>
/// Issue 15: profiles flag likely leakage keys — columns whose values name an entity or a row, which must not occur in
/// two splits — and say which check proves it; categories, measurements and free text are not flagged.
/// </summary>
public sealed class LeakageKeyAlertTests
{
    private static IReadOnlyList<ProfileAlert> KeyAlerts(Func<InMemoryTable.InMemoryTableBuilder, InMemoryTable.InMemoryTableBuilder> columns) =>
        [.. ProfileHtml.Alerts(DatasetProfile.BuildAsync(columns(InMemoryTable.Builder("t")).Build()).GetAwaiter().GetResult())
            .Where(a => a.Kind == "likely_leakage_key")];

    private const int Rows = 1000;

    [Theory]
    [InlineData("user_id")]
    [InlineData("userId")]
    [InlineData("CustomerKey")]
    [InlineData("session-uuid")]
    [InlineData("email")]
    public void A_repeating_column_with_an_identifier_name_is_an_entity_key(string name)
    {
        // 200 users, 5 rows each: not unique, but the name and the cardinality say entity.
        var alerts = KeyAlerts(t => t.Add(name, Enumerable.Range(0, Rows).Select(i => (long?)(i % 200)).ToArray()));

        var alert = alerts.Should().ContainSingle().Which;
        alert.Column.Should().Be(name);
        alert.Message.Should().Contain("200 distinct values in 1,000 rows: an entity key")
            .And.Contain($"expect_column_values_to_not_be_in_other_table (column \"{name}\")")
            .And.Contain($"expectations splits --key {name}");
    }

    [Fact]
    public void Distinct_short_strings_without_an_identifier_name_are_a_row_identifier()
    {
        var alerts = KeyAlerts(t => t.Add("ref", Enumerable.Range(0, Rows).Select(i => $"R-{i:D6}").ToArray()));

        alerts.Should().ContainSingle().Which.Message.Should().StartWith("every value distinct (1,000): a row identifier");
    }

    [Fact]
    public void Categories_measurements_floats_dates_and_free_text_are_not_keys()
    {
        var text = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 6));
        var alerts = KeyAlerts(t => t
            .Add("country_id", Enumerable.Range(0, Rows).Select(i => (long?)(i % 30)).ToArray())              // 30 distinct: a category
            .Add("amount_cents", Enumerable.Range(0, Rows).Select(i => (long?)(i * 37)).ToArray())            // distinct integers, no id name
            .Add("user_score", Enumerable.Range(0, Rows).Select(i => (double?)(i % 200)).ToArray())           // floats are never keys
            .Add("body", Enumerable.Range(0, Rows).Select(i => $"{text} {i}").ToArray()));                    // free text

        alerts.Should().BeEmpty();
    }

    [Fact]
    public void Fewer_than_one_distinct_value_per_hundred_rows_is_a_category_even_with_an_identifier_name()
    {
        var alerts = KeyAlerts(t => t.Add("store_id", Enumerable.Range(0, 20_000).Select(i => (long?)(i % 150)).ToArray()));

        alerts.Should().BeEmpty("150 stores over 20,000 rows is 0.75 % distinct");
    }

    [Fact]
    public async Task The_cli_profile_prints_the_alert()
    {
        var dir = Directory.CreateTempSubdirectory("expectations-leakage-key-").FullName;
        try
        {
            var csv = Path.Combine(dir, "t.csv");
            File.WriteAllLines(csv, ["user_id,amount", .. Enumerable.Range(0, 600).Select(i => $"{i % 120},{i * 0.5}")]);

            var run = await CliRun.RunAsync("profile", csv, "--output", Path.Combine(dir, "p.json"));

            run.ExitCode.Should().Be(0, run.Stderr);
            run.Stdout.Should().Contain("alert: user_id: likely leakage key (the name says 'user' and 120 distinct values in 600 rows");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
