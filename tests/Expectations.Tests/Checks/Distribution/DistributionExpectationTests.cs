using System.Text.Json;
using Expectations.Engine;
using Expectations.Engine.Aggregate;
using Expectations.Tests.Checks.Aggregate;

namespace Expectations.Tests.Checks.Distribution;

public class DistributionExpectationTests
{
    private static readonly double[] Normalish = [-2.1, -1.3, -0.9, -0.5, -0.2, 0, 0.1, 0.4, 0.8, 1.2, 1.9, 2.4];

    private static ExpectationSuite EveryDistributional() => Expect.Suite("distributions")
        .Column<double>("x", c => c
            .MostCommonValueInSet([1.0, 2.0], tiesOkay: true)
            .QuantilesBetween((0.5, -1, 1), (0.95, null, 3))
            .KlDivergenceLessThan(PartitionObject.Continuous([double.NegativeInfinity, 0, 1, double.PositiveInfinity], [0.3, 0.4, 0.3]), 0.5, internalWeightHoldout: 0.01)
            .KsTestPValueGreaterThan(KsDistribution.Normal, [0, 1.5])
            .BootstrappedKsTestPValueGreaterThan(PartitionObject.Continuous([-3, 0, 3], [0.5, 0.5]), bootstrapSamples: 200))
        .Column<string>("s", c => c
            .ChiSquarePValueGreaterThan(PartitionObject.Categorical(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.5 }), tailWeightHoldout: 0.1)
            .KlDivergenceLessThan(PartitionObject.Categorical(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.5 }), null))
        .Table(t => t.CramersPhiLessThan("x", "s", 0.5, nBinsA: 3))
        .Build();

    [Fact]
    public void Every_distributional_expectation_built_with_the_dsl_round_trips_through_gx_json()
    {
        var suite = EveryDistributional();
        suite.Expectations.Select(e => e.Type).Distinct().Should().HaveCount(7);
        var json = SuiteJson.Serialize(suite);
        var parsed = SuiteJson.Parse(json);
        parsed.Should().Be(suite);
        json.Should().Contain("\"-Infinity\"").And.Contain("\"distribution\": \"norm\"").And.Contain("\"value_ranges\"");
    }

    [Fact]
    public void The_dsl_suite_runs_without_errors_and_reports_observed_values()
    {
        var strings = new string?[] { "a", "b", "a", "b", "a", "b", "a", "b", "a", "c", null, "b" };
        var data = InMemoryTable.Builder().Add("x", Normalish.Select(v => (double?)v).ToArray()).Add("s", strings).Build();
        var report = ValidationPlan.Compile(EveryDistributional()).Validate(data);
        report.Results.Should().OnlyContain(r => r.ExceptionInfo == null);
        report.Results.Where(r => r.Expectation is not ColumnMostCommonValueToBeInSet).Should().OnlyContain(r => r.Result.ObservedValue != null);
    }

    [Fact]
    public void Most_common_value_ties_fail_unless_ties_are_okay()
    {
        var data = InMemoryTable.Builder().Add("v", new long?[] { 1, 1, 2, 2, 3, null }).Build();
        var strict = AggregateTestKit.Run(data, ColumnMostCommonValueToBeInSet.TypeName, """{"column": "v", "value_set": [1, 2]}""");
        strict.ShouldMatch(false, "[1, 2]");
        AggregateTestKit.Run(data, ColumnMostCommonValueToBeInSet.TypeName, """{"column": "v", "value_set": [2.0], "ties_okay": true}""").ShouldMatch(true, "[1, 2]");
        AggregateTestKit.Run(data, ColumnMostCommonValueToBeInSet.TypeName, """{"column": "v", "value_set": [3], "ties_okay": true}""").ShouldMatch(false, "[1, 2]");
        var empty = InMemoryTable.Builder().Add("v", new long?[] { null, null }).Build();
        AggregateTestKit.Run(empty, ColumnMostCommonValueToBeInSet.TypeName, """{"column": "v", "value_set": [1], "ties_okay": true}""").ShouldMatch(false, "[]");
    }

    [Fact]
    public void Quantiles_report_values_and_success_details_per_range()
    {
        var data = InMemoryTable.Builder().Add("v", new double?[] { 4, 1, null, 3, 2, double.NaN }).Build();
        var result = AggregateTestKit.Run(data, ColumnQuantileValuesToBeBetween.TypeName,
            """{"column": "v", "quantile_ranges": {"quantiles": [0, 0.5, 1], "value_ranges": [[null, 1], [3, 3], [5, null]]}}""");
        result.ShouldMatch(false, """{"quantiles": [0, 0.5, 1], "values": [1, 3, 4]}""");
        result.Result.Details!.Value.GetProperty("success_details").EnumerateArray().Select(e => e.GetBoolean()).Should().Equal(true, true, false);

        var linear = AggregateTestKit.Run(data, ColumnQuantileValuesToBeBetween.TypeName,
            """{"column": "v", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[2.5, 2.5]]}, "allow_relative_error": "linear"}""");
        linear.ShouldMatch(true, """{"quantiles": [0.5], "values": [2.5]}""");
    }

    [Theory]
    [InlineData("""{"column": "v", "quantile_ranges": {"quantiles": [0.5, 0.9], "value_ranges": [[0, 1]]}}""", "one range per quantile")]
    [InlineData("""{"column": "v", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[2, 1]]}}""", "must not be greater than max")]
    [InlineData("""{"column": "v", "quantile_ranges": {"quantiles": [1.5], "value_ranges": [[0, 1]]}}""", "between 0 and 1")]
    [InlineData("""{"column": "v", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[0]]}}""", "pair")]
    [InlineData("""{"column": "v", "quantile_ranges": {"quantiles": [0.5], "value_ranges": [[0, 1]]}, "allow_relative_error": "cubic"}""", "not an interpolation")]
    public void Malformed_quantile_ranges_are_argument_errors(string kwargs, string message) =>
        Load(ColumnQuantileValuesToBeBetween.TypeName, kwargs).Should().Throw<InvalidExpectationException>().WithMessage($"*{message}*");

    [Theory]
    [InlineData(ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "v", "partition_object": {}, "threshold": 0.1}""", "partition")]
    [InlineData(ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "v", "partition_object": {"bins": [0, 1, 2], "weights": [0.5, 0.6]}}""", "sum to 1")]
    [InlineData(ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "v", "partition_object": {"bins": [0, 2, 1], "weights": [0.5, 0.5]}}""", "strictly increasing")]
    [InlineData(ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "v", "partition_object": {"bins": [0, 1, 2], "weights": [0.4, 0.4], "tail_weights": [0.1, 0.1]}, "tail_weight_holdout": 0.1}""", "tail_weights in partition object")]
    [InlineData(ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "v", "partition_object": {"bins": ["-Infinity", 1, "Infinity"], "weights": [0.5, 0.5]}, "tail_weight_holdout": 0.1}""", "infinite endpoints")]
    [InlineData(ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "v", "partition_object": {"values": ["a"], "weights": [1]}, "internal_weight_holdout": 0.1}""", "discrete")]
    [InlineData(ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "v", "partition_object": {"values": ["a"], "weights": [1]}, "tail_weight_holdout": 2}""", "less than or equal to 1")]
    [InlineData(ColumnChiSquareTestPValueToBeGreaterThan.TypeName, """{"column": "v", "partition_object": {"bins": [0, 1], "weights": [1]}}""", "Invalid partition object")]
    [InlineData(ColumnBootstrappedKsTestPValueToBeGreaterThan.TypeName, """{"column": "v", "partition_object": {"bins": ["-Infinity", 0, 1], "weights": [0.5, 0.5]}}""", "Partition endpoints must be finite")]
    [InlineData(ColumnBootstrappedKsTestPValueToBeGreaterThan.TypeName, """{"column": "v", "partition_object": {"bins": [0, 1], "weights": [0.5], "tail_weights": [0.25, 0.25]}}""", "Partition cannot have tail weights")]
    [InlineData(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "v", "distribution": "beta", "params": [0.5]}""", "missing required parameters")]
    [InlineData(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "v", "distribution": "norm", "params": {"mean": 0, "std_dev": -1}}""", "must be positive")]
    [InlineData(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "v", "distribution": "gamma", "params": [1, 2, 3, 4]}""", "too many")]
    [InlineData(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "v", "distribution": "norm", "p_value": 1}""", "exclusive")]
    [InlineData(ColumnPairCramersPhiValueToBeLessThan.TypeName, """{"column_A": "a", "column_B": "b", "bins_A": [["x"], 3]}""", "bins_A")]
    public void Invalid_distribution_arguments_are_argument_errors(string type, string kwargs, string message) =>
        Load(type, kwargs).Should().Throw<InvalidExpectationException>().WithMessage($"*{message}*");

    [Fact]
    public void Unknown_distribution_names_the_supported_ones()
    {
        Load(ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "v", "distribution": "cauchy"}""")
            .Should().Throw<SuiteFormatException>().WithMessage("*norm*expon*");
    }

    [Fact]
    public void Kl_divergence_continuous_partition_reports_tails_as_gx()
    {
        // GX fixture "manual_partition_upper_inf_bound": y = -0.5 … 3.5, bins 0..3 plus +inf.
        var data = InMemoryTable.Builder().Add("y", new double?[] { -0.5, 0.5, 1.5, 2.5, 3.5 }).Build();
        var result = AggregateTestKit.Run(data, ColumnKlDivergenceToBeLessThan.TypeName,
            """{"column": "y", "partition_object": {"bins": [0, 1, 2, 3, "Infinity"], "weights": [0.25, 0.25, 0.25, 0.25]}, "threshold": 0.5}""");
        result.ShouldMatch(false, "null");
        var details = result.Result.Details!.Value;
        Numbers(details.GetProperty("observed_partition").GetProperty("tail_weights")).Should().Equal(0.2, 0.2);
        Numbers(details.GetProperty("expected_partition").GetProperty("tail_weights")).Should().Equal(0, 0.25);
        Numbers(details.GetProperty("expected_partition").GetProperty("bins")).Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public void Kl_divergence_without_a_partition_compares_the_data_with_itself()
    {
        var data = InMemoryTable.Builder().Add("x", Normalish.Select(v => (double?)v).ToArray()).Add("s", new string?[] { "a", "b", "a", "a", "c", "b", "a", null, "a", "b", "c", "a" }).Build();
        AggregateTestKit.Run(data, ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "x", "partition_object": null, "threshold": 0}""").ShouldMatch(true, "0");
        AggregateTestKit.Run(data, ColumnKlDivergenceToBeLessThan.TypeName, """{"column": "s", "partition_object": null, "bucketize_data": false, "threshold": 0}""").ShouldMatch(true, "0");
    }

    [Fact]
    public void Chi_square_gives_unexpected_values_the_holdout_or_a_zero_p_value()
    {
        var data = InMemoryTable.Builder().Add("s", new string?[] { "A", "A", "B", "B", "C" }).Build();
        const string Partition = """{"values": ["A", "B"], "weights": [0.5, 0.5]}""";
        AggregateTestKit.Run(data, ColumnChiSquareTestPValueToBeGreaterThan.TypeName, $$"""{"column": "s", "partition_object": {{Partition}}}""").ShouldMatch(false, "0");
        var held = AggregateTestKit.Run(data, ColumnChiSquareTestPValueToBeGreaterThan.TypeName, $$"""{"column": "s", "partition_object": {{Partition}}, "tail_weight_holdout": 0.2}""");
        // Observed counts 2, 2, 1 equal the expected 5·0.4, 5·0.4, 5·0.2.
        held.ShouldMatch(true, "1");
    }

    [Fact]
    public void Parameterized_ks_uses_scipy_loc_and_scale_and_gx_dict_names()
    {
        // Values spread evenly over [10, 20]: uniform with loc 10, scale 10 fits; GX's dict names "min" and "max" are loc and scale.
        var data = InMemoryTable.Builder().Add("u", Enumerable.Range(0, 200).Select(i => (double?)(10 + ((i + 0.5) / 20.0))).ToArray()).Build();
        AggregateTestKit.Run(data, ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "u", "distribution": "uniform", "params": [10, 10]}""").Success.Should().BeTrue();
        AggregateTestKit.Run(data, ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "u", "distribution": "uniform", "params": {"min": 10, "max": 10}}""").Success.Should().BeTrue();
        var shifted = AggregateTestKit.Run(data, ColumnParameterizedDistributionKsTestPValueToBeGreaterThan.TypeName, """{"column": "u", "distribution": "uniform", "params": [12, 10]}""");
        shifted.Success.Should().BeFalse();
        Numbers(shifted.Result.Details!.Value.GetProperty("observed_ks_result"))[0].Should().BeApproximately(0.2025, 1e-9, "at 12.025 the empirical CDF is 41/200 and the shifted CDF 0.0025");
    }

    [Fact]
    public void Bootstrapped_ks_is_repeatable_and_separates_fitting_from_shifted_data()
    {
        var data = InMemoryTable.Builder().Add("u", Enumerable.Range(0, 500).Select(i => (double?)((i + 0.5) / 500.0)).ToArray()).Build();
        const string Kwargs = """{"column": "u", "partition_object": {"bins": [0, 0.25, 0.5, 0.75, 1], "weights": [0.25, 0.25, 0.25, 0.25]}}""";
        var first = AggregateTestKit.Run(data, ColumnBootstrappedKsTestPValueToBeGreaterThan.TypeName, Kwargs);
        var second = AggregateTestKit.Run(data, ColumnBootstrappedKsTestPValueToBeGreaterThan.TypeName, Kwargs);
        first.Success.Should().BeTrue();
        first.Result.ObservedValue!.Value.GetDouble().Should().Be(second.Result.ObservedValue!.Value.GetDouble());
        first.Result.ObservedValue!.Value.GetDouble().Should().BeGreaterThan(0.8);
        var shifted = AggregateTestKit.Run(data, ColumnBootstrappedKsTestPValueToBeGreaterThan.TypeName,
            """{"column": "u", "partition_object": {"bins": [0.5, 0.75, 1, 1.25, 1.5], "weights": [0.25, 0.25, 0.25, 0.25]}, "bootstrap_sample_size": 40}""");
        shifted.Success.Should().BeFalse();
        Numbers(shifted.Result.Details!.Value.GetProperty("observed_cdf").GetProperty("x"))[0].Should().BeLessThan(0.5, "values below the partition widen the observed bins");
    }

    [Fact]
    public void Cramers_phi_applies_yates_correction_to_a_two_by_two_table()
    {
        // 10 (a, x) and 10 (b, y): χ² with Yates = 4 · 4.5² / 5 = 16.2, V = √(16.2 / 20) = 0.9 (scipy's chi2_contingency).
        var a = Enumerable.Repeat("a", 10).Concat(Enumerable.Repeat("b", 10)).Select(s => (string?)s).ToArray();
        var b = Enumerable.Repeat(true, 10).Concat(Enumerable.Repeat(false, 10)).Select(x => (bool?)x).ToArray();
        var data = InMemoryTable.Builder().Add("a", a).Add("b", b).Build();
        AggregateTestKit.Run(data, ColumnPairCramersPhiValueToBeLessThan.TypeName, """{"column_A": "a", "column_B": "b"}""").ShouldMatch(false, "0.9");
    }

    [Fact]
    public void Cramers_phi_of_a_constant_column_is_undefined_and_fails()
    {
        var data = InMemoryTable.Builder().Add("a", new string?[] { "k", "k", "k" }).Add("b", new long?[] { 1, 2, 3 }).Build();
        AggregateTestKit.Run(data, ColumnPairCramersPhiValueToBeLessThan.TypeName, """{"column_A": "a", "column_B": "b"}""").ShouldMatch(false, "null");
    }

    [Fact]
    public void Pair_values_histogram_and_values_merge_across_chunks_to_the_single_pass_result()
    {
        var numbers = new double?[] { 5, null, -2.5, 7, 7, double.NaN, 0.25, null, 11, 3 };
        var texts = new string?[] { "kiwi", null, "apple", "Zebra", "kiwi", "é", null, "banana", "apple", "" };
        var flags = new bool?[] { true, false, null, true, true, false, null, false, true, true };
        var whole = Table(numbers, texts, flags);
        var context = new MetricContext(whole.Columns.ToDictionary(c => c.Name));
        MetricKey[] keys =
        [
            new ColumnPairValuesMetric("v", "s"), new ColumnPairValuesMetric("s", "b"),
            new HistogramMetric("v", ValueList.Create([double.NegativeInfinity, 0, 5, 7])),
        ];
        foreach (var key in keys)
        {
            var single = key.CreateAccumulator(context);
            single.Add(Chunk(whole));
            var first = key.CreateAccumulator(context);
            var rest = key.CreateAccumulator(context);
            first.Add(Chunk(Table(numbers[..4], texts[..4], flags[..4])));
            rest.Add(Chunk(Table(numbers[4..], texts[4..], flags[4..])));
            first.Merge(rest);
            Describe(first.Finish()).Should().Be(Describe(single.Finish()), key.ToString());
        }

        var histogram = (BinCounts)keys[2].CreateAccumulator(context).Also(x => x.Add(Chunk(whole))).Finish();
        histogram.Counts.Should().Equal([1, 2, 3], "[-inf, 0): -2.5; [0, 5): 0.25, 3; [5, 7]: 5, 7, 7");
        (histogram.BelowCount, histogram.AboveCount, histogram.MissingCount).Should().Be((0, 1, 3));

        static InMemoryTable Table(double?[] v, string?[] s, bool?[] b) => InMemoryTable.Builder().Add("v", v).Add("s", s).Add("b", b).Build();
        static DataChunk Chunk(InMemoryTable t) => t.ReadAsync(["v", "s", "b"]).ToBlockingEnumerable().Single();
        static string Describe(object finished) => finished switch
        {
            ColumnPairValues p => $"{Rows(p.A)} | {Rows(p.B)}",
            BinCounts h => $"{h.ElementCount} {h.MissingCount} {string.Join(",", h.Counts)} {h.BelowCount} {h.AboveCount}",
            _ => throw new InvalidOperationException(finished.GetType().Name),
        };
        static string Rows(RowValues r) => r.IsNumeric
            ? string.Join(",", r.Numbers.ToArray())
            : string.Join(",", r.Codes.ToArray()) + " / " + string.Join(",", r.CodeCounts);
    }

    private static Action Load(string type, string kwargs) => () =>
    {
        using var doc = JsonDocument.Parse($$"""{"type": "{{type}}", "kwargs": {{kwargs}}}""");
        SuiteJson.ParseExpectation(doc.RootElement);
    };

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}
