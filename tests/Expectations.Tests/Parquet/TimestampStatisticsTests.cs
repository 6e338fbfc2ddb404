using Expectations.Parquet;
using global::Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Parquet;

/// <summary>Timestamp row-group bounds are offered as ticks unless the writer is known to get them wrong.</summary>
public sealed class TimestampStatisticsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("expectations-ts-stats-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Parquet.Net version 6.1.0 (build c179d97)", "TimestampMicros", false)]
    [InlineData("Parquet.Net version 6.1.0 (build c179d97)", "TimestampNanos", false)]
    [InlineData("Parquet.Net version 6.1.0 (build c179d97)", "TimestampMillis", true)]
    [InlineData("parquet-cpp-arrow version 14.0.2", "TimestampMicros", true)]
    [InlineData("DuckDB version v1.1.3 (build 19864453f7)", "TimestampNanos", true)]
    [InlineData(null, "TimestampMicros", false)]
    [InlineData("parquet-mr version 1.12.3", "Int96", false)]
    public void Timestamp_bounds_are_trusted_except_micros_and_nanos_from_parquet_net(string? createdBy, string encoding, bool trusted) =>
        RowGroupStatistics.TrustsTimestampBounds(Enum.Parse<LeafEncoding>(encoding), createdBy).Should().Be(trusted);

    [Fact]
    public async Task Millisecond_bounds_are_offered_as_ticks_and_prove_a_range_check()
    {
        var field = new DateTimeDataField("at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false);
        var first = new DateTime(2026, 3, 1, 8, 30, 15, 250, DateTimeKind.Utc);
        var values = Enumerable.Range(0, 100).Select(i => first.AddMinutes(i)).ToArray();
        var path = Path.Combine(_dir, "millis.parquet");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<DateTime>(field, values);
        }

        await using var source = await ParquetDataSource.OpenAsync(path);
        var stats = source.Partitions[0].GetStatistics("at")!;
        stats.Min!.Value.AsInteger().Should().Be(first.Ticks);
        stats.Max!.Value.AsInteger().Should().Be(values[^1].Ticks);

        var within = Expect.Suite("s").Column<DateTime>("at", c => c.Between(first, values[^1])).Build();
        var outside = Expect.Suite("s").Column<DateTime>("at", c => c.Between(first.AddMinutes(1), values[^1])).Build();
        var withStats = new ValidationOptions { ResultFormat = ResultFormat.Of(ResultFormatLevel.Complete) };
        var decoded = withStats with { UseStatistics = false };
        foreach (var suite in new[] { within, outside })
        {
            var plan = ValidationPlan.Compile(suite);
            var a = (await plan.ValidateAsync(source, withStats)).Results[0];
            var b = (await plan.ValidateAsync(source, decoded)).Results[0];
            a.Success.Should().Be(b.Success);
            a.Result.UnexpectedCount.Should().Be(b.Result.UnexpectedCount);
        }

        (await ValidationPlan.Compile(outside).ValidateAsync(source, withStats)).Results[0].Result.UnexpectedIndexList.Should().Equal(0);
    }
}
