using System.Text.Json;
using Expectations.Parquet.Delta;

namespace Expectations.Tests.Parquet;

/// <summary>
/// Every Delta table of <c>../shared/realworld/delta</c> (written by Delta Lake's own writers for its test suites), at every
/// version, against its <c>expected.json</c> (an independent replay of the log, row counts by DuckDB): the same live files
/// with the same partition values and sizes, the same row counts, and the tables or versions a protocol-1 reader must
/// refuse refused with the reason.
/// </summary>
public sealed class DeltaRealWorldTests
{
    [DeltaCorpusFact]
    public async Task Every_version_of_every_table_has_the_live_files_of_expected_json()
    {
        var failures = new List<string>();
        var checkedVersions = 0;
        foreach (var table in DeltaCorpusFactAttribute.Tables())
        {
            var name = table.GetProperty("table").GetString()!;
            var path = Path.Combine(DeltaCorpusFactAttribute.Directory!, name);
            foreach (var version in table.GetProperty("versions").EnumerateArray())
            {
                var v = version.GetProperty("version").GetInt64();
                var refuse = version.GetProperty("must_refuse").GetArrayLength() > 0;
                try
                {
                    var snapshot = await DeltaSnapshot.ReadAsync(path, new DeltaReadOptions { Version = v });
                    if (refuse)
                    {
                        failures.Add($"{name} v{v}: read, but must be refused ({version.GetProperty("must_refuse")})");
                        continue;
                    }

                    checkedVersions++;
                    snapshot.Version.Should().Be(v);
                    var expected = version.GetProperty("files").EnumerateArray()
                        .Select(f => $"{f.GetProperty("path").GetString()} size={f.GetProperty("size").GetInt64()} {Values(f.GetProperty("partition_values"))}")
                        .ToList();
                    var actual = snapshot.Files.Select(f => $"{f.Path} size={f.Size} {Values(f.PartitionValues)}").ToList();
                    if (!actual.SequenceEqual(expected))
                    {
                        failures.Add($"{name} v{v}: files differ.\n  expected: {string.Join("\n            ", expected)}\n  actual:   {string.Join("\n            ", actual)}");
                    }

                    var columns = version.GetProperty("schema").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
                    if (!snapshot.ColumnNames.SequenceEqual(columns))
                    {
                        failures.Add($"{name} v{v}: columns {string.Join(",", snapshot.ColumnNames)}, expected {string.Join(",", columns)}");
                    }

                    var partitions = version.GetProperty("partition_columns").EnumerateArray().Select(c => c.GetString()!).ToList();
                    if (!snapshot.PartitionColumns.SequenceEqual(partitions))
                    {
                        failures.Add($"{name} v{v}: partition columns {string.Join(",", snapshot.PartitionColumns)}, expected {string.Join(",", partitions)}");
                    }

                    if (version.TryGetProperty("timestamp_ms", out var ms) && ms.ValueKind == JsonValueKind.Number && snapshot.Timestamp?.ToUnixTimeMilliseconds() is { } got && got < ms.GetInt64())
                    {
                        failures.Add($"{name} v{v}: timestamp {got} before commitInfo.timestamp {ms.GetInt64()}");
                    }

                    await CheckRowsAsync(name, path, v, version, failures);
                }
                catch (DataSourceException e) when (refuse)
                {
                    checkedVersions++;
                    var reason = version.GetProperty("must_refuse")[0].GetString()!;
                    var word = reason.Contains("deletion", StringComparison.OrdinalIgnoreCase) ? "deletion" : reason.Contains("column mapping", StringComparison.Ordinal) ? "column mapping" : reason.Contains("timestampNtz", StringComparison.Ordinal) ? "timestampNtz" : reason;
                    if (!e.Message.Contains(word, StringComparison.OrdinalIgnoreCase))
                    {
                        failures.Add($"{name} v{v}: refused, but the message does not say '{word}': {e.Message}");
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"{name} v{v}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        checkedVersions.Should().BeGreaterThan(50, "every version of the 14 tables is checked");
    }

    [DeltaCorpusFact]
    public async Task The_latest_version_of_each_readable_table_validates_with_its_row_count()
    {
        foreach (var table in DeltaCorpusFactAttribute.Tables().Where(t => !t.GetProperty("must_refuse").GetBoolean()))
        {
            var name = table.GetProperty("table").GetString()!;
            var latest = table.GetProperty("latest");
            var rows = latest.GetProperty("rows").GetInt64();
            await using var source = await DeltaTable.OpenAsync(Path.Combine(DeltaCorpusFactAttribute.Directory!, name));
            source.Description.Should().EndWith($"(Delta table, version {latest.GetProperty("version").GetInt64()})");
            source.Columns.Where(c => c.Parent is null).Select(c => c.Name).Should().Equal(latest.GetProperty("column_names").EnumerateArray().Select(c => c.GetString()), name);
            var suite = Expect.Suite(name).Table(t => t.RowCountEquals(rows)).Build();
            var report = await suite.ValidateAsync(source);
            report.Success.Should().BeTrue($"{name} has {rows} rows at its latest version: {report.Results[0].Result.ObservedValue}");
        }
    }

    [DeltaCorpusFact]
    public async Task Partition_values_from_the_log_are_typed_columns_and_an_all_null_partition_reads_as_nulls()
    {
        var path = Path.Combine(DeltaCorpusFactAttribute.Directory!, "data-reader-partition-values");
        await using var source = await DeltaTable.OpenAsync(path);
        source.Columns.Single(c => c.Name == "as_int").Kind.Should().Be(DataKind.Integer);
        source.Columns.Single(c => c.Name == "as_date").Kind.Should().Be(DataKind.Timestamp);
        source.Columns.Single(c => c.Name == "as_big_decimal").Kind.Should().Be(DataKind.Decimal);
        source.Columns.Single(c => c.Name == "as_boolean").Kind.Should().Be(DataKind.Boolean);
        var rows = source.RowCount;
        var suite = Expect.Suite("partitions")
            .Column<long>("as_int", c => c.Between(0L, 1L))
            .Column<string>("as_string_lit_null", c => c.InSet("null"))
            .Column<DateTime>("as_date", c => c.Between(new DateTime(2021, 9, 8), new DateTime(2021, 9, 8)))
            .Column<DateTime>("as_timestamp", c => c.Between(new DateTime(2021, 9, 8, 11, 11, 11), new DateTime(2021, 9, 8, 11, 11, 11)))
            .Build();
        var report = await suite.ValidateAsync(source);
        report.Success.Should().BeTrue(string.Join("; ", report.Results.Select(r => r.Result.ObservedValue + " " + r.ExceptionInfo?.ExceptionMessage)));
        var nulls = report.Results[0].Result.MissingCount;
        nulls.Should().BeGreaterThan(0).And.BeLessThan(rows, "one file holds every partition value null (__HIVE_DEFAULT_PARTITION__)");
    }

    [DeltaCorpusFact]
    public async Task Schema_evolution_reads_a_column_missing_from_old_files_as_null()
    {
        var path = Path.Combine(DeltaCorpusFactAttribute.Directory!, "time-travel-schema-changes-b");
        await using var v1 = await DeltaTable.OpenAsync(path, new DeltaReadOptions { Version = 1 });
        await using var v0 = await DeltaTable.OpenAsync(path, new DeltaReadOptions { Version = 0 });
        v0.Columns.Select(c => c.Name).Should().NotContain("part");
        v1.Columns.Select(c => c.Name).Should().Contain("part");
        var report = await Expect.Suite("evolved").Column("part", c => c.NotNull()).Build().ValidateAsync(v1);
        var result = report.Results[0].Result;
        result.UnexpectedCount.Should().Be(v0.RowCount, "the rows of version 0's files have no 'part'");
        result.ElementCount.Should().Be(v1.RowCount);
    }

    [DeltaCorpusFact]
    public async Task Time_travel_by_timestamp_picks_the_version_committed_at_or_before_it()
    {
        var table = DeltaCorpusFactAttribute.Tables().Single(t => t.GetProperty("table").GetString() == "time-travel-start-start20-start40");
        var path = Path.Combine(DeltaCorpusFactAttribute.Directory!, "time-travel-start-start20-start40");
        foreach (var version in table.GetProperty("versions").EnumerateArray())
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(version.GetProperty("timestamp_ms").GetInt64());
            (await DeltaSnapshot.ReadAsync(path, new DeltaReadOptions { AsOf = at })).Version.Should().Be(version.GetProperty("version").GetInt64());
            (await DeltaSnapshot.ReadAsync(path, new DeltaReadOptions { AsOf = at.AddMilliseconds(1) })).Version.Should().Be(version.GetProperty("version").GetInt64());
        }

        var first = DateTimeOffset.FromUnixTimeMilliseconds(table.GetProperty("versions")[0].GetProperty("timestamp_ms").GetInt64());
        var before = async () => await DeltaSnapshot.ReadAsync(path, new DeltaReadOptions { AsOf = first.AddSeconds(-1) });
        (await before.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("no version as of");
    }

    [DeltaCorpusFact]
    public async Task A_version_whose_files_were_vacuumed_is_a_clear_error_naming_the_file()
    {
        var path = Path.Combine(DeltaCorpusFactAttribute.Directory!, "snapshot-vacuumed");
        var open = async () => await DeltaTable.OpenAsync(path, new DeltaReadOptions { Version = 0 });
        (await open.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("is missing from the table folder").And.Contain("version 0");
    }

    private static async Task CheckRowsAsync(string name, string path, long v, JsonElement version, List<string> failures)
    {
        if (!version.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Number)
        {
            return;
        }

        await using var source = await DeltaTable.OpenAsync(path, new DeltaReadOptions { Version = v });
        if (source.RowCount != rows.GetInt64())
        {
            failures.Add($"{name} v{v}: {source.RowCount} rows, expected {rows.GetInt64()}");
        }

        var expectedRows = version.GetProperty("files").EnumerateArray().ToDictionary(f => f.TryGetProperty("path_decoded", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : f.GetProperty("path").GetString()!, f => f.GetProperty("rows").GetInt64());
        foreach (var file in source.Files)
        {
            var relative = Path.GetRelativePath(path, file.Path).Replace('\\', '/');
            if (!expectedRows.TryGetValue(relative, out var count) || count != file.RowCount)
            {
                failures.Add($"{name} v{v}: file {relative} has {file.RowCount} rows, expected {(expectedRows.TryGetValue(relative, out var c) ? c : "no such file")}");
            }
        }
    }

    private static string Values(JsonElement values) =>
        string.Join(",", values.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.Null ? "<null>" : p.Value.GetString())}"));

    private static string Values(IReadOnlyDictionary<string, string?> values) =>
        string.Join(",", values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value ?? "<null>"}"));
}

/// <summary>Skips when <c>../shared/realworld/delta</c> (or <c>EXPECTATIONS_DELTA_CORPUS</c>) is absent.</summary>
public sealed class DeltaCorpusFactAttribute : FactAttribute
{
    public DeltaCorpusFactAttribute()
    {
        if (Directory is null)
        {
            Skip = "Delta corpus not found: set EXPECTATIONS_DELTA_CORPUS or keep ../shared/realworld/delta beside the repository.";
        }
    }

    public static string? Directory { get; } = Find();

    public static IEnumerable<JsonElement> Tables()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory!, "expected.json")));
        return [.. document.RootElement.GetProperty("tables").EnumerateArray().Select(t => t.Clone())];
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("EXPECTATIONS_DELTA_CORPUS") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Expectations.sln")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "realworld", "delta"));
                return System.IO.Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
