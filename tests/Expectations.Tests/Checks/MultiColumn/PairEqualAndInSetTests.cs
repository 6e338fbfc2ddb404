using CsCheck;
using Expectations.Engine.Checks;

namespace Expectations.Tests.Checks.MultiColumn;

public class PairEqualAndInSetTests
{
    /// <summary>The GX fixture dataset of expect_column_pair_values_to_be_equal (w, z, b are float64 in pandas).</summary>
    private static InMemoryTable EqualFixture() => InMemoryTable.Builder()
        .Add("w", new double?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, null })
        .Add("x", new long?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
        .Add("z", new double?[] { 1, 2, 3, 4, 5, null, null, null, null, null })
        .Add("a", new long?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 11 })
        .Add("t", new[] { "1", "2", "3", "4", "5", "6", "7", "8", "9", "abc" })
        .Build();

    internal static ExpectationResult Run(Expectation e, IDataSource data, ResultFormatLevel level = ResultFormatLevel.Complete) =>
        ValidationPlan.Compile(new ExpectationSuite("s", [e])).Validate(data, new ValidationOptions { ResultFormat = ResultFormat.Of(level) }).Results.Single();

    internal static string[] Values(ExpectationResult r) => [.. r.Result.UnexpectedList!.Select(v => v.GetRawText())];

    [Fact]
    public void Equal_compares_numbers_by_value_across_integer_and_float_columns()
    {
        Run(new ColumnPairValuesToBeEqual { ColumnA = "x", ColumnB = "x" }, EqualFixture()).Success.Should().BeTrue();
        var r = Run(new ColumnPairValuesToBeEqual { ColumnA = "a", ColumnB = "x", Mostly = 0.9 }, EqualFixture());
        r.Success.Should().BeTrue();
        Values(r).Should().Equal("[11,10]");
        r.Result.UnexpectedIndexList.Should().Equal(9);
        Run(new ColumnPairValuesToBeEqual { ColumnA = "a", ColumnB = "x" }, EqualFixture()).Success.Should().BeFalse();
    }

    [Fact]
    public void Equal_counts_rows_with_one_null_unless_ignored()
    {
        var r = Run(new ColumnPairValuesToBeEqual { ColumnA = "w", ColumnB = "z" }, EqualFixture());
        r.Success.Should().BeFalse();
        Values(r).Should().Equal("[6,null]", "[7,null]", "[8,null]", "[9,null]");
        r.Result.MissingCount.Should().Be(1, "row 9 has both values null and is skipped by default");
        Run(new ColumnPairValuesToBeEqual { ColumnA = "w", ColumnB = "z", Mostly = 0.5 }, EqualFixture()).Success.Should().BeTrue();

        var either = Run(new ColumnPairValuesToBeEqual { ColumnA = "w", ColumnB = "z", IgnoreRowIf = PairIgnoreRowIf.EitherValueIsMissing }, EqualFixture());
        either.Success.Should().BeTrue();
        either.Result.MissingCount.Should().Be(5);

        var neither = Run(new ColumnPairValuesToBeEqual { ColumnA = "w", ColumnB = "z", IgnoreRowIf = PairIgnoreRowIf.Neither }, EqualFixture());
        neither.Result.UnexpectedCount.Should().Be(5, "both-null row 9 is judged too, and null equals nothing");
    }

    [Fact]
    public void A_number_equals_a_text_holding_that_number_as_spark_and_sql_coerce()
    {
        var r = Run(new ColumnPairValuesToBeEqual { ColumnA = "x", ColumnB = "t" }, EqualFixture());
        r.Success.Should().BeFalse();
        r.ExceptionInfo.Should().BeNull();
        r.Result.UnexpectedCount.Should().Be(1, "only 10 against \"abc\" differs");
        Values(r)[0].Should().Be("[10,\"abc\"]");
    }

    [Fact]
    public void Equal_handles_strings_timestamps_booleans_nan_and_wide_integers()
    {
        var day = new DateTime(2024, 1, 1);
        var data = InMemoryTable.Builder()
            .Add("s1", new[] { "a", "é", "", "b" })
            .Add("s2", new[] { "a", "é", "", "B" })
            .Add("d1", new DateTime?[] { day, day, day, day.AddDays(1) })
            .Add("d2", new DateTime?[] { day, day, day, day })
            .Add("f1", new double?[] { double.NaN, 0.0, 1.5, 2 })
            .Add("f2", new double?[] { double.NaN, -0.0, 1.5, 2 })
            .Add("i", new int?[] { 1, 0, 3, 2 })
            .Add("dec", new decimal?[] { 1.0m, 0m, 3.00m, 2.5m })
            .Add("b1", new bool?[] { true, false, true, true })
            .Add("b2", new bool?[] { true, false, false, true })
            .Build();
        Run(new ColumnPairValuesToBeEqual { ColumnA = "s1", ColumnB = "s2" }, data).Result.UnexpectedIndexList.Should().Equal(3);
        Run(new ColumnPairValuesToBeEqual { ColumnA = "d1", ColumnB = "d2" }, data).Result.UnexpectedIndexList.Should().Equal(3);
        Run(new ColumnPairValuesToBeEqual { ColumnA = "f1", ColumnB = "f2" }, data).Result.UnexpectedIndexList.Should().Equal([0], "NaN equals nothing; -0 equals +0");
        Run(new ColumnPairValuesToBeEqual { ColumnA = "i", ColumnB = "dec" }, data).Result.UnexpectedIndexList.Should().Equal(3);
        Run(new ColumnPairValuesToBeEqual { ColumnA = "dec", ColumnB = "dec" }, data).Success.Should().BeTrue("decimals compare without a vector kernel");
        Run(new ColumnPairValuesToBeEqual { ColumnA = "b1", ColumnB = "b2" }, data).Result.UnexpectedIndexList.Should().Equal(2);
        Run(new ColumnPairValuesToBeEqual { ColumnA = "i", ColumnB = "d1" }, data).Result.UnexpectedCount.Should().Be(4);
    }

    [Fact]
    public void Equal_over_chunks_matches_a_row_by_row_reference()
    {
        var gen = Gen.Int[0, 70].SelectMany(n =>
            Gen.Int[-2, 2].Nullable().Array[n].SelectMany(a =>
                Gen.Int[-2, 2].Nullable().Array[n].SelectMany(b =>
                    Gen.Int[1, 19].SelectMany(chunk => Gen.Enum<PairIgnoreRowIf>().Select(ignore => (a, b, chunk, ignore))))));
        gen.Sample((a, b, chunk, ignore) =>
        {
            var la = a.Select(v => (long?)v).ToArray();
            var db = b.Select(v => (double?)v).ToArray();
            var data = new ChunkedTable(chunk, ChunkedTable.Column("a", DataKind.Integer, la), ChunkedTable.Column("b", DataKind.Float, db)) { RowCount = a.Length };
            var r = Run(new ColumnPairValuesToBeEqual { ColumnA = "a", ColumnB = "b", IgnoreRowIf = ignore }, data);
            var expected = new List<long>();
            var missing = 0;
            for (var i = 0; i < a.Length; i++)
            {
                var skip = ignore switch
                {
                    PairIgnoreRowIf.BothValuesAreMissing => a[i] is null && b[i] is null,
                    PairIgnoreRowIf.EitherValueIsMissing => a[i] is null || b[i] is null,
                    _ => false,
                };
                if (skip)
                {
                    missing++;
                }
                else if (a[i] is null || b[i] is null || a[i] != b[i])
                {
                    expected.Add(i);
                }
            }

            r.Result.MissingCount.Should().Be(missing);
            r.Result.UnexpectedCount.Should().Be(expected.Count);
            r.Result.UnexpectedIndexList.Should().Equal(expected.Take(ResultFormat.Of(ResultFormatLevel.Complete).SampleCap));
        });
    }

    [Fact]
    public void Equality_kernel_agrees_with_its_scalar_reference()
    {
        static void Agree<T>(T[] a, T[] b, bool nan) where T : unmanaged, System.Numerics.INumber<T>
        {
            var bytes = (a.Length + 7) / 8;
            var vector = new byte[bytes];
            var scalar = new byte[bytes];
            EqualityKernel.MarkEqual<T>(a, b, vector, nan);
            EqualityKernel.MarkEqualScalar<T>(a, b, scalar, nan);
            vector.Should().Equal(scalar);
        }

        var doubles = Gen.Int[0, 80].SelectMany(n => Gen.OneOf(Gen.Double[-2, 2], Gen.Const(double.NaN), Gen.Const(1.0)).Array[n]
            .SelectMany(a => Gen.OneOf(Gen.Double[-2, 2], Gen.Const(double.NaN), Gen.Const(1.0)).Array[n].Select(b => (a, b))));
        doubles.Sample((a, b) =>
        {
            Agree(a, b, nan: false);
            Agree(a, b, nan: true);
        });
        Gen.Int[0, 80].SelectMany(n => Gen.Long[-2, 2].Array[n].SelectMany(a => Gen.Long[-2, 2].Array[n].Select(b => (a, b)))).Sample((a, b) => Agree(a, b, false));
        Gen.Int[0, 80].SelectMany(n => Gen.Int[-2, 2].Array[n].SelectMany(a => Gen.Int[-2, 2].Array[n].Select(b => (a, b)))).Sample((a, b) => Agree(a, b, false));
        Gen.Int[0, 100].SelectMany(n => Gen.Byte[0, 2].Array[n].SelectMany(a => Gen.Byte[0, 2].Array[n].Select(b => (a, b)))).Sample((a, b) => Agree(a, b, false));
    }

    /// <summary>The GX fixture dataset of expect_column_pair_values_to_be_in_set.</summary>
    private static InMemoryTable InSetFixture() => InMemoryTable.Builder()
        .Add("x", new long?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
        .Add("z", new double?[] { 1, 2, 3, 4, 5, null, null, null, null, null })
        .Add("a", new double?[] { 1, 1, 1, 1, 1, 2, 2, 2, 2, null })
        .Add("b", new double?[] { 1, 2, 1, 2, 1, 2, 1, 2, 1, null })
        .Add("country", new[] { "FR", "US", "FR", "DE", "US", "FR", "US", "FR", "US", "FR" })
        .Add("currency", new[] { "EUR", "USD", "EUR", "EUR", "EUR", "EUR", "USD", "USD", "USD", "EUR" })
        .Build();

    private static ValueList<ValueList<Scalar>> Pairs(params (Scalar A, Scalar B)[] pairs) => ValueList.From(pairs.Select(p => ValueList.Create([p.A, p.B])));

    [Fact]
    public void In_set_follows_the_gx_fixture()
    {
        var diagonal = Pairs((1L, 1L), (2L, 2L), (3L, 3L), (4L, 4L), (5L, 5L));
        Run(new ColumnPairValuesToBeInSet { ColumnA = "x", ColumnB = "z", ValuePairsSet = diagonal, IgnoreRowIf = PairIgnoreRowIf.EitherValueIsMissing }, InSetFixture())
            .Success.Should().BeTrue();
        var r = Run(new ColumnPairValuesToBeInSet { ColumnA = "x", ColumnB = "z", ValuePairsSet = diagonal }, InSetFixture());
        r.Success.Should().BeFalse();
        Values(r).Should().Equal("[6,null]", "[7,null]", "[8,null]", "[9,null]", "[10,null]");
        r.Result.UnexpectedIndexList.Should().Equal(5, 6, 7, 8, 9);
        Run(new ColumnPairValuesToBeInSet { ColumnA = "a", ColumnB = "b", ValuePairsSet = Pairs((1L, 1L), (2L, 2L), (2L, 1L), (1L, 2L)) }, InSetFixture())
            .Success.Should().BeTrue();
    }

    [Fact]
    public void In_set_matches_strings_exactly_and_ignores_members_of_another_kind()
    {
        var r = Run(new ColumnPairValuesToBeInSet { ColumnA = "country", ColumnB = "currency", ValuePairsSet = Pairs(("FR", "EUR"), ("US", "USD"), ("DE", "EUR"), ("US", 1L)) }, InSetFixture());
        Values(r).Should().Equal("[\"US\",\"EUR\"]", "[\"FR\",\"USD\"]");
        r.Result.UnexpectedIndexList.Should().Equal(4, 7);

        var wrongKind = Run(new ColumnPairValuesToBeInSet { ColumnA = "x", ColumnB = "x", ValuePairsSet = Pairs(("1", "1")) }, InSetFixture());
        wrongKind.Result.UnexpectedCount.Should().Be(10);
    }

    [Fact]
    public void In_set_matches_64_bit_integers_exactly()
    {
        var data = InMemoryTable.Builder()
            .Add("id", new long?[] { (1L << 53) + 1, 1L << 53, long.MaxValue })
            .Add("u", new ulong?[] { ulong.MaxValue, ulong.MaxValue, ulong.MaxValue - 1 })
            .Build();
        var r = Run(new ColumnPairValuesToBeInSet { ColumnA = "id", ColumnB = "u", ValuePairsSet = Pairs((9007199254740993L, Scalar.From(ulong.MaxValue)), (long.MaxValue, Scalar.From(ulong.MaxValue))) }, data);
        Values(r).Should().Equal("[9007199254740992,18446744073709551615]", "[9223372036854775807,18446744073709551614]");
        r.Result.UnexpectedIndexList.Should().Equal(1, 2);
    }

    [Fact]
    public void In_set_reads_and_writes_value_pairs_set_and_rejects_non_pairs()
    {
        const string json = """
            {"name": "s", "expectations": [{"type": "expect_column_pair_values_to_be_in_set",
              "kwargs": {"column_A": "a", "column_B": "b", "value_pairs_set": [[1, "x"], [2.5, null]], "ignore_row_if": "either_value_is_missing", "mostly": 0.9}}]}
            """;
        var suite = SuiteJson.Parse(json);
        var e = suite.Expectations.Single().Should().BeOfType<ColumnPairValuesToBeInSet>().Subject;
        e.ValuePairsSet.Should().Equal(Pairs((1L, "x"), (2.5, Scalar.Null)));
        e.IgnoreRowIf.Should().Be(PairIgnoreRowIf.EitherValueIsMissing);
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Should().BeEquivalentTo(suite);
        SuiteJson.Parse(SuiteJson.Serialize(suite)).Expectations.Single().Should().Be(e);

        var bad = () => SuiteJson.Parse(json.Replace("[2.5, null]", "[2.5, null, 3]", StringComparison.Ordinal));
        bad.Should().Throw<Exception>().WithMessage("*value_pairs_set*pair*");
        var notList = () => SuiteJson.Parse(json.Replace("[2.5, null]", "2.5", StringComparison.Ordinal));
        notList.Should().Throw<SuiteFormatException>().WithMessage("*item [1] must be a list*");
    }

    [Fact]
    public void Dsl_verbs_add_the_pair_expectations()
    {
        var suite = Expect.Suite("s").Table(t => t
            .ColumnsEqual("a", "b", PairIgnoreRowIf.Neither, 0.5)
            .ColumnPairInSet("country", "currency", [("FR", "EUR"), ("US", "USD")])).Build();
        suite.Expectations.Should().Equal(
            new ColumnPairValuesToBeEqual { ColumnA = "a", ColumnB = "b", IgnoreRowIf = PairIgnoreRowIf.Neither, Mostly = 0.5 },
            new ColumnPairValuesToBeInSet { ColumnA = "country", ColumnB = "currency", ValuePairsSet = Pairs(("FR", "EUR"), ("US", "USD")) });
    }
}
