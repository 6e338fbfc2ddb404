using System.Runtime.CompilerServices;

namespace Expectations.Tests.Incremental;

/// <summary>
/// One row of the ML checks' incremental tests: a timestamp (any tick, so sub-microsecond precision shows), group values
/// of every key type (with nulls, −0, NaN, decimals with trailing zeros, text), numeric and text ratings.
/// </summary>
internal sealed record MlRow(DateTime? Ts, bool? Flag, int? N, double? F, decimal? Dec, string? S, long? R1, long? R2, long? R3, string? L1, string? L2);

/// <summary>A named partition of <see cref="MlRow"/>s, with a version that changes when its content does.</summary>
internal sealed record MlPart(string Name, int Version, MlRow[] Rows);

/// <summary>A partitioned in-memory source of <see cref="MlRow"/>s whose partitions carry an identity (name + version).</summary>
internal sealed class MlPartsSource : IPartitionedDataSource
{
    public MlPartsSource(IReadOnlyList<MlPart> parts)
    {
        var list = new List<IDataPartition>();
        long offset = 0;
        foreach (var part in parts)
        {
            list.Add(new Part(Table(part.Rows, part.Name), offset, part.Name, new PartitionIdentity { Location = part.Name, Size = part.Version }));
            offset += part.Rows.Length;
        }

        Partitions = list;
        Columns = Table([], "schema").Columns;
    }

    public string Description => "ml test parts";

    public IReadOnlyList<ColumnInfo> Columns { get; }

    public IReadOnlyList<IDataPartition> Partitions { get; }

    public static InMemoryTable Table(IReadOnlyList<MlRow> rows, string description) => InMemoryTable.Builder(description)
        .Add("ts", rows.Select(r => r.Ts).ToList())
        .Add("flag", rows.Select(r => r.Flag).ToList())
        .Add("n", rows.Select(r => r.N).ToList())
        .Add("f", rows.Select(r => r.F).ToList())
        .Add("dec", rows.Select(r => r.Dec).ToList())
        .Add("s", rows.Select(r => r.S).ToList())
        .Add("r1", rows.Select(r => r.R1).ToList())
        .Add("r2", rows.Select(r => r.R2).ToList())
        .Add("r3", rows.Select(r => r.R3).ToList())
        .Add("l1", rows.Select(r => r.L1).ToList())
        .Add("l2", rows.Select(r => r.L2).ToList())
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

    private sealed class Part(InMemoryTable table, long offset, string name, PartitionIdentity identity) : IDataPartition
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

internal static class MlIncrementalTestData
{
    /// <summary>The first day of the tests' timestamps.</summary>
    public static readonly DateTime Day0 = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Every ML check whose state is saved: recency overall, by one text group and by a group of every key type; Cohen's κ
    /// (numbers, and text with listed categories and weights), Fleiss' κ (numbers, text), Krippendorff's α at every level
    /// (the same two columns also feed Cohen's κ, so both rating profiles are kept); the time-range check against the
    /// other table "later", and one under a row condition; labels determined by one feature and by features of every key type.
    /// </summary>
    public const string SuiteJson = """
    {"name": "ml incremental", "expectations": [
      {"type": "expect_column_max_to_be_recent", "kwargs": {"column": "ts", "max_age": "P5D", "as_of": "2024-03-12T00:00:00Z"}},
      {"type": "expect_column_max_to_be_recent", "kwargs": {"column": "ts", "max_age": "P3D", "as_of": "2024-03-12T00:00:00Z", "group_by": ["s"]}},
      {"type": "expect_column_max_to_be_recent", "kwargs": {"column": "ts", "max_age": "P4D", "as_of": "2024-03-12T00:00:00Z", "group_by": ["flag", "n", "f", "dec", "s"]}},
      {"type": "expect_column_pair_cohens_kappa_to_be_between", "kwargs": {"column_A": "r1", "column_B": "r2", "min_value": 0.2}},
      {"type": "expect_column_pair_cohens_kappa_to_be_between", "kwargs": {"column_A": "l1", "column_B": "l2", "weights": "linear", "categories": ["x", "y", "z"], "min_value": 0.2}},
      {"type": "expect_multicolumn_fleiss_kappa_to_be_between", "kwargs": {"column_list": ["r1", "r2", "r3"], "min_value": 0.2}},
      {"type": "expect_multicolumn_fleiss_kappa_to_be_between", "kwargs": {"column_list": ["l1", "l2"], "min_value": 0.2}},
      {"type": "expect_multicolumn_fleiss_kappa_to_be_between", "kwargs": {"column_list": ["r1", "r2"], "min_value": 0.2}},
      {"type": "expect_multicolumn_krippendorff_alpha_to_be_between", "kwargs": {"column_list": ["r1", "r2", "r3"], "min_value": 0.2}},
      {"type": "expect_multicolumn_krippendorff_alpha_to_be_between", "kwargs": {"column_list": ["r1", "r2", "r3"], "level_of_measurement": "ordinal", "min_value": 0.2}},
      {"type": "expect_multicolumn_krippendorff_alpha_to_be_between", "kwargs": {"column_list": ["r1", "r2", "r3"], "level_of_measurement": "interval", "min_value": 0.2}},
      {"type": "expect_multicolumn_krippendorff_alpha_to_be_between", "kwargs": {"column_list": ["r1", "r2", "r3"], "level_of_measurement": "ratio", "min_value": 0.2}},
      {"type": "expect_table_time_range_to_precede_other_table", "kwargs": {"time_column": "ts", "other_table_name": "later", "gap": "P1D"}},
      {"type": "expect_table_time_range_to_precede_other_table", "kwargs": {"time_column": "ts", "other_table_name": "later", "row_condition": "s == \"a\"", "condition_parser": "pandas"}},
      {"type": "expect_multicolumn_values_to_determine_column", "kwargs": {"column_list": ["flag"], "column": "l1"}},
      {"type": "expect_multicolumn_values_to_determine_column", "kwargs": {"column_list": ["flag", "n", "f", "dec", "s"], "column": "l2", "ignore_row_if": "never"}}
    ]}
    """;

    /// <summary>The other table: timestamps at the given days after <see cref="Day0"/> (null: a missing time).</summary>
    public static InMemoryTable Later(params double?[] days) =>
        InMemoryTable.Builder("later").Add("ts", days.Select(d => d is { } x ? Day0.AddDays(x) : (DateTime?)null).ToList()).Build();
}
