namespace Expectations.Tests.Reporting.Renderers;

/// <summary>Real reports, made by validating small tables, for the renderer tests: every status a renderer must show.</summary>
internal static class SampleReports
{
    /// <summary>A value a page must never run: it has to come out as text.</summary>
    public const string Script = "<script>alert(1)</script>";

    private static InMemoryTable Orders() => InMemoryTable.Builder("orders.parquet")
        .Add("amount", new double?[] { 10, 20, null, 50_000, -1, 30 })
        .Add("label", new string?[] { "positive", "negative", "neutral", "bogus", null, Script })
        .Add("note", new string?[] { "a|b", "*bold*", "line\nbreak", "ctrl\u0001char", "ok", "[x](http://example.invalid)" })
        .Build();

    private static ValidationReport Validate(SuiteBuilder suite) => ValidationPlan.Compile(suite.Build()).Validate(Orders());

    /// <summary>Three expectations that hold.</summary>
    public static ValidationReport Passing() => Validate(Expect.Suite("orders")
        .RowCount(min: 1)
        .Column("amount", c => c.NotNull().Mostly(0.5))
        .Column("amount", c => c.MeanBetween(0, 100_000)));

    /// <summary>An error-severity failure (amount), a warning failure (label, holding <see cref="Script"/>), an aggregate failure and a pass.</summary>
    public static ValidationReport Failing() => Validate(Expect.Suite("orders & <co>")
        .RowCount(min: 1)
        .Column("amount", c => c.Between(0, 10_000))
        .Column("amount", c => c.MaxBetween(0, 100))
        .Column("label", c => c.InSet("positive", "negative", "neutral").AsWarning()));

    /// <summary>One check that raises (a misspelt column: exception_info) next to one that passes.</summary>
    public static ValidationReport WithError() => Validate(Expect.Suite("orders")
        .Column("amuont", c => c.NotNull())
        .RowCount(min: 1));

    /// <summary>Only a failed warning: the run passes at fail-on error and fails at fail-on warning.</summary>
    public static ValidationReport WarningOnly() => Validate(Expect.Suite("orders")
        .Column("label", c => c.InSet("positive").AsWarning())
        .RowCount(min: 1));

    /// <summary>Markdown and HTML punctuation, a line break and a control character as unexpected values.</summary>
    public static ValidationReport AwkwardValues() => Validate(Expect.Suite("orders")
        .Column("note", c => c.InSet("ok")));
}
