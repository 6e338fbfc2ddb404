using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Expectations.Tests.Incremental;

/// <summary>One row of the incremental tests' data.</summary>
internal sealed record TestRow(long Id, double? Amount, string? Name, string Cat, long Code);

/// <summary>A named partition: its rows, and a version that changes when its content does.</summary>
internal sealed record TestPart(string Name, int Version, TestRow[] Rows);

/// <summary>A partitioned in-memory source whose partitions carry an identity (name + version as the size slot).</summary>
internal sealed class PartsSource : IPartitionedDataSource
{
    public PartsSource(IReadOnlyList<TestPart> parts, bool withIdentity = true)
    {
        var list = new List<IDataPartition>();
        long offset = 0;
        foreach (var part in parts)
        {
            var table = Table(part.Rows, part.Name);
            list.Add(new Part(table, offset, part.Name, withIdentity ? new PartitionIdentity { Location = part.Name, Size = part.Version } : null));
            offset += part.Rows.Length;
        }

        Partitions = list;
        Columns = Table([], "schema").Columns;
    }

    public string Description => "test parts";

    public IReadOnlyList<ColumnInfo> Columns { get; }

    public IReadOnlyList<IDataPartition> Partitions { get; }

    public static InMemoryTable Table(IReadOnlyList<TestRow> rows, string description) => InMemoryTable.Builder(description)
        .Add("id", rows.Select(r => (long?)r.Id).ToList())
        .Add("amount", rows.Select(r => r.Amount).ToList())
        .Add("name", rows.Select(r => r.Name).ToList())
        .Add("cat", rows.Select(r => (string?)r.Cat).ToList())
        .Add("code", rows.Select(r => (long?)r.Code).ToList())
        .Build();

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

    private sealed class Part(InMemoryTable table, long offset, string name, PartitionIdentity? identity) : IDataPartition
    {
        public long RowOffset => offset;

        public long RowCount => table.RowCount;

        public string Description => name;

        public PartitionIdentity? Identity => identity;

        public ColumnStatistics? GetStatistics(string column) => null;

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var chunk in table.ReadAsync(columns, cancellationToken))
            {
                yield return new DataChunk(chunk.RowOffset + offset, chunk.RowCount, chunk.Columns, name);
            }
        }
    }
}

/// <summary>A state store in memory, counting what it is asked.</summary>
internal sealed class MemoryStateStore : IMetricStateStore
{
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    public ValueTask<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Blobs.TryGetValue(key, out var blob) ? blob : null);

    public ValueTask WriteAsync(string key, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default)
    {
        Blobs[key] = state.ToArray();
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<string>>([.. Blobs.Keys.Order(StringComparer.Ordinal)]);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        Blobs.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}

internal static class IncrementalTestData
{
    /// <summary>
    /// A suite that needs every kind of metric state: counts, row checks with samples, moments, exact values (median,
    /// quantiles), string extremes, distinct tables, uniqueness tables (numeric, text, compound), order, z-scores, pair and
    /// multi-column row checks, histograms (KL), contingency tables (Cramér's φ), row conditions and unexpected-rows queries.
    /// </summary>
    public const string SuiteJson = """
    {"name": "incremental", "expectations": [
      {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 0, "max_value": 1000000}},
      {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "amount"}},
      {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 50}},
      {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 10, "max_value": 40, "row_condition": "cat == \"a\"", "condition_parser": "pandas"}},
      {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "name", "regex": "^n[0-4]$"}},
      {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "cat", "value_set": ["a", "b"]}},
      {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "code"}},
      {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "name"}},
      {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["code", "cat"]}},
      {"type": "expect_column_values_to_be_increasing", "kwargs": {"column": "id"}},
      {"type": "expect_column_values_to_be_decreasing", "kwargs": {"column": "name"}},
      {"type": "expect_column_mean_to_be_between", "kwargs": {"column": "amount", "min_value": 10, "max_value": 30}},
      {"type": "expect_column_stdev_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 15}},
      {"type": "expect_column_sum_to_be_between", "kwargs": {"column": "code", "min_value": 0, "max_value": 500}},
      {"type": "expect_column_min_to_be_between", "kwargs": {"column": "id", "min_value": 0, "max_value": 5}},
      {"type": "expect_column_max_to_be_between", "kwargs": {"column": "name", "min_value": "n0", "max_value": "n5"}},
      {"type": "expect_column_median_to_be_between", "kwargs": {"column": "amount", "min_value": 10, "max_value": 30}},
      {"type": "expect_column_quantile_values_to_be_between", "kwargs": {"column": "amount", "quantile_ranges": {"quantiles": [0.1, 0.5, 0.9], "value_ranges": [[null, 10], [10, 30], [30, null]]}}},
      {"type": "expect_column_distinct_values_to_be_in_set", "kwargs": {"column": "cat", "value_set": ["a", "b"]}},
      {"type": "expect_column_unique_value_count_to_be_between", "kwargs": {"column": "name", "min_value": 2, "max_value": 6}},
      {"type": "expect_column_most_common_value_to_be_in_set", "kwargs": {"column": "cat", "value_set": ["a"]}},
      {"type": "expect_column_value_z_scores_to_be_less_than", "kwargs": {"column": "amount", "threshold": 1.5, "double_sided": true}},
      {"type": "expect_column_pair_values_a_to_be_greater_than_b", "kwargs": {"column_A": "id", "column_B": "code", "or_equal": true}},
      {"type": "expect_multicolumn_sum_to_equal", "kwargs": {"column_list": ["id", "code"], "sum_total": 30}},
      {"type": "expect_column_kl_divergence_to_be_less_than", "kwargs": {"column": "amount", "partition_object": {"bins": [-10, 10, 20, 30, 70], "weights": [0.25, 0.25, 0.25, 0.25]}, "threshold": 0.2}},
      {"type": "expect_column_pair_cramers_phi_value_to_be_less_than", "kwargs": {"column_A": "cat", "column_B": "name", "threshold": 0.5}},
      {"type": "unexpected_rows_expectation", "kwargs": {"unexpected_rows_query": "SELECT * FROM {batch} WHERE code > 25"}}
    ]}
    """;

    /// <summary>The report's JSON without what differs between two runs of the same data: run time, duration and meta.incremental.</summary>
    public static string Comparable(ValidationReport report)
    {
        var node = JsonNode.Parse(ReportJson.Serialize(report))!;
        var meta = node["meta"]!.AsObject();
        meta.Remove("run_time");
        meta.Remove("duration_seconds");
        meta.Remove("incremental");
        return node.ToJsonString();
    }
}
