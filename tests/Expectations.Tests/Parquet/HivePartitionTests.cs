using System.Globalization;
using DuckDB.NET.Data;
using Expectations.Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Parquet;

/// <summary>
/// Hive-partitioned folders written by the tests (Parquet.Net), read as DuckDB's
/// <c>read_parquet('…/**/*.parquet', hive_partitioning = true)</c> reads them: the same partition columns with the same
/// types and the same value in every row (URL-decoded, <c>__HIVE_DEFAULT_PARTITION__</c> as null), the same rows kept by
/// a filter; plus pruning, exact statistics, <c>row_condition</c> on partition columns and clear errors for bad layouts.
/// </summary>
public sealed class HivePartitionTests : IDisposable
{
    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Partition_columns_have_DuckDBs_types_and_values_in_every_row()
    {
        var root = await WriteDatasetAsync();
        await using var source = await ParquetDataSource.OpenAsync(root);
        source.PartitionColumns.Should().Equal("date", "n", "region", "ts", "x");
        source.Columns.Single(c => c.Name == "x").PhysicalType.Should().Be("VARCHAR (partition)", "DuckDB infers no DOUBLE");
        source.Columns.Single(c => c.Name == "ts").PhysicalType.Should().Be("VARCHAR (partition)", "the folder names hold %3A: typed before URL-decoding, as DuckDB does");
        var ours = await ReadRowsAsync(source);
        var (duckTypes, duckRows) = QueryDuckDb(root, "");
        foreach (var (name, type) in duckTypes)
        {
            source.Columns.Single(c => c.Name == name).PhysicalType.Should().StartWith(name == "id" ? "INT" : type, $"DuckDB types '{name}' as {type}");
        }

        ours.Should().Equal(duckRows);
    }

    [Theory]
    [InlineData("date>=2024-06-01", "date >= DATE '2024-06-01'")]
    [InlineData("region in (eu, 'New York')", "region IN ('eu', 'New York')")]
    [InlineData("region != us, n < 3", "region <> 'us' AND n < 3")]
    [InlineData("x = 1.5 and date = 2024-01-01", "x = '1.5' AND date = DATE '2024-01-01'")]
    [InlineData("n >= 2 AND n <= 2", "n BETWEEN 2 AND 2")]
    [InlineData("region is null", "region IS NULL")]
    [InlineData("ts <= '2024-01-01 10:30:00'", "ts <= '2024-01-01 10:30:00'")]
    [InlineData("n not in (1, 3)", "n NOT IN (1, 3)")]
    public async Task A_partition_filter_keeps_the_rows_DuckDBs_where_clause_keeps(string filter, string where)
    {
        var root = await WriteDatasetAsync();
        await using var source = await ParquetDataSource.OpenAsync(root, new ParquetReadOptions { Filters = [PartitionFilter.Parse(filter)] });
        var ours = await ReadRowsAsync(source);
        var (_, duckRows) = QueryDuckDb(root, "WHERE " + where);
        ours.Should().Equal(duckRows);
        source.Files.Count.Should().BeLessThan(6, "the filter prunes files before they are read");
    }

    [Fact]
    public async Task Files_list_path_size_time_and_partition_values()
    {
        var root = await WriteDatasetAsync();
        await using var source = await ParquetDataSource.OpenAsync(root);
        source.Files.Should().HaveCount(6);
        var first = source.Files[0];
        first.Path.Should().Be(Path.Combine(root, "date=2024-01-01", "region=New%20York", "n=1", "x=1.5", "ts=2024-01-01 10%3A00%3A00", "part-0.parquet"));
        first.Size.Should().Be(new FileInfo(first.Path).Length);
        first.LastModifiedUtc.Should().Be(File.GetLastWriteTimeUtc(first.Path));
        first.PartitionValues.Should().Equal(new Dictionary<string, string?> { ["date"] = "2024-01-01", ["region"] = "New York", ["n"] = "1", ["x"] = "1.5", ["ts"] = "2024-01-01 10:00:00" });
        first.RowCount.Should().Be(2);
        source.Files.Single(f => f.PartitionValues["region"] is null).Path.Should().Contain("__HIVE_DEFAULT_PARTITION__");
    }

    [Fact]
    public async Task Partition_columns_have_exact_statistics_per_row_group()
    {
        var root = await WriteDatasetAsync();
        await using var source = await ParquetDataSource.OpenAsync(root);
        var part = source.Partitions[0];
        part.GetStatistics("n").Should().Be(new ColumnStatistics(0, Scalar.From(1L), Scalar.From(1L)));
        part.GetStatistics("date").Should().Be(new ColumnStatistics(0, Scalar.From(new DateTime(2024, 1, 1).Ticks), Scalar.From(new DateTime(2024, 1, 1).Ticks)));
        source.Partitions.Select(p => p.GetStatistics("region")!.NullCount).Should().Contain(2, "the __HIVE_DEFAULT_PARTITION__ file's 2 rows are null");
    }

    [Fact]
    public async Task Checks_that_partition_statistics_answer_decode_nothing()
    {
        var root = await WriteDatasetAsync();
        await using var source = await ParquetDataSource.OpenAsync(root);
        var suite = Expect.Suite("statistics only")
            .Column<long>("n", c => c.NotNull().Between(1L, 3L))
            .Column<DateTime>("date", c => c.Between(new DateTime(2024, 1, 1), new DateTime(2024, 12, 31)))
            .Build();

        // The footers were read at open; the files are gone now, so any decode would fail.
        foreach (var file in source.Files)
        {
            File.Delete(file.Path);
        }

        var report = await suite.ValidateAsync(source);
        report.Success.Should().BeTrue("every part's statistics prove the checks, so no file is opened again: "
            + string.Join("; ", report.Results.Select(r => r.ExceptionInfo?.ExceptionMessage)));

        var decoded = async () => await suite.ValidateAsync(source, new ValidationOptions { UseStatistics = false });
        await decoded.Should().ThrowAsync<DataSourceException>("without statistics the row groups are read, and the files are gone");
    }

    [Fact]
    public async Task Partition_columns_are_checkable_and_usable_in_row_conditions()
    {
        var root = await WriteDatasetAsync();
        await using var source = await ParquetDataSource.OpenAsync(root);
        var suite = SuiteJson.Parse("""
            {"name": "partitions", "expectations": [
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "n", "min_value": 1, "max_value": 3}},
              {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "region", "value_set": ["eu", "us", "New York"]}},
              {"type": "expect_column_values_to_be_between", "kwargs": {"column": "id", "min_value": 0, "max_value": 3, "row_condition": "region == 'eu'", "condition_parser": "pandas"}},
              {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "region"}}
            ]}
            """);
        var report = await suite.ValidateAsync(source);
        report.Results[0].Success.Should().BeTrue();
        report.Results[1].Success.Should().BeTrue();
        report.Results[2].Result.ElementCount.Should().Be(4, "two eu files of 2 rows");
        report.Results[3].Result.UnexpectedCount.Should().Be(2);
    }

    [Fact]
    public async Task A_flat_folder_reads_as_before_and_hive_partitioning_can_be_turned_off()
    {
        var root = await WriteDatasetAsync();
        await _files.WriteIdsAsync("dataset/top.parquet", 100, 3);
        var off = await ParquetDataSource.OpenAsync(root, new ParquetReadOptions { HivePartitioning = false });
        off.RowCount.Should().Be(3);
        off.PartitionColumns.Should().BeEmpty();
        var mixed = async () => await ParquetDataSource.OpenAsync(root);
        (await mixed.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("top.parquet").And.Contain("disagree");
    }

    [Fact]
    public async Task Bad_layouts_and_filters_are_clear_errors()
    {
        var root = await WriteDatasetAsync();
        var unknown = async () => await ParquetDataSource.OpenAsync(root, new ParquetReadOptions { Filters = [PartitionFilter.Parse("country = fr")] });
        (await unknown.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("'country'").And.Contain("'date', 'n', 'region'");
        var wrongType = async () => await ParquetDataSource.OpenAsync(root, new ParquetReadOptions { Filters = [PartitionFilter.Parse("date >= soon")] });
        (await wrongType.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("'soon' is not a DATE");
        ((Action)(() => PartitionFilter.Parse("date >"))).Should().Throw<FormatException>().WithMessage("*without a value*");
        ((Action)(() => PartitionFilter.Parse("region in (eu"))).Should().Throw<FormatException>().WithMessage("*not closed*");
        ((Action)(() => PartitionFilter.Parse(""))).Should().Throw<FormatException>().WithMessage("*empty*");

        Directory.CreateDirectory(Path.Combine(root, "date=2024-01-01", "misc"));
        var stray = async () => await ParquetDataSource.OpenAsync(root);
        (await stray.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("misc").And.Contain("not named key=value");
    }

    [Fact]
    public async Task Dates_with_a_time_of_day_are_timestamps_and_a_mix_of_dates_and_timestamps_is_text()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // ':' cannot be in a folder name there.
        }

        await _files.WriteIdsAsync("ts/t=2024-01-01 10:00:00/m=2024-01-01/part-0.parquet", 0, 1);
        await _files.WriteIdsAsync("ts/t=2024-01-02 11:30:00/m=2024-01-01 10:00:00/part-0.parquet", 1, 1);
        await using var source = await ParquetDataSource.OpenAsync(_files.PathOf("ts"));
        var (types, rows) = QueryDuckDb(_files.PathOf("ts"), "");
        types.Should().Contain(("t", "TIMESTAMP")).And.Contain(("m", "VARCHAR"));
        source.Columns.Single(c => c.Name == "t").PhysicalType.Should().Be("TIMESTAMP (partition)");
        source.Columns.Single(c => c.Name == "m").PhysicalType.Should().Be("VARCHAR (partition)");
        (await ReadRowsAsync(source)).Should().Equal(rows);
    }

    [DeltaCorpusFact]
    public async Task The_partition_folders_of_the_shared_delta_tables_read_as_DuckDB_reads_them()
    {
        // Spark's own layouts: 12 partition keys with URL-encoded (%253A) timestamps and __HIVE_DEFAULT_PARTITION__ folders;
        // yyyymmdd dates and city names. Read as plain Hive folders (the _delta_log folder is skipped).
        foreach (var name in new[] { "data-reader-partition-values", "deltatbl-partition-prune" })
        {
            var root = Path.Combine(DeltaCorpusFactAttribute.Directory!, name);
            await using var source = await ParquetDataSource.OpenAsync(root, new ParquetReadOptions { HivePartitioning = true });
            var nested = source.Columns.Where(c => c.Parent is null && c.Kind is DataKind.List or DataKind.Struct or DataKind.Map).Select(c => c.Name).ToList();
            var select = nested.Count == 0 ? "*" : $"* EXCLUDE ({string.Join(", ", nested)})";
            var (types, rows) = QueryDuckDb(root, "", orderBy: "ALL", select: select);
            source.Columns.Where(c => c.Parent is null && !nested.Contains(c.Name)).Select(c => c.Name).Should().Equal(types.Select(t => t.Name), name);
            foreach (var (column, type) in types.Where(t => source.PartitionColumns.Contains(t.Name)))
            {
                source.Columns.Single(c => c.Name == column).PhysicalType.Should().Be(type + " (partition)", $"{name}: DuckDB types '{column}' as {type}");
            }

            (await ReadRowsAsync(source, sortById: false)).Order(StringComparer.Ordinal).Should().Equal(rows.Order(StringComparer.Ordinal), name);
        }
    }

    [Fact]
    public async Task A_partition_key_that_is_also_a_file_column_is_refused()
    {
        await _files.WriteIdsAsync("clash/id=1/part-0.parquet", 0, 2);
        var open = async () => await ParquetDataSource.OpenAsync(_files.PathOf("clash"));
        (await open.Should().ThrowAsync<DataSourceException>()).Which.Message.Should().Contain("'id' is both a column of the files");
    }

    /// <summary>Six files under date/region/n/x/ts folders; values needing URL encoding, and a null region.</summary>
    private async Task<string> WriteDatasetAsync()
    {
        var id = new DataField<int>("id");
        string[] folders =
        [
            "date=2024-01-01/region=New%20York/n=1/x=1.5/ts=2024-01-01 10%3A00%3A00",
            "date=2024-01-01/region=eu/n=1/x=2.5/ts=2024-01-01 11%3A00%3A00",
            "date=2024-06-01/region=eu/n=2/x=1.5/ts=2024-01-01 10%3A00%3A00",
            "date=2024-06-01/region=us/n=2/x=0.5/ts=2024-06-01 10%3A30%3A00",
            "date=2024-07-15/region=__HIVE_DEFAULT_PARTITION__/n=3/x=2/ts=2024-07-15 00%3A00%3A00",
            "date=2024-07-15/region=us/n=3/x=3.25/ts=2024-07-15 23%3A59%3A59",
        ];
        for (var i = 0; i < folders.Length; i++)
        {
            var first = i * 2;
            await _files.WriteAsync($"dataset/{folders[i]}/part-0.parquet", new ParquetSchema(id), async rg => await rg.WriteAsync<int>(id, new[] { first, first + 1 }));
        }

        return _files.PathOf("dataset");
    }

    /// <summary>Every row as text (columns in source order), sorted by id.</summary>
    private static async Task<List<string>> ReadRowsAsync(ParquetDataSource source, bool sortById = true)
    {
        var names = source.Columns.Where(c => c.Parent is null && c.Kind is not (DataKind.List or DataKind.Struct or DataKind.Map)).Select(c => c.Name).ToList();
        var rows = new List<(int Id, string Text)>();
        await foreach (var chunk in source.ReadAsync(names))
        {
            for (var r = 0; r < chunk.RowCount; r++)
            {
                var cells = names.Select(n => Render(chunk[n], r)).ToList();
                rows.Add((sortById ? ((PrimitiveBatch<int>)chunk["id"]).Values.Span[r] : 0, string.Join(" | ", cells)));
            }
        }

        return sortById ? [.. rows.OrderBy(r => r.Id).Select(r => r.Text)] : [.. rows.Select(r => r.Text)];
    }

    private static string Render(ColumnBatch batch, int row)
    {
        if (!batch.IsValid(row))
        {
            return "NULL";
        }

        return batch switch
        {
            PrimitiveBatch<long> l when batch.Kind == DataKind.Timestamp => new DateTime(l.Values.Span[row]).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            PrimitiveBatch<long> l => l.Values.Span[row].ToString(CultureInfo.InvariantCulture),
            PrimitiveBatch<int> i => i.Values.Span[row].ToString(CultureInfo.InvariantCulture),
            PrimitiveBatch<double> d => d.Values.Span[row].ToString("R", CultureInfo.InvariantCulture),
            StringBatch s => s.GetString(row)!,
            _ => throw new InvalidOperationException($"unexpected batch {batch.GetType()}"),
        };
    }

    private static (List<(string Name, string Type)> Types, List<string> Rows) QueryDuckDb(string root, string where, string orderBy = "id", string select = "*")
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var glob = Path.Combine(root, "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        var from = $"read_parquet('{glob}', hive_partitioning = true)";
        var types = new List<(string, string)>();
        using (var describe = connection.CreateCommand())
        {
            describe.CommandText = $"DESCRIBE SELECT {select} FROM {from}";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
            {
                types.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var rows = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {select} FROM {from} {where} ORDER BY {orderBy}";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var cells = new List<string>();
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    cells.Add(reader.IsDBNull(c) ? "NULL" : reader.GetValue(c) switch
                    {
                        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00",
                        double x => x.ToString("R", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var o => o.ToString()!,
                    });
                }

                rows.Add(string.Join(" | ", cells));
            }
        }

        return (types, rows);
    }
}
