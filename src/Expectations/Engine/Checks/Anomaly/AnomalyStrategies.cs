namespace Expectations.Engine.Checks;

/// <summary>What a strategy says about the current value: whether it is anomalous, and the interval it was allowed.</summary>
internal readonly record struct AnomalyVerdict(bool IsAnomaly, double Lower, double Upper);

/// <summary>
/// Deequ's anomaly detection strategies over a series of earlier values (oldest first) and the current value. Each is
/// written as Deequ defines it (docs/history.md); the interval is the range of current values that would pass.
/// </summary>
internal static class AnomalyStrategies
{
    public static AnomalyVerdict Detect(AnomalyDetection d, IReadOnlyList<double> history, double current) => d.EffectiveStrategy switch
    {
        AnomalyStrategy.AbsoluteChange => AbsoluteChange(history, current, d.Order ?? 1, d.MaxRateDecrease ?? double.MinValue, d.MaxRateIncrease ?? double.MaxValue),
        AnomalyStrategy.RelativeChange => RelativeChange(history, current, d.Order ?? 1, d.MaxRateDecrease ?? double.MinValue, d.MaxRateIncrease ?? double.MaxValue),
        AnomalyStrategy.SimpleThreshold => Within(current, d.LowerBound ?? double.MinValue, d.UpperBound ?? double.MaxValue),
        AnomalyStrategy.OnlineNormal => OnlineNormal(history, current, d.LowerDeviationFactor ?? 3, d.UpperDeviationFactor ?? 3, d.IgnoreStartPercentage ?? 0.1, d.IgnoreAnomalies ?? true),
        AnomalyStrategy.BatchNormal => BatchNormal(history, current, d.LowerDeviationFactor ?? 3, d.UpperDeviationFactor ?? 3),
        _ => HoltWinters(history, current, d.Period),
    };

    private static AnomalyVerdict Within(double value, double lower, double upper) => new(!(value >= lower && value <= upper), lower, upper);

    /// <summary>
    /// The <paramref name="order"/>-th difference ending at the current value (order 1: current − previous) lies in
    /// [<paramref name="decrease"/>, <paramref name="increase"/>]; Deequ's AbsoluteChangeStrategy.
    /// </summary>
    public static AnomalyVerdict AbsoluteChange(IReadOnlyList<double> history, double current, int order, double decrease, double increase)
    {
        // D = Σ_{j=0..k} (−1)^j C(k, j) x_{t−j}; the part without x_t moves the interval of x_t.
        double rest = 0, binomial = 1;
        for (var j = 1; j <= order; j++)
        {
            binomial = binomial * (order - j + 1) / j;
            rest += (j % 2 == 0 ? 1 : -1) * binomial * history[history.Count - j];
        }

        var change = current + rest;
        return new(!(change >= decrease && change <= increase), Shift(decrease, -rest), Shift(increase, -rest));
    }

    private static double Shift(double bound, double by) => bound is double.MinValue or double.MaxValue ? bound : bound + by;

    /// <summary>The ratio current / (the value <paramref name="order"/> runs back) lies in [<paramref name="decrease"/>, <paramref name="increase"/>]; Deequ's RelativeRateOfChangeStrategy.</summary>
    public static AnomalyVerdict RelativeChange(IReadOnlyList<double> history, double current, int order, double decrease, double increase)
    {
        var basis = history[history.Count - order];
        var ratio = basis == 0 ? (current == 0 ? 1 : double.PositiveInfinity) : current / basis;
        var lower = decrease is double.MinValue ? double.MinValue : decrease * basis;
        var upper = increase is double.MaxValue ? double.MaxValue : increase * basis;
        if (basis < 0)
        {
            (lower, upper) = (upper, lower);
        }

        return new(!(ratio >= decrease && ratio <= increase), lower, upper);
    }

    /// <summary>
    /// Deequ's OnlineNormalStrategy over the history then the current value: Welford's running mean and population
    /// variance, updated with each value before it is checked against mean ± k·σ; the first
    /// <paramref name="ignoreStart"/> of the series is never flagged; with <paramref name="ignoreAnomalies"/> a flagged
    /// value is taken back out of the running estimate. The verdict is the current value's.
    /// </summary>
    public static AnomalyVerdict OnlineNormal(IReadOnlyList<double> history, double current, double lowerFactor, double upperFactor, double ignoreStart, bool ignoreAnomalies)
    {
        var length = history.Count + 1;
        var skip = length * ignoreStart;
        double mean = 0, sn = 0;
        var count = 0;
        AnomalyVerdict verdict = default;
        for (var i = 0; i < length; i++)
        {
            var value = i < history.Count ? history[i] : current;
            var (lastMean, lastSn, lastCount) = (mean, sn, count);
            count++;
            var delta = value - mean;
            mean += delta / count;
            sn += delta * (value - mean);
            var sd = Math.Sqrt(sn / count);
            var lower = mean - lowerFactor * sd;
            var upper = mean + upperFactor * sd;
            var anomaly = i >= skip && !(value >= lower && value <= upper);
            if (anomaly && ignoreAnomalies)
            {
                (mean, sn, count) = (lastMean, lastSn, lastCount);
            }

            verdict = new AnomalyVerdict(anomaly, lower, upper);
        }

        return verdict;
    }

    /// <summary>Deequ's BatchNormalStrategy: the current value lies within mean ± k·σ (sample standard deviation) of the history.</summary>
    public static AnomalyVerdict BatchNormal(IReadOnlyList<double> history, double current, double lowerFactor, double upperFactor)
    {
        var (mean, sd) = MeanAndSampleStdev(history);
        return Within(current, mean - lowerFactor * sd, mean + upperFactor * sd);
    }

    private static (double Mean, double Sd) MeanAndSampleStdev(IReadOnlyList<double> values)
    {
        double mean = 0, m2 = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var delta = values[i] - mean;
            mean += delta / (i + 1);
            m2 += delta * (values[i] - mean);
        }

        return (mean, values.Count > 1 ? Math.Sqrt(m2 / (values.Count - 1)) : 0);
    }

    /// <summary>The smoothing parameters tried by <see cref="HoltWinters"/>: 0.1, 0.2, …, 0.9 each.</summary>
    private static readonly double[] Grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>
    /// Additive Holt-Winters with season <paramref name="period"/>, as Deequ's HoltWinters: level, trend and season
    /// initialised from the first two seasons (level = mean of season 1, trend = (mean of season 2 − mean of season 1) / m,
    /// season = value − level), α, β, γ chosen to minimise the one-step squared error (here over the grid 0.1…0.9 each,
    /// first minimum wins), and the current value allowed within forecast ± 1.96 σ of the one-step residuals.
    /// </summary>
    public static AnomalyVerdict HoltWinters(IReadOnlyList<double> history, double current, int period)
    {
        var best = (Sse: double.PositiveInfinity, Alpha: 0.0, Beta: 0.0, Gamma: 0.0);
        foreach (var alpha in Grid)
        {
            foreach (var beta in Grid)
            {
                foreach (var gamma in Grid)
                {
                    var sse = Fit(history, period, alpha, beta, gamma, null).Sse;
                    if (sse < best.Sse)
                    {
                        best = (sse, alpha, beta, gamma);
                    }
                }
            }
        }

        var residuals = new List<double>(history.Count);
        var forecast = Fit(history, period, best.Alpha, best.Beta, best.Gamma, residuals).Next;
        var (_, sd) = MeanAndSampleStdev(residuals);
        return Within(current, forecast - 1.96 * sd, forecast + 1.96 * sd);
    }

    internal static (double Sse, double Next) Fit(IReadOnlyList<double> y, int m, double alpha, double beta, double gamma, List<double>? residuals)
    {
        double first = 0, second = 0;
        for (var i = 0; i < m; i++)
        {
            first += y[i];
            second += y[m + i];
        }

        first /= m;
        second /= m;
        var level = first;
        var trend = (second - first) / m;
        Span<double> season = m <= 64 ? stackalloc double[m] : new double[m];
        for (var i = 0; i < m; i++)
        {
            season[i] = y[i] - first;
        }

        double sse = 0;
        for (var t = 0; t < y.Count; t++)
        {
            var s = season[t % m];
            var error = y[t] - (level + trend + s);
            sse += error * error;
            residuals?.Add(error);
            var lastLevel = level;
            level = alpha * (y[t] - s) + (1 - alpha) * (level + trend);
            trend = beta * (level - lastLevel) + (1 - beta) * trend;
            season[t % m] = gamma * (y[t] - level) + (1 - gamma) * s;
        }

        return (sse, level + trend + season[y.Count % m]);
    }
}
