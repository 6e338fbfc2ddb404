using System.Runtime.CompilerServices;
using Expectations.Data;

namespace Expectations.Tests.Checks.Leakage;

/// <summary>Helpers for the split-leakage tests: running one expectation against named other tables, and cutting a table into parts.</summary>
internal static class LeakageTestData
{
    public static ExpectationResult Run(Expectation e, IDataSource data, IReadOnlyDictionary<string, IDataSource> others, ResultFormat? format = null, int? threads = null) =>
        ValidationPlan.Compile(new ExpectationSuite("s", [e])).Validate(data, new ValidationOptions
        {
            OtherTables = others,
            ResultFormat = format ?? ResultFormat.Of(ResultFormatLevel.Summary),
            MaxDegreeOfParallelism = threads,
        }).Results.Single();

    public static Dictionary<string, IDataSource> Other(string name, IDataSource table) => new() { [name] = table };

    /// <summary>The same rows as <paramref name="table"/>, as a partitioned source of parts of <paramref name="size"/> rows (parallel runs merge states).</summary>
    public static IPartitionedDataSource Split(InMemoryTable table, int size) => new Parts(table, size);

    private sealed class Parts : IPartitionedDataSource
    {
        private readonly InMemoryTable _table;

        public Parts(InMemoryTable table, int size)
        {
            _table = table;
            var whole = table.ReadAsync([.. table.Columns.Select(c => c.Name)]).ToBlockingEnumerable().SingleOrDefault();
            var parts = new List<IDataPartition>();
            for (var start = 0; whole is not null && start < table.RowCount; start += size)
            {
                var rows = Enumerable.Range(start, Math.Min(size, table.RowCount - start)).ToArray();
                parts.Add(new Part(new DataChunk(start, rows.Length, whole.Columns.Select(b => BatchSelection.Select(b, rows)).ToList(), $"rows {start}..")));
            }

            Partitions = parts;
        }

        public string Description => "parts";

        public IReadOnlyList<ColumnInfo> Columns => _table.Columns;

        public IReadOnlyList<IDataPartition> Partitions { get; }

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var part in Partitions)
            {
                await foreach (var chunk in part.ReadAsync(columns, cancellationToken))
                {
                    yield return chunk;
                }
            }
        }
    }

    private sealed class Part(DataChunk chunk) : IDataPartition
    {
        public long RowOffset => chunk.RowOffset;

        public long RowCount => chunk.RowCount;

        public string Description => chunk.Origin ?? "part";

        public ColumnStatistics? GetStatistics(string column) => null;

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new DataChunk(chunk.RowOffset, chunk.RowCount, chunk.Columns.Where(b => columns.Contains(b.Name)).ToList(), chunk.Origin);
        }
    }
}
