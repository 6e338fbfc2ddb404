using System.Numerics;
using System.Text.Json;
using Expectations.Model;

namespace Expectations;

/// <summary>Distributional verbs: most common value, quantiles, and tests of the column's distribution.</summary>
public static partial class ColumnVerbs
{
    /// <summary>The most common value is one of <paramref name="values"/> (GX <c>expect_column_most_common_value_to_be_in_set</c>); with <paramref name="tiesOkay"/> a tie passes when any tied value is.</summary>
    /// <param name="c">The column rules.</param>
    /// <param name="values">The allowed most common values.</param>
    /// <param name="tiesOkay">Whether a tie for most common passes when one of the tied values is in the set.</param>
    public static ColumnBuilder<T> MostCommonValueInSet<T>(this ColumnBuilder<T> c, IEnumerable<T> values, bool tiesOkay = false) =>
        c.Add(new ColumnMostCommonValueToBeInSet { Column = c.Name, ValueSet = ToScalars(values), TiesOkay = tiesOkay });

    /// <summary>
    /// Each quantile lies within its range (GX <c>expect_column_quantile_values_to_be_between</c>); a null bound is open.
    /// Example: <c>QuantilesBetween((0.5, 0, 10), (0.95, null, 100))</c>.
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="ranges">Each quantile in [0, 1] with its bounds.</param>
    public static ColumnBuilder<T> QuantilesBetween<T>(this ColumnBuilder<T> c, params IEnumerable<(double Quantile, double? Min, double? Max)> ranges)
        where T : struct, INumber<T>
    {
        var list = ranges.ToList();
        var json = JsonElements.Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("quantiles");
            list.ForEach(r => w.WriteNumberValue(r.Quantile));
            w.WriteEndArray();
            w.WriteStartArray("value_ranges");
            foreach (var (_, min, max) in list)
            {
                w.WriteStartArray();
                WriteOptional(w, min);
                WriteOptional(w, max);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return c.Add(new ColumnQuantileValuesToBeBetween { Column = c.Name, QuantileRanges = json });
    }

    /// <summary>
    /// The KL divergence of the column from <paramref name="partition"/> (built with <see cref="PartitionObject"/>) is at most
    /// <paramref name="threshold"/> (GX <c>expect_column_kl_divergence_to_be_less_than</c>).
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="partition">The expected distribution.</param>
    /// <param name="threshold">The largest divergence that passes, or null to always pass.</param>
    /// <param name="tailWeightHoldout">Weight for values outside the partition.</param>
    /// <param name="internalWeightHoldout">Weight spread over the zero-weight bins of a continuous partition.</param>
    public static ColumnBuilder<T> KlDivergenceLessThan<T>(this ColumnBuilder<T> c, JsonElement partition, double? threshold, double tailWeightHoldout = 0, double internalWeightHoldout = 0) =>
        c.Add(new ColumnKlDivergenceToBeLessThan { Column = c.Name, PartitionObject = partition, Threshold = threshold, TailWeightHoldout = tailWeightHoldout, InternalWeightHoldout = internalWeightHoldout });

    /// <summary>
    /// A chi-square test of the value counts against the categorical <paramref name="partition"/> has a p-value above
    /// <paramref name="p"/> (GX <c>expect_column_chisquare_test_p_value_to_be_greater_than</c>).
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="partition">The expected distribution (<see cref="PartitionObject.Categorical{T}"/>).</param>
    /// <param name="p">The p-value must exceed this.</param>
    /// <param name="tailWeightHoldout">Expected weight shared by values the partition lacks.</param>
    public static ColumnBuilder<T> ChiSquarePValueGreaterThan<T>(this ColumnBuilder<T> c, JsonElement partition, double p = 0.05, double tailWeightHoldout = 0) =>
        c.Add(new ColumnChiSquareTestPValueToBeGreaterThan { Column = c.Name, PartitionObject = partition, P = p, TailWeightHoldout = tailWeightHoldout });

    /// <summary>
    /// A Kolmogorov–Smirnov test against <paramref name="distribution"/> with scipy's positional
    /// <paramref name="parameters"/> has a p-value of at least <paramref name="pValue"/>
    /// (GX <c>expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than</c>).
    /// Example: <c>KsTestPValueGreaterThan(KsDistribution.Normal, [0, 1])</c>.
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="distribution">The distribution.</param>
    /// <param name="parameters">Shape parameters, then loc and scale, as scipy orders them.</param>
    /// <param name="pValue">The p-value must be at least this.</param>
    public static ColumnBuilder<T> KsTestPValueGreaterThan<T>(this ColumnBuilder<T> c, KsDistribution distribution, IEnumerable<double> parameters, double pValue = 0.05)
        where T : struct, INumber<T> =>
        c.Add(new ColumnParameterizedDistributionKsTestPValueToBeGreaterThan
        {
            Column = c.Name,
            Distribution = distribution,
            Params = JsonElements.Build(w =>
            {
                w.WriteStartArray();
                foreach (var x in parameters)
                {
                    ScalarFormatting.WriteDouble(w, x);
                }

                w.WriteEndArray();
            }),
            PValue = pValue,
        });

    /// <summary>
    /// Bootstrapped Kolmogorov–Smirnov tests against the continuous <paramref name="partition"/> pass often enough
    /// (GX <c>expect_column_bootstrapped_ks_test_p_value_to_be_greater_than</c>).
    /// </summary>
    /// <param name="c">The column rules.</param>
    /// <param name="partition">The expected distribution (<see cref="PartitionObject.Continuous"/>, finite edges, no tail weights).</param>
    /// <param name="p">The threshold for each test and for the share of passing tests.</param>
    /// <param name="bootstrapSamples">How many samples to draw, or null for 1000.</param>
    /// <param name="bootstrapSampleSize">Values per sample, or null for twice the number of bins.</param>
    public static ColumnBuilder<T> BootstrappedKsTestPValueGreaterThan<T>(this ColumnBuilder<T> c, JsonElement partition, double p = 0.05, int? bootstrapSamples = null, int? bootstrapSampleSize = null)
        where T : struct, INumber<T> =>
        c.Add(new ColumnBootstrappedKsTestPValueToBeGreaterThan { Column = c.Name, PartitionObject = partition, P = p, BootstrapSamples = bootstrapSamples, BootstrapSampleSize = bootstrapSampleSize });

    private static void WriteOptional(Utf8JsonWriter w, double? value)
    {
        if (value is { } v)
        {
            ScalarFormatting.WriteDouble(w, v);
        }
        else
        {
            w.WriteNullValue();
        }
    }
}

/// <summary>Distributional verbs about a pair of columns.</summary>
public static partial class TableVerbs
{
    /// <summary>
    /// The association of <paramref name="columnA"/> and <paramref name="columnB"/>, Cramér's V, is at most
    /// <paramref name="threshold"/> (GX <c>expect_column_pair_cramers_phi_value_to_be_less_than</c>).
    /// </summary>
    /// <param name="t">The table rules.</param>
    /// <param name="columnA">The first column.</param>
    /// <param name="columnB">The second column.</param>
    /// <param name="threshold">The largest V that passes.</param>
    /// <param name="nBinsA">Bins (numeric) or most frequent values kept (categorical) of column A, or null for 10.</param>
    /// <param name="nBinsB">The same for column B.</param>
    public static TableBuilder CramersPhiLessThan(this TableBuilder t, string columnA, string columnB, double threshold = 0.1, int? nBinsA = null, int? nBinsB = null) =>
        t.Add(new ColumnPairCramersPhiValueToBeLessThan { ColumnA = columnA, ColumnB = columnB, Threshold = threshold, NBinsA = nBinsA, NBinsB = nBinsB });
}
