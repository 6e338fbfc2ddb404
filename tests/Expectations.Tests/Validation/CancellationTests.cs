using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Expectations.Parquet;
using Expectations.Tests.Parquet;
using global::Parquet.Schema;

namespace Expectations.Tests.Validation;

/// <summary>
/// Issue 12 item 6: a cancelled token stops a validation in the middle of a file with <see cref="OperationCanceledException"/>,
/// within one chunk of work, and leaves no output behind. Semantics are tested, not timings.
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private static readonly ExpectationSuite Suite = Expect.Suite("s")
        .Column<long>("id", c => c.NotNull().Between(0, long.MaxValue))
        .Column<string>("label", c => c.InSet("a", "b", "c"))
        .Build();

    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Csv(int rows)
    {
        var path = _files.PathOf("data.csv");
        var sb = new StringBuilder("id,label\n");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{i},{"abc"[i % 3]}\n");
        }

        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private async Task<string> ParquetAsync(int rowGroups, int rowsPerGroup)
    {
        var id = new DataField<long>("id");
        var label = new DataField<string>("label");
        return await _files.WriteAsync("data.parquet", new ParquetSchema(id, label), [.. Enumerable.Range(0, rowGroups).Select(g => (Func<global::Parquet.ParquetRowGroupWriter, Task>)(async rg =>
        {
            await rg.WriteAsync<long>(id, Enumerable.Range(g * rowsPerGroup, rowsPerGroup).Select(i => (long)i).ToArray());
            await rg.WriteAsync(label, Enumerable.Range(0, rowsPerGroup).Select(i => "abc"[i % 3].ToString()).ToArray());
        }))]);
    }

    [Fact]
    public async Task A_csv_validation_stops_within_one_chunk_of_the_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        var csv = CsvDataSource.Open(Csv(100_000), new CsvOptions { ChunkRows = 4_096 });
        var source = new CancelAfterChunks(csv, chunks: 3, cancel);

        var validate = async () => await ValidationPlan.Compile(Suite).ValidateAsync(source, null, cancel.Token);

        await validate.Should().ThrowAsync<OperationCanceledException>();
        source.ChunksRead.Should().BeLessThanOrEqualTo(4, "the run stops at the next chunk (25 chunks in the file), not at the end of the file");
    }

    [Fact]
    public async Task A_parquet_validation_stops_after_the_row_groups_in_flight()
    {
        var path = await ParquetAsync(rowGroups: 12, rowsPerGroup: 5_000);
        await using var parquet = await ParquetDataSource.OpenAsync(path);
        using var cancel = new CancellationTokenSource();
        var parts = 0;
        var options = new ValidationOptions
        {
            MaxDegreeOfParallelism = 2,
            Progress = new SynchronousProgress(p =>
            {
                parts = Math.Max(parts, p.PartsDone);
                cancel.Cancel();
            }),
        };

        var validate = async () => await ValidationPlan.Compile(Suite).ValidateAsync(parquet, options, cancel.Token);

        await validate.Should().ThrowAsync<OperationCanceledException>();
        parts.Should().BeLessThan(12, "the run stopped mid-file");

        // The source is still usable: cancelling one run does not break the next.
        (await ValidationPlan.Compile(Suite).ValidateAsync(parquet)).Success.Should().BeTrue();
    }

    [Fact]
    public async Task A_parquet_read_stops_between_columns_of_a_row_group()
    {
        var path = await ParquetAsync(rowGroups: 1, rowsPerGroup: 10_000);
        await using var parquet = await ParquetDataSource.OpenAsync(path);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var read = async () =>
        {
            await foreach (var _ in parquet.Partitions[0].ReadAsync(["id", "label"], cancel.Token))
            {
            }
        };

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_cancelled_quarantine_leaves_no_split_file_and_no_temporary_file()
    {
        using var cancel = new CancellationTokenSource();
        var csv = CsvDataSource.Open(Csv(50_000), new CsvOptions { ChunkRows = 4_096 });

        // Validation reads 13 chunks; cancel during the split, the second read, after it has written row groups.
        var source = new CancelAfterChunks(csv, chunks: 13 + 3, cancel);
        var valid = _files.PathOf("good.parquet");
        var invalid = _files.PathOf("bad.parquet");

        var split = async () => await ValidationPlan.Compile(Suite).QuarantineAsync(source, valid, invalid, null, cancel.Token);

        await split.Should().ThrowAsync<OperationCanceledException>();
        source.ChunksRead.Should().BeGreaterThan(13, "the split had started");
        File.Exists(valid).Should().BeFalse();
        File.Exists(invalid).Should().BeFalse();
        Directory.EnumerateFiles(_files.Folder, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    /// <summary>Cancels <paramref name="cancel"/> once <paramref name="chunks"/> chunks (over all reads) have been handed out.</summary>
    private sealed class CancelAfterChunks(IDataSource inner, int chunks, CancellationTokenSource cancel) : IDataSource
    {
        public int ChunksRead { get; private set; }

        public string Description => inner.Description;

        public IReadOnlyList<ColumnInfo> Columns => inner.Columns;

        public async IAsyncEnumerable<DataChunk> ReadAsync(IReadOnlyCollection<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var chunk in inner.ReadAsync(columns, cancellationToken))
            {
                ChunksRead++;
                if (ChunksRead == chunks)
                {
                    await cancel.CancelAsync();
                }

                yield return chunk;
            }
        }
    }

    /// <summary>Reports on the calling thread.</summary>
    private sealed class SynchronousProgress(Action<ValidationProgress> report) : IProgress<ValidationProgress>
    {
        public void Report(ValidationProgress value) => report(value);
    }
}
