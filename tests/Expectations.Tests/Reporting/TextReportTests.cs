namespace Expectations.Tests.Reporting;

public class TextReportTests
{
    private static InMemoryTable Table(string? longLabel = null) => InMemoryTable.Builder("orders.parquet")
        .Add("amount", new double?[] { 10, 20, null, 50_000, -1 })
        .Add("label", new string?[] { "positive", "negative", longLabel ?? "neutral", "bogus", null })
        .Build();

    private static ValidationReport Validate(ExpectationSuite suite, InMemoryTable? table = null) => ValidationPlan.Compile(suite).Validate(table ?? Table());

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    [Fact]
    public void Passing_report_has_a_passed_header_and_one_line_per_expectation()
    {
        var suite = Expect.Suite("orders")
            .Column("amount", c => c.NotNull().Mostly(0.5))
            .Column("label", c => c.InSet("positive", "negative", "neutral", "bogus"))
            .RowCount(min: 1)
            .Build();

        var text = TextReport.Render(Validate(suite));

        var lines = Lines(text);
        lines[0].Should().StartWith("PASSED  orders on orders.parquet · 5 rows · ");
        lines[1].Trim().Should().Be("3 expectations: 3 passed");
        lines.Skip(2).Where(l => l.Length > 0).Should().HaveCount(3).And.OnlyContain(l => l.StartsWith("PASS    error   expect_", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("expect_table_row_count_to_be_between  (table)  observed 5", StringComparison.Ordinal));
        text.Should().NotContain("\u001b");
    }

    [Fact]
    public void Failures_come_first_with_counts_and_sample_values_at_their_rows()
    {
        var suite = Expect.Suite("orders")
            .RowCount(min: 1)
            .Column("amount", c => c.Between(0, 10_000))
            .Column("label", c => c.InSet("positive", "negative", "neutral").AsWarning())
            .Build();

        var lines = Lines(TextReport.Render(Validate(suite)));

        lines[0].Should().StartWith("FAILED");
        lines[1].Trim().Should().Be("3 expectations: 1 passed, 1 failed, 1 warning");
        var fail = Array.FindIndex(lines, l => l.StartsWith("FAIL    error   expect_column_values_to_be_between", StringComparison.Ordinal));
        var warn = Array.FindIndex(lines, l => l.StartsWith("WARN    warning expect_column_values_to_be_in_set", StringComparison.Ordinal));
        var pass = Array.FindIndex(lines, l => l.StartsWith("PASS", StringComparison.Ordinal));
        fail.Should().BeGreaterThan(1);
        warn.Should().BeGreaterThan(fail);
        pass.Should().BeGreaterThan(warn, "passed expectations follow the failures");
        lines[fail].Should().EndWith("amount");
        lines[fail + 1].Should().Be("        2 of 4 values unexpected (50%); e.g. 50000 (row 3), -1 (row 4)");
        lines[warn + 1].Should().Contain("\"bogus\" (row 3)");
    }

    [Fact]
    public void Fail_on_warning_turns_a_failed_warning_into_a_failed_header()
    {
        var report = Validate(Expect.Suite("orders").Column("label", c => c.InSet("positive").AsWarning()).Build());

        TextReport.Render(report).Should().StartWith("PASSED");
        TextReport.Render(report, new TextReportOptions { FailOn = Severity.Warning }).Should().StartWith("FAILED");
    }

    [Fact]
    public void Raised_expectation_shows_error_status_and_the_reason()
    {
        var report = Validate(Expect.Suite("orders").Column("amuont", c => c.NotNull()).Build());

        var lines = Lines(TextReport.Render(report));

        lines[0].Should().StartWith("FAILED");
        var error = Array.FindIndex(lines, l => l.StartsWith("ERROR   error   expect_column_values_to_not_be_null  amuont", StringComparison.Ordinal));
        error.Should().BeGreaterThan(0);
        string.Join(" ", lines.Skip(error + 1)).Should().Contain("error: ").And.Contain("did you mean 'amount'");
    }

    [Fact]
    public void Colour_codes_appear_only_when_asked_for()
    {
        var report = Validate(Expect.Suite("orders").Column("amount", c => c.Between(0, 100)).RowCount(min: 1).Build());

        var plain = TextReport.Render(report);
        var coloured = TextReport.Render(report, new TextReportOptions { Color = true });

        plain.Should().NotContain("\u001b");
        coloured.Should().Contain("\u001b[31m\u001b[1mFAILED\u001b[0m").And.Contain("\u001b[32m");
        StripAnsi(coloured).Should().Be(plain, "colour adds codes, never changes the text");
    }

    [Theory]
    [InlineData(40)]
    [InlineData(60)]
    [InlineData(100)]
    public void No_line_is_wider_than_the_width_even_with_long_values(int width)
    {
        var table = Table(longLabel: new string('x', 300));
        var suite = Expect.Suite("orders")
            .Column("label", c => c.InSet("positive"))
            .Column("label", c => c.NotNull().Mostly(0.5))
            .Column("amount", c => c.Between(0, 100))
            .Build();

        var text = TextReport.Render(Validate(suite, table), new TextReportOptions { Width = width });

        Lines(text).Should().OnlyContain(l => l.Length <= width);
        text.Should().Contain("…").And.Contain("(row 2)");
    }

    [Fact]
    public void Wrap_keeps_a_sample_next_to_its_row_and_cuts_overlong_words()
    {
        var lines = TextReport.Wrap("2 of 9 values unexpected (22%); e.g. \"abc\" (row 10), \"defgh\" (row 11)", 40).ToList();

        lines.Should().Equal("2 of 9 values unexpected (22%);", "e.g. \"abc\" (row 10), \"defgh\" (row 11)");
        TextReport.Wrap(new string('y', 30), 10).Should().Equal("yyyyyyyyy…");
    }

    [Fact]
    public void Errors_come_before_warnings_whatever_the_suite_order()
    {
        var suite = Expect.Suite("orders")
            .Column("label", c => c.InSet("positive", "negative", "neutral").AsWarning())
            .Column("amount", c => c.Between(0, 10_000))
            .Build();

        var lines = Lines(TextReport.Render(Validate(suite)));

        var fail = Array.FindIndex(lines, l => l.StartsWith("FAIL    ", StringComparison.Ordinal));
        var warn = Array.FindIndex(lines, l => l.StartsWith("WARN    ", StringComparison.Ordinal));
        fail.Should().BeLessThan(warn);
    }

    [Fact]
    public void A_passed_line_with_unexpected_values_shows_mostly()
    {
        var suite = Expect.Suite("orders").Column("amount", c => c.Between(0, 10_000).Mostly(0.5)).Build();

        var line = Lines(TextReport.Render(Validate(suite))).Single(l => l.StartsWith("PASS    ", StringComparison.Ordinal));

        line.Should().EndWith("2 of 4 unexpected, mostly 0.5");
    }

    [Fact]
    public void The_notes_of_a_failed_expectation_follow_its_details()
    {
        var notes = System.Text.Json.JsonDocument.Parse("""{"notes": "Refunds are separate records."}""").RootElement.Clone();
        var suite = Expect.Suite("orders").Column("amount", c => c.Between(0, 10_000).WithMeta(notes)).Build();

        var lines = Lines(TextReport.Render(Validate(suite)));

        var fail = Array.FindIndex(lines, l => l.StartsWith("FAIL    ", StringComparison.Ordinal));
        lines[fail + 2].Should().Be("        note: Refunds are separate records.");
    }

    [Fact]
    public void Fractions_are_rounded_for_reading_and_integers_keep_every_digit()
    {
        var suite = Expect.Suite("orders").Column("amount", c => c.MeanBetween(0, 1)).Build();
        var table = InMemoryTable.Builder("t").Add("amount", new double?[] { 2613.4679602888086, 2613.4679602888086 }).Build();

        var text = TextReport.Render(Validate(suite, table));

        text.Should().Contain("observed 2,613.47 (expected min_value 0, max_value 1)");
        FailureText.Readable(System.Text.Json.JsonDocument.Parse("9007199254740993").RootElement).Should().Be("9007199254740993");
        FailureText.Readable(System.Text.Json.JsonDocument.Parse("0.50109248").RootElement).Should().Be("0.5011");
        FailureText.Readable(System.Text.Json.JsonDocument.Parse("2.101E-13").RootElement).Should().Be("2.1E-13");
    }

    [Fact]
    public void Long_column_lists_are_cut_so_passed_summaries_stay_aligned()
    {
        var table = InMemoryTable.Builder("t")
            .Add("a_rather_long_column_name", new long?[] { 1, 2 })
            .Add("another_long_column_name", new long?[] { 1, 2 })
            .Add("x", new long?[] { 1, 2 })
            .Build();
        var suite = Expect.Suite("s")
            .Table(t => t.CompoundUnique(["a_rather_long_column_name", "another_long_column_name"]))
            .Column("x", c => c.NotNull())
            .Build();

        var lines = Lines(TextReport.Render(Validate(suite, table), new TextReportOptions { Width = 300 })).Where(l => l.StartsWith("PASS    ", StringComparison.Ordinal)).ToArray();

        lines.Should().HaveCount(2);
        lines.Select(l => l.IndexOf("0 of 2 unexpected", StringComparison.Ordinal)).Distinct().Should().ContainSingle();
        lines[0].Should().Contain("…");
    }

    private static string StripAnsi(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", "");
}
