using System.Text.Json;
using Expectations.Parquet;
using Expectations.Parquet.Delta;
using global::Parquet.Schema;

namespace Expectations.Tests.Parquet;

/// <summary>
/// Delta tables the tests write (JSON commits, data files by Parquet.Net, copies of a real checkpoint): adds and
/// removes replayed to the live files, time travel, partition values and schema evolution from the log, and every
/// damaged or unsupported log refused with a message that says what and where.
/// </summary>
public sealed class DeltaLogTests : IDisposable
{
    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Adds_and_removes_replay_to_the_live_files_of_each_version()
    {
        var table = await WriteTableAsync();
        var v0 = await DeltaSnapshot.ReadAsync(table, new DeltaReadOptions { Version = 0 });
        v0.Files.Select(f => f.Path).Should().Equal("region=eu/a.parquet", "region=us/b.parquet");
        var v1 = await DeltaSnapshot.ReadAsync(table);
        v1.Version.Should().Be(1);
        v1.Files.Select(f => f.Path).Should().Equal("region=eu/c.parquet", "region=us/b.parquet");
        v1.PartitionColumns.Should().Equal("region");

        await using var source = await DeltaTable.OpenAsync(table);
        source.Description.Should().Be($"{table} (Delta table, version 1)");
        source.RowCount.Should().Be(5);
        source.Columns.Select(c => c.Name).Should().Equal("id", "region", "score");
        var report = await Expect.Suite("v1")
            .Column<string>("region", c => c.InSet("eu", "us"))
            .Column<long>("id", c => c.Between(0L, 100L))
            .Column("score", c => c.NotNull())
            .Build().ValidateAsync(source);
        report.Results[0].Success.Should().BeTrue();
        report.Results[2].Result.UnexpectedCount.Should().Be(2, "b.parquet, written before 'score' was added, has no score: its 2 rows read as null");
    }

    [Fact]
    public async Task Time_travel_reads_an_older_version_and_as_of_a_time()
    {
        var table = await WriteTableAsync();
        await using var v0 = await DeltaTable.OpenAsync(table, new DeltaReadOptions { Version = 0 });
        v0.Version.Should().Be(0);
        v0.RowCount.Should().Be(5);
        v0.Columns.Select(c => c.Name).Should().Equal("id", "region");
        (await DeltaSnapshot.ReadAsync(table, new DeltaReadOptions { AsOf = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500) })).Version.Should().Be(0);
        (await DeltaSnapshot.ReadAsync(table, new DeltaReadOptions { AsOf = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000) })).Version.Should().Be(1);
        var future = async () => await DeltaSnapshot.ReadAsync(table, new DeltaReadOptions { Version = 7 });
        (await future.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("has no version 7").And.Contain("latest version is 1");
    }

    [Fact]
    public async Task Partition_filters_prune_live_files_before_they_are_opened()
    {
        var table = await WriteTableAsync();
        await using var eu = await DeltaTable.OpenAsync(table, new DeltaReadOptions { Filters = [PartitionFilter.Parse("region = eu")] });
        eu.Files.Should().ContainSingle().Which.PartitionValues["region"].Should().Be("eu");
        eu.RowCount.Should().Be(3);
    }

    [Fact]
    public async Task Opening_a_delta_table_as_a_plain_folder_is_refused_unless_asked_for()
    {
        var table = await WriteTableAsync();
        var plain = async () => await ParquetDataSource.OpenAsync(table);
        (await plain.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("is a Delta table").And.Contain("DeltaTable.OpenAsync");
        File.Delete(Path.Combine(table, "region=eu", "c.parquet"));
        await using var asked = await ParquetDataSource.OpenAsync(table, new ParquetReadOptions { HivePartitioning = true });
        asked.Files.Select(f => Path.GetFileName(f.Path)).Should().Equal(["a.parquet", "b.parquet"], "the folder's files as they are, a.parquet (removed by the log) included");
    }

    [Fact]
    public async Task A_missing_commit_is_refused_naming_it()
    {
        var table = await WriteTableAsync();
        File.Delete(Path.Combine(table, "_delta_log", "00000000000000000000.json"));
        var read = async () => await DeltaSnapshot.ReadAsync(table);
        (await read.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("missing commit 0");
    }

    [Fact]
    public async Task A_malformed_commit_line_is_an_error_naming_file_and_line()
    {
        var table = await WriteTableAsync();
        File.AppendAllText(Path.Combine(table, "_delta_log", "00000000000000000001.json"), "{\"add\": {\"path\": \n");
        var read = async () => await DeltaSnapshot.ReadAsync(table);
        (await read.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("00000000000000000001.json line 5").And.Contain("not valid JSON");
    }

    [Theory]
    [InlineData("{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"deletionVectors\"]}}", "deletionVectors")]
    [InlineData("{\"protocol\":{\"minReaderVersion\":4,\"minWriterVersion\":7}}", "reader protocol version 4")]
    [InlineData("{\"add\":{\"path\":\"region=us/b.parquet\",\"partitionValues\":{\"region\":\"us\"},\"size\":1,\"modificationTime\":0,\"dataChange\":true,\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":4,\"sizeInBytes\":40,\"cardinality\":1}}}", "deletion vectors")]
    public async Task What_this_reader_does_not_implement_is_refused(string action, string reason)
    {
        var table = await WriteTableAsync();
        await WriteCommitAsync(table, 2, 1_700_000_002_000, action);
        var read = async () => await DeltaTable.OpenAsync(table);
        (await read.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain(reason).And.Contain("version 2");
        (await DeltaSnapshot.ReadAsync(table, new DeltaReadOptions { Version = 1 })).Version.Should().Be(1, "the versions before the upgrade stay readable");
    }

    [Fact]
    public async Task Column_mapping_is_refused()
    {
        var table = await WriteTableAsync();
        var schema = JsonSerializer.Serialize(SchemaString(withScore: true));
        await WriteCommitAsync(table, 2, 1_700_000_002_000,
            "{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":" + schema + ",\"partitionColumns\":[\"region\"],\"configuration\":{\"delta.columnMapping.mode\":\"id\"}}}");
        var read = async () => await DeltaSnapshot.ReadAsync(table);
        (await read.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("column mapping mode 'id'");
    }

    [Theory]
    [InlineData("s3://bucket/table")]
    [InlineData("abfss://container@account.dfs.core.windows.net/table")]
    public async Task Remote_storage_uris_are_refused(string uri)
    {
        var read = async () => await DeltaSnapshot.ReadAsync(uri);
        (await read.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("remote storage URI");
    }

    [DeltaCorpusFact]
    public async Task A_checkpoint_that_disagrees_with_the_commits_is_refused()
    {
        var table = CopyCorpusTable("basic-with-checkpoint");
        var commit = Path.Combine(table, "_delta_log", "00000000000000000003.json");
        File.WriteAllLines(commit, File.ReadAllLines(commit).Where(l => !l.StartsWith("{\"add\"", StringComparison.Ordinal)));
        var read = async () => await DeltaSnapshot.ReadAsync(table);
        (await read.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("checkpoint at version 10 disagrees with commits 0..10");
    }

    [DeltaCorpusFact]
    public async Task A_checkpoint_replaces_commits_that_were_cleaned_up_but_older_versions_then_cannot_be_read()
    {
        var table = CopyCorpusTable("basic-with-checkpoint");
        var expected = await DeltaSnapshot.ReadAsync(table);
        for (var v = 0; v < 10; v++)
        {
            File.Delete(Path.Combine(table, "_delta_log", $"{v:D20}.json"));
        }

        var latest = await DeltaSnapshot.ReadAsync(table);
        latest.CheckpointVersion.Should().Be(10);
        latest.Files.Select(f => f.Path).Should().Equal(expected.Files.Select(f => f.Path));
        var old = async () => await DeltaSnapshot.ReadAsync(table, new DeltaReadOptions { Version = 5 });
        (await old.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("log starts at version 10");
        File.Delete(Path.Combine(table, "_delta_log", "00000000000000000012.json"));
        var gap = async () => await DeltaSnapshot.ReadAsync(table);
        (await gap.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("missing commit 12");
    }

    [DeltaCorpusFact]
    public async Task Multi_part_checkpoints_are_read_and_an_incomplete_one_is_skipped()
    {
        var table = CopyCorpusTable("basic-with-checkpoint");
        var expected = await DeltaSnapshot.ReadAsync(table);
        var log = Path.Combine(table, "_delta_log");
        var single = Path.Combine(log, "00000000000000000010.checkpoint.parquet");

        // Two parts holding the same actions: a complete 2-part checkpoint whose union is the single one.
        File.Copy(single, Path.Combine(log, "00000000000000000010.checkpoint.0000000001.0000000002.parquet"));
        File.Move(single, Path.Combine(log, "00000000000000000010.checkpoint.0000000002.0000000002.parquet"));
        var multi = await DeltaSnapshot.ReadAsync(table);
        multi.CheckpointVersion.Should().Be(10);
        multi.Files.Select(f => f.Path).Should().Equal(expected.Files.Select(f => f.Path));

        File.Delete(Path.Combine(log, "00000000000000000010.checkpoint.0000000002.0000000002.parquet"));
        var incomplete = await DeltaSnapshot.ReadAsync(table);
        incomplete.CheckpointVersion.Should().BeNull("part 2 of 2 is missing: the replay starts from commit 0");
        incomplete.Files.Select(f => f.Path).Should().Equal(expected.Files.Select(f => f.Path));
    }

    private string CopyCorpusTable(string name)
    {
        var source = Path.Combine(DeltaCorpusFactAttribute.Directory!, name);
        var target = _files.PathOf(name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>
    /// Version 0: a.parquet (eu, ids 1..3) and b.parquet (us, ids 10, 11), schema (id, region). Version 1: the schema
    /// gains 'score'; a.parquet is replaced by c.parquet (eu, ids 1..3 with scores).
    /// </summary>
    private async Task<string> WriteTableAsync()
    {
        var table = _files.PathOf("table");
        var id = new DataField<long>("id");
        var score = new DataField<double?>("score");
        await _files.WriteAsync("table/region=eu/a.parquet", new ParquetSchema(id), async rg => await rg.WriteAsync<long>(id, new long[] { 1, 2, 3 }));
        await _files.WriteAsync("table/region=us/b.parquet", new ParquetSchema(id), async rg => await rg.WriteAsync<long>(id, new long[] { 10, 11 }));
        await _files.WriteAsync("table/region=eu/c.parquet", new ParquetSchema(id, score), async rg =>
        {
            await rg.WriteAsync<long>(id, new long[] { 1, 2, 3 });
            await rg.WriteAsync<double>(score, new double?[] { 0.5, 0.25, 1 });
        });
        var schema0 = JsonSerializer.Serialize(SchemaString(withScore: false));
        var schema1 = JsonSerializer.Serialize(SchemaString(withScore: true));
        await WriteCommitAsync(table, 0, 1_700_000_000_000,
            "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
            "{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":" + schema0 + ",\"partitionColumns\":[\"region\"],\"configuration\":{}}}",
            Add(table, "region=eu/a.parquet", "eu"),
            Add(table, "region=us/b.parquet", "us"));
        await WriteCommitAsync(table, 1, 1_700_000_001_000,
            "{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":" + schema1 + ",\"partitionColumns\":[\"region\"],\"configuration\":{}}}",
            "{\"remove\":{\"path\":\"region=eu/a.parquet\",\"deletionTimestamp\":1700000001000,\"dataChange\":true}}",
            Add(table, "region=eu/c.parquet", "eu"));
        return table;
    }

    private static string SchemaString(bool withScore) =>
        "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},{\"name\":\"region\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}"
        + (withScore ? ",{\"name\":\"score\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}}" : "") + "]}";

    private static string Add(string table, string path, string region) =>
        "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"region\":\"" + region + "\"},\"size\":" + new FileInfo(Path.Combine(table, path)).Length + ",\"modificationTime\":0,\"dataChange\":true}}";

    private static async Task WriteCommitAsync(string table, long version, long timestampMs, params string[] actions)
    {
        var log = Path.Combine(table, "_delta_log");
        Directory.CreateDirectory(log);
        var lines = new List<string> { "{\"commitInfo\":{\"timestamp\":" + timestampMs + ",\"operation\":\"WRITE\"}}" };
        lines.AddRange(actions);
        await File.WriteAllLinesAsync(Path.Combine(log, $"{version:D20}.json"), lines);
    }
}
