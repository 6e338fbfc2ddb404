using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace Expectations.Benchmarks;

/// <summary>
/// A regex check over 1 M strings: a low-cardinality column (8 labels, checked once per distinct value of a batch)
/// and a high-cardinality one (distinct e-mails, every row matched), against the baseline of matching every row
/// with a compiled <see cref="Regex"/> on .NET strings.
/// </summary>
[MemoryDiagnoser]
public class TextCheckBenchmarks
{
    private const string Pattern = @"^[a-z]+(_[a-z]+)?$";
    private string[] _labels = [];
    private ValidationPlan _labelPlan = null!;
    private ValidationPlan _emailPlan = null!;
    private InMemoryTable _labelTable = null!;
    private InMemoryTable _emailTable = null!;
    private Regex _regex = null!;

    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        string[] categories = ["positive", "negative", "neutral", "unknown", "very_positive", "very_negative", "spam", "n/a"];
        _labels = Enumerable.Range(0, Rows).Select(_ => categories[random.Next(categories.Length)]).ToArray();
        var emails = Enumerable.Range(0, Rows).Select(i => $"user{i}_{random.Next(1000)}").ToArray();
        _labelTable = InMemoryTable.Builder().Add("label", _labels).Build();
        _emailTable = InMemoryTable.Builder().Add("label", emails).Build();
        _labelPlan = ValidationPlan.Compile(new ExpectationSuite("labels", [new ColumnValuesToMatchRegex { Column = "label", Regex = Pattern }]));
        _emailPlan = _labelPlan;
        _regex = new Regex(Pattern, RegexOptions.Compiled);
    }

    [Benchmark(Baseline = true, Description = "baseline: compiled Regex.IsMatch on every .NET string (labels)")]
    public int RegexEveryRow()
    {
        var n = 0;
        foreach (var s in _labels)
        {
            n += _regex.IsMatch(s) ? 0 : 1;
        }

        return n;
    }

    [Benchmark(Description = "regex check, low cardinality (once per distinct value)")]
    public long? LowCardinality() => _labelPlan.Validate(_labelTable).Results[0].Result.UnexpectedCount;

    [Benchmark(Description = "regex check, high cardinality (every row)")]
    public long? HighCardinality() => _emailPlan.Validate(_emailTable).Results[0].Result.UnexpectedCount;
}
