using CsCheck;
using Expectations.Engine;
using Expectations.Engine.Checks;
using Expectations.Engine.ColumnMap;
using Expectations.Kernels;

namespace Expectations.Tests.Checks.MultiColumn;

public class CompoundUniqueTests
{
    private static ExpectationResult Run(Expectation e, IDataSource data, ResultFormatLevel level = ResultFormatLevel.Complete) =>
        ValidationPlan.Compile(new ExpectationSuite("s", [e])).Validate(data, new ValidationOptions { ResultFormat = ResultFormat.Of(level) }).Results.Single();

    private static string[] Values(ExpectationResult r) => [.. r.Result.UnexpectedList!.Select(v => v.GetRawText())];

    private static InMemoryTable Small() => InMemoryTable.Builder()
        .Add("a", new long?[] { 1, 2, 3, 4 })
        .Add("b", new long?[] { 1, 2, 3, 1 })
        .Add("c", new long?[] { 1, 2, 3, 1 })
        .Build();

    /// <summary>The second GX fixture dataset: a and b with one all-null row.</summary>
    private static InMemoryTable WithNulls() => InMemoryTable.Builder()
        .Add("w", new long?[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, null })
        .Add("x", new long?[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })
        .Add("a", new double?[] { 1, 1, 1, 1, 1, 2, 2, 2, 2, null })
        .Add("b", new double?[] { 1, 2, 1, 2, 1, 2, 1, 2, 1, null })
        .Build();

    [Fact]
    public void Unique_combinations_pass()
    {
        var r = Run(new CompoundColumnsToBeUnique { ColumnList = ["a", "b"] }, Small());
        r.Success.Should().BeTrue();
        r.Result.UnexpectedList.Should().BeEmpty();
    }

    [Fact]
    public void Every_occurrence_of_a_repeated_combination_is_unexpected()
    {
        var r = Run(new CompoundColumnsToBeUnique { ColumnList = ["b", "c"] }, Small());
        r.Success.Should().BeFalse();
        Values(r).Should().Equal("""{"b":1,"c":1}""", """{"b":1,"c":1}""");
        r.Result.UnexpectedIndexList.Should().Equal(0, 3);
        Run(new CompoundColumnsToBeUnique { ColumnList = ["b", "c"], Mostly = 0.4 }, Small()).Success.Should().BeTrue();
    }

    [Fact]
    public void All_null_rows_are_skipped_by_default()
    {
        var data = WithNulls();
        Run(new CompoundColumnsToBeUnique { ColumnList = ["w", "x"] }, data).Success.Should().BeTrue();
        Run(new CompoundColumnsToBeUnique { ColumnList = ["w", "x"], IgnoreRowIf = MultiColumnIgnoreRowIf.AnyValueIsMissing }, data).Success.Should().BeTrue();

        var r = Run(new CompoundColumnsToBeUnique { ColumnList = ["a", "b"] }, data);
        r.Success.Should().BeFalse();
        r.Result.MissingCount.Should().Be(1);
        r.Result.MissingPercent.Should().Be(10);
        r.Result.UnexpectedCount.Should().Be(9);
        r.Result.UnexpectedPercent.Should().Be(100);
        r.Result.UnexpectedPercentTotal.Should().Be(90);
        Values(r).Should().Equal(
            """{"a":1,"b":1}""", """{"a":1,"b":2}""", """{"a":1,"b":1}""", """{"a":1,"b":2}""", """{"a":1,"b":1}""",
            """{"a":2,"b":2}""", """{"a":2,"b":1}""", """{"a":2,"b":2}""", """{"a":2,"b":1}""");
        r.Result.UnexpectedIndexList.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    [Fact]
    public void Ignore_rules_decide_rows_with_nulls()
    {
        var data = InMemoryTable.Builder()
            .Add("k", new string?[] { "a", "a", null, null, null, "b" })
            .Add("v", new long?[] { null, null, 1, 1, null, null })
            .Build();
        var all = Run(new CompoundColumnsToBeUnique { ColumnList = ["k", "v"] }, data);
        (all.Result.MissingCount, all.Result.UnexpectedCount).Should().Be((1L, 4L));
        Values(all).Should().Equal("""{"k":"a","v":null}""", """{"k":"a","v":null}""", """{"k":null,"v":1}""", """{"k":null,"v":1}""");

        var any = Run(new CompoundColumnsToBeUnique { ColumnList = ["k", "v"], IgnoreRowIf = MultiColumnIgnoreRowIf.AnyValueIsMissing }, data);
        (any.Result.MissingCount, any.Result.UnexpectedCount).Should().Be((6L, 0L));
        any.Success.Should().BeTrue();

        var never = Run(new CompoundColumnsToBeUnique { ColumnList = ["k", "v"], IgnoreRowIf = MultiColumnIgnoreRowIf.Never }, data);
        (never.Result.MissingCount, never.Result.UnexpectedCount).Should().Be((0L, 4L));
    }

    [Fact]
    public void Equal_values_match_whatever_their_bits()
    {
        var data = InMemoryTable.Builder()
            .Add("f", new double?[] { 0.0, -0.0, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001), 1.5 })
            .Add("m", new decimal?[] { 1.5m, 1.50m, 2m, 2.000m, 1.5m })
            .Build();
        var r = Run(new CompoundColumnsToBeUnique { ColumnList = ["f", "m"] }, data);
        r.Result.UnexpectedIndexList.Should().Equal(0, 1, 2, 3);
        Values(r)[2].Should().Be("""{"f":"NaN","m":2}""");
    }

    [Fact]
    public void String_boundaries_are_part_of_the_key()
    {
        // "ab"+"c" and "a"+"bc" concatenate alike; the length prefix keeps them apart.
        var data = InMemoryTable.Builder()
            .Add("s", new string?[] { "ab", "a", "ab" })
            .Add("t", new string?[] { "c", "bc", "c" })
            .Build();
        Run(new CompoundColumnsToBeUnique { ColumnList = ["s", "t"] }, data).Result.UnexpectedIndexList.Should().Equal(0, 2);
    }

    [Fact]
    public void Equal_hashes_of_different_keys_stay_apart()
    {
        var table = new ByteDuplicateTable(sampleCap: 10);
        table.Add([1, 2], hash: 42, row: 0);
        table.Add([3, 4], hash: 42, row: 1);
        table.Add([1, 2], hash: 42, row: 2);
        table.Count.Should().Be(2);
        table.Unexpected.Should().Be(2);
        var rows = table.FirstUnexpected(10);
        rows.Select(r => r.Row).Should().Equal(0, 2);
    }

    [Fact]
    public void Missing_column_is_exception_info()
    {
        Run(new CompoundColumnsToBeUnique { ColumnList = ["a", "bb"] }, Small()).ExceptionInfo!.ExceptionMessage.Should().Contain("'bb'");
    }

    [Fact]
    public void Summary_counts_repeated_objects()
    {
        var r = Run(new CompoundColumnsToBeUnique { ColumnList = ["b", "c"] }, Small(), ResultFormatLevel.Summary);
        r.Result.PartialUnexpectedCounts.Should().ContainSingle().Which.Count.Should().Be(2);
        FailureText.Describe(r).Should().StartWith("expect_compound_columns_to_be_unique [b, c]:");
    }

    [Fact]
    public void Dsl_and_gx_json_agree_and_round_trip()
    {
        var dsl = Expect.Suite("s").Table(t => t.CompoundUnique(["a", "b"], MultiColumnIgnoreRowIf.AnyValueIsMissing, mostly: 0.5)).Build();
        var gx = SuiteJson.Parse("""
            {"name": "s", "expectations": [{"type": "expect_compound_columns_to_be_unique",
              "kwargs": {"column_list": ["a", "b"], "ignore_row_if": "any_value_is_missing", "mostly": 0.5}}]}
            """);
        gx.Should().Be(dsl);
        SuiteJson.Parse(SuiteJson.Serialize(dsl)).Should().Be(dsl);
        var bad = () => SuiteJson.Parse("""{"name": "s", "expectations": [{"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["a"], "ignore_row_if": "sometimes"}}]}""");
        bad.Should().Throw<SuiteFormatException>().WithMessage("*never*");
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var act = () => Expect.Suite("s").Table(t => t.CompoundUnique([], mostly: 1.1)).Build();
        act.Should().Throw<InvalidExpectationException>().WithMessage("*column_list*").WithMessage("*mostly*");
    }

    private static readonly Gen<(int?[] A, string?[] B, int Chunk, MultiColumnIgnoreRowIf Ignore, int Cap)> Tables =
        Gen.Int[0, 60].SelectMany(n =>
            Gen.Int[0, 3].Nullable().Array[n].SelectMany(a =>
                Gen.Int[0, 3].Select(i => i switch { 0 => "x", 1 => "y", 2 => "", _ => (string?)null }).Array[n].SelectMany(b =>
                    Gen.Int[1, 17].SelectMany(chunk => Gen.Enum<MultiColumnIgnoreRowIf>().SelectMany(ignore =>
                        Gen.Int[0, 6].Select(cap => (a, b, chunk, ignore, cap)))))));

    [Fact]
    public void Chunked_runs_match_a_row_by_row_reference()
    {
        Tables.Sample((a, b, chunk, ignore, cap) =>
        {
            var data = new ChunkedTable(chunk, ChunkedTable.Column("a", DataKind.Integer, a), StringColumn("b", b)) { RowCount = a.Length };
            var r = Run(new CompoundColumnsToBeUnique { ColumnList = ["a", "b"], IgnoreRowIf = ignore }, data, ResultFormatLevel.Complete);
            var (missing, unexpectedRows) = Reference(a, b, ignore);
            r.Result.MissingCount.Should().Be(missing);
            r.Result.UnexpectedIndexList.Should().Equal(unexpectedRows);
            r.Result.UnexpectedCount.Should().Be(unexpectedRows.Length);
        });
    }

    [Fact]
    public void Merged_states_match_one_pass()
    {
        Tables.Sample((a, b, chunk, ignore, cap) =>
        {
            var metric = new CompoundUniqueMetric(["a", "b"], ignore, cap);
            var context = new MetricContext(new Dictionary<string, ColumnInfo>());
            var whole = metric.CreateAccumulator(context);
            var first = metric.CreateAccumulator(context);
            var second = metric.CreateAccumulator(context);
            var split = Math.Min(chunk, a.Length);
            var aCol = ChunkedTable.Column("a", DataKind.Integer, a).Item2;
            var bCol = StringColumn("b", b).Item2;
            whole.Add(new DataChunk(0, a.Length, [aCol(0, a.Length), bCol(0, a.Length)]));
            first.Add(new DataChunk(0, split, [aCol(0, split), bCol(0, split)]));
            second.Add(new DataChunk(split, a.Length - split, [aCol(split, a.Length - split), bCol(split, a.Length - split)]));
            first.Merge(second);

            var expected = (ColumnMapCounts)whole.Finish();
            var merged = (ColumnMapCounts)first.Finish();
            (merged.ElementCount, merged.MissingCount, merged.UnexpectedCount).Should().Be((expected.ElementCount, expected.MissingCount, expected.UnexpectedCount));
            merged.SampleIndices.Should().Equal(expected.SampleIndices);
            merged.SampleValues.Select(v => v.GetRawText()).Should().Equal(expected.SampleValues.Select(v => v.GetRawText()));
            var (_, rows) = Reference(a, b, ignore);
            merged.SampleIndices.Should().Equal(rows.Take(cap));
        });
    }

    private static (long Missing, long[] Rows) Reference(int?[] a, string?[] b, MultiColumnIgnoreRowIf ignore)
    {
        bool Skip(int i) => ignore switch
        {
            MultiColumnIgnoreRowIf.AllValuesAreMissing => a[i] is null && b[i] is null,
            MultiColumnIgnoreRowIf.AnyValueIsMissing => a[i] is null || b[i] is null,
            _ => false,
        };
        var kept = Enumerable.Range(0, a.Length).Where(i => !Skip(i)).ToArray();
        var counts = kept.GroupBy(i => (a[i], b[i])).ToDictionary(g => g.Key, g => g.Count());
        return (a.Length - kept.Length, [.. kept.Where(i => counts[(a[i], b[i])] > 1).Select(i => (long)i)]);
    }

    private static (string, Func<int, int, ColumnBatch>, ColumnInfo) StringColumn(string name, string?[] values) =>
        (name, (start, count) =>
        {
            var builder = InMemoryTable.Builder().Add(name, values.Skip(start).Take(count).ToArray()).Build();
            ColumnBatch? batch = null;
            foreach (var chunk in builder.ReadAsync([name]).ToBlockingEnumerable())
            {
                batch = chunk[name];
            }

            return batch!;
        }, new ColumnInfo(name, DataKind.String, "string"));
}
