using Expectations.Engine.Checks;
using FluentAssertions;
using Xunit;

namespace Expectations.Tests.History;

/// <summary>Each strategy against values computed by hand (docs/history.md gives the formulas).</summary>
public sealed class AnomalyStrategyTests
{
    [Fact]
    public void Absolute_change_of_order_one_bounds_the_difference_to_the_previous_run()
    {
        var v = AnomalyStrategies.AbsoluteChange([10, 12], 20, order: 1, decrease: -5, increase: 5);
        v.Should().Be(new AnomalyVerdict(true, 7, 17));
        AnomalyStrategies.AbsoluteChange([10, 12], 16, 1, -5, 5).IsAnomaly.Should().BeFalse();
    }

    [Fact]
    public void Absolute_change_of_order_two_bounds_the_second_difference()
    {
        // D = x_t − 2·x_{t−1} + x_{t−2} = 15 − 24 + 10 = 1, within [−2, 2]; x_t may be in [12, 16].
        var v = AnomalyStrategies.AbsoluteChange([10, 12], 15, order: 2, decrease: -2, increase: 2);
        v.Should().Be(new AnomalyVerdict(false, 12, 16));
        AnomalyStrategies.AbsoluteChange([10, 12], 17, 2, -2, 2).IsAnomaly.Should().BeTrue();
    }

    [Fact]
    public void Relative_change_bounds_the_ratio_to_the_run_order_runs_back()
    {
        AnomalyStrategies.RelativeChange([100], 40, 1, 0.5, 2).Should().Be(new AnomalyVerdict(true, 50, 200));
        AnomalyStrategies.RelativeChange([100], 150, 1, 0.5, 2).IsAnomaly.Should().BeFalse();
        AnomalyStrategies.RelativeChange([100, 10], 150, order: 2, 0.5, 2).IsAnomaly.Should().BeFalse();
    }

    [Fact]
    public void Simple_threshold_needs_no_history()
    {
        var d = new AnomalyDetection { Strategy = AnomalyStrategy.SimpleThreshold, LowerBound = 0, UpperBound = 4 };
        AnomalyStrategies.Detect(d, [], 5).Should().Be(new AnomalyVerdict(true, 0, 4));
        AnomalyStrategies.Detect(d, [], 4).IsAnomaly.Should().BeFalse();
    }

    [Fact]
    public void Online_normal_leaves_an_earlier_anomaly_out_of_the_running_estimate()
    {
        // 1, 2 five times, a spike of 1000 (flagged: above 92.27 + 3·287), then 1, 2. Without the spike the 13 values
        // before and including the current 1.5 are six 1s, six 2s and 1.5: mean 1.5, population variance 12·0.25/13.
        double[] history = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1000, 1, 2];
        var v = AnomalyStrategies.OnlineNormal(history, 1.5, 3, 3, 0.1, ignoreAnomalies: true);
        var sd = Math.Sqrt(3.0 / 13);
        v.IsAnomaly.Should().BeFalse();
        v.Lower.Should().BeApproximately(1.5 - 3 * sd, 1e-12);
        v.Upper.Should().BeApproximately(1.5 + 3 * sd, 1e-12);

        // Kept in (ignore_anomalies false), the spike widens the interval to hundreds.
        AnomalyStrategies.OnlineNormal(history, 1.5, 3, 3, 0.1, ignoreAnomalies: false).Upper.Should().BeGreaterThan(200);
    }

    [Fact]
    public void Online_normal_includes_the_current_value_in_its_estimate_as_Deequ_does()
    {
        // Four values 1, 2, 3, 10: mean 4, population variance 12.5 — so 10 is within 4 ± 3·3.54.
        var v = AnomalyStrategies.OnlineNormal([1, 2, 3], 10, 3, 3, 0.1, true);
        v.IsAnomaly.Should().BeFalse();
        v.Lower.Should().BeApproximately(4 - 3 * Math.Sqrt(12.5), 1e-12);
        v.Upper.Should().BeApproximately(4 + 3 * Math.Sqrt(12.5), 1e-12);
    }

    [Fact]
    public void Batch_normal_uses_the_sample_deviation_of_the_history()
    {
        // 10, 12, 14: mean 12, sample sd 2.
        AnomalyStrategies.BatchNormal([10, 12, 14], 20, 3, 3).Should().Be(new AnomalyVerdict(true, 6, 18));
        AnomalyStrategies.BatchNormal([10, 12, 14], 17.5, 3, 3).IsAnomaly.Should().BeFalse();
        AnomalyStrategies.BatchNormal([10, 12, 14], 20, 3, 4).IsAnomaly.Should().BeFalse();
    }

    private static readonly double[] Week = [100, 110, 120, 130, 120, 110, 90];

    [Fact]
    public void Holt_winters_forecasts_a_purely_weekly_series_exactly()
    {
        // Three identical weeks: level = the week's mean, trend 0, season = value − mean, so every one-step forecast is
        // exact, the residuals are 0 and the interval is the next Monday's value alone.
        var history = Enumerable.Range(0, 21).Select(i => Week[i % 7]).ToArray();
        var v = AnomalyStrategies.HoltWinters(history, 100, 7);
        v.Should().Be(new AnomalyVerdict(false, 100, 100));
        AnomalyStrategies.HoltWinters(history, 101, 7).IsAnomaly.Should().BeTrue();
    }

    [Fact]
    public void Holt_winters_catches_a_planted_spike_in_a_noisy_trending_weekly_series()
    {
        // Four weeks: the weekly pattern, a trend of 0.5 a day, and ±2 of fixed noise.
        double[] noise = [1.5, -2, 0.5, 2, -1, -0.5, 1, -1.5, 2, 0, -2, 1, 0.5, -1, 1.5, -0.5, 2, -2, 0, 1, -1.5, 0.5, -1, 2, 1, -0.5, -2, 1.5];
        var history = Enumerable.Range(0, 28).Select(i => Week[i % 7] + 0.5 * i + noise[i]).ToArray();
        var expected = Week[28 % 7] + 0.5 * 28;
        var normal = AnomalyStrategies.HoltWinters(history, expected + 1, 7);
        normal.IsAnomaly.Should().BeFalse();
        normal.Lower.Should().BeLessThan(expected).And.BeGreaterThan(expected - 15);
        normal.Upper.Should().BeGreaterThan(expected).And.BeLessThan(expected + 15);
        AnomalyStrategies.HoltWinters(history, expected * 1.5, 7).IsAnomaly.Should().BeTrue();
        // A Monday value on a Thursday-sized level is flagged too: the season matters, not just the level.
        AnomalyStrategies.HoltWinters(history, Week[3] + 14, 7).IsAnomaly.Should().BeTrue();
    }
}
