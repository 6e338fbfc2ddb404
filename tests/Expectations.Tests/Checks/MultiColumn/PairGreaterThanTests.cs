using CsCheck;
using Expectations.Engine.Checks;

namespace Expectations.Tests.Checks.MultiColumn;

public class PairGreaterThanTests
{
    /// <summary>The GX fixture dataset of expect_column_pair_values_a_to_be_greater_than_b (y and z are floats in pandas).</summary>
    private static InMemoryTable Fixture() => InMemoryTable.Builder()
        .Add("w", new long?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
        .Add("x", new long?[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 })
        .Add("y", new double?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, null })
        .Add("z", new double?[] { 1, 2, 3, 4, 5, null, null, null, null, null })
        .Add("c", new long?[] { 1, 2, 3, 6, 7, 6, 7, 8, 9, 10 })
        .Build();

    private static ExpectationResult Run(Expectation e, IDataSource? data = null, ResultFormatLevel level = ResultFormatLevel.Complete) =>
        ValidationPlan.Compile(new ExpectationSuite("s", [e])).Validate(data ?? Fixture(), new ValidationOptions { ResultFormat = ResultFormat.Of(level) }).Results.Single();

    private static string[] Values(ExpectationResult r) => [.. r.Result.UnexpectedList!.Select(v => v.GetRawText())];

    [Fact]
    public void Basic_positive()
    {
        var r = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "x", ColumnB = "w" });
        r.Success.Should().BeTrue();
        r.Result.UnexpectedList.Should().BeEmpty();
        r.Result.UnexpectedIndexList.Should().BeEmpty();
    }

    [Fact]
    public void Ties_fail_unless_or_equal()
    {
        var ties = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "w", ColumnB = "z", IgnoreRowIf = PairIgnoreRowIf.EitherValueIsMissing });
        ties.Success.Should().BeFalse();
        Values(ties).Should().Equal("[1,1]", "[2,2]", "[3,3]", "[4,4]", "[5,5]");
        ties.Result.UnexpectedIndexList.Should().Equal(0, 1, 2, 3, 4);
        ties.Result.MissingCount.Should().Be(5);

        var orEqual = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "w", ColumnB = "z", OrEqual = true, IgnoreRowIf = PairIgnoreRowIf.EitherValueIsMissing });
        orEqual.Success.Should().BeTrue();
        orEqual.Result.UnexpectedList.Should().BeEmpty();
    }

    [Fact]
    public void Mostly_lets_a_fraction_fail()
    {
        var r = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "x", ColumnB = "c", Mostly = 0.8 });
        r.Success.Should().BeTrue();
        Values(r).Should().Equal("[5,6]", "[6,7]");
        r.Result.UnexpectedIndexList.Should().Equal(3, 4);
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "x", ColumnB = "c", Mostly = 0.9 }).Success.Should().BeFalse();
    }

    [Fact]
    public void Rows_with_one_null_are_unexpected_unless_ignored()
    {
        // Default: only rows where both are null are skipped; w is never null, so rows 5..9 (z null) are unexpected.
        var r = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "w", ColumnB = "z", OrEqual = true });
        r.Result.MissingCount.Should().Be(0);
        r.Result.UnexpectedCount.Should().Be(5);
        Values(r).Should().Equal("[6,null]", "[7,null]", "[8,null]", "[9,null]", "[10,null]");
        r.Result.UnexpectedIndexList.Should().Equal(5, 6, 7, 8, 9);
    }

    [Fact]
    public void Ignore_rules_decide_rows_with_nulls()
    {
        var data = InMemoryTable.Builder()
            .Add("a", new long?[] { 2, null, null, 1, 5 })
            .Add("b", new long?[] { 1, 1, null, 3, null })
            .Build();
        var both = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "a", ColumnB = "b" }, data);
        (both.Result.MissingCount, both.Result.UnexpectedCount).Should().Be((1L, 3L));
        both.Result.UnexpectedIndexList.Should().Equal(1, 3, 4);
        Values(both).Should().Equal("[null,1]", "[1,3]", "[5,null]");

        var either = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "a", ColumnB = "b", IgnoreRowIf = PairIgnoreRowIf.EitherValueIsMissing }, data);
        (either.Result.MissingCount, either.Result.UnexpectedCount).Should().Be((3L, 1L));
        either.Result.UnexpectedPercent.Should().Be(50);

        var neither = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "a", ColumnB = "b", IgnoreRowIf = PairIgnoreRowIf.Neither }, data);
        (neither.Result.MissingCount, neither.Result.UnexpectedCount).Should().Be((0L, 4L));
        neither.Result.UnexpectedIndexList.Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void Numbers_compare_by_value_across_kinds_and_widths()
    {
        var data = InMemoryTable.Builder()
            .Add("i", new int?[] { 1, 2, 3, -1 })
            .Add("d", new double?[] { 0.5, 2.5, double.NaN, -1.5 })
            .Add("m", new decimal?[] { 0.9m, 2m, 3.1m, -1m })
            .Add("l", new long?[] { long.MaxValue, 1, 4, long.MinValue })
            .Build();
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "i", ColumnB = "d" }, data).Result.UnexpectedIndexList.Should().Equal(1, 2); // NaN fails
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "i", ColumnB = "m" }, data).Result.UnexpectedIndexList.Should().Equal(1, 2, 3);
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "i", ColumnB = "m", OrEqual = true }, data).Result.UnexpectedIndexList.Should().Equal(2);
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "l", ColumnB = "i" }, data).Result.UnexpectedIndexList.Should().Equal(1, 3);
    }

    [Fact]
    public void Unsigned_and_signed_integers_compare_without_wrapping()
    {
        var data = new ChunkedTable(2,
            ChunkedTable.Column("u", DataKind.Integer, new ulong?[] { ulong.MaxValue, 0, 5 }),
            ChunkedTable.Column("s", DataKind.Integer, new long?[] { -1, -1, 5 })) { RowCount = 3 };
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "u", ColumnB = "s" }, data).Result.UnexpectedIndexList.Should().Equal(2);
    }

    [Fact]
    public void Strings_and_timestamps_compare_within_their_kind()
    {
        var data = InMemoryTable.Builder()
            .Add("s1", new string?[] { "b", "a", "é", "ab" })
            .Add("s2", new string?[] { "a", "b", "z", "ab" })
            .Add("t1", new DateTime?[] { new(2020, 1, 2), new(2020, 1, 1), null, new(2021, 1, 1) })
            .Add("t2", new DateTime?[] { new(2020, 1, 1), new(2020, 1, 1), new(2020, 1, 1), new(2020, 1, 1) })
            .Build();
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "s1", ColumnB = "s2" }, data).Result.UnexpectedIndexList.Should().Equal(1, 3); // é > z by code point
        var t = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "t1", ColumnB = "t2" }, data);
        t.Result.UnexpectedIndexList.Should().Equal(1, 2);
        Values(t)[0].Should().Be("""["2020-01-01T00:00:00","2020-01-01T00:00:00"]""");
    }

    [Theory]
    [InlineData("s", "n")]
    [InlineData("t", "n")]
    [InlineData("b", "b")]
    public void Mismatched_kinds_are_reported_as_exception_info(string a, string b)
    {
        var data = InMemoryTable.Builder()
            .Add("s", new string?[] { "1" })
            .Add("n", new long?[] { 1 })
            .Add("t", new DateTime?[] { DateTime.UnixEpoch })
            .Add("b", new bool?[] { true })
            .Build();
        var r = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = a, ColumnB = b }, data);
        r.Success.Should().BeFalse();
        r.ExceptionInfo!.ExceptionMessage.Should().Contain($"'{a}'").And.Contain("cannot compare");
    }

    [Fact]
    public void Missing_column_names_the_closest()
    {
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "xx", ColumnB = "w" }).ExceptionInfo!.ExceptionMessage.Should().Contain("'xx'");
    }

    [Fact]
    public void Samples_are_capped_and_in_row_order_across_chunks()
    {
        var a = Enumerable.Range(0, 100).Select(i => i % 7 == 0 ? null : (long?)(i % 3)).ToArray();
        var b = Enumerable.Range(0, 100).Select(i => i % 5 == 0 ? null : (long?)1).ToArray();
        var data = new ChunkedTable(9, ChunkedTable.Column("a", DataKind.Integer, a), ChunkedTable.Column("b", DataKind.Integer, b)) { RowCount = 100 };
        var expected = Enumerable.Range(0, 100).Where(i => !(a[i] is null && b[i] is null) && !(a[i] > b[i])).Select(i => (long)i).ToArray();

        var summary = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "a", ColumnB = "b" }, data, ResultFormatLevel.Summary);
        summary.Result.UnexpectedCount.Should().Be(expected.Length);
        summary.Result.PartialUnexpectedIndexList.Should().Equal(expected.Take(20));
        summary.Result.MissingCount.Should().Be(Enumerable.Range(0, 100).Count(i => a[i] is null && b[i] is null));
        Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "a", ColumnB = "b" }, data).Result.UnexpectedIndexList.Should().Equal(expected);
    }

    [Fact]
    public void Failure_text_names_both_columns()
    {
        var report = ValidationPlan.Compile(Expect.Suite("s").Table(t => t.ColumnGreaterThan("w", "x")).Build()).Validate(Fixture());
        FailureText.Describe(report.Results[0]).Should().StartWith("expect_column_pair_values_a_to_be_greater_than_b [w, x]:");
    }

    [Fact]
    public void Dsl_and_gx_json_agree_and_round_trip()
    {
        var dsl = Expect.Suite("s").Table(t => t.ColumnGreaterThan("x", "c", orEqual: true, ignoreRowIf: PairIgnoreRowIf.Neither, mostly: 0.8)).Build();
        var gx = SuiteJson.Parse("""
            {"name": "s", "expectations": [{"type": "expect_column_pair_values_a_to_be_greater_than_b",
              "kwargs": {"column_A": "x", "column_B": "c", "or_equal": true, "ignore_row_if": "neither", "mostly": 0.8}}]}
            """);
        gx.Should().Be(dsl);
        SuiteJson.Parse(SuiteJson.Serialize(dsl)).Should().Be(dsl);
        SuiteJson.Serialize(dsl).Should().Contain("\"ignore_row_if\": \"neither\"");
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var act = () => Expect.Suite("s").Table(t => t.ColumnGreaterThan("", "b", mostly: 1.5)).Build();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*column_A*").WithMessage("*mostly*");
    }

    [Fact]
    public void Vector_count_agrees_with_scalar_reference()
    {
        var doubles = Gen.Int[0, 80].SelectMany(n => Gen.Double.Array[n].SelectMany(a =>
            Gen.OneOf(Gen.Double.Array[n], Gen.Const(a)).Select(b => (a, b))));
        doubles.Sample((a, b) =>
        {
            foreach (var orEqual in new[] { false, true })
            {
                PairCompareKernel.CountNotGreater<double>(a, b, orEqual).Should().Be(PairCompareKernel.CountNotGreaterScalar<double>(a, b, orEqual));
            }
        });

        var longs = Gen.Int[0, 80].SelectMany(n => Gen.Long[-3, 3].Array[n].SelectMany(a => Gen.Long[-3, 3].Array[n].Select(b => (a, b))));
        longs.Sample((a, b) =>
        {
            foreach (var orEqual in new[] { false, true })
            {
                PairCompareKernel.CountNotGreater<long>(a, b, orEqual).Should().Be(PairCompareKernel.CountNotGreaterScalar<long>(a, b, orEqual));
            }
        });

        var bytes = Gen.Int[0, 100].SelectMany(n => Gen.Byte.Array[n].SelectMany(a => Gen.Byte.Array[n].Select(b => (a, b))));
        bytes.Sample((a, b) => PairCompareKernel.CountNotGreater<byte>(a, b, false).Should().Be(PairCompareKernel.CountNotGreaterScalar<byte>(a, b, false)));
    }

    [Fact]
    public void Metric_matches_a_row_by_row_reference_on_random_data_with_nulls()
    {
        var gen = Gen.Int[0, 70].SelectMany(n =>
            Gen.Int[-2, 2].Nullable().Array[n].SelectMany(a =>
                Gen.Double[-2, 2].Nullable().Array[n].SelectMany(b =>
                    Gen.Int[1, 20].SelectMany(chunk => Gen.Enum<PairIgnoreRowIf>().SelectMany(ignore => Gen.Bool.Select(orEqual => (a, b, chunk, ignore, orEqual)))))));
        gen.Sample((a, b, chunk, ignore, orEqual) =>
        {
            var data = new ChunkedTable(chunk, ChunkedTable.Column("a", DataKind.Integer, a), ChunkedTable.Column("b", DataKind.Float, b)) { RowCount = a.Length };
            var r = Run(new ColumnPairValuesAToBeGreaterThanB { ColumnA = "a", ColumnB = "b", OrEqual = orEqual, IgnoreRowIf = ignore }, data);
            var rows = Enumerable.Range(0, a.Length);
            bool Ignored(int i) => ignore switch
            {
                PairIgnoreRowIf.BothValuesAreMissing => a[i] is null && b[i] is null,
                PairIgnoreRowIf.EitherValueIsMissing => a[i] is null || b[i] is null,
                _ => false,
            };
            bool Passes(int i) => a[i] is { } x && b[i] is { } y && (orEqual ? x >= y : x > y);
            r.Result.MissingCount.Should().Be(rows.Count(Ignored));
            r.Result.UnexpectedIndexList.Should().Equal(rows.Where(i => !Ignored(i) && !Passes(i)).Select(i => (long)i));
            r.Result.UnexpectedCount.Should().Be(r.Result.UnexpectedIndexList!.Count);
        });
    }
}
