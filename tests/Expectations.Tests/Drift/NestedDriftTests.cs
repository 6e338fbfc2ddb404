namespace Expectations.Tests.Drift;

/// <summary>Drift of binary columns (as categories), list columns (on their lengths) and structs (missing rate only).</summary>
public class NestedDriftTests
{
    private static DatasetProfile Profile(IDataSource s) => DatasetProfile.BuildAsync(s).GetAwaiter().GetResult();

    private static InMemoryTable Table(int rows, byte[][] codes, int maxLength, double nullStructs, int seed = 1)
    {
        var random = new Random(seed);
        return InMemoryTable.Builder($"seed {seed}")
            .AddBinary("code", [.. Enumerable.Range(0, rows).Select(i => codes[i % codes.Length])])
            .AddList("tags", [.. Enumerable.Range(0, rows).Select(_ => (IReadOnlyList<long?>?)[.. Enumerable.Range(0, random.Next(0, maxLength + 1)).Select(k => (long?)k)])])
            .AddStruct("s", [.. Enumerable.Range(0, rows).Select(i => i >= rows * nullStructs)], f => f.Add("x", Enumerable.Range(0, rows).Select(i => (long?)i).ToArray()))
            .Build();
    }

    private static readonly byte[][] Codes = [[0x01], [0x02], [0xff, 0xfe]];

    [Fact]
    public void A_dataset_compared_with_itself_has_no_drift_and_every_nested_column_says_what_was_compared()
    {
        var profile = Profile(Table(2000, Codes, 3, 0));
        var report = DriftDetector.Compare(profile, profile);
        report.Drifted.Should().BeFalse();
        report.HasErrors.Should().BeFalse();
        report.Column("code")!.Family.Should().Be(ProfileFamily.Binary);
        report.Column("code")!.Test(DriftMethods.LInfinity)!.Statistic.Should().Be(0);
        report.Column("tags")!.Message.Should().Contain("list lengths");
        report.Column("tags")!.Test(DriftMethods.KolmogorovSmirnov).Should().NotBeNull();
        report.Column("s")!.Message.Should().Contain("only its missing rate is compared");
        report.Column("s")!.Tests.Select(t => t.Method).Should().Equal(DriftMethods.MissingRate);
    }

    [Fact]
    public void Binary_values_drift_as_categories_shown_in_hex()
    {
        var baseline = Profile(Table(2000, Codes, 3, 0));
        var current = Profile(Table(2000, [[0x01], [0x01], [0x01], [0xab]], 3, 0, seed: 2));
        var code = DriftDetector.Compare(baseline, current).Column("code")!;
        code.Drifted.Should().BeTrue();
        code.NewCategories.Should().Equal("\\xab");
        code.VanishedCategories.Should().Equal("\\x02", "\\xfffe");
    }

    [Fact]
    public void Lists_drift_on_their_lengths_and_structs_on_their_missing_rate()
    {
        var baseline = Profile(Table(2000, Codes, 3, 0));
        var current = Profile(Table(2000, Codes, 12, 0.5, seed: 2));
        var report = DriftDetector.Compare(baseline, current);
        report.Column("tags")!.Drifted.Should().BeTrue();
        report.Column("tags")!.Family.Should().Be(ProfileFamily.List);
        report.Column("s")!.Drifted.Should().BeTrue();
    }

    [Fact]
    public void The_drift_expectation_runs_on_binary_and_list_columns_and_only_missing_rate_on_structs()
    {
        var baseline = Profile(Table(2000, Codes, 3, 0));
        var suite = Expect.Suite("drift")
            .Column<byte[]>("code", c => c.NoDriftFrom(baseline, DriftMethod.ChiSquare))
            .Column<long[]>("tags", c => c.NoDriftFrom(baseline, DriftMethod.KolmogorovSmirnov))
            .Column<object>("s", c => c.NoDriftFrom(baseline, DriftMethod.MissingRate).NoDriftFrom(baseline))
            .Build();
        var report = ValidationPlan.Compile(suite).Validate(Table(2000, Codes, 3, 0, seed: 3));
        report.Results.Take(3).Should().AllSatisfy(r => (r.ExceptionInfo, r.Success).Should().Be((null, true)));
        report.Results[3].ExceptionInfo!.ExceptionMessage.Should().StartWith("column 's' is a STRUCT; check its fields (s.x)");
    }
}
