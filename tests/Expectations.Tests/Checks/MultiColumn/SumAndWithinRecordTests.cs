using CsCheck;
using Expectations.Engine.Checks;
using static Expectations.Tests.Checks.MultiColumn.PairEqualAndInSetTests;

namespace Expectations.Tests.Checks.MultiColumn;

public class SumAndWithinRecordTests
{
    /// <summary>The second GX fixture dataset of expect_multicolumn_sum_to_equal.</summary>
    private static InMemoryTable SumFixture() => InMemoryTable.Builder()
        .Add("w", new double?[] { 0.2, 0.4, 0.3, 0.5, 0.8, 0.7, 0.71, 0.56, 0.45, 1.0 })
        .Add("x", new double?[] { 0.8, 0.6, 0.7, 0.5, 0.2, 0.3, 0.29, 0.44, 0.55, 0.0 })
        .Add("y", new double?[] { 0.8, 0.8, 0.7, 0.5, 0.4, 0.3, 0.29, 0.48, 0.55, null })
        .Add("z", new long?[] { 1, 2, -1, 3, 0, 2, 2, 0, 1, 3 })
        .Add("a", new long?[] { 1, 0, 4, 0, 1, 0, 1, 3, 2, -3 })
        .Add("b", new long?[] { 1, 1, 0, 0, 2, 1, 0, 0, 0, 3 })
        .Add("s", new[] { "1", "1", "1", "1", "1", "1", "1", "1", "1", "1" })
        .Build();

    [Fact]
    public void Sum_follows_the_gx_fixture()
    {
        Run(new MulticolumnSumToEqual { ColumnList = ["w", "x"], SumTotal = 1L }, SumFixture()).Success.Should().BeTrue();
        Run(new MulticolumnSumToEqual { ColumnList = ["z", "a", "b"], SumTotal = 3L }, SumFixture()).Success.Should().BeTrue();

        var r = Run(new MulticolumnSumToEqual { ColumnList = ["w", "y"], SumTotal = 1L, IgnoreRowIf = MultiColumnIgnoreRowIf.AnyValueIsMissing }, SumFixture());
        r.Success.Should().BeFalse();
        Values(r).Should().Equal("{\"w\":0.4,\"y\":0.8}", "{\"w\":0.8,\"y\":0.4}", "{\"w\":0.56,\"y\":0.48}");
        r.Result.UnexpectedIndexList.Should().Equal(1, 4, 7);
        r.Result.MissingCount.Should().Be(1);

        Run(new MulticolumnSumToEqual { ColumnList = ["w", "x"], SumTotal = 1.1 }, SumFixture()).Result.UnexpectedCount.Should().Be(10);
        Run(new MulticolumnSumToEqual { ColumnList = ["z", "a"], SumTotal = 2.5 }, SumFixture()).Result.UnexpectedCount.Should().Be(10, "integers never add up to a fraction");
    }

    [Fact]
    public void Sum_of_a_row_with_a_null_that_is_kept_is_unexpected()
    {
        var r = Run(new MulticolumnSumToEqual { ColumnList = ["w", "y"], SumTotal = 1L, IgnoreRowIf = MultiColumnIgnoreRowIf.AllValuesAreMissing }, SumFixture());
        r.Result.UnexpectedIndexList.Should().Equal(1, 4, 7, 9);
        Values(r)[^1].Should().Be("{\"w\":1,\"y\":null}");
    }

    [Fact]
    public void Sum_of_integers_never_wraps_and_mixes_widths_and_decimals()
    {
        var data = InMemoryTable.Builder()
            .Add("big", new long?[] { long.MaxValue, long.MaxValue, 1, -5, 7, 8, 9, 10, 11 })
            .Add("one", new long?[] { 1, -1, 1, 5, 1, 1, 1, 1, 1 })
            .Add("small", new int?[] { -1, 1, 0, 2, 0, 0, 0, 0, 0 })
            .Add("dec", new decimal?[] { 0.5m, 0.5m, 1.5m, 0m, 0m, 0m, 0m, 0m, 0m })
            .Build();
        var r = Run(new MulticolumnSumToEqual { ColumnList = ["big", "one", "small"], SumTotal = long.MaxValue }, data);
        r.ExceptionInfo.Should().BeNull();
        r.Result.UnexpectedIndexList.Should().Equal(2, 3, 4, 5, 6, 7, 8);
        var withDecimal = Run(new MulticolumnSumToEqual { ColumnList = ["one", "small", "dec"], SumTotal = 2.5 }, data);
        withDecimal.Result.UnexpectedIndexList.Should().Equal(0, 1, 3, 4, 5, 6, 7, 8);
    }

    [Fact]
    public void Sum_of_a_text_column_is_an_exception_naming_it()
    {
        var r = Run(new MulticolumnSumToEqual { ColumnList = ["w", "s"], SumTotal = 1L }, SumFixture());
        r.Success.Should().BeFalse();
        r.ExceptionInfo!.ExceptionMessage.Should().Contain("'s'").And.Contain("String");
    }

    [Fact]
    public void Sum_over_chunks_matches_a_row_by_row_reference()
    {
        var gen = Gen.Int[0, 60].SelectMany(n =>
            Gen.Int[-2, 2].Nullable().Array[n].SelectMany(a =>
                Gen.Int[-2, 2].Nullable().Array[n].SelectMany(b =>
                    Gen.Int[1, 13].SelectMany(chunk => Gen.Enum<MultiColumnIgnoreRowIf>().SelectMany(ignore =>
                        Gen.Bool.Select(floats => (a, b, chunk, ignore, floats)))))));
        gen.Sample((a, b, chunk, ignore, floats) =>
        {
            var columnB = floats
                ? ChunkedTable.Column("b", DataKind.Float, b.Select(v => (double?)v).ToArray())
                : ChunkedTable.Column("b", DataKind.Integer, b.Select(v => (long?)v).ToArray());
            var data = new ChunkedTable(chunk, ChunkedTable.Column("a", DataKind.Integer, a.Select(v => (long?)v).ToArray()), columnB) { RowCount = a.Length };
            var r = Run(new MulticolumnSumToEqual { ColumnList = ["a", "b"], SumTotal = 1L, IgnoreRowIf = ignore }, data);
            var (missing, expected) = Reference(a, b, ignore, (x, y) => x is null || y is null || x + y != 1);
            r.Result.MissingCount.Should().Be(missing);
            r.Result.UnexpectedCount.Should().Be(expected.Count);
            r.Result.UnexpectedIndexList.Should().Equal(expected.Take(ResultFormat.Of(ResultFormatLevel.Complete).SampleCap));
        });
    }

    private static (int Missing, List<long> Unexpected) Reference(int?[] a, int?[] b, MultiColumnIgnoreRowIf ignore, Func<int?, int?, bool> fails)
    {
        var missing = 0;
        var unexpected = new List<long>();
        for (var i = 0; i < a.Length; i++)
        {
            var skip = ignore switch
            {
                MultiColumnIgnoreRowIf.AllValuesAreMissing => a[i] is null && b[i] is null,
                MultiColumnIgnoreRowIf.AnyValueIsMissing => a[i] is null || b[i] is null,
                _ => false,
            };
            if (skip)
            {
                missing++;
            }
            else if (fails(a[i], b[i]))
            {
                unexpected.Add(i);
            }
        }

        return (missing, unexpected);
    }

    [Fact]
    public void Sum_kernels_agree_with_their_scalar_references()
    {
        Gen.Int[0, 70].SelectMany(n => Gen.OneOf(Gen.Double[-3, 3], Gen.Const(double.NaN), Gen.Const(1.0)).Array[n].SelectMany(s =>
            Gen.Double[-3, 3].Array[n].Select(v => (s, v)))).Sample((s, v) =>
        {
            var vector = s.ToArray();
            var scalar = s.ToArray();
            SumKernel.Add(vector, v);
            SumKernel.AddScalar(scalar, v);
            vector.Should().Equal(scalar);
            var bitsV = new byte[(s.Length + 7) / 8];
            var bitsS = new byte[(s.Length + 7) / 8];
            SumKernel.MarkNotEqual<double>(s, 1.0, bitsV);
            SumKernel.MarkNotEqualScalar<double>(s, 1.0, bitsS);
            bitsV.Should().Equal(bitsS);
        });
        Gen.Int[0, 70].SelectMany(n => Gen.OneOf(Gen.Long, Gen.Long[-2, 2]).Array[n].SelectMany(s =>
            Gen.OneOf(Gen.Long, Gen.Long[-2, 2]).Array[n].Select(v => (s, v)))).Sample((s, v) =>
        {
            var vector = s.ToArray();
            var scalar = s.ToArray();
            SumKernel.AddChecked(vector, v).Should().Be(SumKernel.AddCheckedScalar(scalar, v));
            vector.Should().Equal(scalar);
            var bitsV = new byte[(s.Length + 7) / 8];
            var bitsS = new byte[(s.Length + 7) / 8];
            SumKernel.MarkNotEqual<long>(s, 1, bitsV);
            SumKernel.MarkNotEqualScalar<long>(s, 1, bitsS);
            bitsV.Should().Equal(bitsS);
        });
    }

    /// <summary>The second GX fixture dataset of expect_select_column_values_to_be_unique_within_record.</summary>
    private static InMemoryTable UniqueFixture() => InMemoryTable.Builder()
        .Add("w", new double?[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, null })
        .Add("x", new long?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
        .Add("a", new double?[] { 1, 1, 1, 1, 1, 2, 2, 2, 2, null })
        .Add("b", new double?[] { 1, 2, 1, 2, 1, 2, 1, 2, 1, null })
        .Add("i", new long?[] { 1, 2, 1, 2, 1, 2, 1, 2, 1, 4 })
        .Add("t", new[] { "1", "2", "1", "2", "1", "2", "1", "2", "1", "2" })
        .Build();

    [Fact]
    public void Within_record_follows_the_gx_fixture()
    {
        Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["w", "x"] }, UniqueFixture()).Success.Should().BeTrue();
        var r = Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["a", "b"] }, UniqueFixture());
        r.Success.Should().BeFalse();
        r.Result.UnexpectedIndexList.Should().Equal(0, 2, 4, 5, 7);
        Values(r)[0].Should().Be("{\"a\":1,\"b\":1}");
        (r.Result.MissingCount, r.Result.UnexpectedCount).Should().Be((1L, 5L));
    }

    [Fact]
    public void Within_record_compares_numbers_by_value_text_by_its_number_and_two_nulls_as_one_value()
    {
        Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["a", "i"] }, UniqueFixture()).Result.UnexpectedIndexList.Should().Equal(0, 2, 4, 5, 7);
        Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["i", "t"] }, UniqueFixture()).Result.UnexpectedCount.Should().Be(9, "\"1\" holds the number 1; only row 9 (4, \"2\") differs");
        var never = Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["w", "a", "b"], IgnoreRowIf = MultiColumnIgnoreRowIf.Never }, UniqueFixture());
        never.Result.UnexpectedIndexList.Should().Contain(9, "three nulls are one value, repeated");
        var any = Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["w", "a", "b"], IgnoreRowIf = MultiColumnIgnoreRowIf.AnyValueIsMissing }, UniqueFixture());
        any.Result.UnexpectedIndexList.Should().NotContain(9);
        any.Result.MissingCount.Should().Be(1);

        var nan = InMemoryTable.Builder().Add("p", new double?[] { double.NaN, 1 }).Add("q", new double?[] { double.NaN, double.NaN }).Build();
        Run(new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["p", "q"] }, nan).Result.UnexpectedIndexList.Should().Equal(0);
    }

    [Fact]
    public void Within_record_over_chunks_matches_a_row_by_row_reference()
    {
        var gen = Gen.Int[0, 60].SelectMany(n =>
            Gen.Int[0, 2].Nullable().Array[n].SelectMany(a =>
                Gen.Int[0, 2].Nullable().Array[n].SelectMany(b =>
                    Gen.Int[1, 13].SelectMany(chunk => Gen.Enum<MultiColumnIgnoreRowIf>().Select(ignore => (a, b, chunk, ignore))))));
        gen.Sample((a, b, chunk, ignore) =>
        {
            var data = new ChunkedTable(chunk,
                ChunkedTable.Column("a", DataKind.Float, a.Select(v => (double?)v).ToArray()),
                ChunkedTable.Column("b", DataKind.Integer, b.Select(v => (int?)v).ToArray())) { RowCount = a.Length };
            var r = Run(new MulticolumnValuesToBeUnique { ColumnList = ["a", "b"], IgnoreRowIf = ignore }, data);
            var (missing, expected) = Reference(a, b, ignore, (x, y) => x == y);
            r.Result.MissingCount.Should().Be(missing);
            r.Result.UnexpectedCount.Should().Be(expected.Count);
            r.Result.UnexpectedIndexList.Should().Equal(expected.Take(ResultFormat.Of(ResultFormatLevel.Complete).SampleCap));
        });
    }

    [Fact]
    public void List_expectations_round_trip_validate_and_have_dsl_verbs()
    {
        var suite = Expect.Suite("s").Table(t => t
            .ColumnsSumTo(["a", "b"], 100L, MultiColumnIgnoreRowIf.Never, 0.9)
            .UniqueWithinRow(["home", "away"], MultiColumnIgnoreRowIf.AnyValueIsMissing)).Build();
        suite.Expectations.Should().Equal(
            new MulticolumnSumToEqual { ColumnList = ["a", "b"], SumTotal = 100L, IgnoreRowIf = MultiColumnIgnoreRowIf.Never, Mostly = 0.9 },
            new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["home", "away"], IgnoreRowIf = MultiColumnIgnoreRowIf.AnyValueIsMissing });
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Expectations.Should().Equal(suite.Expectations);

        var alias = SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_multicolumn_values_to_be_unique", "kwargs": {"column_list": ["a", "b"], "ignore_row_if": "never"}}]}""");
        alias.Expectations.Single().Should().Be(new MulticolumnValuesToBeUnique { ColumnList = ["a", "b"], IgnoreRowIf = MultiColumnIgnoreRowIf.Never });

        var badMostly = () => new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["a", "c"], Mostly = -0.3 }.ThrowIfInvalid();
        badMostly.Should().Throw<InvalidExpectationException>().WithMessage("*mostly*");
        var twice = () => new SelectColumnValuesToBeUniqueWithinRecord { ColumnList = ["a", "a"] }.ThrowIfInvalid();
        twice.Should().Throw<InvalidExpectationException>().WithMessage("*twice*");
        var textTotal = () => new MulticolumnSumToEqual { ColumnList = ["a"], SumTotal = "x" }.ThrowIfInvalid();
        textTotal.Should().Throw<InvalidExpectationException>().WithMessage("*sum_total*");
        var notFloat = () => SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_multicolumn_sum_to_equal", "kwargs": {"column_list": ["a"], "sum_total": 4, "mostly": "One"}}]}""");
        notFloat.Should().Throw<SuiteFormatException>();
    }
}
