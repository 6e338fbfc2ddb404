using System.Runtime.CompilerServices;
using System.Text.Json;
using Expectations.Engine.Conditions;

namespace Expectations.Conformance.Tests;

/// <summary>
/// Every registered expectation type, with the arguments and data of its GX fixtures, gives the same result
/// when the rows arrive as one chunk, as many chunks of one stream, and as many parts validated on several
/// threads and merged. The parallel report equals the one-thread report over the same parts exactly (parts
/// merge in order whatever the scheduling); against one chunk, floating-point aggregates (mean, stdev) may
/// differ in the last bits, because partial sums are added in another order. Over the same parts, 1, 2 and 8 workers
/// and repeated runs give byte-identical results.
/// </summary>
public sealed class PartitionedRunTests
{
    private static readonly ValidationOptions Complete = new() { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete), Now = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc) };

    [FixturesFact]
    public async Task Chunked_and_parallel_runs_equal_the_one_chunk_run_for_every_registered_type()
    {
        var files = FixtureLoader.LoadAll(FixtureLoader.ResolveFixturesDirectory()!)
            .Where(f => ExpectationCatalog.Default.TryGetModelType(f.ExpectationType, out _))
            .ToList();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        var random = new Random(20260101);
        foreach (var file in files)
        {
            foreach (var dataset in file.Datasets)
            {
                InMemoryTable table;
                try
                {
                    table = FixtureTable.Build(dataset.Data, dataset.PandasSchema, file.RelativePath);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    continue;
                }

                foreach (var test in dataset.Tests.Where(t => t.AppliesToPandas && !t.ExpectsError))
                {
                    Expectation expectation;
                    try
                    {
                        expectation = SuiteJson.ParseExpectation(JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["type"] = file.ExpectationType, ["kwargs"] = test.In }));
                    }
                    catch (Exception ex) when (ex is SuiteFormatException or InvalidExpectationException)
                    {
                        continue;
                    }

                    var plan = ValidationPlan.Compile(new ExpectationSuite("partitioned", [expectation]));
                    var whole = Essence(await plan.ValidateAsync(table, Complete));
                    var parts = SplitSource.Split(table, random);
                    var streamed = Essence(await plan.ValidateAsync(parts.AsStream(), Complete));
                    // Determinism (issue 12.5): the whole wire result, exception traceback included, is byte-identical on
                    // 1, 2 and 8 workers, and in five runs on 8 workers, whatever order the threads finish in.
                    var oneThreadWire = Wire(await plan.ValidateAsync(parts, Complete with { MaxDegreeOfParallelism = 1 }));
                    foreach (var workers in new[] { 2, 8, 8, 8, 8, 8 })
                    {
                        var wire = Wire(await plan.ValidateAsync(parts, Complete with { MaxDegreeOfParallelism = workers }));
                        if (wire != oneThreadWire)
                        {
                            mismatches.Add($"{file.RelativePath} dataset {dataset.Index} '{test.Title}': {workers} workers differ from one thread over the same parts:\n  one thread: {oneThreadWire}\n  {workers} workers: {wire}");
                            break;
                        }
                    }

                    var parallel = Essence(await plan.ValidateAsync(parts, Complete with { MaxDegreeOfParallelism = 4 }));

                    foreach (var (name, other) in new[] { ("chunked", streamed), ("parallel", parallel) })
                    {
                        if (!SameUpToRounding(JsonDocument.Parse(whole).RootElement, JsonDocument.Parse(other).RootElement))
                        {
                            mismatches.Add($"{file.RelativePath} dataset {dataset.Index} '{test.Title}' ({name}, {parts.Partitions.Count} parts):\n  one chunk: {whole}\n  {name}: {other}");
                        }
                    }

                    covered.Add(file.ExpectationType);
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(10)));
        // Types whose fixtures are all for SQL backends (LIKE patterns, other tables) have nothing to run here.
        var uncovered = ExpectationCatalog.Default.TypeNames.Where(t => !covered.Contains(t)
            && files.Any(f => f.ExpectationType == t && f.Datasets.Any(d => d.Tests.Any(x => x.AppliesToPandas && !x.ExpectsError)))).ToList();
        Assert.True(uncovered.Count == 0, "registered types with fixtures but no test run: " + string.Join(", ", uncovered));
        Assert.True(covered.Count >= 20, $"only {covered.Count} types covered");
    }

    /// <summary>Equal JSON, except that numbers may differ by a relative 1e-12 (the order floating-point sums were added in).</summary>
    private static bool SameUpToRounding(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => a.GetDouble() == b.GetDouble() || Math.Abs(a.GetDouble() - b.GetDouble()) <= 1e-12 * Math.Max(Math.Abs(a.GetDouble()), Math.Abs(b.GetDouble())),
        (JsonValueKind.Array, JsonValueKind.Array) => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => SameUpToRounding(p.First, p.Second)),
        (JsonValueKind.Object, JsonValueKind.Object) => a.EnumerateObject().Count() == b.EnumerateObject().Count()
            && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var q) && SameUpToRounding(p.Value, q)),
        _ => a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText(),
    };

    private static string Wire(ValidationReport report) => ConformanceRunner.Wire(report.Results[0]).GetRawText();

    /// <summary>The result as written on the wire, without the stack trace (the same error rises from another frame when merged).</summary>
    private static string Essence(ValidationReport report)
    {
        var wire = ConformanceRunner.Wire(report.Results[0]);
        var fields = wire.EnumerateObject()
            .Where(p => p.Name != "exception_info")
            .ToDictionary(p => p.Name, p => p.Value);
        fields["exception_message"] = wire.GetProperty("exception_info").GetProperty("exception_message");
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>A table cut at random row positions into parts (some empty-free, some a single row).</summary>
    private sealed class SplitSource(string description, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<IDataPartition> partitions) : IPartitionedDataSource
    {
        public string Description => description;

        public IReadOnlyList<ColumnInfo> Columns => columns;

        public IReadOnlyList<IDataPartition> Partitions => partitions;

        public static SplitSource Split(InMemoryTable table, Random random)
        {
            var parts = new List<IDataPartition>();
            var whole = table.ReadAsync([.. table.Columns.Select(c => c.Name)]).ToBlockingEnumerable().SingleOrDefault();
            var start = 0;
            while (whole is not null && start < table.RowCount)
            {
                var length = Math.Min(table.RowCount - start, random.Next(1, 4));
                var rows = Enumerable.Range(start, length).ToArray();
                var batches = whole.Columns.Select(b => ConditionFilter.Select(b, rows)).ToList();
                parts.Add(new Part(new DataChunk(start, length, batches, $"rows {start}-{start + length - 1}")));
                start += length;
            }

            return new SplitSource(table.Description, table.Columns, parts);
        }

        public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default) =>
            AsStream().ReadAsync(columns, cancellationToken);

        /// <summary>The same parts as one stream of chunks (no partitions: the one-pass path).</summary>
        public IDataSource AsStream() => new Stream(this);

        private sealed class Stream(SplitSource source) : IDataSource
        {
            public string Description => source.Description;

            public IReadOnlyList<ColumnInfo> Columns => source.Columns;

            public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                foreach (var part in source.Partitions)
                {
                    await foreach (var chunk in part.ReadAsync(columns, cancellationToken))
                    {
                        yield return chunk;
                    }
                }
            }
        }
    }

    private sealed class Part(DataChunk chunk) : IDataPartition
    {
        public long RowOffset => chunk.RowOffset;

        public long RowCount => chunk.RowCount;

        public string Description => chunk.Origin!;

        public ColumnStatistics? GetStatistics(string column) => null;

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new DataChunk(chunk.RowOffset, chunk.RowCount, chunk.Columns.Where(c => columns.Contains(c.Name)), chunk.Origin);
        }
    }
}
