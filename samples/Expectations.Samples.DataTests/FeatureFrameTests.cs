using Expectations.DataAnalysis;
using Expectations.Testing;
using FluentAssertions;
using Microsoft.Data.Analysis;
using Xunit;

namespace Expectations.Samples.DataTests;

/// <summary>Data tests over a DataFrame: the features a training job builds in memory, checked before training.</summary>
public sealed class FeatureFrameTests
{
    private static readonly ExpectationSuite FeatureSuite = Expect.Suite("features")
        .Column<long>("user_id", c => c.NotNull().Unique())
        .Column<double>("age", c => c.Between(18, 120))
        .Column<double>("spend_30d", c => c.Between(0, 50_000).Mostly(0.99))
        .Column<string>("segment", c => c.InSet("new", "active", "dormant"))
        .RowCount(min: 1)
        .Build();

    /// <summary>Stands in for the job's feature builder.</summary>
    private static DataFrame BuildFeatures(params (long Id, double Age, double Spend, string Segment)[] users) => new(
        new Int64DataFrameColumn("user_id", users.Select(u => (long?)u.Id)),
        new DoubleDataFrameColumn("age", users.Select(u => (double?)u.Age)),
        new DoubleDataFrameColumn("spend_30d", users.Select(u => (double?)u.Spend)),
        new StringDataFrameColumn("segment", users.Select(u => u.Segment)));

    [Fact]
    public void Built_features_satisfy_the_feature_suite()
    {
        var features = BuildFeatures((1, 34, 120.5, "active"), (2, 19, 0, "new"), (3, 71, 8_000, "dormant"));

        features.Should().Satisfy(FeatureSuite);
    }

    [Fact]
    public void A_duplicate_user_and_an_unknown_segment_are_caught()
    {
        var features = BuildFeatures((1, 34, 120.5, "active"), (1, 34, 120.5, "active"), (3, 71, 8_000, "vip"));

        var report = features.Validate(FeatureSuite);

        report.Should().HaveFailed("user_id").Which.Should().HaveUnexpectedCount(2);
        report.Should().HaveFailed("segment");
        report.Should().NotHaveFailed("age");
    }

    [Fact]
    public void Quarantine_keeps_the_good_users_and_says_why_the_others_went()
    {
        var features = BuildFeatures((1, 34, 120.5, "active"), (2, 12, 50, "new"), (3, 71, 8_000, "vip"), (4, 40, 10, "dormant"));

        var split = features.Quarantine(FeatureSuite);

        split.Valid["user_id"].Cast<long?>().Should().Equal(1L, 4L);
        split.Invalid["_failed_expectations"].Cast<string>().Should().Equal(
            "expect_column_values_to_be_between(age)",
            "expect_column_values_to_be_in_set(segment)");
        split.Valid.Should().Satisfy(FeatureSuite);
    }

    [Fact]
    public void Without_FluentAssertions_DataFrameAssert_throws_with_the_failures()
    {
        var features = BuildFeatures((1, 34, 120.5, "active"), (2, 19, 0, "new"));

        DataFrameAssert.Satisfies(features, FeatureSuite);
    }
}
