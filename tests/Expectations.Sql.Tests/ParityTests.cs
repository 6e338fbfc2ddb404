namespace Expectations.Sql.Tests;

/// <summary>The same suite over the same data, in memory and inside each engine: the reports are identical.</summary>
public sealed class ParityTests
{
    public static TheoryData<string, string> EnginesAndFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in new[] { "duckdb", "sqlite" })
        {
            foreach (var format in ParityData.Formats)
            {
                data.Add(engine, format);
            }
        }

        return data;
    }

    public static TheoryData<string> Formats() => new(ParityData.Formats);

    [PostgreSqlTheory]
    [MemberData(nameof(Formats))]
    public Task PostgreSql_report_is_identical_to_the_in_memory_report(string formatName) => Report_is_identical_to_the_in_memory_report("postgresql", formatName);

    [Theory]
    [MemberData(nameof(EnginesAndFormats))]
    public async Task Report_is_identical_to_the_in_memory_report(string engineName, string formatName)
    {
        var engine = Engine.Named(engineName);
        var table = ParityData.Table();
        // SQLite has no regular expressions or median: ErrorTests.Sqlite_says_it_has_no_regex_or_median.
        var statistical = engineName != "sqlite";
        var plan = ValidationPlan.Compile(ParityData.Suite(statistical));
        Assert.True(plan.Suite.Expectations.Length >= 60, $"{plan.Suite.Expectations.Length} expectations");
        var options = new ValidationOptions { ResultFormat = ParityData.Format(formatName), Now = new DateTime(2025, 1, 1) };

        var expected = ParityData.Comparable(await plan.ValidateAsync(table, options));
        using var connection = engine.Load(table);
        var report = await plan.ValidateAsync(SqlSource.Table(engine.Dialect, connection, "t"), options);
        var actual = ParityData.Comparable(report);

        Assert.Equal(plan.Suite.Expectations.Length, report.Results.Length);
        // Not vacuous: the suite has failures, passes, a missing column and a bound that cannot be compared.
        Assert.Contains(report.Results, r => r.Success);
        Assert.Contains(report.Results, r => !r.Success && r.ExceptionInfo is null);
        Assert.Equal(2, report.Results.Count(r => r.ExceptionInfo is not null));
        if (expected != actual)
        {
            Assert.Fail("Reports differ:\n" + FirstDifference(expected, actual));
        }
    }

    internal static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "<end>";
            var y = i < a.Length ? a[i] : "<end>";
            if (x != y)
            {
                var from = i;
                while (from > 0 && !e[from].Contains("\"type\":", StringComparison.Ordinal))
                {
                    from--;
                }

                return $"line {i + 1}:\n  in memory: {x.Trim()}\n  sql:       {y.Trim()}\ncontext (in memory):\n{string.Join('\n', e[from..Math.Min(e.Length, from + 6)])}";
            }
        }

        return "(none)";
    }
}
