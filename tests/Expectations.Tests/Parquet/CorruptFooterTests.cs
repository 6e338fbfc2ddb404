using System.Buffers.Binary;
using Expectations.Parquet;
using Expectations.Tests.Cli;
using global::Parquet.Schema;

namespace Expectations.Tests.Parquet;

/// <summary>
/// Issue 16 item 1: a corrupt footer ends in a <see cref="DataSourceException"/> naming the file (CLI exit 2), never
/// in a hang, a native crash or a buffer sized by a corrupt count. Each case runs under a 30 s cap so that a hang
/// fails the test instead of hanging CI (the cap is a guard, not a speed bound: a case takes milliseconds).
/// </summary>
public sealed class CorruptFooterTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly ParquetTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_issue_repro_byte_0x02_at_size_minus_9_is_exit_2_naming_the_file()
    {
        var path = Corrupt("repro.parquet", bytes => bytes[^9] = 0x02);
        var suite = _files.PathOf("empty.json");
        await File.WriteAllTextAsync(suite, """{"name": "empty", "expectations": []}""");

        var run = await Guarded(() => CliRun.RunAsync("validate", "--suite", suite, path));

        run.ExitCode.Should().Be(Expectations.Cli.ExitCodes.InvalidInput, run.Stderr);
        run.Stderr.Should().Contain(path);
    }

    public static TheoryData<string, int, byte> FooterCorruptions => new()
    {
        // name, offset from the end of the file, new byte
        { "the issue repro", 9, 0x02 },
        { "last byte of the footer", 9, 0xFF },
        { "footer length: low byte", 8, 0xFF },
        { "footer length: high byte (longer than the file)", 5, 0x7F },
        { "footer length: third byte (64 KiB more)", 6, 0x01 },
        { "magic", 1, 0x00 },
        { "magic", 4, (byte)'Q' },
    };

    [Theory]
    [MemberData(nameof(FooterCorruptions))]
    public async Task A_single_byte_corruption_at_the_end_of_the_footer_is_a_data_source_error_naming_the_file(string what, int fromEnd, byte value)
    {
        var path = Corrupt($"end-{fromEnd}-{value}.parquet", bytes => bytes[^fromEnd] = value);

        var outcome = await Guarded(() => OpenAndReadAll(path));

        outcome.Should().BeOfType<DataSourceException>(what).Which.Message.Should().Contain(path);
    }

    [Fact]
    public async Task Flipping_any_bit_0_of_the_schema_part_of_the_footer_reads_or_is_a_data_source_error()
    {
        // The schema opens the footer. One of these flips turns the STRING column 'currency' into a group without fields,
        // whose first field the native reader then read past its end (a segmentation fault that killed the process).
        var sample = await File.ReadAllBytesAsync(SamplePath());
        var footerStart = sample.Length - 8 - BinaryPrimitives.ReadInt32LittleEndian(sample.AsSpan(sample.Length - 8));
        var failures = new List<string>();
        var refused = 0;
        for (var offset = footerStart; offset < footerStart + 256; offset++)
        {
            var path = _files.PathOf($"flip-{offset % 4}.parquet");
            var bytes = (byte[])sample.Clone();
            bytes[offset] ^= 0x01;
            await File.WriteAllBytesAsync(path, bytes);
            switch (await Guarded(() => OpenAndReadAll(path)))
            {
                case null:
                    break;
                case DataSourceException e when e.Message.Contains(path, StringComparison.Ordinal):
                    refused++;
                    break;
                case var other:
                    failures.Add($"byte {offset} (end - {sample.Length - offset}): {other.GetType().Name}: {other.Message}");
                    break;
            }
        }

        failures.Should().BeEmpty();
        refused.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_group_without_fields_is_a_data_source_error()
    {
        var sample = await File.ReadAllBytesAsync(SamplePath());
        var footerStart = sample.Length - 8 - BinaryPrimitives.ReadInt32LittleEndian(sample.AsSpan(sample.Length - 8));
        string? message = null;
        for (var offset = footerStart; offset < footerStart + 256 && message is null; offset++)
        {
            var path = _files.PathOf("group.parquet");
            var bytes = (byte[])sample.Clone();
            bytes[offset] ^= 0x01;
            await File.WriteAllBytesAsync(path, bytes);
            if (await Guarded(() => OpenAndReadAll(path)) is DataSourceException e && e.Message.Contains("without fields", StringComparison.Ordinal))
            {
                message = e.Message;
            }
        }

        message.Should().NotBeNull("one flip of the sample's schema makes an empty group").And.Contain("group.parquet").And.Contain("corrupt");
    }

    [Fact]
    public async Task A_row_count_in_the_footer_beyond_the_column_chunks_is_refused_at_open()
    {
        // A footer claiming two billion rows used to open, and a read then sized its buffers by the claim (gigabytes).
        var field = new DataField<int>("id");
        var written = await _files.WriteAsync("rows.parquet", new ParquetSchema(field), rg => rg.WriteAsync<int>(field, Enumerable.Range(0, 1_000).ToArray()));
        var path = _files.PathOf("claims.parquet");
        await File.WriteAllBytesAsync(path, WithRowGroupRowCount(await File.ReadAllBytesAsync(written), 1_000, 2_000_000_000));

        var outcome = await Guarded(async () =>
        {
            try
            {
                await using var source = await ParquetDataSource.OpenAsync(path);
                return (Exception?)null;
            }
            catch (DataSourceException e)
            {
                return e;
            }
        });

        outcome.Should().BeOfType<DataSourceException>().Which.Message.Should().Contain(path).And.Contain("2000000000 rows").And.Contain("1000 values");
    }

    /// <summary>
    /// The file with the row group's <c>num_rows</c> (Thrift compact i64, the last occurrence of the field header 0x16 and
    /// the zigzag varint of <paramref name="rows"/> in a one-row-group footer: it follows the column chunks) replaced.
    /// </summary>
    private static byte[] WithRowGroupRowCount(byte[] file, long rows, long claim)
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        var footer = file.AsSpan(file.Length - 8 - footerLength, footerLength).ToArray();
        byte[] pattern = [0x16, .. ZigzagVarint(rows)];
        var at = footer.AsSpan().LastIndexOf(pattern);
        at.Should().BeGreaterThan(0, "the footer holds the row group's num_rows");
        byte[] replaced = [.. footer.AsSpan(0, at + 1), .. ZigzagVarint(claim), .. footer.AsSpan(at + pattern.Length)];
        var result = new byte[file.Length - footerLength + replaced.Length];
        file.AsSpan(0, file.Length - 8 - footerLength).CopyTo(result);
        replaced.CopyTo(result.AsSpan(file.Length - 8 - footerLength));
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(result.Length - 8), replaced.Length);
        "PAR1"u8.CopyTo(result.AsSpan(result.Length - 4));
        return result;
    }

    private static byte[] ZigzagVarint(long value)
    {
        var n = (ulong)((value << 1) ^ (value >> 63));
        var bytes = new List<byte>();
        while (n >= 0x80)
        {
            bytes.Add((byte)(n | 0x80));
            n >>= 7;
        }

        bytes.Add((byte)n);
        return [.. bytes];
    }

    private static string SamplePath() => Path.Combine(Docs.CatalogDocTests.RepoRoot(), "samples", "transactions.parquet");

    private string Corrupt(string name, Action<byte[]> corrupt)
    {
        var bytes = File.ReadAllBytes(SamplePath());
        corrupt(bytes);
        var path = _files.PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Opens the file and reads every top-level column; the exception it ended in, or null when it read.</summary>
    private static async Task<Exception?> OpenAndReadAll(string path)
    {
        try
        {
            await using var source = await ParquetDataSource.OpenAsync(path);
            var columns = source.Columns.Where(c => c.Parent is null).Select(c => c.Name).ToArray();
            await foreach (var _ in source.ReadAsync(columns))
            {
            }

            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool and fails the test if it has not ended after <see cref="HangGuard"/>.</summary>
    private static async Task<T> Guarded<T>(Func<Task<T>> work)
    {
        var task = Task.Run(work);
        var finished = await Task.WhenAny(task, Task.Delay(HangGuard));
        finished.Should().BeSameAs(task, $"opening a corrupt file must end, not hang (guard: {HangGuard.TotalSeconds} s)");
        return await task;
    }
}
