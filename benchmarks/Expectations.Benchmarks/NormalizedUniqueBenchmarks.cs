using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace Expectations.Benchmarks;

/// <summary>
/// <c>expect_column_values_to_be_unique</c> with <c>normalize: true</c> (whitespace, trim, case) over 2 M in-memory strings,
/// against the baseline of the same check without <c>normalize</c> on the same rows; and, for scale, the same answer
/// computed naively on .NET strings (Regex whitespace collapse, <c>Trim</c>, <c>ToLowerInvariant</c> and a
/// <c>Dictionary</c> per row). <c>clean</c> texts are already normal (lower case, single spaces: the normaliser returns
/// them without a copy); <c>messy</c> texts are the same texts with random capitals, doubled spaces, tabs, no-break spaces
/// and leading or trailing blanks, so normalising them gives the clean ones. Setup checks that the normalised count over the
/// messy texts equals the exact count over the clean ones, and equals the naive count. 20,000 rows under --smoke.
/// </summary>
[MemoryDiagnoser]
public partial class NormalizedUniqueBenchmarks
{
    private InMemoryTable _table = null!;
    private string[] _texts = [];
    private ValidationPlan _exact = null!;
    private ValidationPlan _normalized = null!;

    private static int Rows => BenchmarkData.Smoke ? 20_000 : 2_000_000;

    /// <summary>Whether the texts are already normal (<c>clean</c>) or need every step (<c>messy</c>).</summary>
    [Params("clean", "messy")]
    public string Text { get; set; } = "clean";

    [GlobalSetup]
    public void Setup()
    {
        var clean = Texts(Rows, messy: false);
        var messy = Texts(Rows, messy: true);
        _texts = Text == "clean" ? clean : messy;
        _table = InMemoryTable.Builder().Add("text", _texts).Build();
        _exact = ValidationPlan.Compile(new ExpectationSuite("exact", [new ColumnValuesToBeUnique { Column = "text" }]));
        _normalized = ValidationPlan.Compile(new ExpectationSuite("normalized", [new ColumnValuesToBeUnique { Column = "text", Normalize = TextNormalization.All }]));

        var expected = Count(_exact, InMemoryTable.Builder().Add("text", clean).Build());
        var ours = Count(_normalized, InMemoryTable.Builder().Add("text", messy).Build());
        var naive = NaiveCount(messy);
        if (ours != expected || naive != expected)
        {
            throw new InvalidOperationException($"Normalised duplicates over the messy texts: {ours} (naive {naive}); exact duplicates over the clean ones: {expected}.");
        }

        RowsPerSecondColumn.Rows[nameof(NormalizedUniqueBenchmarks)] = Rows;
    }

    [Benchmark(Baseline = true, Description = "unique, exact (no normalize)")]
    public long? Exact() => Count(_exact, _table);

    [Benchmark(Description = "unique, normalize: true")]
    public long? Normalized() => Count(_normalized, _table);

    [Benchmark(Description = "naive: .NET strings normalised per row + Dictionary")]
    public long Naive() => NaiveCount(_texts);

    private static long? Count(ValidationPlan plan, InMemoryTable table) =>
        plan.Validate(table, new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Summary) }).Results[0].Result.UnexpectedCount;

    private static long NaiveCount(string[] texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in texts)
        {
            var key = Whitespace().Replace(t, " ").Trim().ToLowerInvariant();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts.Values.Where(c => c > 1).Sum(c => (long)c);
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>
    /// Product reviews' titles: about a quarter of the rows repeat another's text. The messy form of a row is drawn from its
    /// own seed, so clean and messy rows normalise to the same texts.
    /// </summary>
    private static string[] Texts(int rows, bool messy)
    {
        string[] words = ["great", "product", "would", "buy", "again", "terrible", "quality", "fast", "delivery", "café", "crème", "naïve", "size", "fits", "well"];
        var random = new Random(42);
        var texts = new string[rows];
        var builder = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            var k = random.Next(rows * 3 / 4);
            var local = new Random(k);
            builder.Clear();
            var n = 3 + (k % 4);
            for (var w = 0; w < n; w++)
            {
                builder.Append(w == 0 ? "" : " ").Append(words[local.Next(words.Length)]);
            }

            builder.Append(' ').Append(k);
            var text = builder.ToString();
            texts[i] = messy ? Mess(text, new Random(i)) : text;
        }

        return texts;
    }

    private static string Mess(string text, Random random)
    {
        var b = new StringBuilder();
        if (random.Next(4) == 0)
        {
            b.Append(random.Next(2) == 0 ? "  " : "\t");
        }

        foreach (var c in text)
        {
            if (c == ' ')
            {
                b.Append(random.Next(5) switch { 0 => "  ", 1 => "\u00A0", 2 => " \t", _ => " " });
            }
            else
            {
                b.Append(random.Next(6) == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        if (random.Next(4) == 0)
        {
            b.Append(' ');
        }

        return b.ToString();
    }
}
