using Expectations.Data.Csv;

namespace Expectations.Tests.Csv;

public sealed class CsvValueParserTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+INF", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-infinity", double.NegativeInfinity)]
    [InlineData("1e3", 1000.0)]
    [InlineData(" 2.5 ", 2.5)]
    public void Float_accepts_invariant_numbers_and_infinities(string text, double expected)
    {
        CsvValueParser.TryParseFloat(text, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("-nan")]
    public void Float_accepts_nan(string text)
    {
        CsvValueParser.TryParseFloat(text, out var value).Should().BeTrue();
        double.IsNaN(value).Should().BeTrue();
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1_000")]
    [InlineData("infinite")]
    [InlineData("")]
    public void Float_rejects_non_numbers(string text) => CsvValueParser.TryParseFloat(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2024-02-29T23:59", true)]
    [InlineData("2024-02-29T23:59:59.1234567", true)]
    [InlineData("2024-02-29 23:59:59Z", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("10:30", false)]
    [InlineData("May 5 2024", false)]
    [InlineData("1/2/2024", false)]
    public void Timestamp_accepts_iso_8601_only(string text, bool expected) =>
        CsvValueParser.TryParseTimestamp(text, out _).Should().Be(expected);

    [Fact]
    public void Timestamp_fast_path_agrees_with_the_reference_parser()
    {
        string[] fixedCases =
        [
            "2024-01-01", "2024-01-01Z", "2024-01-01T00:00", "2024-12-31 23:59", "2024-12-31T23:59Z", "2024-01-01T10:00:00",
            "2024-01-01T10:00:00Z", "2024-01-01T10:00:00.5", "2024-01-01T10:00:00.1234567Z", "2024-01-01T10:00:00.12345678",
            "2024-01-01T10:00:00.", "2024-01-01T24:00:00", "2024-01-01T23:60", "2024-13-01", "2024-00-10", "2023-02-29",
            "0000-01-01", "9999-12-31T23:59:59.9999999", "2024-01-01T10", "2024-01-01T10:00:0", "2024-01-01X10:00",
            "2024-1-01", "+024-01-01", "2024-01-01T1a:00", "2024-01-01T10:00:00+01:00",
        ];
        var random = new Random(17);
        const string alphabet = "0123456789-:T .Z";
        var generated = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var chars = "2024-06-15T12:34:56.789".ToCharArray();
            var length = random.Next(10, chars.Length + 1);
            for (var k = random.Next(0, 3); k > 0; k--)
            {
                chars[random.Next(length)] = alphabet[random.Next(alphabet.Length)];
            }

            return new string(chars, 0, length) + (random.Next(4) == 0 ? "Z" : "");
        });

        foreach (var text in fixedCases.Concat(generated))
        {
            var reference = CsvValueParser.TryParseIsoReference(text, out var expected);
            if (CsvValueParser.TryParseIsoFast(text, out var actual))
            {
                reference.Should().BeTrue($"the fast path accepted \"{text}\"");
                actual.Should().Be(expected, $"both parse \"{text}\"");
            }

            CsvValueParser.TryParseTimestamp(text, out var combined).Should().Be(reference, text);
            combined.Should().Be(expected, text);
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    public void Boolean_is_case_insensitive(string text, bool expected)
    {
        CsvValueParser.TryParseBoolean(text, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("t")]
    public void Boolean_rejects_other_words(string text) => CsvValueParser.TryParseBoolean(text, out _).Should().BeFalse();

    [Fact]
    public void Null_tokens_match_exactly()
    {
        var tokens = new CsvNullTokens(CsvOptions.DefaultNullTokens);
        tokens.IsNull("").Should().BeTrue();
        tokens.IsNull("NA").Should().BeTrue();
        tokens.IsNull("N/A").Should().BeTrue();
        tokens.IsNull("null").Should().BeTrue();
        tokens.IsNull("na").Should().BeFalse();
        tokens.IsNull("NaN").Should().BeFalse();
        tokens.IsNull(" ").Should().BeFalse();
        tokens.IsNull(new string('x', 100)).Should().BeFalse();
    }

    [Fact]
    public async Task NaN_can_be_declared_a_null_token_as_pandas_does()
    {
        var path = Path.Combine(_dir, "nan.csv");
        await File.WriteAllTextAsync(path, "x\n1.5\nNaN\n");
        var source = CsvDataSource.Open(path, new CsvOptions { NullTokens = [.. CsvOptions.DefaultNullTokens, "NaN"] });

        await foreach (var chunk in source.ReadAsync(["x"]))
        {
            chunk["x"].NullCount.Should().Be(1);
            chunk["x"].IsValid(1).Should().BeFalse();
        }
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        var path = Path.Combine(_dir, "c.csv");
        await File.WriteAllTextAsync(path, "x\n1\n2\n3\n");
        var source = CsvDataSource.Open(path, new CsvOptions { ChunkRows = 1 });
        using var cts = new CancellationTokenSource();

        var act = async () =>
        {
            await foreach (var chunk in source.ReadAsync(["x"], cts.Token))
            {
                await cts.CancelAsync();
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Kinds_resolve_in_pandas_order()
    {
        static DataKind Infer(params string[] values)
        {
            var inference = CsvTypeInference.Start();
            foreach (var v in values)
            {
                inference.Observe(v);
            }

            return inference.Result;
        }

        Infer("1", "-2").Should().Be(DataKind.Integer);
        Infer("1", "2.0").Should().Be(DataKind.Float);
        Infer("1", "nan").Should().Be(DataKind.Float);
        Infer("true", "False").Should().Be(DataKind.Boolean);
        Infer("1", "true").Should().Be(DataKind.String);
        Infer("true", "tRuE").Should().Be(DataKind.String, "pandas reads True, TRUE and true only");
        Infer("2024-01-01", "2024-01-01T00:00:00Z").Should().Be(DataKind.String, "pandas parses dates only when asked (parse_dates)");
        Infer("1.5", "99999999999999999999").Should().Be(DataKind.String);
        Infer().Should().Be(DataKind.String);
    }
}
