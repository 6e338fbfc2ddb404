using CsCheck;
using Expectations.Engine;
using Expectations.Engine.Checks;
using Expectations.Engine.ColumnMap;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class ZScoreCheckTests
{
    [Theory]
    [InlineData(new long[] { 1, 1, 1, 3, 3 }, 0.1, false)]
    [InlineData(new long[] { -100000000000, -1, 0, 1, 1 }, 1, false)]
    [InlineData(new long[] { 1, 0, 0, 0, 0 }, 1, false)]
    [InlineData(new long[] { 1, 2, 3, 4, 5 }, 2, true)]
    public void Follows_the_gx_fixture(long[] values, double threshold, bool success) =>
        Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = threshold, DoubleSided = true }, Longs([.. values.Select(v => (long?)v)])).Success.Should().Be(success);

    [Fact]
    public void Uses_the_sample_standard_deviation_and_a_strict_bound()
    {
        // [-1, 0, 1]: mean 0, sample stdev 1, so the z-scores are exactly -1, 0, 1 and |z| < 1 fails at both ends.
        var result = Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 1 }, Longs(-1, 0, 1, null, null));
        result.Success.Should().BeFalse();
        result.Result.UnexpectedIndexList.Should().Equal(0L, 2);
        result.UnexpectedJson().Should().Equal("-1", "1");
        result.Result.MissingCount.Should().Be(2);
        Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 1.0001 }, Longs(-1, 0, 1)).Success.Should().BeTrue();
    }

    [Fact]
    public void One_sided_bounds_only_the_upper_side()
    {
        // mean 0, stdev 1: z = -1, 0, 1.
        Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 0.5, DoubleSided = false }, Doubles(-1, 0, 1)).Result.UnexpectedIndexList.Should().Equal(2L);
        Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = -0.5, DoubleSided = false }, Doubles(-1, 0, 1)).Result.UnexpectedIndexList.Should().Equal(1L, 2);
    }

    [Fact]
    public void Undefined_z_scores_are_unexpected()
    {
        Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 3 }, Doubles(5, 5, 5)).Result.UnexpectedCount.Should().Be(3, "a standard deviation of 0 leaves every z-score undefined");
        Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 3 }, Doubles(5)).Result.UnexpectedCount.Should().Be(1);
        var nan = Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 3 }, Doubles(-1, 0, 1, double.NaN));
        nan.Result.UnexpectedIndexList.Should().Equal(3L);
        nan.UnexpectedJson().Should().Equal("\"NaN\"");
        Run(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 3 }, Doubles(null, null)).Success.Should().BeTrue();
        Run(new ColumnValueZScoresToBeLessThan { Column = "s", Threshold = 3 }, Strings("a")).ExceptionInfo.Should().NotBeNull();
    }

    [Fact]
    public void Chunked_and_merged_states_agree_with_a_direct_computation()
    {
        var gen = Gen.Double[-100, 100].Nullable().Array[0, 60].SelectMany(values =>
            Gen.Int[0, values.Length].Array[0, 4].SelectMany(cuts => Gen.Double[0.1, 2.5].Select(threshold => (values, cuts, threshold))));
        gen.Sample((values, cuts, threshold) =>
        {
            var metric = new ZScoreMetric("x", DataKind.Float, threshold, DoubleSided: true, SampleCap: 1000);
            var context = new MetricContext(new Dictionary<string, ColumnInfo>());
            var merged = metric.CreateAccumulator(context);
            foreach (var (start, end) in OrderCheckTests.Split(cuts, values.Length))
            {
                var state = metric.CreateAccumulator(context);
                var table = InMemoryTable.Builder().Add("x", values[start..end]).Build();
                var chunk = table.ReadAsync(["x"]).ToBlockingEnumerable().Single();
                state.Add(new DataChunk(start, end - start, chunk.Columns));
                merged.Merge(state);
            }

            var result = (ColumnMapCounts)merged.Finish();
            var present = values.Select((v, i) => (v, i)).Where(x => x.v is not null).ToList();
            var mean = present.Count > 0 ? present.Average(x => x.v!.Value) : double.NaN;
            var sd = present.Count > 1 ? Math.Sqrt(present.Sum(x => (x.v!.Value - mean) * (x.v!.Value - mean)) / (present.Count - 1)) : double.NaN;
            var expected = present.Where(x => !(Math.Abs((x.v!.Value - mean) / sd) < threshold)).Select(x => (long)x.i).ToList();
            result.UnexpectedCount.Should().Be(expected.Count);
            result.SampleIndices.Should().Equal(expected);
            result.MissingCount.Should().Be(values.Length - present.Count);
        });
    }

    [Fact]
    public void Dsl_and_json_round_trip()
    {
        Expect.Suite("s").Column<double>("x", c => c.ZScoresLessThan(3).ZScoresLessThan(2, doubleSided: false)).Build().Expectations.Should().Equal(
            new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 3 },
            new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 2, DoubleSided = false });
        new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 3, DoubleSided = true, Mostly = 0.9 }.ShouldRoundTrip();
        Parse("""{"type": "expect_column_value_z_scores_to_be_less_than", "kwargs": {"column": "x", "threshold": 1, "double_sided": true}}""")
            .Should().Be(new ColumnValueZScoresToBeLessThan { Column = "x", Threshold = 1, DoubleSided = true });
    }
}
