using System.Text.Json;

namespace Expectations.Tests.Json;

/// <summary>Suite numbers keep their exact value: integers of any 64-bit width (and up to 128 bits) never pass through double.</summary>
public class ExactNumberJsonTests
{
    private static Scalar Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Scalar.FromJson(doc.RootElement);
    }

    private static string Write(Scalar value)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            value.WriteTo(w);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Theory]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("-9007199254740993", "-9007199254740993")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("9223372036854775808", "9223372036854775808")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("-9223372036854775809", "-9223372036854775809")]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("9.007199254740993E15", "9007199254740993")]
    [InlineData("9007199254740993.000", "9007199254740993")]
    [InlineData("1.8446744073709551615e19", "18446744073709551615")]
    [InlineData("1e3", "1000")]
    [InlineData("-0", "0")]
    public void Integer_text_reads_as_the_exact_integer_and_writes_back_exactly(string json, string written)
    {
        var value = Read(json);
        value.Kind.Should().Be(ScalarKind.Integer);
        Write(value).Should().Be(written);
        value.ToString().Should().Be(written);
        Read(written).Should().Be(value);
    }

    [Theory]
    [InlineData("10.5", 10.5)]
    [InlineData("0.1", 0.1)]
    [InlineData("1e39", 1e39)]
    public void Fractional_and_out_of_range_numbers_are_doubles(string json, double expected)
    {
        var value = Read(json);
        value.Kind.Should().Be(ScalarKind.Number);
        value.AsDouble().Should().Be(expected);
    }

    [Fact]
    public void Neighbouring_integers_beyond_two_to_the_53_are_different_values()
    {
        var a = Read("9007199254740992");
        var b = Read("9007199254740993");
        a.Should().NotBe(b);
        a.CompareTo(b).Should().BeNegative();
        (Read("18446744073709551615") > Read("18446744073709551614")).Should().BeTrue();
        (Read("18446744073709551615") > Read("9223372036854775807")).Should().BeTrue();
        (Read("-9223372036854775808") < Read("18446744073709551615")).Should().BeTrue();
    }

    [Fact]
    public void Integers_and_doubles_compare_by_their_exact_values()
    {
        // 2^63 as an integer and as a double are the same number; 2^53 + 1 is no double.
        Scalar.From(9223372036854775808UL).Should().Be(Scalar.From(9223372036854775808.0));
        Scalar.From(9223372036854775808UL).GetHashCode().Should().Be(Scalar.From(9223372036854775808.0).GetHashCode());
        Scalar.From(9007199254740993L).Should().NotBe(Scalar.From(9007199254740992.0));
        Scalar.From(9007199254740993L).CompareTo(Scalar.From(9007199254740992.0)).Should().BePositive();
        Scalar.From(10L).CompareTo(Scalar.From(10.5)).Should().BeNegative();
        Scalar.From(11L).CompareTo(Scalar.From(10.5)).Should().BePositive();
        Scalar.From(ulong.MaxValue).CompareTo(Scalar.From(1.8446744073709552E19)).Should().BeNegative("the double is 2^64");
        Scalar.From(1L).Should().Be(Scalar.From(1.0));
    }

    [Fact]
    public void Accessors_say_when_a_value_does_not_fit()
    {
        Scalar.From(ulong.MaxValue).AsInt128().Should().Be((Int128)ulong.MaxValue);
        Scalar.From(ulong.MaxValue).AsDouble().Should().Be(1.8446744073709552E19);
        var act = () => Scalar.From(ulong.MaxValue).AsInteger();
        act.Should().Throw<InvalidOperationException>().WithMessage("*18446744073709551615*64-bit*");
        Scalar.From(long.MinValue).AsInteger().Should().Be(long.MinValue);
        Scalar.From(12345678901234567890123m).AsInt128().Should().Be(Int128.Parse("12345678901234567890123", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_suite_keeps_its_huge_integers_through_a_round_trip()
    {
        const string json = """
            {"name": "ids", "expectations": [
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "id", "min_value": 9007199254740993, "max_value": 18446744073709551615}},
              {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "id", "value_set": [9007199254740993, 9223372036854775807, -9223372036854775808]}}]}
            """;
        var suite = SuiteJson.Parse(json);
        var between = (ColumnValuesToBeBetween)suite.Expectations[0];
        between.Bounds.MinValue!.Value.AsInteger().Should().Be(9007199254740993);
        between.Bounds.MaxValue!.Value.AsInt128().Should().Be((Int128)ulong.MaxValue);
        var text = SuiteJson.Serialize(suite);
        text.Should().Contain("\"min_value\": 9007199254740993").And.Contain("\"max_value\": 18446744073709551615")
            .And.Contain("9223372036854775807").And.Contain("-9223372036854775808");
        SuiteJson.Parse(text).Should().Be(suite);
    }

    [Fact]
    public void The_dsl_keeps_unsigned_and_128_bit_integers_exact()
    {
        var suite = Expect.Suite("dsl").Column<ulong>("id", c => c.Between(9007199254740993UL, ulong.MaxValue)).Build();
        var between = (ColumnValuesToBeBetween)suite.Expectations[0];
        between.Bounds.MinValue.Should().Be(Scalar.From(9007199254740993L));
        between.Bounds.MaxValue!.Value.AsInt128().Should().Be((Int128)ulong.MaxValue);
    }
}
