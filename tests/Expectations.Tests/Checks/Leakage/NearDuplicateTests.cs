using System.Text;
using static Expectations.Tests.Checks.Leakage.LeakageTestData;

namespace Expectations.Tests.Checks.Leakage;

public class NearDuplicateTests
{
    private static readonly Dictionary<string, IDataSource> NoOthers = [];

    private static InMemoryTable Texts(IReadOnlyList<string?> texts) => InMemoryTable.Builder().Add("body", texts).Build();

    /// <summary>An independent reference: the exact Jaccard similarity of the sets of whitespace-separated words.</summary>
    private static double WordJaccard(string a, string b)
    {
        var x = a.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var y = b.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        return (double)x.Intersect(y).Count() / x.Union(y).Count();
    }

    /// <summary>An independent reference: character 5-grams of the text lower-cased, with punctuation and symbols dropped and whitespace runs as one space.</summary>
    private static double CharJaccard(string a, string b)
    {
        static HashSet<string> Grams(string s)
        {
            var kept = new string(s.Where(ch => !char.IsPunctuation(ch) && !char.IsSymbol(ch)).ToArray()).ToLowerInvariant();
            var text = string.Join(' ', kept.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return text.Length <= 5 ? [text] : Enumerable.Range(0, text.Length - 4).Select(i => text.Substring(i, 5)).ToHashSet();
        }

        var x = Grams(a);
        var y = Grams(b);
        return (double)x.Intersect(y).Count() / x.Union(y).Count();
    }

    private static string Words(Random random, int count, string prefix) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => prefix + random.Next(100_000_000).ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A pair of texts of <paramref name="n"/> distinct words each sharing <paramref name="shared"/>: Jaccard shared / (2n − shared).</summary>
    private static (string A, string B) Pair(Random random, int n, int shared, int id)
    {
        var common = Words(random, shared, $"c{id}_");
        return ($"{common} {Words(random, n - shared, $"a{id}_")}", $"{common} {Words(random, n - shared, $"b{id}_")}");
    }

    [Fact]
    public void Planted_pairs_at_the_threshold_are_found_at_the_stated_recall_and_pairs_below_it_never()
    {
        var random = new Random(2026);
        var here = new List<string?>();
        var there = new List<string?>();
        const int AtThreshold = 3000;
        for (var i = 0; i < AtThreshold; i++)
        {
            var (a, b) = Pair(random, 45, 40, i);   // 40 / 50 = 0.8 exactly
            here.Add(a);
            there.Add(b);
        }

        for (var i = 0; i < 1000; i++)
        {
            var (a, b) = Pair(random, 34, 28, AtThreshold + i);   // 28 / 40 = 0.7: below the threshold
            here.Add(a);
            there.Add(b);
        }

        var e = new ColumnValuesToNotHaveNearDuplicatesInOtherTable
        {
            Column = "body", OtherTableName = "train", Shingle = ShingleUnit.Word, Ngram = 1, Normalize = ValueList<string>.Empty,
        };
        var r = Run(e, Texts(here), Other("train", Texts(there)), ResultFormat.Of(ResultFormatLevel.Complete));
        var d = r.Result.Details!.Value;
        var stated = d.GetProperty("expected_recall").GetDouble();
        stated.Should().BeApproximately(1 - Math.Pow(1 - Math.Pow(0.8, d.GetProperty("rows_per_band").GetInt32()), d.GetProperty("bands").GetInt32()), 1e-12);

        // Every reported row is a planted pair at the threshold, never one below it, and every reported pair is real.
        r.Result.UnexpectedIndexList.Should().OnlyContain(row => row < AtThreshold);
        foreach (var p in d.GetProperty("pairs").EnumerateArray())
        {
            var jaccard = WordJaccard(p.GetProperty("text").GetString()!, p.GetProperty("other_text").GetString()!);
            jaccard.Should().BeGreaterThanOrEqualTo(0.8);
            p.GetProperty("jaccard").GetDouble().Should().Be(jaccard);
            p.GetProperty("other_row").GetInt64().Should().Be(p.GetProperty("row").GetInt64());
        }

        var measured = (double)r.Result.UnexpectedCount!.Value / AtThreshold;
        var sd = Math.Sqrt(stated * (1 - stated) / AtThreshold);
        measured.Should().BeApproximately(stated, 4 * sd, $"stated recall {stated}, measured {measured}");
        measured.Should().BeLessThan(1.0, "at the threshold some pairs are missed: the recall stated is below 1");
        r.Success.Should().BeFalse();
    }

    [Fact]
    public void Character_shingles_of_normalised_text_match_an_independent_computation()
    {
        var here = new[] { "The quick brown fox jumps over the lazy dog!", "Completely different sentence here.", null, "Hello,   World" };
        var there = new[] { "the quick brown fox jumped over the lazy dog", "HELLO world!!", "unrelated" };
        var r = Run(new ColumnValuesToNotHaveNearDuplicatesInOtherTable { Column = "body", OtherTableName = "train", Threshold = 0.6 }, Texts(here), Other("train", Texts(there)), ResultFormat.Of(ResultFormatLevel.Complete));
        var expected = Enumerable.Range(0, here.Length).Where(i => here[i] is { } h && there.Any(t => CharJaccard(h, t) >= 0.6)).Select(i => (long)i).ToList();
        expected.Should().Equal(0, 3);
        r.Result.UnexpectedIndexList.Should().Equal(expected);
        r.Result.MissingCount.Should().Be(1);
        var pairs = r.Result.Details!.Value.GetProperty("pairs").EnumerateArray().ToList();
        pairs[0].GetProperty("jaccard").GetDouble().Should().Be(1.0, "punctuation, case and whitespace are normalised away");
        pairs[0].GetProperty("row").GetInt64().Should().Be(3);
        pairs[1].GetProperty("jaccard").GetDouble().Should().Be(CharJaccard(here[0]!, there[0]));
    }

    [Fact]
    public void Clusters_within_a_table_equal_the_connected_components_of_the_true_pairs()
    {
        var random = new Random(5);
        var texts = new List<string?>();
        var groups = new List<int>();
        for (var g = 0; g < 12; g++)
        {
            var size = random.Next(1, 4);
            var core = Words(random, 60, $"g{g}_");
            for (var k = 0; k < size; k++)
            {
                // 60 shared words + 3 own: pairwise 60 / 66 ≈ 0.91.
                texts.Add($"{core} {Words(random, 3, $"g{g}m{k}_")}");
                groups.Add(g);
            }
        }

        texts.Add(texts[0]);   // an exact duplicate joins the first cluster
        groups.Add(groups[0]);
        texts.Add(null);
        groups.Add(-1);
        var order = Enumerable.Range(0, texts.Count).OrderBy(_ => random.Next()).ToArray();
        var shuffled = order.Select(i => texts[i]).ToList();
        var shuffledGroups = order.Select(i => groups[i]).ToList();

        var e = new ColumnValuesToNotHaveNearDuplicates { Column = "body", Shingle = ShingleUnit.Word, Ngram = 1 };
        var r = Run(e, Split(Texts(shuffled), 5), NoOthers, ResultFormat.Of(ResultFormatLevel.Complete), threads: 2);
        var sizes = shuffledGroups.Where(g => g >= 0).GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        var expected = Enumerable.Range(0, shuffled.Count).Where(i => shuffledGroups[i] >= 0 && sizes[shuffledGroups[i]] > 1).Select(i => (long)i).ToList();
        r.Result.UnexpectedIndexList.Should().Equal(expected);
        var clusters = r.Result.Details!.Value.GetProperty("clusters").EnumerateArray().ToList();
        clusters.Should().HaveCount(sizes.Count(s => s.Value > 1));
        foreach (var c in clusters)
        {
            var rows = c.GetProperty("rows").EnumerateArray().Select(x => (int)x.GetInt64()).ToList();
            rows.Select(i => shuffledGroups[i]).Distinct().Should().ContainSingle("a cluster is one planted group");
            c.GetProperty("size").GetInt32().Should().Be(sizes[shuffledGroups[rows[0]]]);
            c.GetProperty("min_jaccard").GetDouble().Should().BeGreaterThanOrEqualTo(0.8);
        }

        clusters[0].GetProperty("size").GetInt32().Should().BeGreaterThanOrEqualTo(clusters[^1].GetProperty("size").GetInt32());
    }

    [Fact]
    public void Distinct_texts_pass()
    {
        var r = Run(new ColumnValuesToNotHaveNearDuplicates { Column = "body" }, Texts(["alpha beta gamma", "delta epsilon zeta", "", null]), NoOthers);
        r.Success.Should().BeTrue();
        r.Result.Details!.Value.GetProperty("cluster_count").GetInt64().Should().Be(0);
    }

    [Fact]
    public void Bad_input_is_a_clear_error()
    {
        var numbers = InMemoryTable.Builder().Add("body", new long?[] { 1 }).Build();
        Run(new ColumnValuesToNotHaveNearDuplicates { Column = "body" }, numbers, NoOthers).ExceptionInfo!.ExceptionMessage.Should().Contain("near-duplicates are found in text");
        Run(new ColumnValuesToNotHaveNearDuplicatesInOtherTable { Column = "body", OtherTableName = "train" }, Texts(["a"]), Other("train", numbers)).ExceptionInfo!.ExceptionMessage
            .Should().Contain("in the other table 'train'");
        Run(new ColumnValuesToNotHaveNearDuplicatesInOtherTable { Column = "body", OtherTableName = "train" }, Texts(["a"]), NoOthers).ExceptionInfo!.ExceptionMessage
            .Should().Contain("'train' was not supplied");
        var bad = () => new ColumnValuesToNotHaveNearDuplicates { Column = "body", Threshold = 0, NumPerm = 8, Ngram = 0, Normalize = ValueList.Create(["stem"]) }.ThrowIfInvalid();
        bad.Should().Throw<InvalidExpectationException>().WithMessage("*threshold*").WithMessage("*num_perm*").WithMessage("*ngram*").WithMessage("*'stem' is not a step*");
    }

    [Fact]
    public void Banding_reaches_the_target_recall_with_the_fewest_candidates()
    {
        var (b, r) = Expectations.Engine.Checks.MinHasher.ChooseBanding(128, 0.8);
        (b * r).Should().BeLessThanOrEqualTo(128);
        (1 - Math.Pow(1 - Math.Pow(0.8, r), b)).Should().BeGreaterThanOrEqualTo(0.95);
        // One more row per band (fewer false candidates) would fall below the target.
        var fewer = 128 / (r + 1);
        (1 - Math.Pow(1 - Math.Pow(0.8, r + 1), fewer)).Should().BeLessThan(0.95);
    }

    [Fact]
    public void Dsl_and_json()
    {
        var suite = Expect.Suite("s")
            .Column<string>("body", c => c.NoNearDuplicates(threshold: 0.9).NoNearDuplicatesInOtherTable("train", shingle: ShingleUnit.Word, ngram: 2))
            .Build();
        var json = SuiteJson.Serialize(suite);
        json.Should().Contain("\"shingle\": \"word\"").And.Contain("\"threshold\": 0.9");
        SuiteJson.Parse(json).Expectations.Should().Equal(suite.Expectations);
    }
}
