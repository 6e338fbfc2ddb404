using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Expectations.Kernels;
using Expectations.Tests.Incremental;
using static Expectations.Tests.Checks.Leakage.LeakageTestData;

namespace Expectations.Tests.Checks.Normalize;

/// <summary>
/// <c>normalize</c> on <c>expect_column_values_to_be_unique</c> and <c>expect_compound_columns_to_be_unique</c>: the wire
/// form and its errors, each step, the original values reported, other column kinds, nulls, parts merged, saved states.
/// </summary>
public sealed class NormalizedUniqueTests
{
    private static readonly Dictionary<string, IDataSource> NoOthers = [];

    private static InMemoryTable Texts(IReadOnlyList<string?> texts) => InMemoryTable.Builder().Add("t", texts).Build();

    private static ExpectationResult Unique(IReadOnlyList<string?> texts, TextNormalization steps, int? threads = null) =>
        Run(new ColumnValuesToBeUnique { Column = "t", Normalize = steps }, Texts(texts), NoOthers, ResultFormat.Of(ResultFormatLevel.Complete), threads);

    private static ExpectationSuite Parse(string kwargs, string type = ColumnValuesToBeUnique.TypeName) =>
        SuiteJson.Parse($$"""{"name": "s", "expectations": [{"type": "{{type}}", "kwargs": {{kwargs}}}]}""");

    private static string KwargsOf(ExpectationSuite suite) =>
        System.Text.Json.Nodes.JsonNode.Parse(SuiteJson.Serialize(suite))!["expectations"]![0]!["kwargs"]!.ToJsonString();

    /// <summary>An independent reference of the documented steps, on .NET strings: Regex <c>\s</c> (Unicode whitespace), <see cref="string.Trim()"/>, <see cref="string.ToLowerInvariant"/>.</summary>
    private static string Reference(string text, TextNormalization steps)
    {
        if (steps.HasFlag(TextNormalization.Whitespace))
        {
            text = Regex.Replace(text, @"\s+", " ");
        }

        if (steps.HasFlag(TextNormalization.Trim))
        {
            text = text.Trim();
        }

        return steps.HasFlag(TextNormalization.Case) ? text.ToLowerInvariant() : text;
    }

    // ----- wire form -----

    [Fact]
    public void True_is_every_step_false_or_absent_is_none_and_a_list_names_steps()
    {
        Parse("""{"column": "t", "normalize": true}""").Expectations.Single().Should().BeOfType<ColumnValuesToBeUnique>().Which.Normalize.Should().Be(TextNormalization.All);
        Parse("""{"column": "t", "normalize": false}""").Expectations.Single().Should().BeOfType<ColumnValuesToBeUnique>().Which.Normalize.Should().Be(TextNormalization.None);
        Parse("""{"column": "t"}""").Expectations.Single().Should().BeOfType<ColumnValuesToBeUnique>().Which.Normalize.Should().Be(TextNormalization.None);
        Parse("""{"column": "t", "normalize": ["whitespace", "case"]}""").Expectations.Single().Should().BeOfType<ColumnValuesToBeUnique>()
            .Which.Normalize.Should().Be(TextNormalization.Whitespace | TextNormalization.Case);
        Parse("""{"column_list": ["a", "b"], "normalize": ["trim"]}""", CompoundColumnsToBeUnique.TypeName).Expectations.Single().Should().BeOfType<CompoundColumnsToBeUnique>()
            .Which.Normalize.Should().Be(TextNormalization.Trim);
    }

    [Theory]
    [InlineData("""{"column": "t", "normalize": true}""", """{"column":"t","normalize":true}""")]
    [InlineData("""{"column": "t", "normalize": ["whitespace", "trim"]}""", """{"column":"t","normalize":["trim","whitespace"]}""")]
    [InlineData("""{"column": "t", "normalize": ["case"]}""", """{"column":"t","normalize":["case"]}""")]
    [InlineData("""{"column": "t", "normalize": ["case", "trim", "whitespace"]}""", """{"column":"t","normalize":true}""")]
    [InlineData("""{"column": "t", "normalize": false}""", """{"column":"t"}""")]
    [InlineData("""{"column": "t"}""", """{"column":"t"}""")]
    public void Suites_write_normalize_back_as_true_or_the_list_in_step_order_and_leave_it_out_when_off(string kwargs, string written)
    {
        var suite = Parse(kwargs);
        KwargsOf(suite).Should().Be(written);
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Should().Be(suite);
    }

    [Fact]
    public void The_compound_check_round_trips_and_without_normalize_is_written_as_before()
    {
        var with = Parse("""{"column_list": ["a", "b"], "normalize": ["case", "trim"]}""", CompoundColumnsToBeUnique.TypeName);
        var plain = KwargsOf(Parse("""{"column_list": ["a", "b"]}""", CompoundColumnsToBeUnique.TypeName));
        plain.Should().NotContain("normalize");
        KwargsOf(with).Should().Be("""{"normalize":["trim","case"],""" + plain[1..]);
        SuiteJson.Parse(SuiteJson.Serialize(with)).Should().Be(with);
    }

    [Theory]
    [InlineData("""["trim", "lower"]""", "normalize[1]: 'lower' is not a step")]
    [InlineData("""["Trim"]""", "normalize[0]: 'Trim' is not a step")]
    [InlineData("""["case", "case"]""", "normalize[1]: 'case' is listed twice")]
    [InlineData("""[]""", "normalize is an empty list")]
    [InlineData("""[1]""", "normalize[0] must be a step name")]
    [InlineData("\"trim\"", "normalize must be true, false or a list")]
    [InlineData("1", "normalize must be true, false or a list")]
    [InlineData("null", "must not be null")]
    public void A_bad_normalize_is_refused_when_the_suite_is_read_naming_the_expectation_and_kwarg(string value, string problem)
    {
        foreach (var (type, column) in new[] { (ColumnValuesToBeUnique.TypeName, "\"column\": \"t\""), (CompoundColumnsToBeUnique.TypeName, "\"column_list\": [\"a\", \"b\"]") })
        {
            var read = () => Parse($$"""{{{column}}, "normalize": {{value}}}""", type);
            var ex = read.Should().Throw<SuiteFormatException>().Which;
            ex.Message.Should().Contain(type).And.Contain(problem);
            ex.JsonPath.Should().EndWith(".normalize");
            ex.Argument.Should().Be("normalize");
        }
    }

    [Fact]
    public void A_value_of_no_known_step_from_CSharp_is_an_invalid_expectation()
    {
        var build = () => Expect.Suite("s").Column("t", c => c.Unique((TextNormalization)8)).Build();
        build.Should().Throw<InvalidExpectationException>().WithMessage("*expect_column_values_to_be_unique*normalize*");
    }

    [Fact]
    public void The_DSL_verbs_set_normalize()
    {
        var suite = Expect.Suite("s")
            .Column("t", c => c.Unique(TextNormalization.All))
            .Table(t => t.CompoundUnique(["a", "b"], TextNormalization.Case | TextNormalization.Trim))
            .Build();
        suite.Expectations[0].Should().Be(new ColumnValuesToBeUnique { Column = "t", Normalize = TextNormalization.All });
        suite.Expectations[1].Should().Be(new CompoundColumnsToBeUnique { ColumnList = ValueList.From(["a", "b"]), Normalize = TextNormalization.Case | TextNormalization.Trim });
        suite.Expectations[0].Should().NotBe(new ColumnValuesToBeUnique { Column = "t" });
    }

    // ----- the steps -----

    [Theory]
    [InlineData(TextNormalization.Whitespace, new[] { "a  b", "a b", "a\t\u00A0b", " a", "  a", "a ", "A b" }, new long[] { 0, 1, 2, 3, 4 })]
    [InlineData(TextNormalization.Trim, new[] { " a ", "a", "\u3000a\n", "a  b", "a b", "A" }, new long[] { 0, 1, 2 })]
    [InlineData(TextNormalization.Case, new[] { "ABC", "abc", "Abc", " abc", "ΣΑΣ", "σασ", "straße", "STRASSE" }, new long[] { 0, 1, 2, 4, 5 })]
    [InlineData(TextNormalization.All, new[] { "Hello  World", " hello world", "HELLO\u00A0WORLD\t", "Hello World!", "helloworld" }, new long[] { 0, 1, 2 })]
    [InlineData(TextNormalization.None, new[] { "Hello  World", " hello world", "Hello  World" }, new long[] { 0, 2 })]
    public void Each_step_makes_exactly_the_documented_texts_duplicates(TextNormalization steps, string[] texts, long[] unexpected)
    {
        var r = Unique(texts, steps);
        r.ExceptionInfo.Should().BeNull();
        r.Result.UnexpectedIndexList.Should().Equal(unexpected);
        r.Result.UnexpectedCount.Should().Be(unexpected.Length);
        r.Success.Should().Be(unexpected.Length == 0);
    }

    [Fact]
    public void The_rows_reported_show_the_original_values_not_the_normalised_ones()
    {
        var r = Unique(["Hello  World", "other", " hello world", null, "HELLO WORLD", "Other "], TextNormalization.All);
        r.Result.UnexpectedIndexList.Should().Equal(0, 1, 2, 4, 5);
        r.Result.PartialUnexpectedList!.Select(v => v.GetString()).Should().Equal("Hello  World", "other", " hello world", "HELLO WORLD", "Other ");
        r.Result.UnexpectedList!.Select(v => v.GetString()).Should().Equal("Hello  World", "other", " hello world", "HELLO WORLD", "Other ");
        r.Result.MissingCount.Should().Be(1);
        r.Result.ElementCount.Should().Be(6);
        r.Result.UnexpectedCount.Should().Be(5);
    }

    [Fact]
    public void Nulls_stay_missing_and_never_duplicate_each_other_or_the_empty_text()
    {
        var r = Unique([null, null, "", "  ", "x"], TextNormalization.All);
        r.Result.MissingCount.Should().Be(2);
        r.Result.UnexpectedIndexList.Should().Equal(2, 3);
        r.Result.PartialUnexpectedList!.Select(v => v.GetString()).Should().Equal("", "  ");
    }

    [Fact]
    public void A_column_that_is_not_text_fails_naming_the_column_and_its_type()
    {
        var table = InMemoryTable.Builder().Add("id", new long?[] { 1, 2, 2 }).Add("t", new[] { "a", "b", "c" }).Build();
        var r = Run(new ColumnValuesToBeUnique { Column = "id", Normalize = TextNormalization.Case }, table, NoOthers);
        r.Success.Should().BeFalse();
        r.ExceptionInfo!.ExceptionMessage.Should().Contain("normalize").And.Contain("'id'").And.Contain("long").And.Contain("integer");

        Run(new ColumnValuesToBeUnique { Column = "id" }, table, NoOthers).Result.UnexpectedCount.Should().Be(2, "without normalize the column is checked as before");
        var compound = Run(new CompoundColumnsToBeUnique { ColumnList = ValueList.From(["id"]), Normalize = TextNormalization.All }, table, NoOthers);
        compound.ExceptionInfo!.ExceptionMessage.Should().Contain("normalize").And.Contain("'id'").And.Contain("none of");
    }

    [Fact]
    public void Compound_uniqueness_normalises_the_text_columns_only_and_reports_original_combinations()
    {
        var table = InMemoryTable.Builder()
            .Add("name", new[] { "Ada  Lovelace", "ada lovelace", "ADA LOVELACE ", "Ada Lovelace", null, null })
            .Add("n", new long?[] { 1, 1, 2, 1, 7, 7 })
            .Add("city", new[] { "London", " london", "London", "LONDON", "Paris", "paris" })
            .Build();
        var e = new CompoundColumnsToBeUnique { ColumnList = ValueList.From(["name", "n", "city"]), Normalize = TextNormalization.All };
        var r = Run(e, table, NoOthers, ResultFormat.Of(ResultFormatLevel.Complete));
        r.ExceptionInfo.Should().BeNull();
        r.Result.UnexpectedIndexList.Should().Equal(new long[] { 0, 1, 3, 4, 5 }, "row 2 differs in n; rows 4 and 5 are null names with equal cities");
        r.Result.UnexpectedList!.Select(v => v.GetRawText()).Should().Equal(
            """{"name":"Ada  Lovelace","n":1,"city":"London"}""",
            """{"name":"ada lovelace","n":1,"city":" london"}""",
            """{"name":"Ada Lovelace","n":1,"city":"LONDON"}""",
            """{"name":null,"n":7,"city":"Paris"}""",
            """{"name":null,"n":7,"city":"paris"}""");

        var exact = Run(e with { Normalize = TextNormalization.None }, table, NoOthers);
        exact.Result.UnexpectedCount.Should().Be(0);
    }

    // ----- against a reference, whole and in parts -----

    private static readonly string[] Pieces =
        ["a", "A", "b", "B", " ", "  ", "\t", "\n", "\u00A0", "\u2003", "\u3000", "\u2028", "\u0085", "É", "é", "Σ", "σ", "ς", "İ", "ı", "I", "i", "Ⱥ", "ⱥ", "ß", "ẞ", "\u2126", "\u212A", "k", "𐐀", "𐐨", "😀", "x"];

    private static readonly Gen<string?> Text = Gen.OneOf(Pieces).Array[0, 5].Select(p => string.Concat(p)).Null(0.1);

    [Fact]
    public void Counts_rows_and_values_equal_a_reference_over_strings_for_every_step_set_whole_and_merged_from_parts()
    {
        Gen.Select(Text.Array[0, 40], Gen.Int[0, 7], Gen.Int[1, 9]).Sample((texts, bits, part) =>
        {
            var steps = (TextNormalization)bits;
            var groups = texts.Select((t, i) => (t, i)).Where(x => x.t is not null).GroupBy(x => Reference(x.t!, steps), StringComparer.Ordinal)
                .Where(g => g.Count() > 1).SelectMany(g => g).OrderBy(x => x.i).ToList();
            var table = Texts(texts);
            foreach (var source in new IDataSource[] { table, Split(table, part) })
            {
                foreach (var threads in new int?[] { 1, 3 })
                {
                    var r = Run(new ColumnValuesToBeUnique { Column = "t", Normalize = steps }, source, NoOthers, ResultFormat.Of(ResultFormatLevel.Complete), threads);
                    r.Result.UnexpectedCount.Should().Be(groups.Count);
                    r.Result.UnexpectedIndexList.Should().Equal(groups.Select(x => (long)x.i));
                    r.Result.UnexpectedList!.Select(v => v.GetString()).Should().Equal(groups.Select(x => x.t));

                    var summary = Run(new ColumnValuesToBeUnique { Column = "t", Normalize = steps }, source, NoOthers, ResultFormat.Of(ResultFormatLevel.Summary) with { PartialUnexpectedCount = 3 }, threads);
                    summary.Result.PartialUnexpectedList!.Select(v => v.GetString()).Should().Equal(groups.Take(3).Select(x => x.t));
                }
            }
        }, iter: 150);
    }

    [Fact]
    public void The_normaliser_equals_the_string_reference_for_every_step_set()
    {
        Gen.Select(Gen.OneOf(Pieces).Array[0, 8].Select(p => string.Concat(p)), Gen.Int[0, 7]).Sample((text, bits) =>
        {
            var steps = (TextNormalization)bits;
            var normalizer = Expectations.Engine.Checks.TextNormalizers.Create(steps);
            var bytes = Encoding.UTF8.GetBytes(text);
            Encoding.UTF8.GetString(normalizer.Normalize(bytes)).Should().Be(Reference(text, steps), $"steps {steps}, text {JsonSerializer.Serialize(text)}");
        }, iter: 2000);
    }

    [Fact]
    public void Case_lowers_every_code_point_of_the_basic_plane_and_the_astral_letters_as_ToLowerInvariant_does()
    {
        var normalizer = Expectations.Engine.Checks.TextNormalizers.Create(TextNormalization.Case);
        var codePoints = Enumerable.Range(0, 0x10000).Where(c => c is < 0xD800 or > 0xDFFF).Concat([0x10400, 0x10427, 0x1E900, 0x1F600, 0x10FFFF]);
        foreach (var c in codePoints)
        {
            var text = char.ConvertFromUtf32(c);
            Encoding.UTF8.GetString(normalizer.Normalize(Encoding.UTF8.GetBytes(text))).Should().Be(text.ToLowerInvariant(), $"U+{c:X4}");
        }
    }

    [Fact]
    public void Text_that_is_already_normal_is_returned_without_a_copy()
    {
        var normalizer = Expectations.Engine.Checks.TextNormalizers.Create(TextNormalization.All);
        var clean = Encoding.UTF8.GetBytes("café crème 42 naïve");
        normalizer.Normalize(clean).Overlaps(clean).Should().BeTrue();
        var messy = Encoding.UTF8.GetBytes("Café crème");
        var normal = normalizer.Normalize(messy);
        normal.Overlaps(messy).Should().BeFalse();
        Encoding.UTF8.GetString(normal).Should().Be("café crème");
    }

    [Fact]
    public void Compound_counts_and_rows_equal_a_reference_whole_and_merged_from_parts()
    {
        Gen.Select(Gen.Select(Text, Gen.Int[0, 2].Nullable(0.2)).Array[0, 30], Gen.Int[1, 7], Gen.Int[1, 7]).Sample((rows, bits, part) =>
        {
            var steps = (TextNormalization)bits;
            var table = InMemoryTable.Builder().Add("s", rows.Select(r => r.Item1).ToList()).Add("n", rows.Select(r => (long?)r.Item2).ToList()).Build();
            var keys = rows.Select(r => (S: r.Item1 is null ? "\0null" : Reference(r.Item1, steps), N: r.Item2)).ToList();
            var kept = Enumerable.Range(0, rows.Length).Where(i => rows[i].Item1 is not null || rows[i].Item2 is not null).ToList();
            var expected = kept.Where(i => kept.Count(j => keys[j] == keys[i]) > 1).Select(i => (long)i).ToList();
            foreach (var source in new IDataSource[] { table, Split(table, part) })
            {
                var r = Run(new CompoundColumnsToBeUnique { ColumnList = ValueList.From(["s", "n"]), Normalize = steps }, source, NoOthers, ResultFormat.Of(ResultFormatLevel.Complete), threads: 2);
                r.Result.UnexpectedIndexList.Should().Equal(expected);
                r.Result.UnexpectedList!.Select(v => v.GetProperty("s").ValueKind == JsonValueKind.Null ? null : v.GetProperty("s").GetString())
                    .Should().Equal(expected.Select(i => rows[i].Item1), "the values shown are the originals");
            }
        }, iter: 120);
    }

    // ----- saved states -----

    [Fact]
    public async Task Saved_states_reproduce_the_full_report_and_are_not_reused_under_another_normalize()
    {
        TestRow Row(long id, string? name) => new(id, null, name, "c", 0);
        List<TestPart> parts =
        [
            new("p0", 0, [Row(0, "Hello  World"), Row(1, "x"), Row(2, " X ")]),
            new("p1", 0, [Row(3, " hello world"), Row(4, null), Row(5, "y")]),
            new("p2", 0, [Row(6, "HELLO WORLD"), Row(7, "Y"), Row(8, "z")]),
        ];
        var options = new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };
        var store = new MemoryStateStore();

        async Task<ValidationReport> RunAsync(TextNormalization steps)
        {
            var plan = ValidationPlan.Compile(new ExpectationSuite("s",
            [
                new ColumnValuesToBeUnique { Column = "name", Normalize = steps },
                new CompoundColumnsToBeUnique { ColumnList = ValueList.From(["name", "cat"]), Normalize = steps },
            ]));
            var full = await plan.ValidateAsync(new PartsSource(parts), options);
            var incremental = await plan.ValidateAsync(new PartsSource(parts), options with { StateStore = store });
            full.Results.Should().OnlyContain(r => r.ExceptionInfo == null);
            IncrementalTestData.Comparable(incremental).Should().Be(IncrementalTestData.Comparable(full));
            return incremental;
        }

        var first = await RunAsync(TextNormalization.All);
        first.Meta.Incremental!.PartitionsRecomputed.Should().Be(3);
        first.Results[0].Result.UnexpectedIndexList.Should().Equal(0, 1, 2, 3, 5, 6, 7);
        first.Results[0].Result.UnexpectedList!.Select(v => v.GetString()).Should().Equal("Hello  World", "x", " X ", " hello world", "y", "HELLO WORLD", "Y");

        var second = await RunAsync(TextNormalization.All);
        second.Meta.Incremental!.PartitionsReused.Should().Be(3);
        second.Results[0].Result.UnexpectedList!.Select(v => v.GetString()).Should().Equal("Hello  World", "x", " X ", " hello world", "y", "HELLO WORLD", "Y");

        var other = await RunAsync(TextNormalization.Case);
        other.Meta.Incremental!.PartitionsReused.Should().Be(0, "a state saved with another normalize is another plan's");
        other.Meta.Incremental.PartitionsRecomputed.Should().Be(3);
        other.Results[0].Result.UnexpectedIndexList.Should().Equal(5, 7);

        var none = await RunAsync(TextNormalization.None);
        none.Meta.Incremental!.PartitionsReused.Should().Be(0);
        none.Results[0].Result.UnexpectedCount.Should().Be(0);
    }

    [Fact]
    public void A_table_keeping_originals_saves_and_loads_them_exactly()
    {
        var table = new ByteDuplicateTable(sampleCap: 10, keepOriginals: true);
        var normalizer = Expectations.Engine.Checks.TextNormalizers.Create(TextNormalization.All);
        string[] texts = ["A  b", "a b", "c", " C", "a b", "d"];
        for (var i = 0; i < texts.Length; i++)
        {
            var original = Encoding.UTF8.GetBytes(texts[i]);
            var key = normalizer.Normalize(original).ToArray();
            table.Add(key, ByteDuplicateTable.Hash(key), i, original);
        }

        var writer = new StateWriter(0);
        table.Save(writer);
        var loaded = new ByteDuplicateTable(sampleCap: 10, keepOriginals: true);
        var reader = new StateReader(writer.Written.ToArray(), 0);
        loaded.Load(reader);
        foreach (var t in new[] { table, loaded })
        {
            t.Unexpected.Should().Be(5);
            t.FirstUnexpected(10).Select(r => (r.Row, Encoding.UTF8.GetString(t.OriginalOf(r.Row, r.Entry))))
                .Should().Equal((0L, "A  b"), (1L, "a b"), (2L, "c"), (3L, " C"), (4L, "a b"));
        }
    }
}
