using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class BootstrappedKsEvaluator(ColumnBootstrappedKsTestPValueToBeGreaterThan e) : Evaluator<ColumnBootstrappedKsTestPValueToBeGreaterThan>(e)
{
    private ColumnValuesMetric? _values;

    public override void Bind(Binding binding) => _values = binding.Require(new ColumnValuesMetric(KsColumns.Numeric(binding, Spec.Column, Spec.Type)));

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        if (Spec.PartitionObject is not { } json || Partition.ContinuousProblem(json) is not null || Partition.Parse(json, out _) is not { } partition)
        {
            throw new ExpectationException($"{Spec.Type}: partition_object is required: give {{\"bins\": [...], \"weights\": [...]}}.");
        }

        var values = metrics.Get(_values!);
        var sorted = values.Sorted;
        var bins = partition.Bins!;
        double[] expectedCdf = [0, .. CumulativeSum(partition.Weights)];
        var samples = WholeNumbers.IntOrNull(Spec.BootstrapSamples, "bootstrap_samples") ?? 1000;
        var size = WholeNumbers.IntOrNull(Spec.BootstrapSampleSize, "bootstrap_sample_size") ?? (partition.Weights.Length * 2);
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
            switch (BinCounts.BinOf(bins, x))
            {
                case BinCounts.Below: below++; break;
                case BinCounts.Above: above++; break;
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
            Details = JsonElements.Build(w =>
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
