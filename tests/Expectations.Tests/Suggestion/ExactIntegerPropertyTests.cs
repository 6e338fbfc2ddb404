using CsCheck;

namespace Expectations.Tests.Suggestion;

/// <summary>
/// Property tests over random 64-bit integers near ±2^53, ±2^63 and ulong.MaxValue, where doubles cannot tell
/// neighbours apart: between and in_set agree with an exact reference, and a suggested suite, written as JSON and read
/// back, passes on the data it was suggested from.
/// </summary>
public class ExactIntegerPropertyTests
{
    private static readonly Int128[] Anchors = [1L << 53, -(1L << 53), long.MaxValue, long.MinValue, 0, ulong.MaxValue, (Int128)long.MaxValue + 1];

    /// <summary>A value within 40 of an anchor, kept inside the column's type.</summary>
    private static Gen<Int128> Near(bool unsigned) =>
        Gen.Int[0, Anchors.Length - 1].SelectMany(a => Gen.Int[-40, 40].Select(d =>
        {
            var v = Anchors[a] + d;
            return unsigned ? Int128.Clamp(v, 0, ulong.MaxValue) : Int128.Clamp(v, long.MinValue, long.MaxValue);
        }));

    /// <summary>A column (signed or unsigned, some nulls) and the values in it.</summary>
    private static readonly Gen<(bool Unsigned, Int128?[] Values)> Columns =
        Gen.Bool.SelectMany(unsigned => Gen.Frequency((9, Near(unsigned).Select(v => (Int128?)v)), (1, Gen.Const((Int128?)null))).Array[1, 30].Select(values => (unsigned, values)));

    private static InMemoryTable Table((bool Unsigned, Int128?[] Values) column) => column.Unsigned
        ? InMemoryTable.Builder().Add("x", column.Values.Select(v => v is { } x ? (ulong?)(ulong)x : null).ToArray()).Build()
        : InMemoryTable.Builder().Add("x", column.Values.Select(v => v is { } x ? (long?)(long)x : null).ToArray()).Build();

    private static string Text(Int128 v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ExpectationResult RunJson(string type, string kwargs, InMemoryTable table)
    {
        var suite = SuiteJson.Parse("{\"name\": \"p\", \"expectations\": [{\"type\": \"" + type + "\", \"kwargs\": {\"column\": \"x\", " + kwargs + ", \"result_format\": \"COMPLETE\"}}]}");
        return suite.Validate(table).Results[0];
    }

    [Fact]
    public void Between_agrees_with_exact_integer_comparison()
    {
        Columns.SelectMany(c => Gen.Select(Near(c.Unsigned), Near(c.Unsigned), Gen.Bool, Gen.Bool, (a, b, sa, sb) => (c, Lo: Int128.Min(a, b), Hi: Int128.Max(a, b), sa, sb)))
            .Sample(t =>
            {
                var (column, lo, hi, strictLo, strictHi) = t;
                var result = RunJson("expect_column_values_to_be_between", $"\"min_value\": {Text(lo)}, \"max_value\": {Text(hi)}, \"strict_min\": {(strictLo ? "true" : "false")}, \"strict_max\": {(strictHi ? "true" : "false")}", Table(column));
                var expected = column.Values.Select((v, i) => (v, i)).Where(p => p.v is { } x && !((strictLo ? x > lo : x >= lo) && (strictHi ? x < hi : x <= hi))).Select(p => (long)p.i);
                result.ExceptionInfo.Should().BeNull();
                result.Result.UnexpectedIndexList.Should().Equal(expected);
                result.Result.UnexpectedList!.Select(v => v.GetRawText()).Should().Equal(expected.Select(i => Text(column.Values[i]!.Value)));
            }, iter: 400);
    }

    [Fact]
    public void In_set_agrees_with_exact_integer_equality()
    {
        Columns.SelectMany(c => Near(c.Unsigned).Array[1, 6].Select(set => (c, set)))
            .Sample(t =>
            {
                var (column, set) = t;
                var result = RunJson("expect_column_values_to_be_in_set", $"\"value_set\": [{string.Join(", ", set.Select(Text))}]", Table(column));
                var expected = column.Values.Select((v, i) => (v, i)).Where(p => p.v is { } x && !set.Contains(x)).Select(p => (long)p.i);
                result.Result.UnexpectedIndexList.Should().Equal(expected);
            }, iter: 400);
    }

    [Fact]
    public void A_suggested_suite_passes_on_its_own_data_after_a_json_round_trip()
    {
        Columns.Where(c => c.Values.Any(v => v is not null)).Sample(column =>
        {
            var table = Table(column);
            var profile = DatasetProfile.BuildAsync(table).GetAwaiter().GetResult();
            var values = column.Values.OfType<Int128>().ToArray();
            var c = profile.Columns[0];
            c.IntegerMin.Should().Be(values.Min());
            c.IntegerMax.Should().Be(values.Max());
            c.DistinctCount.Should().Be(values.Distinct().Count());

            var suite = SuiteSuggester.Suggest(DatasetProfile.Parse(profile.ToJson()));
            var range = ExactIntegerSuggestTests.Range(suite, "x");
            range.Bounds.MinValue!.Value.AsInt128().Should().BeLessThanOrEqualTo(values.Min());
            range.Bounds.MaxValue!.Value.AsInt128().Should().BeGreaterThanOrEqualTo(values.Max());
            var report = SuiteJson.Parse(SuiteJson.Serialize(suite)).Validate(table);
            report.Success.Should().BeTrue(TextReport.Render(report));
        }, iter: 150);
    }
}
