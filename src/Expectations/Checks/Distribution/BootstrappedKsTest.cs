using System.Text.Json;
using Expectations.Engine;
using Expectations.Engine.Aggregate;
using Expectations.Reporting;

namespace Expectations.Checks;

/// <summary>
/// GX <c>expect_column_bootstrapped_ks_test_p_value_to_be_greater_than</c>: bootstrapped Kolmogorov–Smirnov tests of
/// the column against a continuous <see cref="PartitionObject"/> (its CDF interpolated linearly between the bin
/// edges, as <c>numpy.interp</c>) pass often enough. <see cref="BootstrapSamples"/> times (default 1000), draw
/// <see cref="BootstrapSampleSize"/> values with replacement (default twice the number of bins: more would make the
/// test too sensitive to the partition's compression) and take the KS p-value; observed_value is
/// (1 + number of p-values ≥ <see cref="P"/>) / (samples + 1), and the check passes when it exceeds
/// <see cref="P"/>. The draws use a fixed seed (<see cref="Seed"/>), so a run is repeatable; GX draws from numpy's
/// global generator. Partition edges must be finite and it may have no tail weights. details carry the observed
/// and expected partitions and CDFs (the observed bins widen to the column's min and max when values fall
/// outside). Memory: every value (8 bytes a row).
/// Example: <c>{"column": "x", "partition_object": {"bins": [0, 1, 2], "weights": [0.5, 0.5]}, "p": 0.05}</c>.
/// </summary>
public sealed record ColumnBootstrappedKsTestPValueToBeGreaterThan : ColumnExpectation
{
    /// <summary>The wire name.</summary>
    public const string TypeName = "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than";

    /// <summary>The seed of the bootstrap's random draws.</summary>
    public const int Seed = 20_180_101;

    /// <inheritdoc />
    public override string Type => TypeName;

    /// <summary>Value equality; JSON arguments compare by content.</summary>
    /// <param name="other">The other expectation.</param>
    public bool Equals(ColumnBootstrappedKsTestPValueToBeGreaterThan? other) =>
        other is not null
        && base.Equals(other)
        && P == other.P
        && BootstrapSamples == other.BootstrapSamples
        && BootstrapSampleSize == other.BootstrapSampleSize
        && JsonArguments.Same(PartitionObject, other.PartitionObject);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), P, BootstrapSamples, BootstrapSampleSize);

    /// <summary>The expected continuous distribution (<c>{"bins": [...], "weights": [...]}</c>). Needed: without one the expectation raises when it runs (GX too only fails at run time).</summary>
    [Kwarg("partition_object")]
    public JsonElement? PartitionObject { get; init; }

    /// <summary>The threshold for each bootstrap p-value and for the share of passing ones (default 0.05).</summary>
    [Kwarg("p")]
    public double P { get; init; } = 0.05;

    /// <summary>How many bootstrap samples to draw; null for 1000.</summary>
    [Kwarg("bootstrap_samples")]
    public int? BootstrapSamples { get; init; }

    /// <summary>How many values each bootstrap sample holds; null for twice the number of bins.</summary>
    [Kwarg("bootstrap_sample_size")]
    public int? BootstrapSampleSize { get; init; }

    /// <inheritdoc />
    protected override void CheckArguments(ArgumentErrors errors)
    {
        base.CheckArguments(errors);
        if (!(P >= 0 && P <= 1))
        {
            errors.Add("p", $"must be between 0 and 1, got {P}");
        }

        if (BootstrapSamples is < 1 or > 1_000_000)
        {
            errors.Add("bootstrap_samples", $"must be between 1 and 1000000, got {BootstrapSamples}");
        }

        if (BootstrapSampleSize is < 1 or > 1_000_000)
        {
            errors.Add("bootstrap_sample_size", $"must be between 1 and 1000000, got {BootstrapSampleSize}");
        }

        if (PartitionObject is { } json && BootstrappedKsEvaluator.ContinuousProblem(json) is { } problem)
        {
            errors.Add("partition_object", problem);
        }
    }
}

internal sealed class BootstrappedKsEvaluator(ColumnBootstrappedKsTestPValueToBeGreaterThan e) : Evaluator<ColumnBootstrappedKsTestPValueToBeGreaterThan>(e)
{
    private ColumnValuesMetric? _values;

    /// <summary>Why <paramref name="json"/> cannot be bootstrapped against (GX's three errors), or null.</summary>
    public static string? ContinuousProblem(JsonElement json)
    {
        var p = Partition.Parse(json, out var error);
        if (p is null || p.Problem() is not null)
        {
            return error ?? p!.Problem();
        }

        if (p.Bins is null)
        {
            return "is not a valid partition object (ValueError: Invalid partition object): a KS test needs a continuous partition with bins";
        }

        if (double.IsInfinity(p.Bins[0]) || double.IsInfinity(p.Bins[^1]))
        {
            return "has infinite endpoints (ValueError: Partition endpoints must be finite.)";
        }

        return p.TailWeights is { } t && t.Sum() > 0
            ? "has tail weights (ValueError: Partition cannot have tail weights -- endpoints must be finite.)"
            : null;
    }

    public override void Bind(Binding binding) => _values = binding.Require(new ColumnValuesMetric(KsColumns.Numeric(binding, Spec.Column, Spec.Type)));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        if (Spec.PartitionObject is not { } json || ContinuousProblem(json) is not null || Partition.Parse(json, out _) is not { } partition)
        {
            throw new ExpectationException($"{Spec.Type}: partition_object is required: give {{\"bins\": [...], \"weights\": [...]}}.");
        }

        var values = metrics.Get(_values!);
        var sorted = values.Sorted;
        var bins = partition.Bins!;
        double[] expectedCdf = [0, .. CumulativeSum(partition.Weights)];
        var samples = Spec.BootstrapSamples ?? 1000;
        var size = Spec.BootstrapSampleSize ?? (partition.Weights.Length * 2);
        var passing = sorted.IsEmpty ? 0 : CountPassing(sorted.ToArray(), x => Interpolate(bins, expectedCdf, x), samples, size, Spec.P);
        var observed = sorted.IsEmpty ? double.NaN : (1.0 + passing) / (samples + 1);
        var success = observed > Spec.P;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        // The observed histogram, widened to the data's extremes when values fall outside the partition.
        var counts = new long[bins.Length - 1];
        long below = 0, above = 0;
        foreach (var x in sorted)
        {
            switch (Histogram.BinOf(bins, x))
            {
                case Histogram.Below: below++; break;
                case Histogram.Above: above++; break;
                case var bin and >= 0: counts[bin]++; break;
            }
        }

        var n = Math.Max(1, sorted.Length);
        List<double> observedBins = [.. bins];
        List<double> observedWeights = [.. counts.Select(c => (double)c / n)];
        if (below > 0)
        {
            observedBins.Insert(0, sorted[0]);
            observedWeights.Insert(0, (double)below / n);
        }

        if (above > 0)
        {
            observedBins.Add(sorted[^1]);
            observedWeights.Add((double)above / n);
        }

        var details = new ResultDetails
        {
            ObservedValue = DistributionResults.FiniteOrNull(observed),
            Details = AggregateJson.Build(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("bootstrap_samples", samples);
                w.WriteNumber("bootstrap_sample_size", size);
                w.WriteStartObject("observed_partition");
                DistributionResults.WriteNumbers(w, "bins", observedBins);
                DistributionResults.WriteNumbers(w, "weights", observedWeights);
                w.WriteEndObject();
                w.WriteStartObject("expected_partition");
                DistributionResults.WriteNumbers(w, "bins", bins);
                DistributionResults.WriteNumbers(w, "weights", partition.Weights);
                w.WriteEndObject();
                w.WriteStartObject("observed_cdf");
                DistributionResults.WriteNumbers(w, "x", observedBins);
                DistributionResults.WriteNumbers(w, "cdf_values", [0, .. CumulativeSum([.. observedWeights])]);
                w.WriteEndObject();
                w.WriteStartObject("expected_cdf");
                DistributionResults.WriteNumbers(w, "x", bins);
                DistributionResults.WriteNumbers(w, "cdf_values", expectedCdf);
                w.WriteEndObject();
                w.WriteEndObject();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, values.ElementCount, values.MissingCount));
    }

    /// <summary>
    /// How many of <paramref name="samples"/> bootstrap samples have a KS p-value ≥ <paramref name="p"/>. The p-value
    /// falls as the statistic grows, so each sample's statistic is compared with the critical value once computed.
    /// </summary>
    internal static int CountPassing(double[] values, Func<double, double> cdf, int samples, int size, double p)
    {
        var critical = DistributionMath.KolmogorovCriticalValue(size, p);
        var random = new Random(ColumnBootstrappedKsTestPValueToBeGreaterThan.Seed);
        var sample = new double[size];
        var passing = 0;
        for (var s = 0; s < samples; s++)
        {
            for (var i = 0; i < size; i++)
            {
                sample[i] = values[random.Next(values.Length)];
            }

            Array.Sort(sample);
            if (DistributionMath.KsStatistic(sample, cdf) <= critical)
            {
                passing++;
            }
        }

        return passing;
    }

    /// <summary><c>numpy.interp</c>: piecewise linear through (xs, ys), clamped to the end values outside.</summary>
    private static double Interpolate(double[] xs, double[] ys, double x)
    {
        if (x <= xs[0])
        {
            return ys[0];
        }

        if (x >= xs[^1])
        {
            return ys[^1];
        }

        var i = Array.BinarySearch(xs, x);
        if (i >= 0)
        {
            return ys[i];
        }

        var hi = ~i;
        var lo = hi - 1;
        return ys[lo] + ((x - xs[lo]) * (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]));
    }

    private static double[] CumulativeSum(double[] weights)
    {
        var result = new double[weights.Length];
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }

        return result;
    }
}
