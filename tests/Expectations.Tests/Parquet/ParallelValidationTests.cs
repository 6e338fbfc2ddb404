using System.Text.Json;
using Expectations.Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Parquet;

/// <summary>
/// Random data in many row groups: validating the row groups in parallel, with statistics pushdown, gives the
/// report of one sequential pass.
/// </summary>
public sealed class ParallelValidationTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Labels = ["positive", "negative", "neutral", "bogus"];
    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly DataField<long> Id = new("id");
    private static readonly DataField<int?> Quantity = new("quantity");
    private static readonly DataField<int> Required = new("required_int");
    private static readonly DataField<double?> Amount = new("amount");
    private static readonly DataField<string> Email = new("email");
    private static readonly DataField<string> Label = new("label", nullable: false);
    private static readonly DateTimeDataField CreatedAt = new("created_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    private async Task<string> WriteRandomAsync(int seed, int rowGroups)
    {
        var random = new Random(seed);
        var next = 0L;
        var groups = Enumerable.Range(0, rowGroups).Select(g =>
        {
            var n = random.Next(1, 300);
            // Some row groups are clean (statistics prove their checks), some are not.
            var clean = g % 3 == 0;
            var ids = Enumerable.Range(0, n).Select(i => next + i - (random.Next(50) == 0 ? 1 : 0)).ToArray();
            next += n;
            var quantity = Enumerable.Range(0, n).Select(_ => clean ? random.Next(1, 101) : random.Next(20) == 0 ? null : (int?)random.Next(-5, 110)).ToArray();
            var required = Enumerable.Range(0, n).Select(_ => clean ? random.Next(0, 10) : random.Next(-3, 12)).ToArray();
            var amount = Enumerable.Range(0, n).Select(_ => random.Next(30) == 0 ? null : random.Next(40) == 0 ? double.NaN : (double?)(random.NextDouble() * 1000 - 10)).ToArray();
            var email = Enumerable.Range(0, n).Select(i => random.Next(25) == 0 ? null : random.Next(10) == 0 ? $"broken{i}" : $"user{random.Next(1000)}@example.com").ToArray();
            var label = Enumerable.Range(0, n).Select(_ => Labels[random.Next(clean ? 3 : 4)]).ToArray();
            var created = Enumerable.Range(0, n).Select(_ => Start.AddMinutes(random.Next(-100, 600_000))).ToArray();
            return (Func<global::Parquet.ParquetRowGroupWriter, Task>)(async rg =>
            {
                await rg.WriteAsync<long>(Id, ids);
                await rg.WriteAsync<int>(Quantity, quantity);
                await rg.WriteAsync<int>(Required, required);
                await rg.WriteAsync<double>(Amount, amount);
                await rg.WriteAsync(Email, email);
                await rg.WriteAsync(Label, label);
                await rg.WriteAsync<DateTime>(CreatedAt, created);
            });
        }).ToArray();
        return await _files.WriteAsync($"random-{seed}.parquet", new ParquetSchema(Id, Quantity, Required, Amount, Email, Label, CreatedAt), groups);
    }

    private static ExpectationSuite Suite() => Expect.Suite("random")
        .RowCount(1, 1_000_000)
        .Column<long>("id", c => c.NotNull().Unique())
        .Column<int>("quantity", c => c.NotNull().Mostly(0.5).Between(1, 100).Mostly(0.9))
        .Column<int>("required_int", c => c.NotNull().Between(0, 9))
        .Column<double>("amount", c => c.Between(0, 1000).Mostly(0.5).MeanBetween(0, 1000).StdevBetween(0, 1000))
        .Column<string>("email", c => c.MatchesRegex(@"^[a-z0-9]+@example\.com$").Mostly(0.5))
        .Column<string>("label", c => c.InSet("positive", "negative", "neutral"))
        .Column<DateTime>("created_at", c => c.Between(Start, Start.AddYears(1)))
        .Build();

    [Theory]
    [InlineData(1, 17)]
    [InlineData(2, 5)]
    [InlineData(3, 40)]
    public async Task Parallel_run_with_statistics_equals_one_sequential_pass(int seed, int rowGroups)
    {
        var path = await WriteRandomAsync(seed, rowGroups);
        await using var source = await ParquetDataSource.OpenAsync(path);
        var plan = ValidationPlan.Compile(Suite());
        var complete = new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };

        var sequential = await plan.ValidateAsync(new StreamOnly(source), complete);
        var oneThread = await plan.ValidateAsync(source, complete with { MaxDegreeOfParallelism = 1, UseStatistics = false });
        var parallel = await plan.ValidateAsync(source, complete with { MaxDegreeOfParallelism = 4 });

        sequential.Results.Should().OnlyContain(r => r.ExceptionInfo == null || !r.ExceptionInfo.RaisedException);
        Results(parallel).Should().Be(Results(oneThread), "the merge order is the part order whatever the threads and statistics");
        SameUpToRounding(Results(parallel), Results(sequential)).Should().BeTrue($"parallel:\n{Results(parallel)}\nsequential:\n{Results(sequential)}");
        parallel.Meta.RowCount.Should().Be(sequential.Meta.RowCount);
        sequential.Results.Should().Contain(r => !r.Success, "the random data breaks some checks");
    }

    [Fact]
    public async Task Row_group_statistics_offer_null_counts_and_integer_bounds_only()
    {
        var path = await WriteRandomAsync(seed: 4, rowGroups: 3);
        await using var source = await ParquetDataSource.OpenAsync(path);
        var part = source.Partitions[0];

        var required = part.GetStatistics("required_int")!;
        required.NullCount.Should().Be(0);
        required.Min!.Value.AsInteger().Should().BeInRange(0, 9);
        required.Max!.Value.AsInteger().Should().BeInRange(required.Min.Value.AsInteger(), 9);
        part.GetStatistics("amount")!.Min.Should().BeNull("float bounds leave NaN out");
        part.GetStatistics("created_at")!.Max.Should().BeNull("Parquet.Net writes TIMESTAMP(MICROS) bounds in milliseconds");
        part.GetStatistics("label")!.Max.Should().BeNull();
        source.Partitions.Sum(p => p.RowCount).Should().Be(source.RowCount);
    }

    [Fact]
    public async Task Progress_ends_with_every_row_and_row_group()
    {
        var path = await WriteRandomAsync(seed: 5, rowGroups: 9);
        await using var source = await ParquetDataSource.OpenAsync(path);
        var reports = new List<ValidationProgress>();
        var progress = new SynchronousProgress(p =>
        {
            lock (reports)
            {
                reports.Add(p);
            }
        });

        await ValidationPlan.Compile(Suite()).ValidateAsync(source, new ValidationOptions { Progress = progress });

        reports.Should().HaveCountGreaterThan(1);
        reports[^1].RowsDone.Should().Be(source.RowCount);
        reports[^1].PartsDone.Should().Be(9);
        reports[^1].TotalParts.Should().Be(9);
        reports[^1].TotalRows.Should().Be(source.RowCount);
    }

    private static string Results(ValidationReport report) =>
        JsonSerializer.Serialize(JsonDocument.Parse(ReportJson.Serialize(report)).RootElement.GetProperty("results"));

    private static bool SameUpToRounding(string a, string b) => SameUpToRounding(JsonDocument.Parse(a).RootElement, JsonDocument.Parse(b).RootElement);

    /// <summary>Equal JSON, except that numbers may differ by a relative 1e-12 (floating-point sums added in another order).</summary>
    private static bool SameUpToRounding(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => Math.Abs(a.GetDouble() - b.GetDouble()) <= 1e-12 * Math.Max(Math.Abs(a.GetDouble()), Math.Abs(b.GetDouble())),
        (JsonValueKind.Array, JsonValueKind.Array) => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => SameUpToRounding(p.First, p.Second)),
        (JsonValueKind.Object, JsonValueKind.Object) => a.EnumerateObject().Count() == b.EnumerateObject().Count()
            && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var q) && SameUpToRounding(p.Value, q)),
        _ => a.ValueKind == b.ValueKind && a.GetRawText() == b.GetRawText(),
    };

    /// <summary>The source without its partitions: the plan's one-pass, one-thread path.</summary>
    private sealed class StreamOnly(IDataSource inner) : IDataSource
    {
        public string Description => inner.Description;

        public IReadOnlyList<ColumnInfo> Columns => inner.Columns;

        public IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, CancellationToken cancellationToken = default) => inner.ReadAsync(columns, cancellationToken);
    }

    /// <summary>Reports on the calling thread (<see cref="Progress{T}"/> would post to the thread pool and race the assertions).</summary>
    private sealed class SynchronousProgress(Action<ValidationProgress> report) : IProgress<ValidationProgress>
    {
        public void Report(ValidationProgress value) => report(value);
    }
}
