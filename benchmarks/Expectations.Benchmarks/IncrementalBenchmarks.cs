using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Expectations.Parquet;

namespace Expectations.Benchmarks;

/// <summary>
/// An incremental run against the full run of the same data, in the same run: a folder of 30 daily Parquet files (100,000
/// rows and one row group each; 1,000 with <c>--smoke</c>) of which the last is new since the saved states
/// were written. The incremental run reads that one file and loads the 29 saved states; the full run reads all 30. The
/// <see cref="Suite"/>: the sample suite without its two exact uniqueness checks; with them (per-partition tables of every
/// id, which the incremental run loads and merges); or without them plus the ML checks whose states are saved (recency
/// by country and currency, Cohen's κ, Fleiss' κ and Krippendorff's α over the low-cardinality text columns as stand-in
/// raters, and the time range against another table). Setup checks that both runs give the same report and that exactly
/// one partition was recomputed, and prints the state size against the data size.
/// </summary>
public class IncrementalBenchmarks
{
    private const int Files = 30;

    private ValidationPlan _plan = null!;
    private string _data = "";
    private string _state = "";
    private HashSet<string> _warmStates = [];

    /// <summary>The suites validated.</summary>
    public enum SuiteVariant
    {
        /// <summary>The sample suite without its exact uniqueness checks.</summary>
        Sample,

        /// <summary>The whole sample suite, with expect_column_values_to_be_unique and expect_compound_columns_to_be_unique.</summary>
        ExactUniqueness,

        /// <summary>The sample suite without its exact uniqueness checks, plus the ML checks (<see cref="MlChecks"/>).</summary>
        MlChecks,
    }

    /// <summary>Which suite runs.</summary>
    [Params(SuiteVariant.Sample, SuiteVariant.ExactUniqueness, SuiteVariant.MlChecks)]
    public SuiteVariant Suite { get; set; }

    /// <summary>The ML checks of <see cref="SuiteVariant.MlChecks"/>; the other table "later" is one row, after all the data.</summary>
    private const string MlChecks = """
        [
          {"type": "expect_column_max_to_be_recent", "kwargs": {"column": "created_at", "max_age": "P3650D", "as_of": "2030-01-01T00:00:00Z", "group_by": ["country", "currency"]}},
          {"type": "expect_column_pair_cohens_kappa_to_be_between", "kwargs": {"column_A": "country", "column_B": "currency", "min_value": -1}},
          {"type": "expect_multicolumn_fleiss_kappa_to_be_between", "kwargs": {"column_list": ["country", "currency", "label"], "min_value": -1}},
          {"type": "expect_multicolumn_krippendorff_alpha_to_be_between", "kwargs": {"column_list": ["country", "currency", "label"], "min_value": -1}},
          {"type": "expect_table_time_range_to_precede_other_table", "kwargs": {"time_column": "created_at", "other_table_name": "later", "gap": "P1D"}}
        ]
        """;

    private static readonly Dictionary<string, IDataSource> OtherTables = new()
    {
        ["later"] = InMemoryTable.Builder("later").Add("created_at", new DateTime?[] { new DateTime(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc) }).Build(),
    };

    private static long RowsPerFile => BenchmarkData.Smoke ? 1_000 : 100_000;

    [GlobalSetup]
    public void Setup()
    {
        var daily = BenchmarkData.Daily(RowsPerFile, Files);
        var suite = JsonNode.Parse(File.ReadAllText(Path.Combine(BenchmarkData.RepositoryRoot(), "samples", "transactions.suite.json")))!;
        var list = suite["expectations"]!.AsArray();
        if (Suite != SuiteVariant.ExactUniqueness)
        {
            foreach (var unique in list.Where(e => (string?)e!["type"] is "expect_column_values_to_be_unique" or "expect_compound_columns_to_be_unique").ToList())
            {
                list.Remove(unique);
            }
        }

        if (Suite == SuiteVariant.MlChecks)
        {
            foreach (var check in JsonNode.Parse(MlChecks)!.AsArray().ToList())
            {
                list.Add(check!.DeepClone());
            }
        }

        _plan = ValidationPlan.Compile(SuiteJson.Parse(suite.ToJsonString()));
        var work = Path.Combine(BenchmarkData.Folder, $"incremental-{RowsPerFile}-{Suite}");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        _data = Path.Combine(work, "data");
        _state = Path.Combine(work, "state");
        Directory.CreateDirectory(_data);
        var days = Directory.GetFiles(daily, "day-*.parquet").Order(StringComparer.Ordinal).ToArray();
        foreach (var day in days[..^1])
        {
            File.Copy(day, Path.Combine(_data, Path.GetFileName(day)));
        }

        // The states of the first 29 days, as yesterday's run left them; then today's file arrives.
        var warm = Validate(withState: true);
        _warmStates = [.. Directory.GetFiles(_state)];
        File.Copy(days[^1], Path.Combine(_data, Path.GetFileName(days[^1])));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var full = Validate(withState: false);
        var fullTime = clock.Elapsed;
        clock.Restart();
        var incremental = Validate(withState: true);
        var incrementalTime = clock.Elapsed;
        ForgetNewDay();
        if (incremental.Meta.Incremental is not { PartitionsRecomputed: 1, PartitionsReused: Files - 1 } info)
        {
            throw new InvalidOperationException($"The incremental run recomputed {incremental.Meta.Incremental?.PartitionsRecomputed} and reused {incremental.Meta.Incremental?.PartitionsReused} partitions, not 1 and {Files - 1}.");
        }

        if (incremental.Results.Any(r => r.ExceptionInfo is not null))
        {
            throw new InvalidOperationException("An expectation raised: " + incremental.Results.First(r => r.ExceptionInfo is not null).ExceptionInfo!.ExceptionMessage);
        }

        if (Comparable(incremental) != Comparable(full))
        {
            throw new InvalidOperationException("The incremental report differs from the full report.");
        }

        var stateBytes = _warmStates.Sum(f => new FileInfo(f).Length);
        var dataBytes = Directory.GetFiles(_data).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// incremental ({Suite}, {_plan.Suite.Expectations.Length} expectations): {warm.Meta.RowCount:N0} rows in {Files - 1} files saved as {stateBytes:N0} bytes of state for {dataBytes * (Files - 1) / Files:N0} bytes of Parquet ({100.0 * stateBytes / (dataBytes * (Files - 1) / Files):F2} %); the new file's state: {info.StateBytesWritten:N0} bytes; setup runs: full {fullTime.TotalSeconds:F2} s, incremental {incrementalTime.TotalSeconds:F2} s."));
    }

    /// <summary>Forgets the new day's state, so that every incremental iteration computes it again.</summary>
    [IterationSetup(Target = nameof(Incremental))]
    public void ForgetNewDay()
    {
        foreach (var file in Directory.GetFiles(_state).Where(f => !_warmStates.Contains(f)))
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true, Description = "full run, 30 files")]
    public ValidationReport Full() => Validate(withState: false);

    [Benchmark(Description = "incremental run, 1 new file + 29 saved states")]
    public ValidationReport Incremental() => Validate(withState: true);

    private ValidationReport Validate(bool withState)
    {
        var source = ParquetDataSource.OpenAsync(_data).GetAwaiter().GetResult();
        try
        {
            var options = new ValidationOptions { OtherTables = OtherTables, StateStore = withState ? new FolderStateStore(_state) : null };
            return _plan.ValidateAsync(source, options).AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static string Comparable(ValidationReport report)
    {
        var node = JsonNode.Parse(ReportJson.Serialize(report))!;
        var meta = node["meta"]!.AsObject();
        meta.Remove("run_time");
        meta.Remove("duration_seconds");
        meta.Remove("incremental");
        return node.ToJsonString();
    }
}
