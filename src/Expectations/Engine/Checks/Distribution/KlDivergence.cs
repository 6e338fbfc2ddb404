using System.Text.Json;
using Expectations.Engine.Aggregate;
using Expectations.Model;

namespace Expectations.Engine.Checks;

internal sealed class KlDivergenceEvaluator(ColumnKlDivergenceToBeLessThan e) : Evaluator<ColumnKlDivergenceToBeLessThan>(e)
{
    private Partition? _partition;
    private DistinctValuesMetric? _distinct;
    private HistogramMetric? _histogram;
    private ColumnValuesMetric? _values;

    // Categorical partitions may hold binary values (named as \x-hex or text); binning needs numbers.
    public override ColumnShapes AcceptedShapes => ColumnShapes.Flat | ColumnShapes.Binary;

    public override void Bind(Binding binding)
    {
        var column = binding.Column(Spec.Column);
        _partition = Spec.PartitionObject is { } json ? Partition.Parse(json, out _) : null;
        if (_partition is { IsCategorical: true } || (_partition is null && !Spec.BucketizeData))
        {
            _distinct = binding.Require(new DistinctValuesMetric(column.Name));
        }
        else if (_partition is not null)
        {
            _histogram = binding.Require(new HistogramMetric(column.Name, ValueList.From(_partition.Bins!)));
        }
        else
        {
            if (column.Kind is not (DataKind.Integer or DataKind.Float or DataKind.Decimal or DataKind.Boolean))
            {
                throw new ExpectationException($"{Spec.Type}: column '{column.Name}' is {column.PhysicalType} ({column.Kind.ToString().ToLowerInvariant()}); binning it needs numbers (use bucketize_data: false to compare value frequencies).");
            }

            _values = binding.Require(new ColumnValuesMetric(column.Name));
        }
    }

    public override ExpectationResult Evaluate(MetricResults metrics, ResultFormat format)
    {
        var (kl, observedPartition, expectedPartition, elementCount, missingCount) = _distinct is not null
            ? Categorical(metrics.Get(_distinct))
            : _histogram is not null
                ? Continuous(_partition!, metrics.Get(_histogram))
                : Continuous(metrics.Get(_values!));
        var success = Spec.Threshold is not { } t || kl <= t;
        if (format.Level == ResultFormatLevel.BooleanOnly)
        {
            return Result(success, ResultDetails.Empty);
        }

        var details = new ResultDetails
        {
            ObservedValue = DistributionResults.FiniteOrNull(kl),
            Details = JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("observed_partition");
                observedPartition(w);
                w.WritePropertyName("expected_partition");
                expectedPartition(w);
                w.WriteEndObject();
            }),
        };
        return Result(success, DistributionResults.WithCounts(details, format, elementCount, missingCount));
    }

    private (double, Action<Utf8JsonWriter>, Action<Utf8JsonWriter>, long, long) Categorical(DistinctValues d)
    {
        // Without a partition, the data's own frequencies are the expected ones.
        var partition = _partition;
        var values = partition?.Values ?? [];
        var weights = partition?.Weights ?? [.. Enumerable.Range(0, d.Count).Select(i => (double)d.CountAt(i) / d.ValueCount)];
        var indices = partition is null ? [.. Enumerable.Range(0, d.Count)] : values.Select(d.IndexOf).ToArray();

        // GX's table: the partition's values in order, then the column's values the partition lacks (ascending).
        var listed = indices.Where(i => i >= 0).ToHashSet();
        var extra = Enumerable.Range(0, d.Count).Where(i => !listed.Contains(i)).ToArray();
        var size = indices.Length + extra.Length;
        var pk = new double[size];
        var qk = new double[size];
        for (var i = 0; i < indices.Length; i++)
        {
            pk[i] = indices[i] >= 0 && d.ValueCount > 0 ? (double)d.CountAt(indices[i]) / d.ValueCount : 0;
            qk[i] = weights[i] * (extra.Length > 0 ? 1 - Spec.TailWeightHoldout : 1);
        }

        for (var j = 0; j < extra.Length; j++)
        {
            pk[indices.Length + j] = (double)d.CountAt(extra[j]) / d.ValueCount;
            qk[indices.Length + j] = Spec.TailWeightHoldout / extra.Length;
        }

        var kl = DistributionMath.RelativeEntropy(pk, qk);
        void WriteValues(Utf8JsonWriter w)
        {
            w.WriteStartArray("values");
            for (var i = 0; i < indices.Length; i++)
            {
                if (partition is null)
                {
                    d.WriteValue(w, i);
                }
                else
                {
                    values[i].WriteTo(w);
                }
            }

            foreach (var x in extra)
            {
                d.WriteValue(w, x);
            }

            w.WriteEndArray();
        }

        Action<Utf8JsonWriter> Part(double[] weightsOut) => w =>
        {
            w.WriteStartObject();
            WriteValues(w);
            DistributionResults.WriteNumbers(w, "weights", weightsOut);
            w.WriteEndObject();
        };

        return (kl, Part(pk), Part(qk), d.ElementCount, d.NullCount + d.NaNCount);
    }

    /// <summary>No partition given: numpy's "auto" bins over the data, weighted by the data (GX's profiling path).</summary>
    private (double, Action<Utf8JsonWriter>, Action<Utf8JsonWriter>, long, long) Continuous(ColumnValues values)
    {
        var sorted = values.Sorted;
        var bins = AutoBins(sorted);
        var counts = new long[bins.Length - 1];
        foreach (var x in sorted)
        {
            var bin = BinCounts.BinOf(bins, x);
            if (bin >= 0)
            {
                counts[bin]++;
            }
        }

        var n = Math.Max(1, sorted.Length);
        var weights = counts.Select(c => (double)c / n).ToArray();
        var tail = (1 - weights.Sum()) / 2;
        var partition = Partition.Parse(PartitionObject.Continuous(bins, weights, (tail, tail)), out _)!;
        var histogram = new BinCounts(values.ElementCount, values.MissingCount, counts, 0, 0);
        return Continuous(partition, histogram);
    }

    /// <summary>numpy's "auto" rule: the larger bin count of Sturges' and Freedman–Diaconis' (IQR from nearest quantiles).</summary>
    private static double[] AutoBins(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
        {
            return [0, 1];
        }

        var (min, max) = (sorted[0], sorted[^1]);
        if (min == max)
        {
            return [min - 0.5, max + 0.5];
        }

        var n = sorted.Length;
        var sturges = Math.Log2(n + 1.0);
        var iqr = DistributionMath.Quantile(sorted, 0.75, "nearest") - DistributionMath.Quantile(sorted, 0.25, "nearest");
        var count = iqr < 1e-10
            ? (int)Math.Ceiling(sturges)
            : Math.Max((int)Math.Ceiling(sturges), (int)Math.Ceiling((max - min) / (2 * iqr / Math.Cbrt(n))));
        count = Math.Clamp(count, 1, 100_000);
        return [.. Enumerable.Range(0, count + 1).Select(i => i == count ? max : min + ((max - min) * i / count))];
    }

    private (double, Action<Utf8JsonWriter>, Action<Utf8JsonWriter>, long, long) Continuous(Partition partition, BinCounts histogram)
    {
        var nonnull = (double)histogram.ValueCount;
        var bins = partition.Bins!;
        var observedWeights = histogram.Counts.Select(c => c / nonnull).ToArray();
        var below = histogram.BelowCount / nonnull;
        var above = histogram.AboveCount / nonnull;
        var twh = Spec.TailWeightHoldout;
        var iwh = Spec.InternalWeightHoldout;
        var expectedWeights = partition.Weights.Select(w => w * (1 - twh - iwh)).ToArray();
        if (iwh > 0)
        {
            var zeros = expectedWeights.Count(w => w == 0);
            for (var i = 0; i < expectedWeights.Length && zeros > 0; i++)
            {
                if (expectedWeights[i] == 0)
                {
                    expectedWeights[i] = iwh / zeros;
                }
            }
        }

        double[] expectedBins, combExpected, combObserved, expectedTails, observedTails, mainExpected, mainObserved;
        var (lowInf, highInf) = (double.IsNegativeInfinity(bins[0]), double.IsPositiveInfinity(bins[^1]));
        if (lowInf && highInf)
        {
            // The outermost bins are the tails.
            expectedBins = bins[1..^1];
            combExpected = expectedWeights;
            combObserved = observedWeights;
            expectedTails = [expectedWeights[0], expectedWeights[^1]];
            observedTails = [observedWeights[0], observedWeights[^1]];
            mainExpected = expectedWeights[1..^1];
            mainObserved = observedWeights[1..^1];
        }
        else if (lowInf)
        {
            expectedBins = bins[1..];
            combExpected = [.. expectedWeights, twh];
            combObserved = [.. observedWeights, above];
            expectedTails = [expectedWeights[0], twh];
            observedTails = [observedWeights[0], above];
            mainExpected = expectedWeights[1..];
            mainObserved = observedWeights[1..];
        }
        else if (highInf)
        {
            expectedBins = bins[..^1];
            combExpected = [twh, .. expectedWeights];
            combObserved = [below, .. observedWeights];
            expectedTails = [twh, expectedWeights[^1]];
            observedTails = [below, observedWeights[^1]];
            mainExpected = expectedWeights[..^1];
            mainObserved = observedWeights[..^1];
        }
        else
        {
            expectedBins = bins;
            expectedTails = partition.TailWeights is { } tails ? [tails[0], tails[1]] : [twh / 2, twh / 2];
            combExpected = [expectedTails[0], .. expectedWeights, expectedTails[1]];
            combObserved = [below, .. observedWeights, above];
            observedTails = [below, above];
            mainExpected = expectedWeights;
            mainObserved = observedWeights;
        }

        var kl = DistributionMath.RelativeEntropy(combObserved, combExpected);
        Action<Utf8JsonWriter> Part(double[] weights, double[] tails) => w =>
        {
            w.WriteStartObject();
            DistributionResults.WriteNumbers(w, "bins", expectedBins);
            DistributionResults.WriteNumbers(w, "weights", weights);
            DistributionResults.WriteNumbers(w, "tail_weights", tails);
            w.WriteEndObject();
        };

        return (kl, Part(mainObserved, observedTails), Part(mainExpected, expectedTails), histogram.ElementCount, histogram.MissingCount);
    }
}
