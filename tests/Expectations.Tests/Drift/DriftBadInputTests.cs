namespace Expectations.Tests.Drift;

/// <summary>The bad inputs of the drift issue: type mismatch, empty and all-null columns, one distinct value, NaN/Inf.</summary>
public class DriftBadInputTests
{
    private static ColumnProfile Numbers(params double?[] values) =>
        DatasetProfile.BuildAsync(InMemoryTable.Builder().Add("x", values).Build()).GetAwaiter().GetResult().Columns[0];

    private static ColumnProfile Ints(params long?[] values) =>
        DatasetProfile.BuildAsync(InMemoryTable.Builder().Add("x", values).Build()).GetAwaiter().GetResult().Columns[0];

    private static ColumnProfile Strings(params string?[] values) =>
        DatasetProfile.BuildAsync(InMemoryTable.Builder().Add("x", values).Build()).GetAwaiter().GetResult().Columns[0];

    [Fact]
    public void Different_column_types_are_an_error_naming_both()
    {
        var drift = DriftDetector.CompareColumn(Numbers(1, 2, 3), Strings("a", "b"));
        drift.Status.Should().Be(DriftStatus.Error);
        drift.Message.Should().Be("column 'x' is numeric (double) in the baseline but string (string) in the current data: the distributions cannot be compared");
        drift.Drifted.Should().BeFalse();
    }

    [Fact]
    public void Integer_and_float_columns_are_both_numeric_and_compare()
    {
        var ints = Ints(1, 2, 3);
        DriftDetector.CompareColumn(ints, Numbers(1, 2, 3)).Test(DriftMethods.KolmogorovSmirnov)!.Statistic.Should().Be(0);
    }

    [Fact]
    public void Empty_columns_are_an_error()
    {
        var drift = DriftDetector.CompareColumn(Numbers(1, 2), Numbers());
        drift.Status.Should().Be(DriftStatus.Error);
        drift.Message.Should().Contain("no rows in the current data");
    }

    [Fact]
    public void All_null_column_compares_only_the_missing_rate()
    {
        var drift = DriftDetector.CompareColumn(Numbers(1, 2, 3, 4), Numbers(null, null));
        drift.Status.Should().Be(DriftStatus.NoValues);
        drift.Message.Should().Contain("no finite values in the current data");
        drift.Test(DriftMethods.KolmogorovSmirnov)!.Statistic.Should().BeNull();
        var missing = drift.Test(DriftMethods.MissingRate)!;
        missing.Statistic.Should().Be(1);
        missing.Drifted.Should().BeTrue();
        drift.Drifted.Should().BeTrue();

        var strings = DriftDetector.CompareColumn(Strings(null, null), Strings("a"));
        strings.Status.Should().Be(DriftStatus.NoValues);
        strings.Message.Should().Contain("no values in the baseline");
    }

    [Fact]
    public void Single_distinct_value_baseline_still_detects_a_change()
    {
        var same = DriftDetector.CompareColumn(Numbers(5, 5, 5, 5), Numbers(5, 5));
        same.Drifted.Should().BeFalse();
        same.Test(DriftMethods.Psi)!.Statistic.Should().Be(0);
        same.Test(DriftMethods.Wasserstein)!.Note.Should().Contain("constant");

        var changed = DriftDetector.CompareColumn(Numbers(5, 5, 5, 5), Numbers(5, 4, 6, 7));
        changed.Test(DriftMethods.Psi)!.Drifted.Should().BeTrue();
        changed.Test(DriftMethods.Psi)!.Worst.Select(w => w.Label).Should().Contain(["< 5", "> 5"]);
        changed.Test(DriftMethods.Wasserstein)!.Statistic.Should().Be(1.0, "(0 + 1 + 1 + 2) / 4, unnormalised for a constant baseline");
    }

    [Fact]
    public void NaN_counts_as_missing_and_infinities_stay_out_of_the_distribution()
    {
        var baseline = Numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var current = Numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, double.NaN, double.PositiveInfinity, double.NegativeInfinity);
        var drift = DriftDetector.CompareColumn(baseline, current);
        drift.Status.Should().Be(DriftStatus.Compared);
        drift.Test(DriftMethods.KolmogorovSmirnov)!.Statistic.Should().Be(0, "±∞ are kept out of the distribution");
        drift.Test(DriftMethods.MissingRate)!.Statistic.Should().BeApproximately(1.0 / 13, 1e-15, "NaN is missing");
        drift.Test(DriftMethods.Mean)!.Statistic.Should().BeNull("the mean of data with +∞ and −∞ is undefined");
        current.InfinityCount.Should().Be(2);

        var infiniteBaseline = DriftDetector.CompareColumn(current, baseline);
        infiniteBaseline.Test(DriftMethods.Wasserstein)!.Note.Should().Contain("range");
    }

    [Fact]
    public void New_and_vanished_categories_are_listed()
    {
        var drift = DriftDetector.CompareColumn(Strings("a", "b", "b"), Strings("b", "c"));
        drift.NewCategories.Should().Equal("c");
        drift.VanishedCategories.Should().Equal("a");
        drift.Test(DriftMethods.LInfinity)!.Statistic.Should().BeApproximately(0.5, 1e-15, "c: 0 → 1/2");
    }

    [Fact]
    public void Thresholds_out_of_range_are_rejected()
    {
        var bad = () => (DriftOptions.Default with { KsPValue = 1.5 }).ThrowIfInvalid();
        bad.Should().Throw<ArgumentException>().WithMessage("*KsPValue must be in (0, 1]*");
    }

    [Fact]
    public async Task Train_serve_skew_reports_shared_columns_worst_first()
    {
        var random = new Random(3);
        InMemoryTable Table(double shiftA, string extra, int seed) => InMemoryTable.Builder(extra)
            .Add("stable", Enumerable.Range(0, 1000).Select(_ => (double?)random.NextDouble()).ToArray())
            .Add("shifted", Enumerable.Range(0, 1000).Select(_ => (double?)(random.NextDouble() + shiftA)).ToArray())
            .Add("category", Enumerable.Range(0, 1000).Select(i => (string?)(i % (seed + 2) == 0 ? "x" : "y")).ToArray())
            .Add(extra, Enumerable.Range(0, 1000).Select(i => (double?)i).ToArray())
            .Build();
        var report = await DriftDetector.TrainServeSkewAsync(Table(0, "train_only", 1), Table(0.5, "serve_only", 2));
        report.Columns.Select(c => c.Column).Should().Equal("train_only", "shifted", "category", "stable");
        report.Columns[0].Status.Should().Be(DriftStatus.Missing, "a training feature the serving data lacks comes first");
        report.Columns[1].Drifted.Should().BeTrue();
        report.Columns[3].Drifted.Should().BeFalse();
        report.OnlyInBaseline.Should().Equal("train_only");
        report.OnlyInCurrent.Should().Equal("serve_only");
        DriftReportWriter.ToText(report).Should().Contain("DRIFT shifted").And.Contain("only in the baseline: train_only");
    }
}
