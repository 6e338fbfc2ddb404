using System.Text.Json;
using Expectations.Engine;
using Expectations.Parquet;
using Expectations.Tests.Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Engine;

/// <summary>
/// Few row groups on several workers: the run splits each row group's metrics into groups that read disjoint
/// columns, validated as separate tasks; the report must still equal the one-thread run, and progress must count
/// each row group once.
/// </summary>
public sealed class ColumnGroupsTests : IDisposable
{
    private static readonly Dictionary<string, ColumnInfo> Schema = new[]
    {
        new ColumnInfo("a", DataKind.Integer, "INT64"),
        new ColumnInfo("b", DataKind.Integer, "INT64"),
        new ColumnInfo("c", DataKind.Integer, "INT64"),
        new ColumnInfo("d", DataKind.Integer, "INT64"),
        new ColumnInfo("e", DataKind.Integer, "INT64"),
        new ColumnInfo("text", DataKind.String, "BYTE_ARRAY"),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Metrics_sharing_a_column_directly_or_through_a_chain_stay_in_one_group()
    {
        MetricKey[] keys = [Key("a"), Key("d"), Key("b", "c"), Key("a", "b"), Key("e"), Key("d")];

        var groups = ColumnGroups.Split(keys, new bool[keys.Length], Schema, groupCount: 8);

        groups.Should().HaveCount(3, "components {a, b, c}, {d}, {e}");
        groups[0].Should().Equal(0, 2, 3);
        groups.Skip(1).Should().BeEquivalentTo([new[] { 1, 5 }, new[] { 4 }]);
    }

    [Fact]
    public void Components_are_packed_costliest_first_into_the_lightest_group_and_every_metric_is_in_one_group()
    {
        // Costs: text 5 + 5 = 10, a 1 + 2 = 3 ({a} and {a, b}), c 1, d 1, e 1: two groups of 10 and 3 + 1 + 1 + 1.
        MetricKey[] keys = [Key("a"), Key("text"), Key("c"), Key("text"), Key(), Key("d"), Key("e"), Key("a", "b"), Key("e", "d")];
        var skip = new bool[keys.Length];
        skip[2] = true;

        var groups = ColumnGroups.Split(keys, skip, Schema, groupCount: 2);

        groups.Should().HaveCount(2);
        groups[0].Should().Equal([1, 2, 3, 4], "the costliest group comes first and takes the metrics that decode nothing (no column, or no state)");
        groups[1].Should().Equal(0, 5, 6, 7, 8);
        groups.SelectMany(g => g).Order().Should().Equal(Enumerable.Range(0, keys.Length));
    }

    [Fact]
    public void One_group_is_asked_for_or_possible()
    {
        MetricKey[] keys = [Key("a"), Key("b")];
        ColumnGroups.Split(keys, new bool[2], Schema, groupCount: 1).Should().BeEquivalentTo([new[] { 0, 1 }]);

        MetricKey[] chained = [Key("a"), Key("a", "b"), Key("b"), Key()];
        ColumnGroups.Split(chained, new bool[4], Schema, groupCount: 4).Should().BeEquivalentTo([new[] { 0, 1, 2, 3 }]);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    public async Task Split_row_groups_give_the_one_thread_report_and_count_each_row_group_once(int seed, int rowGroups)
    {
        var path = await WriteRandomAsync(seed, rowGroups);
        await using var source = await ParquetDataSource.OpenAsync(path);
        var plan = ValidationPlan.Compile(SuiteJson.Parse(SuiteText));
        var complete = new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };
        var reports = new List<ValidationProgress>();
        var progress = new SynchronousProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });

        var oneThread = await plan.ValidateAsync(source, complete with { MaxDegreeOfParallelism = 1 });
        var twoThreads = await plan.ValidateAsync(source, complete with { MaxDegreeOfParallelism = 2, Progress = progress });
        var eightThreads = await plan.ValidateAsync(source, complete with { MaxDegreeOfParallelism = 8 });

        Results(twoThreads).Should().Be(Results(oneThread));
        Results(eightThreads).Should().Be(Results(oneThread));
        oneThread.Results.Should().OnlyContain(r => r.ExceptionInfo == null || !r.ExceptionInfo.RaisedException);
        oneThread.Results.Should().Contain(r => !r.Success, "the random data breaks some checks");
        reports.Select(r => r.PartsDone).Should().OnlyContain(p => p <= rowGroups);
        reports[^1].PartsDone.Should().Be(rowGroups);
        reports[^1].RowsDone.Should().Be(source.RowCount, "rows count once per row group, not once per column group");
        reports.Should().HaveCount(rowGroups + 1, "one report per finished row group, then the final one");
    }

    // Components: {id, created_at} (unique, compound unique), {email, label} (regex under a label condition),
    // {amount}, {total, price} (pair): the split puts them in several groups on 2 workers.
    private const string SuiteText = """
        {"name": "split", "expectations": [
          {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}},
          {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "id", "result_format": "COMPLETE"}},
          {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["id", "created_at"]}},
          {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "email", "regex": "^[a-z0-9]+@example\\.com$", "mostly": 0.5, "row_condition": "label == \"positive\""}},
          {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "amount"}},
          {"type": "expect_column_mean_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 100}},
          {"type": "expect_column_values_to_be_between", "kwargs": {"column": "amount", "min_value": 0, "max_value": 900}},
          {"type": "expect_column_pair_values_a_to_be_greater_than_b", "kwargs": {"column_A": "total", "column_B": "price", "or_equal": true}}
        ]}
        """;

    private static readonly string[] Labels = ["positive", "negative", "neutral"];

    private async Task<string> WriteRandomAsync(int seed, int rowGroups)
    {
        var id = new DataField<long>("id");
        var created = new DataField<long>("created_at");
        var email = new DataField<string>("email");
        var label = new DataField<string>("label");
        var amount = new DataField<double?>("amount");
        var total = new DataField<int>("total");
        var price = new DataField<int>("price");
        var random = new Random(seed);
        var next = 0L;
        var groups = Enumerable.Range(0, rowGroups).Select(_ =>
        {
            var n = random.Next(50, 400);
            var ids = Enumerable.Range(0, n).Select(i => next + i - (random.Next(40) == 0 ? 7 : 0)).ToArray();
            next += n;
            var times = ids.Select(i => random.Next(30) == 0 ? 0 : i).ToArray();
            var emails = Enumerable.Range(0, n).Select(i => random.Next(20) == 0 ? null : random.Next(8) == 0 ? $"broken{i}" : $"user{random.Next(100)}@example.com").ToArray();
            var labels = Enumerable.Range(0, n).Select(_ => Labels[random.Next(3)]).ToArray();
            var amounts = Enumerable.Range(0, n).Select(_ => random.Next(25) == 0 ? null : (double?)(random.NextDouble() * 1000)).ToArray();
            var prices = Enumerable.Range(0, n).Select(_ => random.Next(1, 100)).ToArray();
            var totals = prices.Select(p => p * random.Next(0, 4)).ToArray();
            return (Func<global::Parquet.ParquetRowGroupWriter, Task>)(async rg =>
            {
                await rg.WriteAsync<long>(id, ids);
                await rg.WriteAsync<long>(created, times);
                await rg.WriteAsync(email, emails);
                await rg.WriteAsync(label, labels);
                await rg.WriteAsync<double>(amount, amounts);
                await rg.WriteAsync<int>(total, totals);
                await rg.WriteAsync<int>(price, prices);
            });
        }).ToArray();
        return await _files.WriteAsync($"split-{seed}.parquet", new ParquetSchema(id, created, email, label, amount, total, price), groups);
    }

    private static string Results(ValidationReport report) =>
        JsonSerializer.Serialize(JsonDocument.Parse(ReportJson.Serialize(report)).RootElement.GetProperty("results"));

    private static TestKey Key(params string[] columns) => new(columns);

    private sealed record TestKey(string[] ColumnNames) : MetricKey<long>
    {
        public override IReadOnlyList<string> Columns => ColumnNames;

        public override MetricAccumulator CreateAccumulator(MetricContext context) => throw new NotSupportedException("grouping only");
    }

    private sealed class SynchronousProgress(Action<ValidationProgress> report) : IProgress<ValidationProgress>
    {
        public void Report(ValidationProgress value) => report(value);
    }
}
