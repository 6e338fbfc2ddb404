using System.Text;
using CsCheck;
using Expectations.Engine;
using Expectations.Engine.Checks;
using Expectations.Engine.ColumnMap;
using static Expectations.Tests.Checks.ColumnMap.MapTestKit;

namespace Expectations.Tests.Checks.ColumnMap;

public class OrderCheckTests
{
    [Fact]
    public void Increasing_follows_the_gx_fixture()
    {
        var table = InMemoryTable.Builder()
            .Add("x", new long?[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, null })
            .Add("y", new long?[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4 })
            .Build();
        Run(new ColumnValuesToBeIncreasing { Column = "x" }, table).Success.Should().BeTrue();
        Run(new ColumnValuesToBeIncreasing { Column = "y" }, table).Success.Should().BeTrue();
        var strict = Run(new ColumnValuesToBeIncreasing { Column = "y", Strictly = true }, table);
        strict.Success.Should().BeFalse();
        strict.UnexpectedJson().Should().Equal("1", "1", "2", "2", "3", "3");
        strict.Result.UnexpectedIndexList.Should().Equal(1L, 2, 4, 5, 7, 8);
    }

    [Fact]
    public void Decreasing_follows_the_gx_fixture()
    {
        var table = InMemoryTable.Builder()
            .Add("w", new long?[] { 1, 2, 3, 7, 6, 5, 4, 3, 2, 1 })
            .Add("y", new long?[] { 1, 1, 1, 2, 2, 2, 3, 3, 3, 4 })
            .Build();
        var mostly = Run(new ColumnValuesToBeDecreasing { Column = "w", Mostly = 0.6 }, table);
        mostly.Success.Should().BeTrue();
        mostly.UnexpectedJson().Should().Equal("2", "3", "7");
        var plain = Run(new ColumnValuesToBeDecreasing { Column = "y" }, table);
        plain.Success.Should().BeFalse();
        plain.Result.UnexpectedIndexList.Should().Equal(3L, 6, 9);
        Run(new ColumnValuesToBeDecreasing { Column = "y", Strictly = true }, table).Result.UnexpectedIndexList.Should().Equal(1L, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    [Fact]
    public void Nulls_are_skipped_and_the_next_value_is_compared_with_the_last_one_before_them()
    {
        // GX filters nulls before the diff: 0 → 2 → 1 compares 1 with 2.
        var table = Doubles(null, 0, null, null, 2, null, null, 1, null);
        var result = Run(new ColumnValuesToBeIncreasing { Column = "x" }, table);
        result.Result.UnexpectedIndexList.Should().Equal(7L);
        result.Result.MissingCount.Should().Be(6);
    }

    [Fact]
    public void NaN_is_unexpected_and_does_not_become_the_previous_value()
    {
        var result = Run(new ColumnValuesToBeIncreasing { Column = "x" }, Doubles(1, double.NaN, 2, 0.5));
        result.Result.UnexpectedIndexList.Should().Equal(1L, 3);
    }

    [Fact]
    public void Text_and_timestamps_are_ordered()
    {
        Run(new ColumnValuesToBeIncreasing { Column = "s" }, Strings("a", "ab", "b", "é", "日")).Success.Should().BeTrue();
        Run(new ColumnValuesToBeIncreasing { Column = "s" }, Strings("b", "a")).Result.UnexpectedIndexList.Should().Equal(1L);
        var times = InMemoryTable.Builder().Add("t", new DateTime?[] { new(2020, 1, 1), new(2020, 1, 2), new(2019, 1, 1) }).Build();
        Run(new ColumnValuesToBeIncreasing { Column = "t" }, times).Result.UnexpectedIndexList.Should().Equal(2L);
    }

    [Fact]
    public void Booleans_and_string_dates_are_errors_and_an_all_null_column_passes()
    {
        var bools = InMemoryTable.Builder().Add("b", new bool?[] { true, false }).Build();
        Run(new ColumnValuesToBeIncreasing { Column = "b" }, bools).ExceptionInfo.Should().NotBeNull();
        Run(new ColumnValuesToBeIncreasing { Column = "s", ParseStringsAsDatetimes = true }, Strings("1/1/2016")).ExceptionInfo!.ExceptionMessage.Should().Contain("parse_strings_as_datetimes");
        Run(new ColumnValuesToBeIncreasing { Column = "x" }, Doubles(null, null)).Success.Should().BeTrue();
        Run(new ColumnValuesToBeDecreasing { Column = "x" }, Doubles()).Success.Should().BeTrue();
    }

    [Fact]
    public void Dsl_verbs_and_json_round_trip()
    {
        var suite = Expect.Suite("s").Column<long>("x", c => c.Increasing(strictly: true).Decreasing()).Build();
        suite.Expectations.Should().Equal(new ColumnValuesToBeIncreasing { Column = "x", Strictly = true }, new ColumnValuesToBeDecreasing { Column = "x" });
        new ColumnValuesToBeIncreasing { Column = "x", Strictly = true, ParseStringsAsDatetimes = false, Mostly = 0.5 }.ShouldRoundTrip();
        new ColumnValuesToBeDecreasing { Column = "x" }.ShouldRoundTrip();
    }

    [Fact]
    public void Chunks_fed_in_order_and_states_merged_in_order_agree_with_a_row_by_row_reference()
    {
        var gen = Gen.Long[-3, 3].Nullable().Array[0, 60].SelectMany(values =>
            Gen.Int[0, values.Length].Array[0, 5].SelectMany(cuts => Gen.Bool.SelectMany(strictly => Gen.Bool.SelectMany(decreasing => Gen.Int[0, 5].Select(cap => (values, cuts, strictly, decreasing, cap))))));
        gen.Sample((values, cuts, strictly, decreasing, cap) =>
        {
            var chunks = Split(cuts, values.Length).Select(r => (r.Start, Batch: (ColumnBatch)LongBatch(values[r.Start..r.End]))).ToList();
            AssertAgrees(values.Select(v => (IComparable?)v).ToArray(), chunks, strictly, decreasing, cap, DataKind.Integer);
        });
    }

    [Fact]
    public void Text_chunks_merged_in_order_agree_with_a_row_by_row_reference()
    {
        var gen = Gen.OneOf<string?>("a", "b", "ab", "é", "", null).Array[0, 50].SelectMany(values =>
            Gen.Int[0, values.Length].Array[0, 5].SelectMany(cuts => Gen.Bool.SelectMany(strictly => Gen.Int[0, 5].Select(cap => (values, cuts, strictly, cap)))));
        gen.Sample((values, cuts, strictly, cap) =>
        {
            var chunks = Split(cuts, values.Length).Select(r => (r.Start, Batch: (ColumnBatch)TextBatch(values[r.Start..r.End]))).ToList();
            AssertAgrees(values.Select(v => v is null ? null : (IComparable)new OrdinalText(v)).ToArray(), chunks, strictly, decreasing: false, cap, DataKind.String);
        });
    }

    private static void AssertAgrees(IComparable?[] values, List<(int Start, ColumnBatch Batch)> chunks, bool strictly, bool decreasing, int cap, DataKind kind)
    {
        var metric = new MonotonicMetric("c", decreasing, strictly, cap);
        var context = new MetricContext(new Dictionary<string, ColumnInfo>());

        // One state fed every chunk, as a single reader does.
        var sequential = metric.CreateAccumulator(context);
        foreach (var (start, batch) in chunks)
        {
            sequential.Add(new DataChunk(start, batch.Length, [batch]));
        }

        // One state per chunk, merged pairwise in row order, as parallel row groups are.
        var states = chunks.Select(c =>
        {
            var s = metric.CreateAccumulator(context);
            s.Add(new DataChunk(c.Start, c.Batch.Length, [c.Batch]));
            return s;
        }).ToList();
        while (states.Count > 1)
        {
            var next = new List<MetricAccumulator>();
            for (var i = 0; i < states.Count; i += 2)
            {
                if (i + 1 < states.Count)
                {
                    states[i].Merge(states[i + 1]);
                }

                next.Add(states[i]);
            }

            states = next;
        }

        var merged = states.Count == 1 ? states[0] : metric.CreateAccumulator(context);

        var expected = new List<int>();
        IComparable? previous = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } v)
            {
                continue;
            }

            if (previous is not null)
            {
                var c = v.CompareTo(previous);
                if (decreasing ? c > 0 || (strictly && c == 0) : c < 0 || (strictly && c == 0))
                {
                    expected.Add(i);
                }
            }

            previous = v;
        }

        foreach (var state in new[] { sequential, merged })
        {
            var result = (ColumnMapCounts)state.Finish();
            result.ElementCount.Should().Be(values.Length);
            result.MissingCount.Should().Be(values.Count(v => v is null));
            result.UnexpectedCount.Should().Be(expected.Count);
            result.SampleIndices.Should().Equal(expected.Take(cap).Select(i => (long)i));
            if (kind == DataKind.String)
            {
                result.SampleValues.Select(v => v.GetString()).Should().Equal(expected.Take(cap).Select(i => ((OrdinalText)values[i]!).Text));
            }
        }
    }

    private sealed record OrdinalText(string Text) : IComparable
    {
        public int CompareTo(object? obj) => Math.Sign(string.CompareOrdinal(Text, ((OrdinalText)obj!).Text));
    }

    internal static IEnumerable<(int Start, int End)> Split(int[] cuts, int length)
    {
        var bounds = cuts.Append(0).Append(length).Distinct().Order().ToArray();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            yield return (bounds[i], bounds[i + 1]);
        }
    }

    internal static PrimitiveBatch<long> LongBatch(long?[] values)
    {
        var data = new long[values.Length];
        var validity = new byte[(values.Length + 7) / 8];
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                data[i] = v;
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }
        }

        return new PrimitiveBatch<long>("c", DataKind.Integer, data, validity, nulls);
    }

    internal static StringBatch TextBatch(string?[] values)
    {
        var offsets = new int[values.Length + 1];
        var validity = new byte[(values.Length + 7) / 8];
        var bytes = new List<byte>();
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            offsets[i] = bytes.Count;
            if (values[i] is { } s)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s));
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }
        }

        offsets[values.Length] = bytes.Count;
        return new StringBatch("c", bytes.ToArray(), offsets, validity, nulls);
    }
}
