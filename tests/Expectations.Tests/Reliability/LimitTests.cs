using System.Text;

namespace Expectations.Tests.Reliability;

/// <summary>
/// Issue 12.4: large inputs are read within bounded memory or refused with a clear error (docs/limits.md): a 50 MB
/// suite loads and runs, a suite beyond <see cref="SuiteJson.MaxSuiteSize"/> is refused before it is read, 1 MB
/// values go through every string check, and 10^6 distinct strings are counted exactly.
/// </summary>
public sealed class LimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_suite_nested_deeper_than_128_levels_is_refused_not_recursed()
    {
        // 10,000 nested arrays in meta: the JSON reader stops at its depth limit, so nothing recurses that deep.
        var json = """{"name": "deep", "expectations": [], "meta": """ + new string('[', 10_000) + new string(']', 10_000) + "}";
        var shallow = """{"name": "ok", "expectations": [], "meta": """ + new string('[', 100) + new string(']', 100) + "}";

        var load = () => SuiteJson.Parse(json);

        load.Should().Throw<SuiteFormatException>().Which.Message.Should().Contain("line 1");
        SuiteJson.Parse(shallow).Name.Should().Be("ok");
    }

    [Fact]
    public void A_50_MB_suite_loads_and_runs()
    {
        // One value set of 4.4 M ten-character strings: about 53 MB of JSON.
        const int Values = 4_400_000;
        var json = new StringBuilder(56 * 1024 * 1024);
        json.Append("""{"name": "big", "expectations": [{"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "s", "value_set": [""");
        for (var i = 0; i < Values; i++)
        {
            json.Append(i == 0 ? "" : ", ").Append('"').Append(i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)).Append('"');
        }

        json.Append("]}}]}");
        var path = Path.Combine(_dir, "big.suite.json");
        File.WriteAllText(path, json.ToString());
        new FileInfo(path).Length.Should().BeGreaterThan(50_000_000);

        var suite = SuiteJson.ReadFile(path);
        var table = InMemoryTable.Builder().Add("s", new string?[] { "00000000", "04399999", "04400000" }).Build();
        var report = suite.Validate(table);

        report.Results[0].Result.UnexpectedCount.Should().Be(1, "only 04400000 is outside the set");
    }

    [Fact]
    public void A_suite_file_beyond_the_limit_is_refused_before_it_is_read()
    {
        var path = Path.Combine(_dir, "huge.suite.json");
        using (var file = File.Create(path))
        {
            file.SetLength(SuiteJson.MaxSuiteSize + 1L);
        }

        var act = () => SuiteJson.ReadFile(path);

        act.Should().Throw<SuiteFormatException>().WithMessage($"*{path}*64 MiB*MaxSuiteSize*");
    }

    [Fact]
    public async Task A_suite_file_beyond_the_limit_is_exit_2_in_the_cli()
    {
        var path = Path.Combine(_dir, "huge.suite.json");
        using (var file = File.Create(path))
        {
            file.SetLength(SuiteJson.MaxSuiteSize + 1L);
        }

        var run = await Cli.CliRun.RunAsync("validate", "--suite", path, Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", "transactions.parquet"));

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("MiB").And.Contain("huge.suite.json");
    }

    [Fact]
    public void One_megabyte_values_go_through_the_string_checks()
    {
        var big = new string('a', 1 << 20);
        var table = InMemoryTable.Builder().Add("s", new string?[] { big, big + "b", "short", null }).Build();
        var suite = new ExpectationSuite("big values",
        [
            new ColumnValueLengthsToBeBetween { Column = "s", Bounds = new(null, Scalar.From(1 << 20)) },
            new ColumnValuesToMatchRegex { Column = "s", Regex = "^a+$" },
            new ColumnValuesToBeInSet { Column = "s", ValueSet = ValueList.From([Scalar.From(big)]) },
            new ColumnValuesToBeUnique { Column = "s" },
        ]);

        var report = suite.Validate(table, new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) });

        report.Results.Select(r => r.ExceptionInfo).Should().AllSatisfy(e => e.Should().BeNull());
        report.Results.Select(r => r.Result.UnexpectedIndexList).Should().SatisfyRespectively(
            lengths => lengths.Should().Equal(1),
            regex => regex.Should().Equal(1, 2),
            set => set.Should().Equal(1, 2),
            unique => unique.Should().BeEmpty());
        ReportJson.Serialize(report).Length.Should().BeGreaterThan(2 << 20, "the JSON report keeps the values whole");
    }

    [Fact]
    public void A_million_distinct_strings_are_counted_exactly()
    {
        const int Rows = 1_000_000;
        var values = new string?[Rows];
        for (var i = 0; i < Rows; i++)
        {
            values[i] = "customer-" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        }

        values[Rows - 1] = values[17];
        var table = InMemoryTable.Builder().Add("id", values).Build();
        var suite = new ExpectationSuite("distinct",
        [
            new ColumnValuesToBeUnique { Column = "id" },
            new ColumnUniqueValueCountToBeBetween { Column = "id", Bounds = new(Scalar.From(Rows - 1), Scalar.From(Rows - 1)) },
        ]);

        var report = suite.Validate(table);

        report.Results[0].Result.UnexpectedCount.Should().Be(2, "row 17 and the last row hold the same value");
        report.Results[1].Success.Should().BeTrue(report.Results[1].Result.ObservedValue?.GetRawText());
    }
}
