using System.Text;
using CsCheck;
using Expectations.Engine;
using Expectations.Engine.Checks;
using Expectations.Engine.ColumnMap;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class UniqueCheckTests
{
    // The GX fixture data (column_map_expectations/expect_column_values_to_be_unique.json), one kind per column.
    private static readonly InMemoryTable Fixture = InMemoryTable.Builder()
        .Add("a", new string?[] { "2", "2", "2", null })
        .Add("c", new long?[] { 1, 1, 2, null })
        .Add("n", new long?[] { null, null, 2, null })
        .Add("unique", new long?[] { 1, 2, 3, null })
        .Add("null", new long?[] { null, null, null, null })
        .Add("mult_dup", new string?[] { "1", "1", "2", "2" })
        .Build();

    [Theory]
    [InlineData("unique", 1.0, true, new string[0])]
    [InlineData("a", 1.0, false, new[] { "\"2\"", "\"2\"", "\"2\"" })]
    [InlineData("c", 0.3, true, new[] { "1", "1" })]
    [InlineData("c", 0.4, false, new[] { "1", "1" })]
    [InlineData("c", 1.0, false, new[] { "1", "1" })]
    [InlineData("n", 1.0, true, new string[0])]
    [InlineData("null", 1.0, true, new string[0])]
    [InlineData("mult_dup", 1.0, false, new[] { "\"1\"", "\"1\"", "\"2\"", "\"2\"" })]
    public void Unique_follows_the_gx_fixture(string column, double mostly, bool success, string[] unexpected)
    {
        var result = Run(new ColumnValuesToBeUnique { Column = column, Mostly = mostly }, Fixture);
        result.ExceptionInfo.Should().BeNull();
        result.Success.Should().Be(success);
        result.UnexpectedJson().Should().Equal(unexpected);
        result.Result.UnexpectedCount.Should().Be(unexpected.Length);
    }

    [Fact]
    public void Every_occurrence_of_a_repeated_value_is_unexpected_in_row_order()
    {
        var result = Run(new ColumnValuesToBeUnique { Column = "s" }, Strings("x", "y", "z", "y", null, "x", "w", "y"));
        result.Result.UnexpectedIndexList.Should().Equal(0, 1, 3, 5, 7);
        result.UnexpectedStrings().Should().Equal("x", "y", "y", "x", "y");
        result.Result.UnexpectedPercent.Should().BeApproximately(100.0 * 5 / 7, 1e-9);
        result.Result.PartialUnexpectedCounts!.Select(c => (c.Value.GetString(), c.Count)).Should().Equal(("y", 3L), ("x", 2L));
    }

    [Fact]
    public void Float_values_compare_by_value_with_nan_equal_to_nan_and_signed_zeros_equal()
    {
        var result = Run(new ColumnValuesToBeUnique { Column = "x" }, Doubles(1.0, 2.5, double.NaN, 0.0, double.NaN, -0.0, 1, null, double.PositiveInfinity));
        result.Result.UnexpectedIndexList.Should().Equal(0, 2, 3, 4, 5, 6);
        result.UnexpectedJson().Should().Equal("1", "\"NaN\"", "0", "\"NaN\"", "0", "1");
    }

    [Fact]
    public void Strings_compare_by_exact_text()
    {
        // No case folding, no Unicode normalisation: "é" precomposed and decomposed are different strings, as in Python.
        var result = Run(new ColumnValuesToBeUnique { Column = "s" }, Strings("a", "A", "é", "e\u0301", "", "", "日本", "日本"));
        result.Result.UnexpectedIndexList.Should().Equal(4, 5, 6, 7);
    }

    [Fact]
    public void Every_column_kind_is_supported()
    {
        var t0 = new DateTime(2024, 1, 1, 12, 0, 0);
        var table = InMemoryTable.Builder()
            .Add("i", new int?[] { 5, -5, 5, null })
            .Add("d", new decimal?[] { 1.0m, 1.00m, 2m, null })
            .Add("t", new DateTime?[] { t0, t0.AddTicks(1), t0, null })
            .Add("b", new bool?[] { true, false, true, null })
            .Build();
        Run(new ColumnValuesToBeUnique { Column = "i" }, table).UnexpectedJson().Should().Equal("5", "5");
        Run(new ColumnValuesToBeUnique { Column = "d" }, table).Result.UnexpectedIndexList.Should().Equal(0, 1);
        Run(new ColumnValuesToBeUnique { Column = "t" }, table).UnexpectedJson().Should().Equal("\"2024-01-01T12:00:00\"", "\"2024-01-01T12:00:00\"");
        Run(new ColumnValuesToBeUnique { Column = "b" }, table).UnexpectedJson().Should().Equal("true", "true");
    }

    [Fact]
    public void Large_unsigned_integers_keep_their_value()
    {
        var big = PrimitiveBatchOf("u", [ulong.MaxValue, 1, ulong.MaxValue]);
        var table = InMemoryTable.Builder().AddBatch(big, "ulong").Build();
        Run(new ColumnValuesToBeUnique { Column = "u" }, table).UnexpectedJson().Should().Equal("18446744073709551615", "18446744073709551615");
    }

    [Fact]
    public void Samples_are_capped_by_partial_unexpected_count_while_the_count_is_exact()
    {
        var values = Enumerable.Range(0, 100).Select(i => (long?)(i % 10)).ToArray();
        var result = Run(new ColumnValuesToBeUnique { Column = "x" }, Longs(values), new ResultFormat { Level = ResultFormatLevel.Summary, PartialUnexpectedCount = 7 });
        result.Result.UnexpectedCount.Should().Be(100);
        result.Result.PartialUnexpectedIndexList.Should().Equal(0, 1, 2, 3, 4, 5, 6);
        result.Result.UnexpectedList.Should().BeNull();
        Run(new ColumnValuesToBeUnique { Column = "x" }, Longs(values), ResultFormat.Of(ResultFormatLevel.BooleanOnly)).Success.Should().BeFalse();
    }

    [Fact]
    public void Dsl_verb_adds_the_record_and_it_round_trips_through_json()
    {
        var suite = Expect.Suite("s").Column<long>("id", c => c.Unique()).Column("key", c => c.Unique().Mostly(0.5)).Build();
        suite.Expectations.Should().Equal(new ColumnValuesToBeUnique { Column = "id" }, new ColumnValuesToBeUnique { Column = "key", Mostly = 0.5 });
        foreach (var e in suite.Expectations)
        {
            e.ShouldRoundTrip();
        }
    }

    private static readonly Gen<(long?[] Values, int[] Cuts, int Cap)> ChunkedLongs =
        Gen.Int[0, 80].SelectMany(n =>
            Gen.Nullable(Gen.Long[0, 12], 0.2).Array[n].SelectMany(values =>
                Gen.Int[0, n].Array[0, 4].SelectMany(cuts =>
                    Gen.Int[0, 6].Select(cap => (values, cuts, cap)))));

    [Fact]
    public void Chunked_and_merged_states_agree_with_a_naive_reference_for_numbers()
    {
        ChunkedLongs.Sample((values, cuts, cap) =>
        {
            var batches = Split(cuts, values.Length).Select(r => (r.Start, Batch: (ColumnBatch)LongBatch(values[r.Start..r.End]))).ToList();
            AssertAgrees(values.Select(v => v?.ToString()).ToArray(), batches, DataKind.Integer, cap);
        });
    }

    [Fact]
    public void Chunked_and_merged_states_agree_with_a_naive_reference_for_strings()
    {
        var gen = Gen.OneOf<string?>("a", "b", "ü", "日本", "", "aa", "😀", null).Array[0, 80].SelectMany(values =>
            Gen.Int[0, values.Length].Array[0, 4].SelectMany(cuts => Gen.Int[0, 6].Select(cap => (values, cuts, cap))));
        gen.Sample((values, cuts, cap) =>
        {
            var batches = Split(cuts, values.Length).Select(r => (r.Start, Batch: (ColumnBatch)StringBatchOf(values[r.Start..r.End]))).ToList();
            AssertAgrees(values, batches, DataKind.String, cap);
        });
    }

    /// <summary>Runs each chunk in its own accumulator, merges them in row order, and compares with a direct computation.</summary>
    private static void AssertAgrees(string?[] values, List<(int Start, ColumnBatch Batch)> chunks, DataKind kind, int cap)
    {
        var metric = new UniqueMetric("c", kind, cap);
        var context = new MetricContext(new Dictionary<string, ColumnInfo>());
        var states = chunks.Select(c =>
        {
            var state = metric.CreateAccumulator(context);
            state.Add(new DataChunk(c.Start, c.Batch.Length, [c.Batch]));
            return state;
        }).ToList();
        var merged = metric.CreateAccumulator(context);
        foreach (var s in states)
        {
            merged.Merge(s);
        }

        var result = (ColumnMapCounts)merged.Finish();
        var counts = values.Where(v => v is not null).GroupBy(v => v).ToDictionary(g => g.Key!, g => g.Count());
        var unexpected = values.Select((v, i) => (v, i)).Where(x => x.v is not null && counts[x.v] > 1).ToList();
        result.ElementCount.Should().Be(values.Length);
        result.MissingCount.Should().Be(values.Count(v => v is null));
        result.UnexpectedCount.Should().Be(unexpected.Count);
        result.SampleIndices.Should().Equal(unexpected.Take(cap).Select(x => (long)x.i));
        result.SampleValues.Select(v => kind == DataKind.String ? v.GetString() : v.GetRawText()).Should().Equal(unexpected.Take(cap).Select(x => x.v));
    }

    private static IEnumerable<(int Start, int End)> Split(int[] cuts, int length)
    {
        var bounds = cuts.Append(0).Append(length).Distinct().Order().ToArray();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            yield return (bounds[i], bounds[i + 1]);
        }

        if (length == 0)
        {
            yield return (0, 0);
        }
    }

    private static PrimitiveBatch<long> LongBatch(long?[] values)
    {
        var validity = new byte[(values.Length + 7) / 8];
        for (var i = 0; i < values.Length; i++)
        {
            validity[i >> 3] |= (byte)(values[i] is null ? 0 : 1 << (i & 7));
        }

        return new PrimitiveBatch<long>("c", DataKind.Integer, values.Select(v => v ?? 0).ToArray(), validity, values.Count(v => v is null));
    }

    private static PrimitiveBatch<ulong> PrimitiveBatchOf(string name, ulong[] values) => new(name, DataKind.Integer, values, ReadOnlyMemory<byte>.Empty, 0);

    private static StringBatch StringBatchOf(string?[] values)
    {
        var offsets = new int[values.Length + 1];
        var validity = new byte[(values.Length + 7) / 8];
        var data = new List<byte>();
        for (var i = 0; i < values.Length; i++)
        {
            offsets[i] = data.Count;
            if (values[i] is { } s)
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
                data.AddRange(Encoding.UTF8.GetBytes(s));
            }
        }

        offsets[^1] = data.Count;
        return new StringBatch("c", data.ToArray(), offsets, validity, values.Count(v => v is null));
    }
}
