using static Expectations.Tests.Checks.Leakage.LeakageTestData;

namespace Expectations.Tests.Checks.Ml;

public class AgreementTests
{
    private static readonly Dictionary<string, IDataSource> None = [];

    private static InMemoryTable Raters(params (string Name, long?[] Ratings)[] raters)
    {
        var b = InMemoryTable.Builder();
        foreach (var (name, ratings) in raters)
        {
            b.Add(name, ratings);
        }

        return b.Build();
    }

    private static double Observed(ExpectationResult r) => r.Result.ObservedValue!.Value.GetDouble();

    // --- Independent reference implementations (probability form for κ; pairwise form for α) ---

    private static double ReferenceCohen(long?[] a, long?[] b, KappaWeights? weights)
    {
        var pairs = a.Zip(b).Where(p => p.First is not null && p.Second is not null).Select(p => (p.First!.Value, p.Second!.Value)).ToList();
        var cats = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct().Order().ToList();
        int k = cats.Count, n = pairs.Count;
        double Agreement(int i, int j) => weights switch
        {
            KappaWeights.Linear => 1 - Math.Abs(i - j) / (double)(k - 1),
            KappaWeights.Quadratic => 1 - (i - j) * (i - j) / (double)((k - 1) * (k - 1)),
            _ => i == j ? 1 : 0,
        };
        double po = 0, pe = 0;
        for (var i = 0; i < k; i++)
        {
            var pa = pairs.Count(p => p.Item1 == cats[i]) / (double)n;
            for (var j = 0; j < k; j++)
            {
                var pb = pairs.Count(p => p.Item2 == cats[j]) / (double)n;
                po += Agreement(i, j) * pairs.Count(p => p.Item1 == cats[i] && p.Item2 == cats[j]) / n;
                pe += Agreement(i, j) * pa * pb;
            }
        }

        return (po - pe) / (1 - pe);
    }

    private static double ReferenceAlpha(long?[][] raters, Func<double, double, Dictionary<double, double>, double> delta)
    {
        var units = Enumerable.Range(0, raters[0].Length)
            .Select(u => raters.Select(r => r[u]).Where(v => v is not null).Select(v => (double)v!.Value).ToList())
            .Where(u => u.Count >= 2).ToList();
        var all = units.SelectMany(u => u).ToList();
        var marginals = all.GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count());
        double n = all.Count, within = 0, across = 0;
        foreach (var u in units)
        {
            var sum = 0.0;
            for (var i = 0; i < u.Count; i++)
            {
                for (var j = 0; j < u.Count; j++)
                {
                    if (i != j)
                    {
                        sum += delta(u[i], u[j], marginals);
                    }
                }
            }

            within += sum / (u.Count - 1);
        }

        for (var i = 0; i < all.Count; i++)
        {
            for (var j = 0; j < all.Count; j++)
            {
                if (i != j)
                {
                    across += delta(all[i], all[j], marginals);
                }
            }
        }

        return 1 - (n - 1) * within / across;
    }

    private static double Nominal(double a, double b, Dictionary<double, double> _) => a == b ? 0 : 1;

    private static double Interval(double a, double b, Dictionary<double, double> _) => (a - b) * (a - b);

    private static double Ratio(double a, double b, Dictionary<double, double> _) => a + b == 0 ? 0 : (a - b) * (a - b) / ((a + b) * (a + b));

    private static double Ordinal(double a, double b, Dictionary<double, double> n)
    {
        var (lo, hi) = a < b ? (a, b) : (b, a);
        var between = n.Where(p => p.Key >= lo && p.Key <= hi).Sum(p => p.Value) - (n[lo] + n[hi]) / 2;
        return a == b ? 0 : between * between;
    }

    // --- Cohen ---

    [Fact]
    public void Cohens_kappa_of_the_textbook_example_is_0_4()
    {
        // 50 proposals: both yes 20, A yes and B no 5, A no and B yes 10, both no 15: p_o = 0.7, p_e = 0.5, κ = 0.4.
        var a = Enumerable.Repeat((long?)1, 25).Concat(Enumerable.Repeat((long?)0, 25)).ToArray();
        var b = Enumerable.Repeat((long?)1, 20).Concat(Enumerable.Repeat((long?)0, 5)).Concat(Enumerable.Repeat((long?)1, 10)).Concat(Enumerable.Repeat((long?)0, 15)).ToArray();
        var r = Run(new ColumnPairCohensKappaToBeBetween { ColumnA = "a", ColumnB = "b", Bounds = new(Scalar.From(0.6), null) }, Raters(("a", a), ("b", b)), None);
        Observed(r).Should().BeApproximately(0.4, 1e-12);
        r.Success.Should().BeFalse();
        var d = r.Result.Details!.Value;
        d.GetProperty("observed_agreement").GetDouble().Should().BeApproximately(0.7, 1e-12);
        d.GetProperty("chance_agreement").GetDouble().Should().BeApproximately(0.5, 1e-12);
        d.GetProperty("confusion_matrix").GetRawText().Should().Be("[[15,10],[5,20]]");
        d.GetProperty("band").GetString().Should().StartWith("poor");
        d.GetProperty("per_class_agreement").GetProperty("1").GetDouble().Should().BeApproximately(40.0 / 55, 1e-12);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(KappaWeights.Linear)]
    [InlineData(KappaWeights.Quadratic)]
    public void Cohens_kappa_equals_an_independent_implementation_on_random_ratings(KappaWeights? weights)
    {
        var random = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = random.Next(5, 200);
            var a = Enumerable.Range(0, n).Select(_ => random.Next(12) == 0 ? (long?)null : random.Next(1, 6)).ToArray();
            var b = a.Select(v => random.Next(12) == 0 ? null : random.Next(3) == 0 ? random.Next(1, 6) : v).ToArray();
            var r = Run(new ColumnPairCohensKappaToBeBetween { ColumnA = "a", ColumnB = "b", Weights = weights }, Split(Raters(("a", a), ("b", b)), 17), None, threads: 2);
            Observed(r).Should().BeApproximately(ReferenceCohen(a, b, weights), 1e-12);
            r.Result.Details!.Value.GetProperty("rows_left_out").GetInt64().Should().Be(a.Zip(b).Count(p => p.First is null || p.Second is null));
        }
    }

    [Fact]
    public void Text_labels_with_weights_need_categories_in_order_and_unlisted_labels_are_named()
    {
        var data = InMemoryTable.Builder().Add("a", new[] { "low", "high", "medium", "low" }).Add("b", new[] { "low", "medium", "medium", "high" }).Build();
        var e = new ColumnPairCohensKappaToBeBetween { ColumnA = "a", ColumnB = "b", Weights = KappaWeights.Linear };
        Run(e, data, None).ExceptionInfo!.ExceptionMessage.Should().Contain("list them in order as categories");
        var ordered = Run(e with { Categories = ValueList.Create<Scalar>(["low", "medium", "high"]) }, data, None);
        var numeric = Run(e, Raters(("a", [0, 2, 1, 0]), ("b", [0, 1, 1, 2])), None);
        Observed(ordered).Should().BeApproximately(Observed(numeric), 1e-12);
        Run(e with { Categories = ValueList.Create<Scalar>(["low", "high"]) }, data, None).ExceptionInfo!.ExceptionMessage.Should().Contain("\"medium\" is not one of the categories");
    }

    [Fact]
    public void Undefined_kappa_mixed_types_and_all_null_ratings_are_said_plainly()
    {
        var single = Run(new ColumnPairCohensKappaToBeBetween { ColumnA = "a", ColumnB = "b" }, Raters(("a", [1, 1, 1]), ("b", [1, 1, 1])), None);
        single.Success.Should().BeFalse();
        single.Result.ObservedValue!.Value.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        single.Result.Details!.Value.GetProperty("note").GetString().Should().Contain("undefined").And.Contain("single category");

        var nulls = Run(new ColumnPairCohensKappaToBeBetween { ColumnA = "a", ColumnB = "b" }, Raters(("a", [null, 1]), ("b", [2, null])), None);
        nulls.Result.Details!.Value.GetProperty("note").GetString().Should().Contain("no row has a rating from both raters");

        var mixed = InMemoryTable.Builder().Add("a", new long?[] { 1 }).Add("b", new[] { "1" }).Build();
        Run(new ColumnPairCohensKappaToBeBetween { ColumnA = "a", ColumnB = "b" }, mixed, None).ExceptionInfo!.ExceptionMessage.Should().Contain("mixed types");
        Run(new MulticolumnFleissKappaToBeBetween { ColumnList = ValueList.Create(["a", "b"]) }, mixed, None).ExceptionInfo!.ExceptionMessage.Should().Contain("mixed types");
        Run(new MulticolumnFleissKappaToBeBetween { ColumnList = ValueList.Create(["a", "b"]) }, Raters(("a", [2, 2]), ("b", [2, 2])), None)
            .Result.Details!.Value.GetProperty("note").GetString().Should().Contain("single category");
        Run(new MulticolumnKrippendorffAlphaToBeBetween { ColumnList = ValueList.Create(["a", "b"]) }, Raters(("a", [null, null]), ("b", [2, null])), None)
            .Result.Details!.Value.GetProperty("note").GetString().Should().Contain("no unit has two or more ratings");
    }

    // --- Fleiss ---

    /// <summary>Fleiss (1971)'s worked example as Wikipedia gives it: 10 subjects, 14 raters, 5 categories; κ = 0.210.</summary>
    private static readonly int[][] FleissTable =
    [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];

    [Fact]
    public void Fleiss_kappa_of_the_published_example_is_0_210_and_equals_exact_arithmetic()
    {
        // Each subject's 14 ratings spread over 14 rater columns, in category order.
        var raters = Enumerable.Range(0, 14).Select(r => (Name: $"r{r}", Ratings: new long?[10])).ToArray();
        for (var s = 0; s < 10; s++)
        {
            var ratings = FleissTable[s].SelectMany((count, category) => Enumerable.Repeat((long?)(category + 1), count)).ToArray();
            for (var r = 0; r < 14; r++)
            {
                raters[r].Ratings[s] = ratings[r];
            }
        }

        var r0 = Run(new MulticolumnFleissKappaToBeBetween { ColumnList = ValueList.From(raters.Select(r => r.Name)), Bounds = new(Scalar.From(0.2), null) }, Raters(raters), None);
        var kappa = Observed(r0);
        Math.Round(kappa, 3).Should().Be(0.210);
        r0.Success.Should().BeTrue();

        // Exact arithmetic in decimal: P_i, P̄, p_j, P̄_e.
        var pBar = FleissTable.Sum(row => (row.Sum(c => (decimal)c * c) - 14m) / (14m * 13m)) / 10m;
        var pe = Enumerable.Range(0, 5).Sum(j => FleissTable.Sum(row => (decimal)row[j]) / 140m * (FleissTable.Sum(row => (decimal)row[j]) / 140m));
        kappa.Should().BeApproximately((double)((pBar - pe) / (1 - pe)), 1e-12);
        r0.Result.Details!.Value.GetProperty("mean_item_agreement").GetDouble().Should().BeApproximately((double)pBar, 1e-12);
    }

    [Fact]
    public void Fleiss_kappa_with_missing_ratings_leaves_out_items_with_fewer_than_two()
    {
        var data = Raters(("a", [1, 2, 1, null]), ("b", [1, 2, null, null]), ("c", [1, 1, 2, 1]));
        var r = Run(new MulticolumnFleissKappaToBeBetween { ColumnList = ValueList.Create(["a", "b", "c"]) }, data, None);
        r.Result.Details!.Value.GetProperty("items").GetInt32().Should().Be(3);
        r.Result.Details!.Value.GetProperty("items_left_out").GetInt32().Should().Be(1);
        // P = [1, 1/3, 0], mean 4/9; p = (5/8, 3/8), P_e = 34/64.
        Observed(r).Should().BeApproximately((4.0 / 9 - 34.0 / 64) / (1 - 34.0 / 64), 1e-12);
    }

    // --- Krippendorff ---

    /// <summary>Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units, values 1–5, with missing values.</summary>
    private static readonly long?[][] Reliability =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    [Theory]
    [InlineData(MeasurementLevel.Nominal, 0.743)]
    [InlineData(MeasurementLevel.Ordinal, 0.815)]
    [InlineData(MeasurementLevel.Interval, 0.849)]
    [InlineData(MeasurementLevel.Ratio, 0.797)]
    public void Krippendorff_alpha_of_the_published_example_matches_and_equals_the_pairwise_definition(MeasurementLevel level, double published)
    {
        var data = Raters(("A", Reliability[0]), ("B", Reliability[1]), ("C", Reliability[2]), ("D", Reliability[3]));
        var r = Run(new MulticolumnKrippendorffAlphaToBeBetween { ColumnList = ValueList.Create(["A", "B", "C", "D"]), LevelOfMeasurement = level }, Split(data, 5), None, threads: 2);
        var alpha = Observed(r);
        Math.Round(alpha, 3).Should().Be(published);
        var delta = level switch { MeasurementLevel.Ordinal => Ordinal, MeasurementLevel.Interval => Interval, MeasurementLevel.Ratio => (Func<double, double, Dictionary<double, double>, double>)Ratio, _ => Nominal };
        alpha.Should().BeApproximately(ReferenceAlpha(Reliability, delta), 1e-12);
        r.Result.Details!.Value.GetProperty("units").GetInt32().Should().Be(11, "unit 12 has a single value");
    }

    [Fact]
    public void Krippendorff_interval_needs_numbers()
    {
        var data = InMemoryTable.Builder().Add("a", new[] { "x", "y" }).Add("b", new[] { "x", "x" }).Build();
        Run(new MulticolumnKrippendorffAlphaToBeBetween { ColumnList = ValueList.Create(["a", "b"]), LevelOfMeasurement = MeasurementLevel.Interval }, data, None)
            .ExceptionInfo!.ExceptionMessage.Should().Contain("needs numeric ratings");
    }

    // --- Coverage ---

    [Fact]
    public void The_proportion_of_double_annotated_items_is_checked_like_gx()
    {
        var data = Raters(("second", [1, null, null, null, 2, null, null, null, null, null]));
        Run(new ColumnProportionOfNonNullValuesToBeBetween { Column = "second", Bounds = new(Scalar.From(0.1), Scalar.From(0.2)) }, data, None).Success.Should().BeTrue();
        var r = Run(new ColumnProportionOfNonNullValuesToBeBetween { Column = "second", Bounds = new(Scalar.From(0.3), null) }, data, None);
        r.Success.Should().BeFalse();
        Observed(r).Should().Be(0.2);
        Run(new ColumnProportionOfNonNullValuesToBeBetween { Column = "second", Bounds = new(Scalar.From(0.0), null) }, Raters(("second", [])), None).Success.Should().BeFalse("an empty table has no proportion");
    }

    [Fact]
    public void Dsl_and_json()
    {
        var suite = Expect.Suite("s")
            .Table(t => t.CohensKappa("a", "b", min: 0.6, weights: KappaWeights.Quadratic).FleissKappa(["a", "b", "c"], 0.4).KrippendorffAlpha(["a", "b"], 0.667, level: MeasurementLevel.Ordinal, categories: [Scalar.From("lo"), Scalar.From("hi")]))
            .Column<string>("b", c => c.ProportionNonNullBetween(0.1, 0.2))
            .Build();
        var json = SuiteJson.Serialize(suite);
        json.Should().Contain("\"weights\": \"quadratic\"").And.Contain("\"level_of_measurement\": \"ordinal\"");
        SuiteJson.Parse(json).Expectations.Should().Equal(suite.Expectations);

        var bad = () => new MulticolumnFleissKappaToBeBetween { ColumnList = ValueList.Create(["a"]) }.ThrowIfInvalid();
        bad.Should().Throw<InvalidExpectationException>().WithMessage("*at least two*");
    }
}
